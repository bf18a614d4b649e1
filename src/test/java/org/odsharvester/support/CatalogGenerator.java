package org.odsharvester.support;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
        /** {@code fields[]}, each {name, label, type, description or null}; null gives the two default ones. */
        public List<String[]> fields;
        /** {@code metas.default.geographic_reference} (ODS area codes such as {@code fr_80_75056}); empty leaves it out. */
        public List<String> geographicReference = new ArrayList<>();
        /** {@code metas.default.bbox}: a GeoJSON Feature holding a polygon, {west, south, east, north}; null leaves it out. */
        public double[] bbox;

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
        item.set("fields", fields(d));
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

    /**
     * Makes dataset {@code i} look like one of a real portal's (the Paris export in
     * {@code ods-samples/04_…opendata.paris.fr…}): a French HTML description of about 300 characters with
     * entities, a list and links; five fields; 35 % geographic (the {@code geo} feature, geo fields, an area
     * code and a bbox); an attachment on 15 %; {@code data_processed} and {@code metadata_processed} derived
     * from {@code modified} (set before this is called), so that datasets sharing a modification instant share
     * those too, and a touched dataset gets new ones. Opt-in (the benchmark's portal): tests compare the default
     * texts. Deterministic in {@code i}.
     */
    public static void makeRealistic(int i, Dataset d) {
        String[] places = {"Paris", "Lyon", "Rennes", "Bordeaux", "Lille", "Nantes", "Strasbourg"};
        String[] subjects = {"stationnements v&eacute;los", "arbres d&rsquo;alignement", "&eacute;quipements sportifs",
            "travaux de voirie", "points d&rsquo;apport volontaire", "horaires des biblioth&egrave;ques"};
        String place = places[i % places.length];
        String subject = subjects[(i / places.length) % subjects.length];
        d.title = "Liste des " + subject.replace("&eacute;", "é").replace("&rsquo;", "’").replace("&egrave;", "è")
                + " – " + place + " (" + i + ")";
        d.description = "<p>Ce jeu de donn&eacute;es recense les " + subject + " de la ville de " + place
                + "&nbsp;: localisation, &eacute;tat &amp; date de mise &agrave; jour (n&deg;&nbsp;" + i + ").</p>"
                + "<ul><li>Mise &agrave; jour <b>hebdomadaire</b></li><li>Source&nbsp;: services techniques</li>"
                + "<li>Voir aussi <a href=\"https://opendata.example.fr/explore/dataset/ref-" + (i % 97)
                + "/\" target=\"_blank\">le r&eacute;f&eacute;rentiel</a></li></ul>"
                + "<p>Questions&nbsp;? <a href=\"mailto:opendata@example.fr\">&Eacute;crivez-nous</a>.</p>";
        d.keywords = new ArrayList<>(List.of(place, subject.substring(0, subject.indexOf(' ')), "open data"));
        d.recordsCount = 50 + (i * 37L) % 20_000;
        d.geo = i % 20 < 7; // 35 %
        d.fields = new ArrayList<>(List.of(
                new String[] {"identifiant", "Identifiant", "text", null},
                new String[] {"libelle", "Libellé", "text", "Nom usuel de l’équipement"},
                new String[] {"date_maj", "Date de mise à jour", "date", null},
                new String[] {"nombre", "Nombre", "int", null}));
        if (d.geo) {
            d.fields.add(new String[] {"geo_point_2d", "Géolocalisation", "geo_point_2d", null});
            d.fields.add(new String[] {"geo_shape", "Géométrie", "geo_shape", null});
            d.geographicReference = new ArrayList<>(List.of("fr_80_75056"));
            d.bbox = new double[] {2.2260712925344706, 48.81334936246276, 2.470195982605219, 48.90340633224696};
        } else {
            d.fields.add(new String[] {"commentaire", "Commentaire", "text", null});
        }
        d.attachments.clear();
        if (i % 20 == 3 || i % 20 == 11 || i % 20 == 17) { // 15 %
            d.attachments.add(new String[] {"notice_" + i + "_pdf", "Notice " + i, "application/pdf",
                "notice-" + i + ".pdf"});
        }
        if (d.modified != null) {
            // the platform processes the data, then the metadata, a little after the publisher's date
            OffsetDateTime modified = OffsetDateTime.parse(d.modified);
            d.dataProcessed = python(modified.plusSeconds(41).plusNanos(118_204_000));
            d.metadataProcessed = python(modified.plusSeconds(42).plusNanos(492_310_000));
        }
    }

    /** Like Python's {@code isoformat()} in UTC, as ODS writes dates: six fraction digits, none when zero. */
    private static String python(OffsetDateTime t) {
        OffsetDateTime utc = t.withOffsetSameInstant(ZoneOffset.UTC);
        int micros = utc.getNano() / 1_000;
        return utc.withNano(0).toLocalDateTime().format(DateTimeFormatter.ofPattern(
                "yyyy-MM-dd'T'HH:mm:ss")) + (micros == 0 ? "" : String.format(Locale.ROOT, ".%06d", micros))
                + "+00:00";
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
        if (!d.geographicReference.isEmpty()) {
            ArrayNode codes = meta.putArray("geographic_reference");
            d.geographicReference.forEach(codes::add);
        }
        if (d.bbox != null) {
            ObjectNode feature = meta.putObject("bbox").put("type", "Feature");
            ArrayNode ring = feature.putObject("geometry").put("type", "Polygon").putArray("coordinates").addArray();
            double[] b = d.bbox;
            for (double[] corner : new double[][] {{b[2], b[3]}, {b[0], b[3]}, {b[0], b[1]}, {b[2], b[1]}, {b[2], b[3]}}) {
                ring.addArray().add(corner[0]).add(corner[1]);
            }
            feature.putObject("properties");
        }
    }

    private ArrayNode files(Dataset d) {
        ArrayNode files = mapper.createArrayNode();
        for (String[] a : d.attachments) {
            files.addObject().put("id", a[0]).put("title", a[1]).put("mimetype", a[2]).put("url", "odsfile://" + a[3]);
        }
        return files;
    }

    private ArrayNode fields(Dataset d) {
        ArrayNode fields = mapper.createArrayNode();
        if (d.fields != null) {
            for (String[] f : d.fields) {
                ObjectNode field = fields.addObject().put("name", f[0]).put("label", f[1]).put("type", f[2]);
                if (f[3] == null) {
                    field.putNull("description");
                } else {
                    field.put("description", f[3]);
                }
                field.putObject("annotations");
            }
            return fields;
        }
        fields.addObject().put("name", "nom").put("label", "Nom").put("type", "text").put("description",
                "Nom de la station");
        fields.addObject().put("name", "geo_point_2d").put("label", "Géolocalisation").put("type", "geo_point_2d");
        return fields;
    }
}
