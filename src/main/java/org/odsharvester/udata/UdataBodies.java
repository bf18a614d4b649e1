package org.odsharvester.udata;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON bodies the harvester sends to udata. Written by hand rather than by data binding:
 * {@code private} is a JSON key, null extras are refused by udata, and an update must carry the
 * resource ids back.
 * <p>
 * <b>Every PUT carries {@code tags} and {@code temporal_coverage}.</b> udata's PUT is partial except for
 * these two: a PUT that leaves {@code tags} out sets them to {@code []} ({@code udata/forms/fields.py},
 * {@code TagField.process_formdata}: no value → {@code []}), and one that leaves {@code temporal_coverage}
 * out clears it ({@code DateRangeField.process_formdata}: no value → {@code None}); udata issue #2468. So an
 * update sends our tags (we own them) and the source's temporal coverage, or when the source has none the one
 * udata holds (a person's); the archive and unarchive bodies send both as udata holds them.
 * <p>
 * <b>Frequency and temporal coverage are ours only when the source gives them</b> ({@link DatasetPayload}
 * null otherwise): an update then leaves out the frequency (omitted keys are kept) and sends back the coverage
 * udata holds, so what a person set in udata where the source says nothing stays. The spatial coverage likewise:
 * sent only when the source gives one, else left out (udata keeps the one it holds).
 */
public final class UdataBodies {

    /** Resource keys udata sends but computes itself: never sent back. */
    private static final List<String> READ_ONLY_RESOURCE_KEYS = List.of("latest", "preview_url", "metrics",
            "created_at", "last_modified", "internal", "harvest");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private UdataBodies() {
    }

    /** Body of {@code POST /api/1/datasets/}: every field we own, resources without ids. */
    public static ObjectNode createBody(DatasetPayload payload) {
        ObjectNode body = ownedFields(payload);
        if (payload.frequency() == null) {
            body.put("frequency", "unknown");
        }
        if (payload.temporalCoverage() != null) {
            putTemporalCoverage(body, payload.temporalCoverage());
        }
        if (payload.spatial() != null) {
            putSpatial(body, payload.spatial(), false);
        }
        putContactPoints(body, payload);
        if (payload.organization() != null) {
            body.put("organization", payload.organization());
        }
        ObjectNode extras = body.putObject("extras");
        payload.extras().forEach((key, value) -> putValue(extras, key, value));
        ArrayNode resources = body.putArray("resources");
        for (ResourcePayload r : payload.resources()) {
            resources.add(resource(JSON.createObjectNode(), r, Map.of()));
        }
        return body;
    }

    /**
     * Body of {@code PUT /api/1/datasets/{id}/} that makes {@code current} hold {@code payload}.
     * <ul>
     * <li>our resources are matched to the existing ones by their {@code ods:resource_key} extra and sent
     * back with their ids (permalinks stay); a new one goes without id; ours that disappeared at the source
     * are left out, so udata deletes them;</li>
     * <li>URL fallback: only when no existing resource carries a key at all (a dataset harvested before keys
     * existed), a keyless resource with the same URL is taken for ours. Once keys exist, a keyless resource is
     * a person's, even when it points to the same file;</li>
     * <li>resources without our key (added by a person) are appended as udata sent them, with their ids;</li>
     * <li>extras: our keys ({@link HarvestExtras#isOwned}) are replaced by the payload's, every other key is
     * kept (udata replaces the whole dict, so they are sent back);</li>
     * <li>{@code archived: null} when the dataset is archived (it is at the source again);</li>
     * <li>{@code frequency} only when the source gives one (left out, udata keeps the one it holds);</li>
     * <li>{@code temporal_coverage} from the source, else as udata holds it (udata clears it when a PUT leaves it
     * out);</li>
     * <li>the organization is not sent (it cannot change).</li>
     * </ul>
     */
    public static ObjectNode updateBody(DatasetPayload payload, UdataDataset current) {
        ObjectNode body = ownedFields(payload);
        putTemporalCoverage(body, payload.temporalCoverage() != null ? payload.temporalCoverage()
                : current.temporalCoverage());
        if (payload.spatial() != null) {
            putSpatial(body, payload.spatial(), true);
        }
        putContactPoints(body, payload);
        ObjectNode extras = body.putObject("extras");
        current.extras().forEach((key, value) -> {
            if (!HarvestExtras.isOwned(key)) {
                putValue(extras, key, value);
            }
        });
        payload.extras().forEach((key, value) -> putValue(extras, key, value));

        List<UdataResource> existing = current.resources();
        boolean anyKeyed = existing.stream().anyMatch(r -> r.key() != null);
        Set<Integer> used = new HashSet<>();
        ArrayNode resources = body.putArray("resources");
        for (ResourcePayload r : payload.resources()) {
            int match = indexOf(existing, used, candidate -> r.key() != null && r.key().equals(candidate.key()));
            if (match < 0 && !anyKeyed) {
                match = indexOf(existing, used, candidate -> candidate.key() == null && candidate.url() != null
                        && r.url() != null && candidate.url().strip().equals(r.url().strip()));
            }
            if (match < 0) {
                resources.add(resource(JSON.createObjectNode(), r, Map.of()));
            } else {
                used.add(match);
                UdataResource old = existing.get(match);
                ObjectNode node = sendable(old);
                node.put("id", old.id());
                resources.add(resource(node, r, old.extras()));
            }
        }
        for (int i = 0; i < existing.size(); i++) {
            UdataResource old = existing.get(i);
            if (!used.contains(i) && old.key() == null) {
                resources.add(sendable(old));
            }
        }
        if (current.isArchived()) {
            body.putNull("archived");
        }
        return body;
    }

    /**
     * Body that archives {@code current} at the given ISO date-time (or unarchives it with null), with its tags
     * and temporal coverage as udata holds them, so that the PUT clears neither.
     */
    public static ObjectNode archivedBody(UdataDataset current, String isoDateTime) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode tags = body.putArray("tags");
        current.tags().forEach(tags::add);
        putTemporalCoverage(body, current.temporalCoverage());
        if (isoDateTime == null) {
            body.putNull("archived");
        } else {
            body.put("archived", isoDateTime);
        }
        return body;
    }

    /**
     * {@code spatial}: the zones (with their granularity when there is one), or else the geometry as a MultiPolygon
     * (udata refuses both at once, {@code SpatialCoverage.clean}). udata merges the sub-keys of {@code spatial} on
     * a PUT, so an update clears the other one: {@code "geom": null} with zones, {@code "zones": null} with a
     * geometry (an empty list keeps the stored zones, like {@code contact_points}).
     */
    private static void putSpatial(ObjectNode body, SpatialCoverage spatial, boolean update) {
        ObjectNode node = body.putObject("spatial");
        if (!spatial.zones().isEmpty()) {
            ArrayNode zones = node.putArray("zones");
            spatial.zones().forEach(zones::add);
            if (spatial.granularity() != null) {
                node.put("granularity", spatial.granularity());
            }
            if (update) {
                node.putNull("geom");
            }
            return;
        }
        ObjectNode geom = node.putObject("geom");
        geom.put("type", "MultiPolygon");
        geom.set("coordinates", JSON.valueToTree(spatial.geom()));
        if (update) {
            node.putNull("zones"); // [] would keep them: wtforms-json sends no key for an empty list
        }
    }

    /**
     * {@code contact_points} by id when the source gives some (left out otherwise: udata keeps the ones it holds).
     * Without ids (a dry run, which asks udata nothing) they are shown as objects.
     */
    private static void putContactPoints(ObjectNode body, DatasetPayload payload) {
        if (payload.contactPoints().isEmpty()) {
            return;
        }
        ArrayNode contacts = body.putArray("contact_points");
        for (UdataContactPoint c : payload.contactPoints()) {
            if (c.id() != null) {
                contacts.add(c.id());
            } else {
                ObjectNode node = contacts.addObject();
                node.put("name", c.name());
                if (c.email() != null) {
                    node.put("email", c.email());
                }
                node.put("role", c.role());
            }
        }
    }

    /** {@code temporal_coverage}, dates as udata answers them; null (cleared) when there is none. */
    private static void putTemporalCoverage(ObjectNode body, UdataDataset.TemporalCoverage coverage) {
        if (coverage == null) {
            body.putNull("temporal_coverage");
            return;
        }
        ObjectNode node = body.putObject("temporal_coverage");
        node.put("start", coverage.start());
        if (coverage.end() != null) {
            node.put("end", coverage.end());
        }
    }

    private static ObjectNode ownedFields(DatasetPayload payload) {
        ObjectNode body = JSON.createObjectNode();
        body.put("title", payload.title());
        body.put("description", payload.description());
        ArrayNode tags = body.putArray("tags");
        payload.tags().forEach(tags::add);
        if (payload.license() != null) {
            body.put("license", payload.license());
        }
        if (payload.frequency() != null) {
            body.put("frequency", payload.frequency());
        }
        body.put("private", payload.isPrivate());
        return body;
    }

    private static ObjectNode resource(ObjectNode node, ResourcePayload r, Map<String, Object> oldExtras) {
        node.put("title", r.title());
        node.put("description", r.description() == null ? "" : r.description());
        node.put("url", r.url());
        node.put("filetype", r.filetype() == null ? "remote" : r.filetype());
        node.put("type", r.type() == null ? "main" : r.type());
        node.put("format", r.format() == null ? "" : r.format());
        node.put("mime", r.mime() == null ? "" : r.mime());
        ObjectNode extras = node.putObject("extras");
        // udata's own annotations of the resource (analysis, checks…) are kept
        oldExtras.forEach((key, value) -> putValue(extras, key, value));
        extras.put(ResourcePayload.KEY_EXTRA, r.key());
        return node;
    }

    /** A resource as udata sent it, minus what udata computes itself and null values. */
    private static ObjectNode sendable(UdataResource resource) {
        ObjectNode node = resource.raw() == null ? JSON.createObjectNode() : resource.raw();
        node.remove(READ_ONLY_RESOURCE_KEYS);
        List<String> nulls = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (e.getValue().isNull()) {
                nulls.add(e.getKey());
            }
        }
        node.remove(nulls);
        if (resource.id() != null) {
            node.put("id", resource.id());
        }
        return node;
    }

    private static int indexOf(List<UdataResource> resources, Set<Integer> used,
            java.util.function.Predicate<UdataResource> test) {
        for (int i = 0; i < resources.size(); i++) {
            if (!used.contains(i) && test.test(resources.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** udata refuses null extra values: they are left out. */
    private static void putValue(ObjectNode target, String key, Object value) {
        if (key != null && value != null) {
            target.set(key, JSON.valueToTree(value));
        }
    }
}
