package org.odsharvester.udata;

import org.odsharvester.http.RemoteSystemException;

/**
 * udata refused the API key (401) or refused it the action (403). Never a per-dataset problem: the
 * run cannot go on. Before harvesting, the launcher reports it as an invalid configuration.
 */
public class UdataAccessDeniedException extends RemoteSystemException {

    public UdataAccessDeniedException(String message, int status) {
        super(message, status, null);
    }
}
