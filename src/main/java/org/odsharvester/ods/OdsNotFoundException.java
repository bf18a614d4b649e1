package org.odsharvester.ods;

/**
 * The portal answered HTTP 404: it does not serve that path. The resolver reads this as "this API
 * version is not served here"; anywhere else it is a plain {@link OdsException}.
 */
public class OdsNotFoundException extends OdsException {
    public OdsNotFoundException(String message) {
        super(message);
    }
}
