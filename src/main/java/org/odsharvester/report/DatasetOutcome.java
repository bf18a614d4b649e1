package org.odsharvester.report;

/**
 * The outcome of one dataset in one run.
 *
 * @param datasetId  ODS dataset id (or a position such as {@code #1234} when the item had none)
 * @param datasetUid ODS dataset uid, may be null
 * @param outcome    what happened
 * @param reason     why it was filtered or rejected (udata's message for a refusal); null otherwise
 * @param udataId    the udata dataset id, when there is one
 */
public record DatasetOutcome(String datasetId, String datasetUid, Outcome outcome, String reason, String udataId) {
}
