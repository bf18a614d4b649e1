package org.odsharvester.ods;

/**
 * The portal answered a page that ends where it began: reading on would fetch the same page again, forever.
 * Raised instead of looping; the message says which position and what to check.
 */
public class OdsPagingStalledException extends OdsException {
    public OdsPagingStalledException(String message) {
        super(message);
    }
}
