package org.odsharvester.udata;

import org.odsharvester.http.RemoteSystemException;

/**
 * udata answered 423: the instance is in read-only mode (maintenance). Not retried within the run
 * (maintenance lasts minutes to hours, far beyond a backoff) and not a rejection of one dataset
 * (every dataset would be rejected): the run fails (exit 1) and the relaunch resumes it.
 */
public class UdataReadOnlyException extends RemoteSystemException {

    public UdataReadOnlyException(String message) {
        super(message, 423, null);
    }
}
