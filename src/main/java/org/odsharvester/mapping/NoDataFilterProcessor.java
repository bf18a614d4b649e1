package org.odsharvester.mapping;

import org.jspecify.annotations.Nullable;
import org.odsharvester.ods.OdsDataset;
import org.odsharvester.report.DatasetOutcome;
import org.odsharvester.report.Outcome;
import org.odsharvester.report.OutcomeRecorder;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Filters out the datasets that have nothing to download: no records, no attachments and no
 * alternative exports (SPEC §3). udata would show them as datasets without any resource.
 * <p>
 * A filtered dataset is recorded as {@link Outcome#FILTERED} with the reason {@value #REASON}, and
 * {@code null} is returned.
 */
public class NoDataFilterProcessor implements ItemProcessor<OdsDataset, OdsDataset> {

    public static final String REASON = "no data: no records, attachments or alternative exports";

    private final OutcomeRecorder recorder;

    public NoDataFilterProcessor(OutcomeRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public @Nullable OdsDataset process(OdsDataset item) {
        if (!item.hasRecords() && item.attachments().isEmpty() && item.alternativeExports().isEmpty()) {
            recorder.record(new DatasetOutcome(item.datasetId(), item.datasetUid(), Outcome.FILTERED, REASON, null));
            return null;
        }
        return item;
    }
}
