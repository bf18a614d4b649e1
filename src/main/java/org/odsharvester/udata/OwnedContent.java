package org.odsharvester.udata;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.odsharvester.ContentHash;
import org.odsharvester.mapping.UdataSlug;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fingerprint of the content of a dataset that the harvester owns, computed identically from
 * what we want ({@link DatasetPayload}) and from what udata holds ({@link UdataDataset}). Equal
 * fingerprints mean there is nothing to write (every udata PUT bumps {@code last_modified}).
 * <p>
 * Covered: title, description, tags, license, private, the extras we own ({@link HarvestExtras#isOwned}), and
 * our resources (those carrying {@link ResourcePayload#KEY_EXTRA}), in order, by key, title, description, url,
 * format, mime, type and filetype; the frequency and the temporal coverage only when they are ours, i.e. when the
 * source gives them ({@link DatasetPayload}): compared with a payload, udata's are covered only where the payload
 * has them ({@link #fingerprint(UdataDataset, DatasetPayload)}), so that a value a person set where the source
 * says nothing is no difference, and is not overwritten. The spatial coverage likewise (zones, geometry, and the
 * granularity when we send one; udata's default granularity {@code other} counts as none), and the contact points
 * (by role, name and email). Not covered: resource ids, resources added by a person,
 * extras of other namespaces, anything udata computes.
 * <p>
 * Values are normalised the way udata stores them, so that a value udata rewrote on the way in does
 * not look like a change: text trimmed with {@code \n} line ends, tags slugified ({@link UdataSlug}), de-duplicated and
 * sorted, no license = {@code notspecified}, format and mime in lower
 * case, null text = empty text, coverage dates as {@code YYYY-MM-DD}.
 */
public final class OwnedContent {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OwnedContent() {
    }

    public static String fingerprint(DatasetPayload payload) {
        return hash(canonical(payload));
    }

    /**
     * The owned fields whose value differs between what udata holds and the payload, by their udata names
     * ({@code title}, {@code tags}, {@code temporal_coverage}…), in alphabetical order: what a PUT would change.
     * Compared on the same normalised values as the fingerprints, so that no difference means equal fingerprints.
     */
    public static List<String> changedFields(UdataDataset held, DatasetPayload wanted) {
        ObjectNode now = canonical(held, wanted);
        ObjectNode then = canonical(wanted);
        TreeSet<String> names = new TreeSet<>();
        then.propertyNames().forEach(names::add);
        now.propertyNames().forEach(names::add);
        List<String> changed = new ArrayList<>();
        for (String name : names) {
            if (!Objects.equals(now.get(name), then.get(name))) {
                changed.add(name);
            }
        }
        return changed;
    }

    private static ObjectNode canonical(DatasetPayload payload) {
        List<ObjectNode> resources = new ArrayList<>();
        for (ResourcePayload r : payload.resources()) {
            resources.add(resource(r.key(), r.title(), r.description(), r.url(), r.format(), r.mime(), r.type(),
                    r.filetype()));
        }
        return contactPoints(spatial(canonical(payload.title(), payload.description(), payload.tags(),
                payload.license(), payload.frequency(), payload.temporalCoverage(), payload.isPrivate(),
                payload.extras(), resources),
                payload.spatial(), payload.spatial() != null && payload.spatial().granularity() != null),
                payload.contactPoints().isEmpty() ? null : payload.contactPoints());
    }

    /**
     * What udata holds, as if the source gave every frequency and temporal coverage it holds: equal to the
     * payload's when neither was set by a person (the index is rebuilt from udata with this). When one was, the
     * writer finds the difference, reads the dataset and compares again with {@link #fingerprint(UdataDataset,
     * DatasetPayload)}: no write.
     */
    public static String fingerprint(UdataDataset dataset) {
        boolean frequency = dataset.frequency() != null && !dataset.frequency().isBlank()
                && !dataset.frequency().strip().equals("unknown");
        SpatialCoverage spatial = dataset.spatial();
        return fingerprint(dataset, frequency, dataset.temporalCoverage() != null, spatial != null,
                spatial != null && spatial.granularity() != null && !spatial.granularity().equals("other"),
                !dataset.contactPoints().isEmpty());
    }

    /** What udata holds of what {@code wanted} owns: its frequency and temporal coverage only if wanted has them. */
    public static String fingerprint(UdataDataset dataset, DatasetPayload wanted) {
        return hash(canonical(dataset, wanted));
    }

    /** What udata holds of the fields {@code wanted} owns (those the source gives a value for). */
    private static ObjectNode canonical(UdataDataset dataset, DatasetPayload wanted) {
        return canonical(dataset, wanted.frequency() != null, wanted.temporalCoverage() != null,
                wanted.spatial() != null, wanted.spatial() != null && wanted.spatial().granularity() != null,
                !wanted.contactPoints().isEmpty());
    }

    private static String fingerprint(UdataDataset dataset, boolean frequency, boolean temporalCoverage,
            boolean spatial, boolean granularity, boolean contactPoints) {
        return hash(canonical(dataset, frequency, temporalCoverage, spatial, granularity, contactPoints));
    }

    private static ObjectNode canonical(UdataDataset dataset, boolean frequency, boolean temporalCoverage,
            boolean spatial, boolean granularity, boolean contactPoints) {
        List<ObjectNode> resources = new ArrayList<>();
        for (UdataResource r : dataset.resources()) {
            if (r.key() != null) {
                resources.add(resource(r.key(), r.title(), r.description(), r.url(), r.format(), r.mime(), r.type(),
                        r.filetype()));
            }
        }
        return contactPoints(spatial(canonical(dataset.title(), dataset.description(), dataset.tags(),
                dataset.license(),
                frequency ? orDefault(dataset.frequency(), "unknown") : null,
                temporalCoverage ? orEmpty(dataset.temporalCoverage()) : null, dataset.isPrivate(), dataset.extras(),
                resources), spatial ? orEmpty(dataset.spatial()) : null, granularity),
                contactPoints ? dataset.contactPoints() : null);
    }

    /** {@code contact_points} added when ours (not null): by role, name and email, in order. */
    private static ObjectNode contactPoints(ObjectNode root, List<UdataContactPoint> contacts) {
        if (contacts != null) {
            ArrayNode node = root.putArray("contact_points");
            contacts.forEach(c -> node.add(c.key()));
        }
        return root;
    }

    private static SpatialCoverage orEmpty(SpatialCoverage coverage) {
        return coverage == null ? new SpatialCoverage(List.of(), null, List.of()) : coverage;
    }

    /**
     * {@code spatial} added when ours ({@code coverage} not null): zones in order, the geometry's coordinates
     * rounded as udata stores them, the granularity only when {@code granularity} (when we send one).
     */
    private static ObjectNode spatial(ObjectNode root, SpatialCoverage coverage, boolean granularity) {
        if (coverage == null) {
            return root;
        }
        ObjectNode node = root.putObject("spatial");
        // zones, else the geometry: what is sent (a coverage not checked yet against the target may carry both)
        node.set("geom", JSON.valueToTree(coverage.zones().isEmpty() ? SpatialCoverage.rounded(coverage.geom())
                : List.of()));
        if (granularity) {
            node.put("granularity", coverage.granularity() == null ? "other" : coverage.granularity());
        }
        ArrayNode zones = node.putArray("zones");
        coverage.zones().forEach(zones::add);
        return root;
    }

    /** A dataset that the source gives a coverage and udata holds none: differs from every coverage. */
    private static UdataDataset.TemporalCoverage orEmpty(UdataDataset.TemporalCoverage coverage) {
        return coverage == null ? new UdataDataset.TemporalCoverage("", null) : coverage;
    }

    /** {@code frequency} and {@code coverage} null: not ours, left out. */
    private static ObjectNode canonical(String title, String description, List<String> tags, String license,
            String frequency, UdataDataset.TemporalCoverage coverage, boolean isPrivate, Map<String, Object> extras,
            List<ObjectNode> resources) {
        ObjectNode root = NODES.objectNode();
        root.put("description", text(description));
        TreeMap<String, JsonNode> owned = new TreeMap<>();
        extras.forEach((key, value) -> {
            if (HarvestExtras.isOwned(key) && value != null) {
                owned.put(key, sorted(JSON.valueToTree(value)));
            }
        });
        ObjectNode extrasNode = root.putObject("extras");
        owned.forEach(extrasNode::set);
        if (frequency != null) {
            root.put("frequency", frequency);
        }
        root.put("license", orDefault(license, "notspecified"));
        root.put("private", isPrivate);
        ArrayNode resourcesNode = root.putArray("resources");
        resources.forEach(resourcesNode::add);
        TreeSet<String> tagSet = new TreeSet<>();
        for (String tag : tags) {
            String slug = UdataSlug.slug(tag);
            if (!slug.isEmpty()) {
                tagSet.add(slug);
            }
        }
        ArrayNode tagsNode = root.putArray("tags");
        tagSet.forEach(tagsNode::add);
        if (coverage != null) {
            ObjectNode node = root.putObject("temporal_coverage");
            node.put("end", date(coverage.end()));
            node.put("start", date(coverage.start()));
        }
        root.put("title", text(title));
        return root;
    }

    private static ObjectNode resource(String key, String title, String description, String url, String format,
            String mime, String type, String filetype) {
        ObjectNode node = NODES.objectNode();
        node.put("description", text(description));
        node.put("filetype", text(filetype));
        node.put("format", text(format).toLowerCase(Locale.ROOT));
        node.put("key", key);
        node.put("mime", text(mime).toLowerCase(Locale.ROOT));
        node.put("title", text(title));
        node.put("type", text(type));
        node.put("url", text(url));
        return node;
    }

    /** Object keys in sorted order, recursively, so that equal content serialises equally. */
    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                fields.put(e.getKey(), sorted(e.getValue()));
            }
            ObjectNode copy = NODES.objectNode();
            fields.forEach(copy::set);
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            node.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }

    /** The date part of a date or date-time ({@code 2020-01-01}, {@code 2020-01-01T00:00:00+00:00}). */
    private static String date(String value) {
        String date = text(value);
        return date.length() > 10 && date.charAt(4) == '-' && date.charAt(7) == '-' ? date.substring(0, 10) : date;
    }

    private static String text(String value) {
        return value == null ? "" : value.replace("\r\n", "\n").replace('\r', '\n').strip();
    }

    private static String orDefault(String value, String byDefault) {
        return value == null || value.isBlank() ? byDefault : value.strip();
    }

    private static String hash(ObjectNode canonical) {
        return ContentHash.of(JSON.writeValueAsBytes(canonical));
    }
}
