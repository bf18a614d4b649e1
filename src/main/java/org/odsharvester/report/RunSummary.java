package org.odsharvester.report;

import java.time.Instant;
import java.util.Map;

import org.odsharvester.job.RunParameters;

/**
 * What one run (job instance, across its restarts) did, as the report and the summary line tell it.
 *
 * @param source       normalised ODS portal URL
 * @param apiVersion   {@code v2.1} or {@code v1}
 * @param target       udata URL, or {@code dry-run}
 * @param organization udata organization id, or {@code none} in a dry run
 * @param run          run number of this source and target
 * @param runId        job instance id (key of the outcomes)
 * @param executionId  id of the job execution that ended this time
 * @param status       Spring Batch status of that execution
 * @param exitCode     the process exit code
 * @param failure      one sentence on why it failed, or null
 * @param archive      what became of the archiving of datasets no longer at the source: {@code done},
 *                     {@code skipped: <why>}, {@code held: <the guard's sentence>}, {@code disabled (…)} or
 *                     {@code not run: <why>}
 * @param dataservice  what the dataservice step did ({@code unchanged}, {@code created …; linked n dataset(s)},
 *                     {@code refused: <udata's message>}, {@code disabled (…)}), or {@code not run: <why>}
 * @param start        start of the execution
 * @param end          end of the execution
 * @param counts       datasets by outcome over the whole run
 * @param filteredBy   filtered datasets by reason
 */
public record RunSummary(
        String source,
        String apiVersion,
        String target,
        String organization,
        long run,
        long runId,
        long executionId,
        String status,
        int exitCode,
        String failure,
        String archive,
        String dataservice,
        Instant start,
        Instant end,
        Map<Outcome, Long> counts,
        Map<String, Long> filteredBy) {

    /** Datasets read at the source: every dataset has exactly one outcome except archived and missing ones. */
    public long read() {
        return counts.entrySet().stream().filter(e -> !e.getKey().isOfArchiveStep()).mapToLong(Map.Entry::getValue)
                .sum();
    }

    public long count(Outcome outcome) {
        return counts.getOrDefault(outcome, 0L);
    }

    /** The one line printed at the end of every run. */
    public String line() {
        StringBuilder line = new StringBuilder();
        // a plan's counts are what a run would do: said before the numbers
        line.append(RunParameters.isPlan(target) ? "Plan (nothing written) of a harvest of "
                : "Harvest of ").append(source).append(" (API ").append(apiVersion).append(") into ").append(target)
                .append(" run ").append(run).append(' ').append(status.toLowerCase(java.util.Locale.ROOT))
                .append(" (exit ").append(exitCode).append("): ")
                .append(read()).append(" read, ");
        if (count(Outcome.DRY_RUN) > 0 || RunParameters.DRY_RUN_TARGET.equals(target)) {
            line.append(count(Outcome.DRY_RUN)).append(" would be written, ");
        } else {
            line.append(count(Outcome.CREATED)).append(" created, ")
                    .append(count(Outcome.UPDATED)).append(" updated, ")
                    .append(count(Outcome.UNCHANGED)).append(" unchanged, ")
                    .append(count(Outcome.UNARCHIVED)).append(" unarchived, ")
                    .append(count(Outcome.ARCHIVED)).append(" archived, ")
                    .append(count(Outcome.MISSING)).append(" missing, ");
        }
        line.append(count(Outcome.FILTERED)).append(" filtered, ")
                .append(count(Outcome.REJECTED)).append(" rejected");
        if (count(Outcome.OTHER_ADDRESS) > 0) {
            line.append(", ").append(count(Outcome.OTHER_ADDRESS)).append(" held (in udata under another address)");
        }
        if (failure != null) {
            line.append(". ").append(failure);
        }
        return line.toString();
    }
}
