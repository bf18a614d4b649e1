package org.odsharvester.http;

import java.time.Duration;

/** A failure worth retrying: 5xx, 429 without quota semantics, timeout, connection reset. */
public class TransientHttpException extends RemoteSystemException {
    private final Duration retryAfter;

    public TransientHttpException(String message, int status, Duration retryAfter, Throwable cause) {
        super(message, status, cause);
        this.retryAfter = retryAfter;
    }

    /** The server's {@code Retry-After}, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
