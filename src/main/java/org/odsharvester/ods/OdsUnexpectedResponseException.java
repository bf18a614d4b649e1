package org.odsharvester.ods;

/**
 * The portal answered 2xx, but not with the JSON an ODS API gives there (an HTML page, a truncated
 * body, an object without {@code results}...). The resolver reads this as "this API version is not
 * served here".
 */
public class OdsUnexpectedResponseException extends OdsException {
    public OdsUnexpectedResponseException(String message) {
        super(message);
    }

    public OdsUnexpectedResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
