package org.odsharvester.mapping;

import org.jspecify.annotations.Nullable;
import org.odsharvester.ods.OdsDataset;
import org.odsharvester.report.DatasetOutcome;
import org.odsharvester.report.Outcome;
import org.odsharvester.report.OutcomeRecorder;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Filters out the datasets that carry INSPIRE metadata (v1 {@code interop_metas.inspire}, v2.1
 * {@code metas.inspire}) unless {@code ods.inspire=true}: they usually reach udata through a
 * geographic (CSW) harvester already, and harvesting them twice would duplicate them.
 * <p>
 * A filtered dataset is recorded as {@link Outcome#FILTERED} with the reason {@value #REASON}, and
 * {@code null} is returned so that Spring Batch counts it as filtered, not as an error.
 */
public class InspireFilterProcessor implements ItemProcessor<OdsDataset, OdsDataset> {

    public static final String REASON = "INSPIRE metadata (set ods.inspire=true to harvest it)";

    private final boolean harvestInspire;
    private final OutcomeRecorder recorder;

    /**
     * @param harvestInspire {@code ods.inspire}: true to let INSPIRE datasets through
     * @param recorder       where filtered datasets are recorded
     */
    public InspireFilterProcessor(boolean harvestInspire, OutcomeRecorder recorder) {
        this.harvestInspire = harvestInspire;
        this.recorder = recorder;
    }

    @Override
    public @Nullable OdsDataset process(OdsDataset item) {
        if (item.hasInspireMetadata() && !harvestInspire) {
            recorder.record(new DatasetOutcome(item.datasetId(), item.datasetUid(), Outcome.FILTERED, REASON, null));
            return null;
        }
        return item;
    }
}
