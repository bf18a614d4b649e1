package org.odsharvester.udata;

/**
 * One line of the source → udata index.
 *
 * @param udataId     udata dataset id
 * @param domain      host of the ODS portal ({@code harvest:domain})
 * @param remoteId    ODS dataset id, the slug ({@code harvest:remote_id})
 * @param datasetUid  ODS dataset uid ({@code ods:dataset_uid}), may be null
 * @param contentHash {@link OwnedContent} fingerprint of what udata holds, may be null (unknown)
 * @param archived    the dataset is archived in udata
 * @param deleted     the dataset is deleted in udata
 */
public record IndexEntry(String udataId, String domain, String remoteId, String datasetUid, String contentHash,
        boolean archived, boolean deleted) {

    /** The entry that describes a dataset as udata answered it (its identity from its extras, else {@code identity}). */
    public static IndexEntry of(UdataDataset dataset, DatasetIdentity identity) {
        return of(dataset, identity, dataset.ownedFingerprint());
    }

    /** The same, with the dataset's {@link UdataDataset#ownedFingerprint()} computed already. */
    public static IndexEntry of(UdataDataset dataset, DatasetIdentity identity, String fingerprint) {
        String domain = dataset.extra(HarvestExtras.DOMAIN);
        String remoteId = dataset.extra(HarvestExtras.REMOTE_ID);
        String uid = dataset.extra(HarvestExtras.DATASET_UID);
        return new IndexEntry(dataset.id(),
                domain != null ? domain : identity == null ? null : identity.domain(),
                remoteId != null ? remoteId : identity == null ? null : identity.remoteId(),
                uid != null ? uid : identity == null ? null : identity.datasetUid(),
                fingerprint, dataset.isArchived(), dataset.isDeleted());
    }

    public IndexEntry withArchived(boolean newArchived) {
        return new IndexEntry(udataId, domain, remoteId, datasetUid, contentHash, newArchived, deleted);
    }

    /** The entry under another {@code harvest:domain}: a dataset of an old address of the portal, adopted. */
    public IndexEntry withDomain(String newDomain) {
        return new IndexEntry(udataId, newDomain, remoteId, datasetUid, contentHash, archived, deleted);
    }

    public IndexEntry withDeleted(boolean newDeleted) {
        return new IndexEntry(udataId, domain, remoteId, datasetUid, contentHash, archived, newDeleted);
    }
}
