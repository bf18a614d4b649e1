package org.odsharvester.job;

import org.odsharvester.report.DatasetRejectedException;
import org.odsharvester.report.OutcomeQueries;
import org.springframework.batch.core.step.skip.SkipLimitExceededException;
import org.springframework.batch.core.step.skip.SkipPolicy;

/**
 * Skips a dataset that cannot be harvested ({@link DatasetRejectedException}: unusable at the source, or
 * refused by udata) so that the run goes on, as long as the run's rejections stay within
 * {@code harvest.skip-limit}; the next one fails the step with {@link SkipLimitExceededException} (exit 1):
 * a portal whose datasets are refused by the hundred points to a configuration problem, not to bad data.
 * Every other failure is not skipped.
 * <p>
 * Counted over the whole run, not per execution: the rejections recorded by earlier executions of a
 * resumed run count too (read from {@code HARVEST_OUTCOME}, where each dataset has one row, so a dataset
 * rejected again after a restart is not counted twice). Spring Batch's own limit counts per execution and
 * refuses a limit of 0; this one accepts 0 (no rejection tolerated).
 */
public class RejectionSkipPolicy implements SkipPolicy {

    private final OutcomeQueries outcomes;
    private final long runId;
    private final int skipLimit;

    public RejectionSkipPolicy(OutcomeQueries outcomes, long runId, int skipLimit) {
        this.outcomes = outcomes;
        this.runId = runId;
        this.skipLimit = skipLimit;
    }

    @Override
    public boolean shouldSkip(Throwable t, long skipCount) throws SkipLimitExceededException {
        DatasetRejectedException rejected = rejection(t);
        if (rejected == null) {
            return false;
        }
        if (skipCount < 0) {
            // Spring Batch asks whether a failed chunk holds a skippable error before scanning it item by item
            return true;
        }
        long before = outcomes.rejectedCount(runId, rejected.datasetId());
        if (before >= skipLimit) {
            throw new SkipLimitExceededException(skipLimit, rejected);
        }
        return true;
    }

    private static DatasetRejectedException rejection(Throwable t) {
        for (Throwable cause = t; cause != null; cause = cause.getCause()) {
            if (cause instanceof DatasetRejectedException rejected) {
                return rejected;
            }
        }
        return null;
    }
}
