package org.odsharvester.ods;

/**
 * Neither the Explore API v2.1 nor the legacy v1 API answered at {@code ods.url}: the URL most likely
 * is not the root of an Opendatasoft portal. Nothing was harvested; the launcher may treat it as a
 * configuration error.
 */
public class OdsNotAPortalException extends OdsException {
    public OdsNotAPortalException(String message) {
        super(message);
    }
}
