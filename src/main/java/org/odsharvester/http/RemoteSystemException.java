package org.odsharvester.http;

/**
 * A call to a remote system failed. The message always names the system ({@code ODS portal
 * https://…}, {@code udata https://…}) and says why, so that the operator's one-sentence error is
 * useful as it is.
 */
public class RemoteSystemException extends RuntimeException {
    private final int status;

    public RemoteSystemException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status, or 0 when no response came (timeout, connection refused…). */
    public int status() {
        return status;
    }
}
