package org.odsharvester.job;

import java.time.Clock;

import org.jspecify.annotations.Nullable;
import org.odsharvester.ods.OdsCatalogReader;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * At the end of a completed harvest step: a full pass that read the whole catalog is recorded (the next one is due
 * {@code harvest.full-every} later), and the run's saved listing, which no restart needs any more, is dropped.
 */
public class CatalogPassListener implements StepExecutionListener {

    private final CatalogPasses passes;
    private final OdsCatalogReader reader;
    private final long runId;
    private final String targetKey;
    private final String domain;
    private final Clock clock;

    public CatalogPassListener(CatalogPasses passes, OdsCatalogReader reader, long runId, String targetKey,
            String domain, Clock clock) {
        this.passes = passes;
        this.reader = reader;
        this.runId = runId;
        this.targetKey = targetKey;
        this.domain = domain;
        this.clock = clock;
    }

    @Override
    public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
        if (stepExecution.getStatus() != BatchStatus.COMPLETED) {
            return null;
        }
        CatalogPasses.Pass pass = passes.find(runId);
        if (pass != null && pass.full() && reader.incompleteReadReason() == null) {
            passes.recordFullPass(targetKey, domain, clock.instant());
        }
        passes.dropListing(runId);
        return null;
    }
}
