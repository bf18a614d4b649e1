package org.odsharvester.report;

/**
 * One dataset cannot be harvested (unusable at the source, or refused by udata). The step skips it,
 * the run goes on, and the report lists it with {@link #reason()}.
 */
public class DatasetRejectedException extends RuntimeException {
    private final String datasetId;
    private final String datasetUid;
    private final String reason;

    public DatasetRejectedException(String datasetId, String datasetUid, String reason) {
        super("dataset " + datasetId + " rejected: " + reason);
        this.datasetId = datasetId;
        this.datasetUid = datasetUid;
        this.reason = reason;
    }

    public String datasetId() {
        return datasetId;
    }

    public String datasetUid() {
        return datasetUid;
    }

    public String reason() {
        return reason;
    }
}
