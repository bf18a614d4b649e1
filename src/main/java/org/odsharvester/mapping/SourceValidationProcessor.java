package org.odsharvester.mapping;

import org.jspecify.annotations.Nullable;
import org.odsharvester.ods.OdsDataset;
import org.odsharvester.report.DatasetRejectedException;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * First link of the chain: a dataset that cannot be harvested at all is rejected with a reason (SPEC §3
 * "Which datasets are harvested": missing {@code dataset_id}, missing title, broken JSON), so that the
 * step skips it, the report lists it, and the run goes on.
 * <p>
 * Rejects, with {@link DatasetRejectedException}, an item that the reader marked unusable (its
 * {@code unusableReason} is the reason), an item without id, and an item without a non-blank title.
 * Returns every other item unchanged.
 */
public class SourceValidationProcessor implements ItemProcessor<OdsDataset, OdsDataset> {

    static final String NO_ID = "dataset has no dataset_id";
    static final String NO_TITLE = "dataset has no title";

    @Override
    public @Nullable OdsDataset process(OdsDataset item) {
        if (!item.isUsable()) {
            throw new DatasetRejectedException(item.datasetId(), item.datasetUid(), item.unusableReason());
        }
        if (item.datasetId() == null || item.datasetId().isBlank()) {
            throw new DatasetRejectedException(null, item.datasetUid(), NO_ID);
        }
        if (item.title() == null || item.title().isBlank()) {
            throw new DatasetRejectedException(item.datasetId(), item.datasetUid(), NO_TITLE);
        }
        return item;
    }
}
