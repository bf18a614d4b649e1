package org.odsharvester.job;

import org.odsharvester.mapping.HarvestItem;
import org.odsharvester.ods.OdsDataset;
import org.odsharvester.report.DatasetOutcome;
import org.odsharvester.report.DatasetRejectedException;
import org.odsharvester.report.Outcome;
import org.odsharvester.report.OutcomeRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.listener.SkipListener;

/** Turns each skipped dataset into a REJECTED outcome with its reason. */
public class RejectedDatasetListener implements SkipListener<OdsDataset, HarvestItem> {

    private static final Logger log = LoggerFactory.getLogger(RejectedDatasetListener.class);

    private final OutcomeRecorder recorder;

    public RejectedDatasetListener(OutcomeRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public void onSkipInProcess(OdsDataset item, Throwable t) {
        reject(item.datasetId(), item.datasetUid(), t);
    }

    @Override
    public void onSkipInWrite(HarvestItem item, Throwable t) {
        reject(item.identity().remoteId(), item.identity().datasetUid(), t);
    }

    @Override
    public void onSkipInRead(Throwable t) {
        reject(null, null, t);
    }

    private void reject(String datasetId, String datasetUid, Throwable t) {
        String reason = t instanceof DatasetRejectedException rejected ? rejected.reason() : String.valueOf(t.getMessage());
        String id = t instanceof DatasetRejectedException rejected && rejected.datasetId() != null
                ? rejected.datasetId() : datasetId;
        log.warn("Dataset {} rejected: {}", id == null ? "(without id)" : id, reason);
        recorder.record(new DatasetOutcome(id, datasetUid, Outcome.REJECTED, reason, null));
    }
}
