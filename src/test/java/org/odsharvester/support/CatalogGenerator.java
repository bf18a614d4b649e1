package org.odsharvester.support;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds ODS catalog items in the shapes of the recorded payloads (v2.1 {@code results[]} items and
 * v1 {@code datasets[]} items), so that end-to-end tests and the benchmark can make portals of any size.
 */
public class CatalogGenerator {

    private final JsonMapper mapper = JsonMapper.builder().build();

    /** A dataset description every generator call can tweak before it is rendered. */
    public static final class Dataset {
        public String id;
        public String uid;
        public String title;
        public String description = "<p>Données de <b>test</b>.</p>";
        public List<String> keywords = new ArrayList<>(List.of("Transport", "Vélo"));
        public List<String> themes = new ArrayList<>(List.of("Mobilité, Transports"));
        public String license = "Licence Ouverte (Etalab)";
        public boolean hasRecords = true;
        public long recordsCount = 120;
        public boolean geo;
        public boolean inspire;
        /** {@code data_visible} (v2.1): false when visitors cannot see the data. */
        public boolean dataVisible = true;
        /** {@code metas.default.modified}; null leaves it out. Microseconds, as recent portals stamp them. */
        public String modified = "2026-01-02T03:04:05.061445+00:00";
        /** {@code metas.default.data_processed} and {@code metadata_processed} (set by the platform, the latter last). */
        public String dataProcessed = "2026-01-02T03:04:06.118204+00:00";
        public String metadataProcessed = "2026-01-02T03:04:07.492310+00:00";
        public List<String[]> attachments = new ArrayList<>(); // {id, title, mimetype, file name}

        public Dataset(int i) {
            id = "dataset-" + String.format("%05d", i);
            uid = "da_" + Integer.toString(100000 + i, 36);
            title = "Jeu de données " + i;
        }

        /** The publisher renames the dataset's slug ({@code dataset_id}); its {@code dataset_uid} stays. */
        public Dataset renameTo(String newId) {
            id = newId;
            return this;
        }
    }

    public List<Dataset> datasets(int count) {
        List<Dataset> datasets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Dataset dataset = new Dataset(i);
            dataset.geo = i % 3 == 0;
            if (i % 5 == 0) {
                dataset.attachments.add(new String[] {"notice_pdf", "Notice", "application/pdf", "notice.pdf"});
            }
            datasets.add(dataset);
        }
        return datasets;
    }

    public ObjectNode v21(Dataset d) {
        ObjectNode item = mapper.createObjectNode();
        item.put("dataset_id", d.id);
        item.put("dataset_uid", d.uid);
        item.put("has_records", d.hasRecords);
        item.put("data_visible", d.dataVisible);
        putFeaturesAndFiles(item, d);
        ObjectNode metas = item.putObject("metas");
        ObjectNode meta = metas.putObject("default");
        fillMeta(meta, d);
        if (d.inspire) {
            metas.putObject("inspire").put("theme", "Adresses").put("type", "dataset");
        }
        return item;
    }

    /** What both API versions carry alike: features, attachments, alternative exports and fields. */
    private void putFeaturesAndFiles(ObjectNode item, Dataset d) {
        ArrayNode features = item.putArray("features");
        features.add("analyze");
        if (d.geo) {
            features.add("geo");
        }
        item.set("attachments", files(d));
        item.putArray("alternative_exports");
        item.set("fields", fields());
    }

    public ObjectNode v1(Dataset d) {
        ObjectNode item = mapper.createObjectNode();
        item.put("datasetid", d.id);
        item.put("has_records", d.hasRecords);
        putFeaturesAndFiles(item, d);
        fillMeta(item.putObject("metas"), d);
        if (d.inspire) {
            item.putObject("interop_metas").putObject("inspire").put("theme", "Adresses");
        }
        return item;
    }

    private void fillMeta(ObjectNode meta, Dataset d) {
        meta.put("title", d.title);
        meta.put("description", d.description);
        ArrayNode keywords = meta.putArray("keyword");
        d.keywords.forEach(keywords::add);
        ArrayNode themes = meta.putArray("theme");
        d.themes.forEach(themes::add);
        meta.put("license", d.license);
        meta.put("records_count", d.recordsCount);
        if (d.modified != null) {
            meta.put("modified", d.modified);
        }
        meta.put("data_processed", d.dataProcessed);
        meta.put("metadata_processed", d.metadataProcessed);
        meta.put("publisher", "Ville de Test");
    }

    private ArrayNode files(Dataset d) {
        ArrayNode files = mapper.createArrayNode();
        for (String[] a : d.attachments) {
            files.addObject().put("id", a[0]).put("title", a[1]).put("mimetype", a[2]).put("url", "odsfile://" + a[3]);
        }
        return files;
    }

    private ArrayNode fields() {
        ArrayNode fields = mapper.createArrayNode();
        fields.addObject().put("name", "nom").put("label", "Nom").put("type", "text").put("description",
                "Nom de la station");
        fields.addObject().put("name", "geo_point_2d").put("label", "Géolocalisation").put("type", "geo_point_2d");
        return fields;
    }
}
