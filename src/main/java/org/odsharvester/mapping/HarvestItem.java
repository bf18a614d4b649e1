package org.odsharvester.mapping;

import org.odsharvester.ods.OdsDataset;
import org.odsharvester.udata.DatasetIdentity;
import org.odsharvester.udata.DatasetPayload;

/**
 * A dataset on its way from the source to udata: where it came from, who it is, and what it becomes.
 *
 * @param source   the ODS dataset as read
 * @param identity its identity in udata extras
 * @param dataset  the mapped udata payload; null for a dataset found unchanged since the last write
 *                 ({@link OdsDataset#isUnchanged()}), which is not mapped
 */
public record HarvestItem(OdsDataset source, DatasetIdentity identity, DatasetPayload dataset) {

    /** A dataset found unchanged at the source and untouched in udata: its identity only, nothing mapped. */
    public static HarvestItem unchanged(OdsDataset source, String domain) {
        return new HarvestItem(source, new DatasetIdentity(source.datasetUid(), source.datasetId(), domain), null);
    }

    /** True for {@link #unchanged}: nothing to write, the run records it as seen and unchanged. */
    public boolean isUnchanged() {
        return source != null && source.isUnchanged();
    }

    public HarvestItem withDataset(DatasetPayload newDataset) {
        return new HarvestItem(source, identity, newDataset);
    }
}
