package org.odsharvester.ods;

/**
 * The catalog holds more datasets than the API can page through (Explore API v2.1: {@code offset +
 * limit <= 10000}). Raised when the reader reaches that ceiling, never as a silent end of data.
 */
public class OdsCatalogTooLargeException extends OdsException {
    private final long totalCount;

    public OdsCatalogTooLargeException(String message, long totalCount) {
        super(message);
        this.totalCount = totalCount;
    }

    /** The number of datasets the portal announced, or -1 when unknown. */
    public long totalCount() {
        return totalCount;
    }
}
