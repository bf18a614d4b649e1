package org.odsharvester.ods;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.odsharvester.ContentHash;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.JsonNode;

/**
 * Reads one catalog item of either API version into the version-neutral {@link OdsDataset}, and
 * resolves the version-specific download URLs there so that nothing downstream needs the version.
 * <p>
 * Lenient by design: a value of an unexpected type is ignored (or, for the title and id, makes the
 * item unusable) rather than failing the page.
 */
public class OdsDatasetParser {

    private static final List<String> EXPORT_FORMATS = List.of("csv", "json", "geojson", "shp");
    /** The keys of ODS's DCAT template, looked for in the flat v1 metas when {@code interop_metas.dcat} lacks them. */
    static final List<String> DCAT_KEYS = List.of("created", "issued", "creator", "contributor", "contact_name",
            "contact_email", "accrualperiodicity", "spatial", "temporal", "granularity", "dataquality",
            "publisher_type", "conforms_to", "temporal_coverage_start", "temporal_coverage_end", "accessRights");

    private final String portalUrl;

    /** @param portalUrl the normalised portal root, e.g. {@code https://data.example.org} */
    public OdsDatasetParser(String portalUrl) {
        this.portalUrl = portalUrl;
    }

    /** An item of {@code /api/explore/v2.1/catalog/datasets} ({@code results[]}). */
    public OdsDataset fromExploreV21(JsonNode item) {
        if (item == null || !item.isObject()) {
            return OdsDataset.unusable(null, "catalog item is not a JSON object");
        }
        String id = text(item.get("dataset_id"));
        if (id == null || id.isBlank()) {
            return OdsDataset.unusable(null, "dataset has no dataset_id");
        }
        JsonNode metas = item.path("metas");
        JsonNode meta = metas.path("default");
        String path = "/api/v2/catalog/datasets/" + segment(id);
        Map<String, String> exports = new LinkedHashMap<>();
        // data_visible false: visitors cannot see the data, so an export link would not work for them (the
        // attachments and alternative exports are other files, still served); absent means visible
        boolean dataVisible = item.path("data_visible").asBoolean(true);
        for (String format : dataVisible ? EXPORT_FORMATS : List.<String>of()) {
            exports.put(format, portalUrl + "/api/explore/v2.1/catalog/datasets/" + segment(id) + "/exports/" + format);
        }
        return build(id, text(item.get("dataset_uid")), item, meta, dcat(metas.path("dcat"), null),
                hasContent(metas.get("inspire")),
                files(item.get("alternative_exports"), path + "/alternative_exports/"),
                files(item.get("attachments"), path + "/attachments/"), exports);
    }

    /** An item of {@code /api/datasets/1.0/search/} ({@code datasets[]}). */
    public OdsDataset fromLegacyV1(JsonNode item) {
        if (item == null || !item.isObject()) {
            return OdsDataset.unusable(null, "catalog item is not a JSON object");
        }
        String id = text(item.get("datasetid"));
        if (id == null || id.isBlank()) {
            return OdsDataset.unusable(null, "dataset has no datasetid");
        }
        String path = "/api/datasets/1.0/" + segment(id);
        Map<String, String> exports = new LinkedHashMap<>();
        for (String format : EXPORT_FORMATS) {
            exports.put(format, portalUrl + "/explore/dataset/" + segment(id) + "/download?format=" + format
                    + "&timezone=Europe/Berlin&use_labels_for_header=false");
        }
        JsonNode metas = item.path("metas");
        return build(id, null, item, metas, dcat(item.path("interop_metas").path("dcat"), metas),
                hasContent(item.path("interop_metas").get("inspire")),
                files(item.get("alternative_exports"), path + "/alternative_exports/"),
                files(item.get("attachments"), path + "/attachments/"), exports);
    }

    private OdsDataset build(String id, String uid, JsonNode item, JsonNode meta, Map<String, String> dcat,
            boolean inspire,
            List<OdsFile> alternativeExports, List<OdsFile> attachments, Map<String, String> exports) {
        JsonNode title = meta.get("title");
        if (title != null && !title.isNull() && !title.isString()) {
            return OdsDataset.unusable(id, "title is not a text (" + title.getNodeType() + ")");
        }
        return OdsDataset.builder()
                .datasetId(id)
                .datasetUid(uid)
                .title(text(title))
                .descriptionHtml(text(meta.get("description")))
                .keywords(texts(meta.get("keyword")))
                .themes(texts(meta.get("theme")))
                .license(text(meta.get("license")))
                .licenseUrl(text(meta.get("license_url")))
                .references(text(meta.get("references")))
                .publisher(text(meta.get("publisher")))
                .modified(text(meta.get("modified")))
                .metadataProcessed(text(meta.get("metadata_processed")))
                .dataProcessed(text(meta.get("data_processed")))
                .dcat(dcat)
                .spatial(new OdsSpatial(texts(meta.get("geographic_reference")), polygons(meta.get("bbox"))))
                .hasRecords(item.path("has_records").asBoolean(false))
                .recordsCount(count(meta.get("records_count")))
                .features(Set.copyOf(texts(item.get("features"))))
                .hasInspireMetadata(inspire)
                .fields(fields(item.get("fields")))
                .alternativeExports(alternativeExports)
                .attachments(attachments)
                .exportUrls(exports)
                // the item as the portal wrote it (the parsed tree written back: the same text for the same answer)
                .signature(new SourceSignature(SourceSignature.signals(id, text(meta.get("metadata_processed")),
                        text(meta.get("data_processed"))), ContentHash.of(item.toString())))
                .build();
    }

    /**
     * The text values of a DCAT template; with {@code flat} (v1), a key the template lacks is taken from the flat
     * metas, where v1 portals without {@code interop_metas} put them. Blank values and lists are left out.
     */
    private static Map<String, String> dcat(JsonNode template, JsonNode flat) {
        Map<String, String> values = new LinkedHashMap<>();
        if (template.isObject()) {
            for (Map.Entry<String, JsonNode> e : template.properties()) {
                String value = text(e.getValue());
                if (value != null && !value.isBlank()) {
                    values.put(e.getKey(), value);
                }
            }
        }
        if (flat != null && flat.isObject()) {
            for (String key : DCAT_KEYS) {
                String value = text(flat.get(key));
                if (!values.containsKey(key) && value != null && !value.isBlank()) {
                    values.put(key, value);
                }
            }
        }
        return values;
    }

    /**
     * The polygons of a GeoJSON Polygon or MultiPolygon, or of a Feature holding one (v2.1 sends {@code bbox} as a
     * Feature, v1 as a bare Polygon), as MultiPolygon coordinates; anything else (a point, broken coordinates) gives
     * none.
     */
    static List<List<List<List<Double>>>> polygons(JsonNode geometry) {
        if (geometry == null || !geometry.isObject()) {
            return List.of();
        }
        if ("Feature".equals(text(geometry.get("type")))) {
            return polygons(geometry.get("geometry"));
        }
        String type = text(geometry.get("type"));
        JsonNode coordinates = geometry.path("coordinates");
        List<List<List<List<Double>>>> polygons = new ArrayList<>();
        if ("Polygon".equals(type)) {
            List<List<List<Double>>> polygon = polygon(coordinates);
            if (polygon != null) {
                polygons.add(polygon);
            }
        } else if ("MultiPolygon".equals(type) && coordinates.isArray()) {
            for (JsonNode p : coordinates) {
                List<List<List<Double>>> polygon = polygon(p);
                if (polygon == null) {
                    return List.of();
                }
                polygons.add(polygon);
            }
        }
        return polygons;
    }

    /** Rings of positions of two or more numbers; null when the shape is not that (a GeoJSON ring has 4+). */
    private static List<List<List<Double>>> polygon(JsonNode rings) {
        if (!rings.isArray() || rings.isEmpty()) {
            return null;
        }
        List<List<List<Double>>> polygon = new ArrayList<>();
        for (JsonNode ring : rings) {
            if (!ring.isArray() || ring.size() < 4) {
                return null;
            }
            List<List<Double>> positions = new ArrayList<>();
            for (JsonNode position : ring) {
                if (!position.isArray() || position.size() < 2 || !position.get(0).isNumber()
                        || !position.get(1).isNumber()) {
                    return null;
                }
                positions.add(List.of(position.get(0).asDouble(), position.get(1).asDouble()));
            }
            polygon.add(positions);
        }
        return polygon;
    }

    private List<OdsFile> files(JsonNode array, String urlPrefix) {
        List<OdsFile> files = new ArrayList<>();
        if (array == null || !array.isArray()) {
            return files;
        }
        for (JsonNode file : array) {
            String fileId = text(file.get("id"));
            if (fileId == null || fileId.isBlank()) {
                continue; // a file without id cannot be downloaded nor matched across runs
            }
            String odsUrl = text(file.get("url"));
            String fileName = odsUrl != null && odsUrl.startsWith("odsfile://") ? odsUrl.substring(10) : null;
            files.add(new OdsFile(fileId, text(file.get("title")), text(file.get("description")),
                    text(file.get("mimetype")), fileName, portalUrl + urlPrefix + segment(fileId)));
        }
        return files;
    }

    private static List<OdsField> fields(JsonNode array) {
        List<OdsField> fields = new ArrayList<>();
        if (array == null || !array.isArray()) {
            return fields;
        }
        for (JsonNode field : array) {
            String name = text(field.get("name"));
            if (name != null) {
                fields.add(new OdsField(name, text(field.get("label")), text(field.get("type")),
                        text(field.get("description"))));
            }
        }
        return fields;
    }

    /** A string, or a number/boolean written as text; null for null, missing, objects and arrays. */
    static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode() || node.isContainer()) {
            return null;
        }
        return node.asString();
    }

    /** A list of strings, or a single string, as a list; other values ignored. */
    static List<String> texts(JsonNode node) {
        Set<String> values = new LinkedHashSet<>();
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isArray()) {
            for (JsonNode value : node) {
                String text = text(value);
                if (text != null && !text.isBlank()) {
                    values.add(text);
                }
            }
        } else {
            String text = text(node);
            if (text != null && !text.isBlank()) {
                values.add(text);
            }
        }
        return List.copyOf(values);
    }

    private static Long count(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.asLong();
        }
        try {
            return Long.parseLong(node.asString().trim());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** An INSPIRE template counts when at least one of its values is set. */
    private static boolean hasContent(JsonNode template) {
        if (template == null || !template.isObject()) {
            return false;
        }
        for (JsonNode value : template.values()) {
            if (value != null && !value.isNull()
                    && !(value.isString() && value.asString().isBlank())
                    && !(value.isContainer() && value.isEmpty())) {
                return true;
            }
        }
        return false;
    }

    private static String segment(String value) {
        return UriUtils.encodePathSegment(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
