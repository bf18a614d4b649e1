package org.odsharvester.http;

import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpHeaders;

/**
 * A complete response, its body read up to the client's size bound.
 *
 * @param status  HTTP status code
 * @param headers response headers
 * @param body    the body bytes (never null)
 */
public record HttpResponse(int status, HttpHeaders headers, byte[] body) {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The start of the body, for error messages. */
    public String bodyExcerpt() {
        String text = bodyText().strip();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
