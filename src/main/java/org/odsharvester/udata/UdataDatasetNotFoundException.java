package org.odsharvester.udata;

import org.odsharvester.http.RemoteSystemException;

/**
 * The udata dataset asked for does not exist (404: never existed or purged) or was deleted (410).
 */
public class UdataDatasetNotFoundException extends RemoteSystemException {
    private final String datasetId;

    public UdataDatasetNotFoundException(String message, int status, String datasetId) {
        super(message, status, null);
        this.datasetId = datasetId;
    }

    public String datasetId() {
        return datasetId;
    }

    /** True for 410: the dataset exists but was (soft-)deleted by someone. */
    public boolean deleted() {
        return status() == 410;
    }
}
