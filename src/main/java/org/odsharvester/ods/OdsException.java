package org.odsharvester.ods;

/** The ODS portal could not be read (after retries). */
public class OdsException extends RuntimeException {
    public OdsException(String message) {
        super(message);
    }

    public OdsException(String message, Throwable cause) {
        super(message, cause);
    }
}
