package org.odsharvester.report;

import java.util.List;

/**
 * Records what the current run did with each dataset, for the report and the archive step.
 * Implementations write at once, outside the chunk transaction: udata is not transactional, so the
 * record of what was done to it must not be rolled back with a chunk.
 */
public interface OutcomeRecorder {

    void record(DatasetOutcome outcome);

    /** Records several outcomes; implementations may do it at once (a chunk's outcomes, in one transaction). */
    default void recordAll(List<DatasetOutcome> outcomes) {
        outcomes.forEach(this::record);
    }
}
