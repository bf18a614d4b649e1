package org.odsharvester.ods;

/** The portal answered 401 or 403: the API key is missing, wrong or lacks the right. */
public class OdsAccessDeniedException extends OdsException {
    public OdsAccessDeniedException(String message) {
        super(message);
    }
}
