package org.odsharvester.udata;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.odsharvester.report.DatasetOutcome;
import org.odsharvester.report.Outcome;
import org.odsharvester.report.OutcomeRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Archives in udata the datasets of this source that complete reads of the source have not seen for
 * {@link ArchivePolicy#archiveAfter()} ({@link DatasetIndex#notSeenInRun}), the way udata's own harvesters wait
 * {@code HARVEST_AUTOARCHIVE_GRACE_DAYS}: {@code archived} set to now, index updated at once, ARCHIVED recorded
 * with its reason.
 * <p>
 * First it forgets the absence of the datasets this run saw again ({@link MissingDatasets}); then it records
 * every dataset not seen, with since when it has been missing (the date of the first complete run that noticed
 * it) and why (filtered out, or no longer in the catalog read); then it asks the {@link MassArchiveGuard}: a run
 * that would archive too many archives none and leaves the guard's sentence under {@link #STATUS_KEY}
 * ({@value #HELD_PREFIX}…). Otherwise it commits the guard's answer in the step execution context, then archives
 * the due datasets by batches of {@value #BATCH} per tasklet iteration; archived entries leave the query, so a
 * restart goes on where it stopped and archives each dataset once (one archived in udata just before a crash is
 * found archived by the relaunch's index rebuild and reported archived by the run). A dataset deleted meanwhile is marked
 * deleted, a purged one is forgotten; neither is an error.
 * <p>
 * The job runs it last, so never after a failed run (a resumed run reaches it when it completes). It archives
 * nothing when an earlier step of this execution put a reason under {@link #SKIP_REASON_KEY} in the job
 * execution context (the harvest did not read the whole catalog: trial run, catalog changed while it was read):
 * it logs the reason and leaves it, as {@code skipped: <reason>}, under {@link #STATUS_KEY} for the report;
 * {@code done} otherwise.
 * <p>
 * In a plan ({@link #planning}) the same decisions are taken, on the plan's scratch copy of the index and of the
 * missing-since dates, but nothing is sent to udata: the due datasets are recorded ARCHIVED with
 * "{@value #PLAN_ARCHIVE}" before their reason.
 */
public class ArchiveMissingTasklet implements Tasklet {

    static final int BATCH = 100;
    /** Job execution context key: why this run must not archive (absent when it may). */
    public static final String SKIP_REASON_KEY = "archiveMissing.skipReason";
    /**
     * Job execution context key: what the archive step did ({@code done}, {@code skipped: <reason>},
     * {@code held: …}, {@code disabled …}).
     */
    public static final String STATUS_KEY = "archiveMissing.status";
    /** Start of {@link #STATUS_KEY} when the mass-archive guard held the run; the guard's sentence follows. */
    public static final String HELD_PREFIX = "held: ";
    /** Step execution context key: the guard let this run archive (a restarted step does not ask it again). */
    static final String ALLOWED_KEY = "archiveMissing.allowed";
    private static final int PLAN_PAGE = 500;
    private static final Logger log = LoggerFactory.getLogger(ArchiveMissingTasklet.class);

    private final UdataClient client;
    private final DatasetIndex index;
    private final MissingDatasets missing;
    private final OutcomeRecorder recorder;
    private final String domain;
    private final long runId;
    private final ArchivePolicy policy;
    private final String catalogFilters;
    private final Clock clock;
    private boolean planned;
    /** A plan: nothing is sent to udata. */
    private boolean plan;
    /** Start of the reason of a dataset a plan would archive. */
    public static final String PLAN_ARCHIVE = "would archive: ";

    /**
     * @param catalogFilters the facet filters the catalog was read with ({@code ods.refine.keyword=x}), for the
     *                       reason of a dataset no longer in it; empty when none
     */
    public ArchiveMissingTasklet(UdataClient client, DatasetIndex index, MissingDatasets missing,
            OutcomeRecorder recorder, String domain, long runId, ArchivePolicy policy, String catalogFilters,
            Clock clock) {
        this.client = client;
        this.index = index;
        this.missing = missing;
        this.recorder = recorder;
        this.domain = domain;
        this.runId = runId;
        this.policy = policy;
        this.catalogFilters = catalogFilters;
        this.clock = clock;
    }

    /** Makes this tasklet a plan's: what it would archive is recorded, nothing is sent. */
    public ArchiveMissingTasklet planning() {
        this.plan = true;
        return this;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        ExecutionContext job = chunkContext.getStepContext().getStepExecution().getJobExecution()
                .getExecutionContext();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (!planned) {
            // also after a partial read: what it saw is at the source, so its grace period starts afresh
            missing.forgetSeenOrGone(domain, runId);
            if (!policy.enabled()) {
                job.putString(STATUS_KEY, "disabled (harvest.archive-missing=false)");
                return RepeatStatus.FINISHED;
            }
            if (job.containsKey(SKIP_REASON_KEY)) {
                String reason = job.getString(SKIP_REASON_KEY);
                log.warn("Nothing archived in udata after this run: {}. Datasets no longer at the source are"
                        + " archived after the next complete run", reason);
                job.putString(STATUS_KEY, "skipped: " + reason);
                return RepeatStatus.FINISHED;
            }
            long notDue = recordMissing(now);
            planned = true;
            if (notDue > 0) {
                log.info("{} dataset(s) no longer in {} are kept until missing for harvest.archive-after={}"
                        + " (listed under missing in the report)", notDue, domain, policy.archiveAfterText());
            }
            recordArchivedBeforeACrash();
            ExecutionContext step = chunkContext.getStepContext().getStepExecution().getExecutionContext();
            if (!step.containsKey(ALLOWED_KEY)) {
                long due = missing.dueInRun(runId);
                Optional<String> held = policy.guard().holdReason(due, index.countLive(domain),
                        missing.runReadNothing(runId), domain);
                if (held.isPresent()) {
                    log.warn(held.get());
                    job.putString(STATUS_KEY, HELD_PREFIX + held.get());
                    return RepeatStatus.FINISHED;
                }
                step.putString(ALLOWED_KEY, "true");
                // committed with this iteration, before the first archive: a relaunch after a crash keeps it
                return RepeatStatus.CONTINUABLE;
            }
        }
        return archiveBatch(contribution, job, now);
    }

    /**
     * A relaunch after a crash (kill -9) between udata's answer and the record of it: the index rebuild found
     * those datasets archived in udata; the report lists them as archived by this run, which they were.
     */
    private void recordArchivedBeforeACrash() {
        for (MissingDatasets.Missing item : missing.dueArchivedUnrecorded(runId)) {
            IndexEntry entry = item.entry();
            missing.forget(entry.udataId());
            recorder.record(new DatasetOutcome(entry.remoteId(), entry.datasetUid(), Outcome.ARCHIVED, item.reason(),
                    entry.udataId()));
        }
    }

    /** Records each live dataset the run did not see, page by page; returns how many are not due yet. */
    private long recordMissing(Instant now) {
        long notDue = 0;
        String after = null;
        List<IndexEntry> page;
        do {
            page = index.notSeenInRun(domain, runId, after, PLAN_PAGE);
            for (IndexEntry entry : page) {
                Instant since = missing.missingSince(entry.udataId(), now);
                Instant dueAt = since.plus(policy.archiveAfter());
                boolean due = !now.isBefore(dueAt);
                // a plan's report says the archiving is to come (this reason is what the report lists)
                String reason = (plan && due ? PLAN_ARCHIVE : "") + whyMissing(entry) + "; missing since " + since
                        + (due ? "" : ", archived from " + dueAt + " (harvest.archive-after="
                                + policy.archiveAfterText() + ") unless it comes back");
                missing.recordInRun(runId, new MissingDatasets.Missing(entry, since, reason, due));
                notDue += due ? 0 : 1;
                after = entry.udataId();
            }
        } while (page.size() == PLAN_PAGE);
        return notDue;
    }

    private String whyMissing(IndexEntry entry) {
        String filtered = missing.filteredReason(runId, entry);
        if (filtered != null) {
            return "filtered out by this run: " + filtered;
        }
        return "no longer in the catalog of " + domain
                + (catalogFilters.isEmpty() ? "" : " read with " + catalogFilters);
    }

    private RepeatStatus archiveBatch(StepContribution contribution, ExecutionContext job, Instant now) {
        List<MissingDatasets.Missing> due = missing.dueNotArchived(runId, BATCH + 1);
        String archivedAt = now.atOffset(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        int done = 0;
        for (MissingDatasets.Missing item : due.subList(0, Math.min(BATCH, due.size()))) {
            IndexEntry entry = item.entry();
            contribution.incrementReadCount();
            if (plan) {
                index.save(entry.withArchived(true));
                missing.forget(entry.udataId());
                recorder.record(new DatasetOutcome(entry.remoteId(), entry.datasetUid(), Outcome.ARCHIVED,
                        item.reason(), entry.udataId()));
                done++;
                continue;
            }
            try {
                UdataDataset archived = client.archive(entry.udataId(), archivedAt);
                if (!archived.isArchived()) {
                    log.warn("udata accepted archiving dataset {} but does not show it archived", archived.id());
                }
                // marked archived whatever the answer said, so that this step always ends; the next index
                // rebuild reads the truth again
                index.save(IndexEntry.of(archived,
                        new DatasetIdentity(entry.datasetUid(), entry.remoteId(), entry.domain())).withArchived(true));
                missing.forget(entry.udataId());
                recorder.record(new DatasetOutcome(entry.remoteId(), entry.datasetUid(), Outcome.ARCHIVED,
                        item.reason(), archived.id()));
                done++;
            } catch (UdataDatasetNotFoundException e) {
                if (e.deleted()) {
                    index.save(entry.withDeleted(true));
                } else {
                    index.removePurged(entry); // only a deleted dataset is purged: it stays deleted
                }
                missing.forget(entry.udataId());
                missing.dropFromRun(runId, entry.udataId());
            }
        }
        contribution.incrementWriteCount(done);
        if (done > 0) {
            log.info("archived {} udata dataset(s) no longer in {}", done, domain);
        }
        if (due.size() > BATCH) {
            return RepeatStatus.CONTINUABLE;
        }
        job.putString(STATUS_KEY, "done");
        return RepeatStatus.FINISHED;
    }
}
