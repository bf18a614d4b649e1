package org.odsharvester.ods;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

/**
 * What an ODS portal announced of its API quota in one answer: {@code X-RateLimit-Remaining}, and
 * {@code X-RateLimit-Limit} / {@code X-RateLimit-Reset} when it sent them.
 *
 * @param remaining calls the portal says are left in the current period
 * @param limit     calls allowed per period, or null when not announced (or not a number)
 * @param reset     when the quota resets (ISO 8601 when the portal sent epoch seconds, else its own text), or null
 */
public record OdsRateLimit(long remaining, @Nullable Long limit, @Nullable String reset) {

    static final String REMAINING = "X-RateLimit-Remaining";
    static final String LIMIT = "X-RateLimit-Limit";
    static final String RESET = "X-RateLimit-Reset";

    /** The quota these headers announce; null without a readable {@code X-RateLimit-Remaining}. */
    static @Nullable OdsRateLimit of(HttpHeaders headers) {
        Long remaining = count(headers.getFirst(REMAINING));
        if (remaining == null) {
            return null;
        }
        return new OdsRateLimit(remaining, count(headers.getFirst(LIMIT)), reset(headers.getFirst(RESET)));
    }

    /** {@code X-RateLimit-Reset} as an instant when it is epoch seconds, else as sent; null when absent. */
    static @Nullable String reset(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(value.trim())).toString();
        } catch (RuntimeException e) {
            return value.trim();
        }
    }

    private static @Nullable Long count(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            long count = Long.parseLong(value.trim());
            return count < 0 ? null : count;
        } catch (NumberFormatException e) {
            return null; // a malformed header says nothing
        }
    }
}
