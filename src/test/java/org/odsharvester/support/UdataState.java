package org.odsharvester.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.odsharvester.udata.FakeUdata;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a fake udata holds after a harvest, in the terms the fault-injection tests compare: which source
 * datasets are there and how many times, what each holds (without what udata makes up: ids, slugs, dates),
 * and the ids udata gave to each dataset and resource.
 *
 * @param copies      source dataset id ({@code harvest:remote_id}) → number of udata datasets carrying it
 * @param content     source dataset id → the dataset as harvested, without server-made fields
 * @param datasetIds  source dataset id → udata dataset id
 * @param resourceIds source dataset id → (resource key {@code ods:resource_key} → udata resource id)
 */
public record UdataState(Map<String, Long> copies, Map<String, JsonNode> content, Map<String, String> datasetIds,
        Map<String, Map<String, String>> resourceIds) {

    private static final List<String> SERVER_MADE = List.of("id", "slug", "created_at", "last_modified",
            "last_update", "uri", "page", "metrics", "latest");

    /** The datasets of the fake that a harvester made (with a {@code harvest:remote_id}), deleted ones left out. */
    public static UdataState of(FakeUdata udata) {
        List<JsonNode> harvested = udata.datasets().stream()
                .filter(d -> d.path("extras").path("harvest:remote_id").isString())
                .filter(d -> d.path("deleted").isNull())
                .toList();
        Map<String, Long> copies = harvested.stream().collect(Collectors.groupingBy(UdataState::remoteId,
                TreeMap::new, Collectors.counting()));
        Map<String, JsonNode> content = new TreeMap<>();
        Map<String, String> datasetIds = new TreeMap<>();
        Map<String, Map<String, String>> resourceIds = new TreeMap<>();
        for (JsonNode dataset : harvested) {
            String remoteId = remoteId(dataset);
            content.put(remoteId, withoutServerFields(dataset));
            datasetIds.put(remoteId, dataset.path("id").asString());
            Map<String, String> resources = new LinkedHashMap<>();
            for (JsonNode resource : dataset.path("resources")) {
                resources.put(resource.path("extras").path("ods:resource_key").asString(""),
                        resource.path("id").asString());
            }
            resourceIds.put(remoteId, resources);
        }
        return new UdataState(copies, content, datasetIds, resourceIds);
    }

    /** Source datasets present more than once. */
    public Map<String, Long> duplicates() {
        return copies.entrySet().stream().filter(e -> e.getValue() != 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    /** The datasets of {@code earlier} whose udata id or resource ids changed since (should be none). */
    public Map<String, String> idsChangedSince(UdataState earlier) {
        Map<String, String> changed = new TreeMap<>();
        earlier.datasetIds.forEach((remoteId, udataId) -> {
            if (!udataId.equals(datasetIds.get(remoteId))) {
                changed.put(remoteId, "dataset " + udataId + " became " + datasetIds.get(remoteId));
            } else if (!earlier.resourceIds.get(remoteId).equals(resourceIds.get(remoteId))) {
                changed.put(remoteId, "resources " + earlier.resourceIds.get(remoteId) + " became "
                        + resourceIds.get(remoteId));
            }
        });
        return changed;
    }

    private static String remoteId(JsonNode dataset) {
        return dataset.path("extras").path("harvest:remote_id").asString();
    }

    private static JsonNode withoutServerFields(JsonNode dataset) {
        ObjectNode copy = (ObjectNode) dataset.deepCopy();
        SERVER_MADE.forEach(copy::remove);
        if (copy.path("organization").isObject()) {
            copy.put("organization", copy.path("organization").path("id").asString());
        }
        ArrayNode resources = copy.withArray("resources");
        for (JsonNode resource : resources) {
            SERVER_MADE.forEach(((ObjectNode) resource)::remove);
        }
        return copy;
    }
}
