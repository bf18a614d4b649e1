package org.odsharvester.ods;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Chooses the API the catalog is read through, from {@code ods.api}: {@code v2.1} and {@code v1} as
 * configured; {@code auto} probes the Explore API v2.1 and falls back to the legacy v1 API only when
 * the portal does not serve v2.1 (HTTP 404, a body that is not JSON, JSON of another shape). Access
 * refused (401/403), an exhausted quota (429) and an unreachable portal are not reasons to fall back:
 * they propagate, since v1 would fail the same way.
 */
public class OdsCatalogApiResolver {

    private static final Logger log = LoggerFactory.getLogger(OdsCatalogApiResolver.class);

    static final String V21_PROBE = ExploreV21CatalogApi.PATH + "?limit=1";
    static final String V1_PROBE = LegacyV1CatalogApi.PATH + "?rows=1";

    private final OdsClient client;
    private final OdsProperties properties;

    public OdsCatalogApiResolver(OdsClient client, OdsProperties properties) {
        this.client = client;
        this.properties = properties;
    }

    /**
     * @throws OdsNotAPortalException when neither API answers like ODS does
     * @throws OdsException           (or a subclass) when the portal refuses access or cannot be reached
     */
    public OdsCatalogApi resolve() {
        return "auto".equals(properties.api()) ? detect() : forVersion(properties.api());
    }

    /**
     * The API of a version already chosen (a resumed run keeps the version its first execution chose).
     *
     * @param version {@code v2.1} or {@code v1}, as {@link OdsCatalogApi#version()} returned it
     */
    public OdsCatalogApi forVersion(String version) {
        return switch (version) {
            case "v2.1" -> new ExploreV21CatalogApi(client, properties);
            case "v1" -> new LegacyV1CatalogApi(client, properties);
            default -> throw new IllegalArgumentException("unknown ODS API version " + version);
        };
    }

    /** The quota the portal announced in its first answer of this process that carried one, or null. */
    public @Nullable OdsRateLimit quotaAtStart() {
        return client.firstRateLimit();
    }

    /** The quota the portal announced in its latest answer that carried one, or null. */
    public @Nullable OdsRateLimit quotaNow() {
        return client.rateLimit();
    }

    private OdsCatalogApi detect() {
        String v21Problem = probe(V21_PROBE, "results");
        if (v21Problem == null) {
            log.info("{} serves the Explore API v2.1: reading the catalog through it", client.systemName());
            return new ExploreV21CatalogApi(client, properties);
        }
        log.info("{} does not serve the Explore API v2.1 ({}); trying the legacy API v1", client.systemName(),
                v21Problem);
        String v1Problem = probe(V1_PROBE, "datasets");
        if (v1Problem == null) {
            log.info("{} serves the legacy API v1: reading the catalog through it", client.systemName());
            return new LegacyV1CatalogApi(client, properties);
        }
        throw new OdsNotAPortalException("ods.url " + properties.url() + " does not look like an Opendatasoft portal:"
                + " neither the Explore API v2.1 (" + v21Problem + ") nor the legacy API v1 (" + v1Problem
                + ") answered; give the public root URL of the portal, e.g. https://data.example.org");
    }

    /** Null when the path answers a JSON object holding the given array, else why not. */
    private String probe(String pathAndQuery, String arrayField) {
        try {
            JsonNode body = client.getJson(pathAndQuery);
            if (body.isObject() && body.path(arrayField).isArray()) {
                return null;
            }
            return pathAndQuery + " answered JSON without a '" + arrayField + "' array";
        } catch (OdsNotFoundException e) {
            return pathAndQuery + ": HTTP 404";
        } catch (OdsUnexpectedResponseException e) {
            return pathAndQuery + ": not JSON";
        }
    }
}
