package org.odsharvester.report;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The last executions of a source, read from the job repository (the HSQLDB file or PostgreSQL, whichever the run
 * uses): what {@code harvest.history} prints and the HTML report's trend table.
 * <p>
 * Spring Batch keeps the status and times; the launcher adds, in the job execution's context, what only it knows
 * (the process exit code, the report's path, the counts at the end of that execution). A restarted execution inherits
 * the context of the one before it, so those entries carry the id of the execution they describe.
 */
public class RunHistory {

    static final String EXECUTION_KEY = "ods-harvester.summary.execution";
    static final String EXIT_CODE_KEY = "ods-harvester.summary.exit-code";
    static final String REPORT_KEY = "ods-harvester.summary.report";
    static final String COUNTS_KEY = "ods-harvester.summary.counts";

    private static final int PAGE = 100;

    /**
     * One execution of a run.
     *
     * @param run         run number of the source and target
     * @param executionId job execution id
     * @param target      udata URL or {@code dry-run}
     * @param status      Spring Batch status
     * @param start       start, null if not started
     * @param end         end, null while running (or killed)
     * @param exitCode    the process exit code, null when the process did not get to report it (killed, or older)
     * @param counts      datasets by outcome ({@code read}, {@code created}… as in the JSON report) at the end of
     *                    this execution; for the latest execution of a run that did not report, the run's counts so
     *                    far; else empty
     * @param report      the JSON report's path, or null
     */
    public record Entry(long run, long executionId, String target, String status, Instant start, Instant end,
            Integer exitCode, Map<String, Long> counts, String report) {

        public Duration duration() {
            return start == null || end == null ? null : Duration.between(start, end);
        }

        public long count(String name) {
            return counts.getOrDefault(name, 0L);
        }
    }

    private final JobRepository jobRepository;
    private final String jobName;
    private final OutcomeQueries outcomes;

    public RunHistory(JobRepository jobRepository, String jobName, OutcomeQueries outcomes) {
        this.jobRepository = jobRepository;
        this.jobName = jobName;
        this.outcomes = outcomes;
    }

    /** Stores in the execution's context what the history shows and Spring Batch does not know. */
    public void remember(JobExecution execution, RunSummary summary, Path report) {
        ExecutionContext context = execution.getExecutionContext();
        context.putLong(EXECUTION_KEY, execution.getId());
        context.putInt(EXIT_CODE_KEY, summary.exitCode());
        context.putString(REPORT_KEY, report.toString());
        context.put(COUNTS_KEY, new HashMap<>(countsOf(summary)));
        jobRepository.updateExecutionContext(execution);
    }

    /** The counts as the JSON report names them. */
    public static Map<String, Long> countsOf(RunSummary summary) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("read", summary.read());
        for (Outcome outcome : Outcome.values()) {
            counts.put(ReportWriter.propertyName(outcome), summary.count(outcome));
        }
        return counts;
    }

    /**
     * The last {@code limit} executions, newest first, of the runs whose job parameters {@code which} accepts. Reads
     * the job instances newest first, a page at a time, and stops as soon as it has enough.
     */
    public List<Entry> last(Predicate<JobParameters> which, int limit) {
        List<Entry> entries = new ArrayList<>();
        for (int start = 0; entries.size() < limit; start += PAGE) {
            List<JobInstance> instances = jobRepository.getJobInstances(jobName, start, PAGE);
            for (JobInstance instance : instances) {
                List<JobExecution> executions = jobRepository.getJobExecutions(instance);
                if (executions.isEmpty() || !which.test(executions.get(0).getJobParameters())) {
                    continue;
                }
                if (addNewestFirst(instance, executions, entries, limit)) {
                    break;
                }
            }
            if (instances.size() < PAGE) {
                break;
            }
        }
        entries.sort(Comparator.comparingLong(Entry::executionId).reversed());
        return entries;
    }

    /**
     * The last {@code limit} executions of these runs, newest first: each job instance looked up by its identifying
     * parameters, so that a shared repository of many sources is not scanned (the HTML report of every run).
     */
    public List<Entry> of(List<JobParameters> runs, int limit) {
        List<Entry> entries = new ArrayList<>();
        for (JobParameters run : runs) {
            JobInstance instance = jobRepository.getJobInstance(jobName, run);
            if (instance == null) {
                continue;
            }
            if (addNewestFirst(instance, jobRepository.getJobExecutions(instance), entries, limit)) {
                break;
            }
        }
        entries.sort(Comparator.comparingLong(Entry::executionId).reversed());
        return entries;
    }

    /** Adds the run's executions, newest first, until {@code entries} holds {@code limit}; true once it does. */
    private boolean addNewestFirst(JobInstance instance, List<JobExecution> executions, List<Entry> entries,
            int limit) {
        List<JobExecution> newestFirst = new ArrayList<>(executions);
        newestFirst.sort(Comparator.comparingLong(JobExecution::getId).reversed());
        for (int i = 0; i < newestFirst.size() && entries.size() < limit; i++) {
            entries.add(entry(instance, newestFirst.get(i), i == 0));
        }
        return entries.size() >= limit;
    }

    @SuppressWarnings("unchecked")
    private Entry entry(JobInstance instance, JobExecution execution, boolean latestOfRun) {
        JobParameters parameters = execution.getJobParameters();
        ExecutionContext context = execution.getExecutionContext();
        boolean reported = context.containsKey(EXECUTION_KEY) && context.getLong(EXECUTION_KEY) == execution.getId();
        Map<String, Long> counts;
        if (reported && context.get(COUNTS_KEY) instanceof Map<?, ?> stored) {
            counts = new LinkedHashMap<>((Map<String, Long>) stored);
        } else if (latestOfRun) {
            counts = new LinkedHashMap<>();
            Map<Outcome, Long> byOutcome = outcomes.countsByOutcome(instance.getInstanceId());
            counts.put("read", byOutcome.entrySet().stream().filter(e -> !e.getKey().isOfArchiveStep())
                    .mapToLong(Map.Entry::getValue).sum());
            byOutcome.forEach((outcome, n) -> counts.put(ReportWriter.propertyName(outcome), n));
        } else {
            counts = Map.of();
        }
        Long run = parameters.getLong("run");
        return new Entry(run == null ? 0 : run, execution.getId(), parameters.getString("target"),
                execution.getStatus().name(), instant(execution.getStartTime()), instant(execution.getEndTime()),
                reported ? context.getInt(EXIT_CODE_KEY) : null, counts,
                reported ? context.getString(REPORT_KEY) : null);
    }

    private static Instant instant(LocalDateTime time) {
        return time == null ? null : time.atZone(ZoneId.systemDefault()).toInstant();
    }

    /** The table {@code harvest.history} prints: one line per execution, newest first. */
    public static String table(String source, List<Entry> entries) {
        StringBuilder out = new StringBuilder();
        out.append("Last ").append(entries.size()).append(entries.size() == 1 ? " run" : " runs").append(" of ")
                .append(source).append(" in the job repository, newest first:\n");
        String format = "%4s %6s %-9s %-20s %-20s %9s %6s %7s %7s %9s %8s %7s %8s %8s %4s  %s  %s%n";
        out.append(String.format(Locale.ROOT, format, "run", "exec", "status", "start (UTC)", "end (UTC)", "duration",
                "read", "created", "updated", "unchanged", "archived", "missing", "filtered", "rejected", "exit",
                "target", "report"));
        for (Entry e : entries) {
            boolean known = !e.counts().isEmpty();
            out.append(String.format(Locale.ROOT, format, e.run(), e.executionId(), e.status(), time(e.start()),
                    time(e.end()), e.duration() == null ? "-" : duration(e.duration()), n(e, "read", known),
                    n(e, "created", known), n(e, "updated", known), n(e, "unchanged", known),
                    n(e, "archived", known), n(e, "missing", known), n(e, "filtered", known),
                    n(e, "rejected", known), e.exitCode() == null ? "-" : e.exitCode(), e.target(),
                    e.report() == null ? "-" : e.report()));
        }
        if (entries.isEmpty()) {
            out.append("(none)\n");
        }
        return out.toString();
    }

    private static String n(Entry e, String name, boolean known) {
        return known ? Long.toString(e.count(name)) : "-";
    }

    static String time(Instant instant) {
        return instant == null ? "-" : instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()
                .replace('T', ' ').replace("Z", "");
    }

    /** {@code 1h02m03s}, {@code 4m05s}, {@code 12s}. */
    public static String duration(Duration d) {
        long s = d.toSeconds();
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, s % 3600 / 60, s % 60);
        }
        return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
