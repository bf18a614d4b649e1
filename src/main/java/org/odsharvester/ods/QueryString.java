package org.odsharvester.ods;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Builds a query string in which every name and value is percent-encoded strictly: only
 * {@code A-Z a-z 0-9 - . _ *} stay as they are, a space becomes {@code %20} and a literal {@code +}
 * becomes {@code %2B}, so that ODS facet values with spaces, commas, quotes, ampersands, plus signs
 * and accents reach the portal unchanged.
 */
final class QueryString {

    private final StringBuilder query = new StringBuilder();

    QueryString add(String name, Object value) {
        if (!query.isEmpty()) {
            query.append('&');
        }
        query.append(encode(name)).append('=').append(encode(String.valueOf(value)));
        return this;
    }

    static String encode(String value) {
        // URLEncoder writes form encoding: '+' for a space (a literal '+' is already %2B)
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return query.toString();
    }
}
