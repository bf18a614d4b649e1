package org.odsharvester.ods;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.springframework.boot.restclient.RestTemplateBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Portal properties, clients and catalog pages built from the recorded ODS payloads. */
final class OdsTestSupport {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String USER_AGENT = "ods-harvester/test";
    static final String API_KEY = "s3cr3t-ods-key-1234567890";
    static final int MAX_ATTEMPTS = 3;

    private OdsTestSupport() {
    }

    static OdsProperties properties(String url, String api, String apiKey) {
        return properties(url, api, apiKey, Map.of(), Map.of());
    }

    static OdsProperties properties(String url, String api, String apiKey, Map<String, List<String>> refine,
            Map<String, List<String>> exclude) {
        return new OdsProperties(url, api, apiKey, false, refine, exclude, Duration.ofSeconds(2),
                Duration.ofSeconds(5), MAX_ATTEMPTS, Duration.ofMillis(5), List.of());
    }

    static OdsClient client(OdsProperties properties) {
        return new OdsClient(properties, new RestTemplateBuilder(), USER_AGENT);
    }

    static JsonNode sample(String name) {
        try (InputStream in = OdsTestSupport.class.getResourceAsStream("/ods-samples/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no sample " + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String datasetId(int index) {
        return String.format("dataset-%05d", index);
    }

    /** The first item of the v2.1 catalog sample, renamed to {@code dataset-<index>}. */
    static ObjectNode v21Item(int index) {
        ObjectNode item = (ObjectNode) sample("01_v2.1_catalog_datasets__openapi_example.json")
                .get("results").get(0).deepCopy();
        item.put("dataset_id", datasetId(index));
        item.put("dataset_uid", "da_" + index);
        return item;
    }

    /** The verbatim v1 search item, renamed to {@code dataset-<index>}. */
    static ObjectNode v1Item(int index) {
        ObjectNode item = (ObjectNode) sample("05_v1_datasets_search__transparencia.sns.gov.pt_2026-09-23__VERBATIM.json")
                .get("datasets").get(0).deepCopy();
        item.put("datasetid", datasetId(index));
        return item;
    }

    /** A v2.1 page holding datasets {@code from .. to-1} of a catalog of {@code total}. */
    static String v21Page(long total, int from, int to) {
        ObjectNode page = JSON.createObjectNode();
        page.put("total_count", total);
        ArrayNode results = page.putArray("results");
        IntStream.range(from, to).forEach(i -> results.add(v21Item(i)));
        return page.toString();
    }

    /** A v1 page holding datasets {@code from .. to-1} of a catalog of {@code total}. */
    static String v1Page(long total, int from, int to) {
        ObjectNode page = JSON.createObjectNode();
        page.put("nhits", total);
        ArrayNode datasets = page.putArray("datasets");
        IntStream.range(from, to).forEach(i -> datasets.add(v1Item(i)));
        return page.toString();
    }
}
