package org.odsharvester.mapping;

import org.odsharvester.ods.OdsDataset;
import org.odsharvester.udata.DatasetIdentity;
import org.odsharvester.udata.DatasetPayload;

/**
 * A dataset on its way from the source to udata: where it came from, who it is, and what it becomes.
 *
 * @param source   the ODS dataset as read
 * @param identity its identity in udata extras
 * @param dataset  the mapped udata payload
 */
public record HarvestItem(OdsDataset source, DatasetIdentity identity, DatasetPayload dataset) {

    public HarvestItem withDataset(DatasetPayload newDataset) {
        return new HarvestItem(source, identity, newDataset);
    }
}
