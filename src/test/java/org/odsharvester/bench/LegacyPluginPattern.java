package org.odsharvester.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The request pattern of the old {@code udata-ods} plugin, replayed against the same stubs as the harvester
 * so that the two can be compared: one catalog search page of 50 datasets, then for each dataset one GET
 * (is it in udata already?) and one write, strictly one request after the other. It builds a minimal valid
 * udata body; the time goes into waiting for the two servers, which is what is being compared.
 */
final class LegacyPluginPattern {

    static final int PAGE = 50;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String odsUrl;
    private final String udataUrl;
    private final String apiKey;
    private final String organization;

    LegacyPluginPattern(String odsUrl, String udataUrl, String apiKey, String organization) {
        this.odsUrl = odsUrl;
        this.udataUrl = udataUrl;
        this.apiKey = apiKey;
        this.organization = organization;
    }

    /** Harvests the first {@code count} datasets of the catalog; returns how many were written. */
    int harvest(int count) throws IOException, InterruptedException {
        int written = 0;
        for (int offset = 0; offset < count; offset += PAGE) {
            int limit = Math.min(PAGE, count - offset);
            JsonNode page = JSON.readTree(get(URI.create(odsUrl + "/api/explore/v2.1/catalog/datasets?limit=" + limit
                    + "&offset=" + offset + "&order_by=dataset_id"), false));
            for (JsonNode item : page.path("results")) {
                String id = item.path("dataset_id").asString();
                HttpResponse<String> existing = send(HttpRequest.newBuilder(
                        URI.create(udataUrl + "/api/1/datasets/" + id + "/")).header("X-API-KEY", apiKey).GET());
                if (existing.statusCode() != 404 && existing.statusCode() != 200) {
                    throw new IOException("udata answered " + existing.statusCode() + " to the lookup of " + id);
                }
                HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(udataUrl + "/api/1/datasets/"))
                        .header("X-API-KEY", apiKey).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body(item, id), StandardCharsets.UTF_8)));
                if (created.statusCode() != 201) {
                    throw new IOException("udata answered " + created.statusCode() + ": " + created.body());
                }
                written++;
            }
        }
        return written;
    }

    private String body(JsonNode item, String id) {
        JsonNode meta = item.path("metas").path("default");
        ObjectNode body = JSON.createObjectNode();
        body.put("title", meta.path("title").asString(id));
        body.put("description", meta.path("description").asString("-"));
        body.put("organization", organization);
        body.put("frequency", "unknown");
        body.putArray("tags");
        body.putArray("resources");
        body.putObject("extras").put("harvest:remote_id", id).put("harvest:domain", URI.create(odsUrl).getHost());
        return body.toString();
    }

    private String get(URI uri, boolean withKey) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if (withKey) {
            request.header("X-API-KEY", apiKey);
        }
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200) {
            throw new IOException(uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
