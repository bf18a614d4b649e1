package org.odsharvester.ods;

/** The portal answered HTTP 429: its API quota is exhausted until {@link #resetTime()}. */
public class OdsQuotaExceededException extends OdsException {
    private final String resetTime;

    public OdsQuotaExceededException(String message, String resetTime) {
        super(message);
        this.resetTime = resetTime;
    }

    /** When the quota resets, as the portal said it (ISO instant), or null when it did not say. */
    public String resetTime() {
        return resetTime;
    }
}
