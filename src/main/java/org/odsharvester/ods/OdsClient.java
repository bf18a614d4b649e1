package org.odsharvester.ods;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.odsharvester.http.BoundedHttp;
import org.odsharvester.http.HttpResponse;
import org.odsharvester.http.RemoteSystemException;
import org.odsharvester.http.TransientHttpException;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * The one client of the ODS portal: sends GET requests through {@link BoundedHttp} (timeouts,
 * bounded bodies, retries, credential-safe redirects), with {@code Authorization: Apikey <key>} when
 * {@code ods.api-key} is set, and turns every answer that is not JSON into an {@link OdsException}
 * an operator can act on:
 * <ul>
 * <li>2xx → the parsed JSON; a body that is not JSON → {@link OdsUnexpectedResponseException}</li>
 * <li>401, 403 → {@link OdsAccessDeniedException} (missing key vs. rejected key)</li>
 * <li>404 → {@link OdsNotFoundException}</li>
 * <li>429 with an ODS quota body → {@link OdsQuotaExceededException} with the portal's {@code reset_time}
 * (a 429 without it is retried by {@link BoundedHttp} like a 5xx)</li>
 * <li>other statuses → {@link OdsException} with the portal's {@code message} / {@code error}</li>
 * <li>5xx, timeouts and resets still failing after {@code ods.max-attempts}, a body over the size
 * bound, a redirect loop → {@link OdsException} whose cause is the {@link RemoteSystemException}</li>
 * </ul>
 * Every answer's {@code X-RateLimit-*} headers are kept ({@link #rateLimit()}), for the quota warning at the
 * start of a read.
 * <p>
 * The API key never appears in a message: it is only ever written into the request header, and any
 * text the portal sends back is scrubbed of it.
 */
public class OdsClient {

    /** Catalog pages of 100 datasets with all their fields stay far below this. */
    static final long MAX_BODY_BYTES = 64L * 1024 * 1024;

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final OdsProperties properties;
    private final BoundedHttp http;
    /** The quota announced by the latest answer that carried one (the prefetch thread writes it too). */
    private final AtomicReference<@Nullable OdsRateLimit> rateLimit = new AtomicReference<>();
    /** The quota announced by the first answer that carried one, for the report. */
    private final AtomicReference<@Nullable OdsRateLimit> firstRateLimit = new AtomicReference<>();

    public OdsClient(OdsProperties properties, RestTemplateBuilder builder, String userAgent) {
        this(properties, builder, userAgent, MAX_BODY_BYTES);
    }

    OdsClient(OdsProperties properties, RestTemplateBuilder builder, String userAgent, long maxBodyBytes) {
        this.properties = properties;
        this.http = new BoundedHttp("ODS portal " + properties.url(), builder, userAgent,
                properties.connectTimeout(), properties.readTimeout(), maxBodyBytes,
                List.of(HttpHeaders.AUTHORIZATION), properties.maxAttempts(), properties.retryDelay());
    }

    /** The normalised portal root, e.g. {@code https://data.example.org}. */
    public String portalUrl() {
        return properties.url();
    }

    /** How messages name the portal: {@code ODS portal https://data.example.org}. */
    public String systemName() {
        return http.systemName();
    }

    /** The quota the latest answer carrying {@code X-RateLimit-Remaining} announced; null when none did. */
    public @Nullable OdsRateLimit rateLimit() {
        return rateLimit.get();
    }

    /** The quota the first answer carrying {@code X-RateLimit-Remaining} announced; null when none did. */
    public @Nullable OdsRateLimit firstRateLimit() {
        return firstRateLimit.get();
    }

    /**
     * GETs a JSON document of the portal.
     *
     * @param pathAndQuery relative to the portal root and already percent-encoded, e.g.
     *                     {@code /api/explore/v2.1/catalog/datasets?limit=100&offset=0&order_by=dataset_id}
     * @return the parsed body (never null, never a missing node)
     * @throws OdsException or one of its subclasses, see the class comment
     */
    public JsonNode getJson(String pathAndQuery) {
        if (pathAndQuery == null || !pathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("path must start with /: " + pathAndQuery);
        }
        URI uri = URI.create(properties.url() + pathAndQuery);
        HttpHeaders headers = new HttpHeaders();
        headers.setAccept(List.of(MediaType.APPLICATION_JSON));
        if (properties.apiKey() != null) {
            headers.set(HttpHeaders.AUTHORIZATION, "Apikey " + properties.apiKey());
        }
        HttpResponse response;
        try {
            response = http.send(HttpMethod.GET, uri, headers, null);
        } catch (TransientHttpException e) {
            throw failure(e.getMessage() + " (gave up after " + properties.maxAttempts() + " attempts)", e);
        } catch (RemoteSystemException e) {
            throw failure(e.getMessage(), e);
        }
        OdsRateLimit announced = OdsRateLimit.of(response.headers());
        if (announced != null) {
            rateLimit.set(announced);
            firstRateLimit.compareAndSet(null, announced);
        }
        int status = response.status();
        if (response.isSuccess()) {
            return parse(response, pathAndQuery);
        }
        String path = uri.getRawPath();
        switch (status) {
            case 401, 403 -> throw new OdsAccessDeniedException(accessDenied(status, path, response));
            case 404 -> throw new OdsNotFoundException(systemName() + " does not serve " + path + " (HTTP 404)");
            case 429 -> throw quotaExceeded(response);
            default -> throw new OdsException(redact(systemName() + " refused " + path + " (HTTP " + status + "): "
                    + portalMessage(response)));
        }
    }

    private JsonNode parse(HttpResponse response, String pathAndQuery) {
        try {
            JsonNode node = JSON.readTree(response.body());
            if (node != null && !node.isMissingNode()) {
                return node;
            }
        } catch (JacksonException e) {
            // reported below, without the parser's message (it may quote the body at length)
        }
        String type = response.headers().getFirst(HttpHeaders.CONTENT_TYPE);
        throw new OdsUnexpectedResponseException(redact(systemName() + " answered " + pathAndQuery
                + " with a body that is not JSON (" + (type == null ? "no content type" : type) + ", "
                + response.body().length + " bytes)" + excerptSuffix(response)));
    }

    private String accessDenied(int status, String path, HttpResponse response) {
        String detail = portalMessage(response);
        String sentence;
        if (properties.apiKey() == null) {
            sentence = systemName() + " refused access to " + path + " (HTTP " + status
                    + "): the portal is private or restricted; give an API key of an account that can see"
                    + " the catalog with --ods.api-key or the ODS_API_KEY environment variable";
        } else {
            sentence = systemName() + " rejected the API key set in ods.api-key (HTTP " + status + " on " + path
                    + "): check that the key is valid, not revoked, and belongs to an account allowed to"
                    + " browse the catalog";
        }
        return redact(detail.isEmpty() ? sentence : sentence + " (portal said: " + detail + ")");
    }

    private OdsQuotaExceededException quotaExceeded(HttpResponse response) {
        JsonNode body = readQuietly(response);
        String resetTime = OdsDatasetParser.text(body.get("reset_time"));
        if (resetTime == null) {
            resetTime = resetHeader(response);
        }
        StringBuilder message = new StringBuilder(systemName()).append(" says its API quota is exhausted");
        String error = OdsDatasetParser.text(body.get("error"));
        String limit = OdsDatasetParser.text(body.get("call_limit"));
        String unit = OdsDatasetParser.text(body.get("limit_time_unit"));
        if (error != null || limit != null) {
            message.append(" (");
            if (error != null) {
                message.append(error.strip());
            }
            if (limit != null) {
                message.append(error != null ? "; " : "").append("limit ").append(limit).append(" calls")
                        .append(unit != null ? " per " + unit : "");
            }
            message.append(')');
        }
        message.append(resetTime != null
                ? "; it resets at " + resetTime + ": relaunch the same command after that and the run resumes"
                : "; relaunch the same command once the quota is reset and the run resumes");
        return new OdsQuotaExceededException(redact(message.toString()), resetTime);
    }

    /** {@code X-RateLimit-Reset} as an instant, when the body did not tell the reset time. */
    private static String resetHeader(HttpResponse response) {
        return OdsRateLimit.reset(response.headers().getFirst(OdsRateLimit.RESET));
    }

    /** The portal's own words: {@code message} (v2.1), {@code error} (v1, quotas), {@code error_code}; else the body start. */
    private static String portalMessage(HttpResponse response) {
        JsonNode body = readQuietly(response);
        String message = OdsDatasetParser.text(body.get("message"));
        if (message == null) {
            message = OdsDatasetParser.text(body.get("error"));
        }
        String code = OdsDatasetParser.text(body.get("error_code"));
        if (message != null) {
            return code != null ? message.strip() + " [" + code + "]" : message.strip();
        }
        if (code != null) {
            return code;
        }
        return body.isMissingNode() ? response.bodyExcerpt() : "";
    }

    private static JsonNode readQuietly(HttpResponse response) {
        try {
            JsonNode node = JSON.readTree(response.body());
            return node == null || !node.isObject() ? MissingNode.getInstance() : node;
        } catch (JacksonException e) {
            return MissingNode.getInstance();
        }
    }

    private static String excerptSuffix(HttpResponse response) {
        String excerpt = response.bodyExcerpt();
        return excerpt.isEmpty() ? "" : ": " + excerpt;
    }

    private OdsException failure(String message, RemoteSystemException cause) {
        String safe = redact(message);
        // a cause whose message quotes the key would print it in a stack trace
        return safe.equals(message) ? new OdsException(safe, cause) : new OdsException(safe);
    }

    /** Removes the API key from text that may quote it (a portal echoing the header, a body excerpt). */
    private String redact(String text) {
        String key = properties.apiKey();
        return key == null || text == null ? text : text.replace(key, "***");
    }
}
