package org.odsharvester.udata;

import org.odsharvester.http.RemoteSystemException;

/**
 * udata refused the content of a request (HTTP 400 or 422, a validation error). The writer turns it
 * into a {@code DatasetRejectedException} for that one dataset; {@link #udataMessage()} is udata's
 * own explanation, flattened to one readable line.
 */
public class UdataRejectedException extends RemoteSystemException {
    private final String udataMessage;

    public UdataRejectedException(String message, int status, String udataMessage) {
        super(message, status, null);
        this.udataMessage = udataMessage;
    }

    /** udata's explanation, e.g. {@code tags: Tag "ab" must be between 3 and 96 characters long.} */
    public String udataMessage() {
        return udataMessage;
    }
}
