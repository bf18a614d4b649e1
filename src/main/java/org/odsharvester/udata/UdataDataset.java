package org.odsharvester.udata;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the harvester needs from udata's answer about one dataset.
 *
 * @param id           udata dataset id
 * @param title        title
 * @param description  Markdown description
 * @param tags         tags as udata stores them
 * @param license      license id ({@code notspecified} when none)
 * @param frequency    update frequency id
 * @param isPrivate    {@code private}
 * @param organization id of the owning organization, may be null
 * @param archived     archival date (ISO) or null
 * @param deleted      deletion date (ISO) or null
 * @param lastModified {@code last_modified}, may be null
 * @param extras       the dataset extras
 * @param resources    the resources, in udata's order
 * @param temporalCoverage the period the data covers, or null; not ours, but every PUT must send it back
 *                     (udata clears it when a PUT leaves it out)
 * @param spatial      {@code spatial} as udata answers it (zone ids, granularity, MultiPolygon), or null when it
 *                     holds neither zones nor a geometry
 * @param contactPoints {@code contact_points} as udata answers them (full objects), in its order
 */
public record UdataDataset(
        String id,
        String title,
        String description,
        List<String> tags,
        String license,
        String frequency,
        boolean isPrivate,
        String organization,
        String archived,
        String deleted,
        String lastModified,
        Map<String, Object> extras,
        List<UdataResource> resources,
        TemporalCoverage temporalCoverage,
        SpatialCoverage spatial,
        List<UdataContactPoint> contactPoints) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final tools.jackson.core.type.TypeReference<List<List<List<List<Double>>>>> MULTIPOLYGON =
            new tools.jackson.core.type.TypeReference<>() {
            };

    public UdataDataset {
        tags = tags == null ? List.of() : List.copyOf(tags);
        extras = extras == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extras));
        resources = resources == null ? List.of() : List.copyOf(resources);
        contactPoints = contactPoints == null ? List.of() : List.copyOf(contactPoints);
    }

    /** Without spatial coverage. */
    public UdataDataset(String id, String title, String description, List<String> tags, String license,
            String frequency, boolean isPrivate, String organization, String archived, String deleted,
            String lastModified, Map<String, Object> extras, List<UdataResource> resources,
            TemporalCoverage temporalCoverage) {
        this(id, title, description, tags, license, frequency, isPrivate, organization, archived, deleted,
                lastModified, extras, resources, temporalCoverage, null, List.of());
    }

    /**
     * {@code temporal_coverage} as udata answers it: dates as text ({@code 2020-01-01}), {@code end} may be null.
     */
    public record TemporalCoverage(String start, String end) {
    }

    public boolean isArchived() {
        return archived != null;
    }

    public boolean isDeleted() {
        return deleted != null;
    }

    /** The value of an extra as text, or null. */
    public String extra(String key) {
        Object value = extras.get(key);
        return value == null ? null : value.toString();
    }

    /** The fingerprint of the content the harvester owns ({@link OwnedContent}). */
    public String ownedFingerprint() {
        return OwnedContent.fingerprint(this);
    }

    /** Reads one dataset of a udata answer ({@code dataset_fields}). */
    public static UdataDataset fromJson(JsonNode node) {
        List<String> tags = new ArrayList<>();
        for (JsonNode tag : node.path("tags")) {
            if (tag.isString()) {
                tags.add(tag.asString());
            }
        }
        List<UdataResource> resources = new ArrayList<>();
        for (JsonNode r : node.path("resources")) {
            if (r.isObject()) {
                resources.add(new UdataResource(text(r, "id"), text(r, "title"), text(r, "url"), text(r, "format"),
                        text(r, "mime"), text(r, "description"), text(r, "type"), text(r, "filetype"),
                        map(r.path("extras")), (ObjectNode) r));
            }
        }
        JsonNode organization = node.path("organization");
        String organizationId = organization.isObject() ? text(organization, "id")
                : organization.isString() ? organization.asString() : null;
        JsonNode license = node.path("license");
        String licenseId = license.isObject() ? text(license, "id") : text(node, "license");
        return new UdataDataset(text(node, "id"), text(node, "title"), text(node, "description"), tags, licenseId,
                text(node, "frequency"), node.path("private").asBoolean(false), organizationId,
                text(node, "archived"), text(node, "deleted"), text(node, "last_modified"), map(node.path("extras")),
                resources, temporalCoverage(node.path("temporal_coverage")), spatial(node.path("spatial")),
                contactPoints(node.path("contact_points")));
    }

    private static List<UdataContactPoint> contactPoints(JsonNode array) {
        List<UdataContactPoint> contacts = new ArrayList<>();
        for (JsonNode c : array) {
            if (c.isObject()) {
                contacts.add(new UdataContactPoint(text(c, "id"), text(c, "name"), text(c, "email"),
                        text(c, "role")));
            }
        }
        return contacts;
    }

    /**
     * udata answers zones as ids (full objects only with {@code X-Get-Datasets-Full-Objects}: then their
     * {@code id}), {@code geom} as a MultiPolygon or null.
     */
    private static SpatialCoverage spatial(JsonNode node) {
        if (!node.isObject()) {
            return null;
        }
        List<String> zones = new ArrayList<>();
        for (JsonNode zone : node.path("zones")) {
            String id = zone.isObject() ? text(zone, "id") : zone.isString() ? zone.asString() : null;
            if (id != null) {
                zones.add(id);
            }
        }
        JsonNode geom = node.path("geom");
        List<List<List<List<Double>>>> polygons = geom.isObject() && "MultiPolygon".equals(text(geom, "type"))
                ? JSON.convertValue(geom.path("coordinates"), MULTIPOLYGON) : List.of();
        return SpatialCoverage.orNull(zones, text(node, "granularity"), polygons);
    }

    private static TemporalCoverage temporalCoverage(JsonNode node) {
        String start = node.isObject() ? text(node, "start") : null;
        return start == null ? null : new TemporalCoverage(start, text(node, "end"));
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        return value.isValueNode() ? value.asString() : value.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(JsonNode node) {
        if (!node.isObject()) {
            return Map.of();
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            map.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class));
        }
        return map;
    }
}
