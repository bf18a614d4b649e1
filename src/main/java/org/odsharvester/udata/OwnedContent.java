package org.odsharvester.udata;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

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
 * Covered: title, description, tags, license, frequency, private, the extras we own
 * ({@link HarvestExtras#isOwned}), and our resources (those carrying {@link ResourcePayload#KEY_EXTRA}),
 * in order, by key, title, description, url, format, mime, type and filetype. Not covered: resource
 * ids, resources added by a person, extras of other namespaces, anything udata computes.
 * <p>
 * Values are normalised the way udata stores them, so that a value udata rewrote on the way in does
 * not look like a change: text trimmed with {@code \n} line ends, tags slugified ({@link UdataSlug}), de-duplicated and
 * sorted, no license = {@code notspecified}, no frequency = {@code unknown}, format and mime in lower
 * case, null text = empty text.
 */
public final class OwnedContent {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OwnedContent() {
    }

    public static String fingerprint(DatasetPayload payload) {
        List<ObjectNode> resources = new ArrayList<>();
        for (ResourcePayload r : payload.resources()) {
            resources.add(resource(r.key(), r.title(), r.description(), r.url(), r.format(), r.mime(), r.type(),
                    r.filetype()));
        }
        return hash(canonical(payload.title(), payload.description(), payload.tags(), payload.license(),
                payload.frequency(), payload.isPrivate(), payload.extras(), resources));
    }

    public static String fingerprint(UdataDataset dataset) {
        List<ObjectNode> resources = new ArrayList<>();
        for (UdataResource r : dataset.resources()) {
            if (r.key() != null) {
                resources.add(resource(r.key(), r.title(), r.description(), r.url(), r.format(), r.mime(), r.type(),
                        r.filetype()));
            }
        }
        return hash(canonical(dataset.title(), dataset.description(), dataset.tags(), dataset.license(),
                dataset.frequency(), dataset.isPrivate(), dataset.extras(), resources));
    }

    private static ObjectNode canonical(String title, String description, List<String> tags, String license,
            String frequency, boolean isPrivate, Map<String, Object> extras, List<ObjectNode> resources) {
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
        root.put("frequency", orDefault(frequency, "unknown"));
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

    private static String text(String value) {
        return value == null ? "" : value.replace("\r\n", "\n").replace('\r', '\n').strip();
    }

    private static String orDefault(String value, String byDefault) {
        return value == null || value.isBlank() ? byDefault : value.strip();
    }

    private static String hash(ObjectNode canonical) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(canonical);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
