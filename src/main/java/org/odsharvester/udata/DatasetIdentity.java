package org.odsharvester.udata;

/**
 * What identifies a harvested dataset in udata, as written in its extras: {@code ods:dataset_uid}
 * first (it survives slug renames), else {@code harvest:remote_id} + {@code harvest:domain}.
 *
 * @param datasetUid ODS {@code dataset_uid}, null when the API does not give it (v1)
 * @param remoteId   ODS {@code dataset_id}, the slug
 * @param domain     host of the ODS portal
 */
public record DatasetIdentity(String datasetUid, String remoteId, String domain) {
}
