package org.odsharvester.job;

import org.jspecify.annotations.Nullable;
import org.odsharvester.ods.OdsCatalogReader;
import org.odsharvester.udata.ArchiveMissingTasklet;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Tells the archive step, through the job execution context (saved after each step, and carried over to a
 * resumed execution), whether the harvest step read the whole catalog. Archiving what a partial read did
 * not see would archive datasets that are still at the source.
 * <p>
 * The answer is that of the harvest step's latest execution: a resumed run clears it before reading again.
 */
public class CatalogCompletenessListener implements StepExecutionListener {

    private final OdsCatalogReader reader;

    public CatalogCompletenessListener(OdsCatalogReader reader) {
        this.reader = reader;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        stepExecution.getJobExecution().getExecutionContext().remove(ArchiveMissingTasklet.SKIP_REASON_KEY);
    }

    @Override
    public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
        String reason = reader.incompleteReadReason();
        if (reason != null) {
            stepExecution.getJobExecution().getExecutionContext().putString(ArchiveMissingTasklet.SKIP_REASON_KEY,
                    reason);
        }
        return null;
    }
}
