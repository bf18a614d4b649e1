package org.odsharvester.launch;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.odsharvester.guard.RunGuard;
import org.odsharvester.guard.RunInProgressException;
import org.odsharvester.job.CurrentExecution;
import org.odsharvester.job.HarvestJobConfiguration;
import org.odsharvester.job.HarvestProperties;
import org.odsharvester.job.RunParameters;
import org.odsharvester.ods.OdsCatalogApiResolver;
import org.odsharvester.ods.OdsProperties;
import org.odsharvester.report.HtmlReportWriter;
import org.odsharvester.report.Outcome;
import org.odsharvester.report.OutcomeQueries;
import org.odsharvester.report.ReportWriter;
import org.odsharvester.report.RunHistory;
import org.odsharvester.report.RunSummary;
import org.odsharvester.udata.ArchiveMissingTasklet;
import org.odsharvester.udata.DatasetIndex;
import org.odsharvester.udata.PlanScratch;
import org.odsharvester.udata.PortalDataserviceTasklet;
import org.odsharvester.udata.OtherAddresses;
import org.odsharvester.udata.TargetOrganization;
import org.odsharvester.udata.UdataProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;

/**
 * Decides what a launch does, runs it, and turns the result into the exit code: validate the
 * options (exit 2 before anything is written), then resume the interrupted run of this source and
 * target if there is one, else start the next run; finally write the report and print the summary.
 */
public class HarvestLauncher implements ApplicationRunner, ExitCodeGenerator {

    private static final Logger log = LoggerFactory.getLogger(HarvestLauncher.class);

    private final OdsProperties ods;
    private final UdataProperties udata;
    private final HarvestProperties harvest;
    private final ObjectProvider<TargetOrganization> targetOrganization;
    private final OdsCatalogApiResolver apiResolver;
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job job;
    private final RunRegistry runRegistry;
    private final StaleRunPolicy staleRunPolicy;
    private final OutcomeQueries outcomes;
    private final ReportWriter reportWriter;
    private final HtmlReportWriter htmlReportWriter = new HtmlReportWriter();
    private final RunHistory runHistory;
    private final GracefulShutdown gracefulShutdown;
    private final RunGuard runGuard;
    private final CurrentExecution currentExecution;
    private final DataSource dataSource;

    private ExitCode exitCode = ExitCode.FAILED;

    public HarvestLauncher(OdsProperties ods, UdataProperties udata, HarvestProperties harvest,
            ObjectProvider<TargetOrganization> targetOrganization, OdsCatalogApiResolver apiResolver,
            JobOperator jobOperator,
            JobRepository jobRepository, Job job, DataSource dataSource, StaleRunPolicy staleRunPolicy,
            GracefulShutdown gracefulShutdown, RunGuard runGuard, CurrentExecution currentExecution,
            MeterRegistry meters) {
        this.ods = ods;
        this.udata = udata;
        this.harvest = harvest;
        this.targetOrganization = targetOrganization;
        this.apiResolver = apiResolver;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.job = job;
        this.runRegistry = new RunRegistry(dataSource);
        this.staleRunPolicy = staleRunPolicy;
        this.outcomes = new OutcomeQueries(dataSource);
        this.reportWriter = new ReportWriter(harvest.reportsDir(), outcomes, meters);
        this.runHistory = new RunHistory(jobRepository, HarvestJobConfiguration.JOB_NAME, outcomes);
        this.gracefulShutdown = gracefulShutdown;
        this.runGuard = runGuard;
        this.currentExecution = currentExecution;
        this.dataSource = dataSource;
    }

    @Override
    public int getExitCode() {
        return exitCode.code();
    }

    @Override
    public void run(ApplicationArguments args) {
        Instant start = Instant.now();
        gracefulShutdown.install();
        try {
            exitCode = launch(start);
        } catch (Exception e) {
            FailureClassifier.Failure failure = FailureClassifier.classify(e);
            log.error(failure.sentence());
            exitCode = failure.exitCode();
        } finally {
            gracefulShutdown.jobFinished();
        }
    }

    private ExitCode launch(Instant start) throws Exception {
        if (harvest.history() != null) {
            // a look at the job repository, not a run: nothing else is read or written
            System.out.print(RunHistory.table(ods.url(), runHistory.last(
                    parameters -> ods.url().equals(parameters.getString(RunParameters.SOURCE))
                            && !RunParameters.isPlan(parameters.getString(RunParameters.TARGET)),
                    harvest.history())));
            return ExitCode.COMPLETED;
        }
        String platformDomain = ods.platformDomainWarning();
        if (platformDomain != null) {
            log.warn(platformDomain);
        }
        if (!harvest.dryRun()) {
            udata.requireComplete();
        } else {
            // a dry run asks no udata, but a bad udata.organizations-file is still refused (exit 2) before any read
            targetOrganization.getObject();
        }
        // the key's access and the organization's id, before the run's identity: a slug and the id name one run
        RunParameters identity = harvest.dryRun()
                ? new RunParameters(ods.url(), RunParameters.DRY_RUN_TARGET, RunParameters.NO_ORGANIZATION, 0, null)
                : new RunParameters(ods.url(), (harvest.plan() ? RunParameters.PLAN_PREFIX : "") + udata.url(),
                        targetOrganization.getObject().id(), 0, null);
        if (harvest.plan()) {
            return plan(identity, start);
        }
        // one run per source and target: refused at once (exit 4) while another live process runs it
        try (RunGuard.Lease lease = runGuard.acquire(identity.sourceKey(),
                identity.source() + " into " + identity.target());
                PreviousAddresses previous = previousAddresses(identity)) {
            lease.onLost(this::stopRunningJob);
            gracefulShutdown.holding(lease);
            previous.abandonInterruptedRuns();
            JobExecution execution = resumeOrStart(identity);
            return finish(execution, start, lease.lost() || previous.lost());
        }
    }

    /**
     * A plan: the job on a copy of the target's state (PlanScratch), under its own target ({@code plan:<udata url>}),
     * so its run numbers, job instances and lease are its own; never resumed (a plan that failed is simply made
     * again), the runs of previous addresses left as they are; the copy is dropped once the report is written.
     */
    private ExitCode plan(RunParameters identity, Instant start) throws Exception {
        PlanScratch scratch = new PlanScratch(dataSource,
                DatasetIndex.targetKey(udata.url(), targetOrganization.getObject().id()));
        try (RunGuard.Lease lease = runGuard.acquire(identity.sourceKey(),
                identity.source() + " into " + identity.target())) {
            lease.onLost(this::stopRunningJob);
            gracefulShutdown.holding(lease);
            scratch.open();
            try {
                JobExecution execution = start(identity, runRegistry.lastRun(identity.sourceKey()));
                return finish(execution, start, lease.lost());
            } finally {
                scratch.discard();
            }
        }
    }

    /**
     * The runs of the addresses the portal had ({@code ods.previous-urls}), same target: their leases are taken too,
     * so that a scheduler still launching the old address cannot write the same datasets at the same time (exit 4).
     */
    private PreviousAddresses previousAddresses(RunParameters identity) {
        List<RunParameters> runs = harvest.dryRun() ? List.of()
                : ods.previousUrls().stream()
                        .map(url -> new RunParameters(url, identity.target(), identity.organization(), 0, null))
                        .toList();
        PreviousAddresses previous = new PreviousAddresses(runs);
        try {
            for (RunParameters run : runs) {
                RunGuard.Lease lease = runGuard.acquire(run.sourceKey(), run.source() + " into " + run.target());
                lease.onLost(this::stopRunningJob);
                previous.leases.add(lease);
            }
            return previous;
        } catch (RuntimeException e) {
            previous.close();
            throw e;
        }
    }

    /** The runs of the portal's previous addresses, and their leases while this launch runs. */
    private final class PreviousAddresses implements AutoCloseable {
        private final List<RunParameters> runs;
        private final List<RunGuard.Lease> leases = new java.util.ArrayList<>();

        PreviousAddresses(List<RunParameters> runs) {
            this.runs = runs;
        }

        /**
         * A run of an old address that did not complete is not resumed under the new one (its reader position and
         * outcomes are those of the old address, and it would not be found under the new run identity anyway): it
         * is marked ABANDONED, so that it is not resumed by mistake either should the old address come back; this
         * launch then resumes or starts a run of the new address, which adopts what the old run wrote.
         */
        void abandonInterruptedRuns() throws Exception {
            for (RunParameters old : runs) {
                long lastRun = runRegistry.lastRun(old.sourceKey());
                if (lastRun == 0) {
                    continue;
                }
                JobExecution last = jobRepository.getLastJobExecution(HarvestJobConfiguration.JOB_NAME,
                        old.withRun(lastRun).toJobParameters());
                if (last == null || last.getStatus() == BatchStatus.COMPLETED
                        || last.getStatus() == BatchStatus.ABANDONED) {
                    continue;
                }
                if (last.getStatus().isRunning() || last.getStatus() == BatchStatus.UNKNOWN) {
                    // this process holds that run's lease too: whoever ran it is gone
                    last = staleRunPolicy.recover(last);
                }
                BatchStatus ended = last.getStatus();
                jobOperator.abandon(last);
                log.warn("Run {} of {} did not complete (execution {} ended {}); the portal moved to {}"
                        + " (ods.previous-urls), so it is not resumed: it is marked abandoned, and the run of {}"
                        + " takes over the datasets it wrote", lastRun, old.source(), last.getId(), ended,
                        ods.url(), ods.url());
            }
        }

        boolean lost() {
            return leases.stream().anyMatch(RunGuard.Lease::lost);
        }

        @Override
        public void close() {
            leases.forEach(RunGuard.Lease::close);
        }
    }

    private JobExecution resumeOrStart(RunParameters identity) throws Exception {
        String sourceKey = identity.sourceKey();
        long lastRun = runRegistry.lastRun(sourceKey);
        if (lastRun > 0) {
            JobExecution last = jobRepository.getLastJobExecution(HarvestJobConfiguration.JOB_NAME,
                    identity.withRun(lastRun).toJobParameters());
            if (last != null && last.getStatus() != BatchStatus.COMPLETED
                    && last.getStatus() != BatchStatus.ABANDONED) {
                if (last.getStatus().isRunning() || last.getStatus() == BatchStatus.UNKNOWN) {
                    // this process holds the run lease: whoever ran that execution is gone
                    last = staleRunPolicy.recover(last);
                }
                log.info("Resuming run {} of {} (execution {} ended {})", lastRun, identity.source(), last.getId(),
                        last.getStatus());
                return jobOperator.restart(last);
            }
        }
        return start(identity, lastRun);
    }

    private JobExecution start(RunParameters identity, long lastRun) throws Exception {
        String sourceKey = identity.sourceKey();
        // before claiming a run number: a portal that cannot be read (or refuses us) starts nothing
        String api = apiResolver.resolve().version();
        long run = lastRun + 1;
        if (!runRegistry.claim(sourceKey, run)) {
            throw new RunInProgressException("Another harvest of " + identity.source() + " into "
                    + identity.target() + " started run " + run + " at the same moment; nothing was done.");
        }
        RunParameters parameters = identity.withRun(run).withApi(api);
        log.info("Starting run {} of {} (ODS API {}) into {}", run, identity.source(), api, identity.target());
        return jobOperator.start(job, parameters.toJobParameters());
    }

    /** Called by the lease heartbeat when another process took the run over: stop at a chunk boundary. */
    private void stopRunningJob() {
        JobExecution execution = currentExecution.get();
        if (execution == null) {
            return;
        }
        try {
            jobOperator.stop(execution);
        } catch (Exception e) {
            log.warn("Could not ask the job to stop: {}", e.getMessage());
        }
    }

    private ExitCode finish(JobExecution execution, Instant start, boolean leaseLost) {
        long runId = execution.getJobInstance().getInstanceId();
        RunParameters parameters = RunParameters.from(execution.getJobParameters());
        Map<Outcome, Long> counts = outcomes.countsByOutcome(runId);
        ExitCode code;
        String failureSentence = null;
        String archiveStatus = archiveStatus(execution);
        boolean completed = execution.getStatus() == BatchStatus.COMPLETED;
        if (completed && harvest.plan()) {
            // a plan decides nothing: what the guard would hold is in the archive status, and the exit says rejections
            code = counts.get(Outcome.REJECTED) > 0 || counts.get(Outcome.OTHER_ADDRESS) > 0
                    ? ExitCode.COMPLETED_WITH_REJECTIONS : ExitCode.COMPLETED;
            if (archiveStatus.startsWith(ArchiveMissingTasklet.HELD_PREFIX)) {
                failureSentence = "A real run would archive nothing and end with exit 6: "
                        + archiveStatus.substring(ArchiveMissingTasklet.HELD_PREFIX.length());
            }
        } else if (completed && archiveStatus.startsWith(ArchiveMissingTasklet.HELD_PREFIX)) {
            // needs a decision, which outranks rejections (exit 3): the sentence says which
            code = ExitCode.ARCHIVE_HELD;
            failureSentence = archiveStatus.substring(ArchiveMissingTasklet.HELD_PREFIX.length());
        } else if (completed && counts.get(Outcome.OTHER_ADDRESS) > 0) {
            // never a silent second copy: the operator says whether the portal moved
            code = ExitCode.COMPLETED_WITH_REJECTIONS;
            failureSentence = OtherAddresses.sentence(outcomes.countsByReason(runId, Outcome.OTHER_ADDRESS));
        } else if (completed) {
            code = counts.get(Outcome.REJECTED) > 0 ? ExitCode.COMPLETED_WITH_REJECTIONS : ExitCode.COMPLETED;
        } else if (leaseLost) {
            code = ExitCode.ALREADY_RUNNING;
            failureSentence = "Another launch took this run over while this process was silent for longer than"
                    + " harvest.stale-after; this process stopped at a chunk boundary and leaves the run to it.";
        } else {
            List<Throwable> failures = execution.getAllFailureExceptions();
            FailureClassifier.Failure failure = failures.isEmpty()
                    ? new FailureClassifier.Failure(ExitCode.FAILED,
                            "The harvest ended " + execution.getStatus() + "; relaunch the same command to resume.")
                    : FailureClassifier.classify(failures);
            code = failure.exitCode();
            failureSentence = failure.sentence();
        }
        Instant end = execution.getEndTime() == null ? Instant.now()
                : execution.getEndTime().atZone(ZoneId.systemDefault()).toInstant();
        RunSummary summary = new RunSummary(parameters.source(), parameters.api(), parameters.target(),
                parameters.organization(), parameters.run(), runId, execution.getId(), execution.getStatus().name(),
                code.code(), failureSentence, archiveStatus, dataserviceStatus(execution), start, end, counts,
                outcomes.filteredByReason(runId));
        Path dryRunFile = harvest.dryRun() ? harvest.dryRunFile(ods.domain(), parameters.run()) : null;
        Path report = reportWriter.reportPath(summary);
        rememberForHistory(execution, summary, report);
        reportWriter.write(summary, dryRunFile, apiResolver.quotaAtStart(), apiResolver.quotaNow());
        Path htmlReport = writeHtmlReport(summary, report, parameters);
        if (code == ExitCode.COMPLETED || code == ExitCode.COMPLETED_WITH_REJECTIONS) {
            log.info(summary.line());
        } else {
            log.error(summary.line());
        }
        long elsewhere = harvest.dryRun() ? 0 : outcomes.organizationMismatchCount(runId);
        if (elsewhere > 0) {
            log.warn("{} dataset(s) are in another organization than udata.organizations-file names for their"
                    + " publisher; udata cannot move a dataset, so they were harvested where they are (transfer them"
                    + " in udata to move them): the report lists them under organizationMismatch", elsewhere);
        }
        log.info("Report: {}", report);
        if (htmlReport != null) {
            log.info("HTML report: {}", htmlReport);
        }
        if (dryRunFile != null) {
            log.info("Dry-run payloads: {}", dryRunFile);
        }
        if (harvest.plan()) {
            log.info("This was a plan: nothing was written to udata, and the next run is not affected by it");
        }
        return code;
    }

    /** Runs of this source and target the HTML report shows. */
    private static final int HISTORY_IN_REPORT = 10;

    /** The history is a convenience: a repository that refuses the update leaves the run's outcome as it is. */
    private void rememberForHistory(JobExecution execution, RunSummary summary, Path report) {
        try {
            runHistory.remember(execution, summary, report);
        } catch (RuntimeException e) {
            log.warn("Could not record the exit code and report of this run in the job repository: {}",
                    e.getMessage());
        }
    }

    /** The JSON report is the contract; an HTML report that cannot be written is a warning, not a failed run. */
    private Path writeHtmlReport(RunSummary summary, Path report, RunParameters parameters) {
        try {
            // this run and the ones before it, by their run numbers: a lookup per run, not a scan of the repository
            List<JobParameters> runs = new ArrayList<>();
            for (long run = parameters.run(); run >= 1 && runs.size() < HISTORY_IN_REPORT; run--) {
                runs.add(new RunParameters(parameters.source(), parameters.target(), parameters.organization(), run,
                        null).toJobParameters());
            }
            List<RunHistory.Entry> history = runHistory.of(runs, HISTORY_IN_REPORT);
            return htmlReportWriter.write(summary, report, history,
                    (outcome, limit, action) -> outcomes.forEach(summary.runId(), outcome, limit, action));
        } catch (RuntimeException e) {
            log.warn("Could not write the HTML report: {}", e.getMessage());
            return null;
        }
    }

    /** For the report: what the dataservice step did, or why it did not run. */
    private String dataserviceStatus(JobExecution execution) {
        if (harvest.dryRun()) {
            return "not run: dry run";
        }
        Object status = execution.getExecutionContext().get(PortalDataserviceTasklet.STATUS_KEY);
        return status != null ? status.toString()
                : "not run: the run did not complete; it runs when the resumed run completes";
    }

    /** For the report: whether datasets no longer at the source were archived by this run, and if not why. */
    private String archiveStatus(JobExecution execution) {
        if (harvest.dryRun()) {
            return "not run: dry run";
        }
        Object status = execution.getExecutionContext().get(ArchiveMissingTasklet.STATUS_KEY);
        if (status != null) {
            return status.toString();
        }
        if (!harvest.archiveMissing()) {
            return "disabled (harvest.archive-missing=false)";
        }
        return "not run: the run did not complete; it runs when the resumed run completes";
    }
}
