package org.odsharvester.mapping;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.odsharvester.ods.OdsDataset;
import org.odsharvester.ods.OdsField;
import org.odsharvester.ods.OdsFile;
import org.odsharvester.udata.ResourcePayload;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * The udata resources of a dataset (SPEC §3 "Resources"), in this order:
 * <ol>
 *   <li>when the dataset has records and its data is visible (v2.1 {@code data_visible} not false: the reader
 *       gives no export URL otherwise, since the links would not work for visitors): the CSV and JSON exports; when it is geo, also GeoJSON and
 *       Shapefile — except Shapefile when the dataset has more than {@value #SHAPEFILE_RECORDS_LIMIT}
 *       records (ODS cuts the export there, it would be partial) <b>or when its records count is
 *       unknown</b> (we cannot tell the export is complete, so we do not offer it). Title
 *       {@code Export au format CSV} / {@code CSV format export}…; description: the list of the record
 *       fields, {@code - *label*: name[type] description}; type {@code main}; keys
 *       {@code export:<format>};</li>
 *   <li>each alternative export, type <b>{@code main}</b> (an alternative export is, by definition,
 *       the dataset's data in another shape), key {@code alternative_export:<file id>};</li>
 *   <li>each attachment, key {@code attachment:<file id>}, type chosen from its format: <b>{@code main}</b>
 *       for data formats (CSV, spreadsheets, JSON, archives, geo files… — an ODS attachment is often
 *       the raw data, like {@code cities1000.zip}), <b>{@code documentation}</b> for documents (PDF,
 *       word processor, presentation, text, HTML), <b>{@code other}</b> for anything else (images,
 *       unknown formats).</li>
 * </ol>
 * Files keep their title (else {@code No title}, SPEC), their description, and the format and mime
 * {@link FormatGuesser} guesses from the declared mimetype and the original file name. All resources
 * are {@code filetype=remote}; their URL is the one the reader resolved. A file whose id appears twice
 * is kept once (its key must be unique), and an export without URL is left out.
 */
public class ResourceBuilderProcessor implements ItemProcessor<HarvestItem, HarvestItem> {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /** Above this many records, ODS's Shapefile export is partial. */
    public static final long SHAPEFILE_RECORDS_LIMIT = 50_000;
    /** Longest resource description we send. */
    static final int DESCRIPTION_LIMIT = 100_000;

    private static final Map<String, String> EXPORT_MIMES = Map.of(
            "csv", "text/csv",
            "json", "application/json",
            "geojson", "application/vnd.geo+json",
            "shp", "application/zip");
    private static final Set<String> DATA_FORMATS = Set.of(
            "csv", "tsv", "json", "jsonld", "geojson", "xls", "xlsx", "ods", "xml", "rdf", "ttl", "zip", "gz",
            "7z", "tar", "shp", "kml", "kmz", "gpx", "gpkg", "parquet", "dbf", "sqlite");
    private static final Set<String> DOCUMENT_FORMATS = Set.of(
            "pdf", "doc", "docx", "odt", "rtf", "ppt", "pptx", "odp", "txt", "md", "html", "htm", "epub");

    private final GeneratedTexts texts;
    private final FormatGuesser formatGuesser = new FormatGuesser();

    /** @param language {@code fr} or {@code en}, for the export titles */
    public ResourceBuilderProcessor(String language) {
        this.texts = new GeneratedTexts(language);
    }

    @Override
    public @Nullable HarvestItem process(HarvestItem item) {
        OdsDataset source = item.source();
        List<ResourcePayload> resources = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        for (String format : exportFormats(source)) {
            String url = source.exportUrls().get(format);
            if (url != null && keys.add("export:" + format)) {
                resources.add(new ResourcePayload("export:" + format, texts.exportTitle(format),
                        fieldsDescription(source.fields()), url, "remote", "main", format, EXPORT_MIMES.get(format)));
            }
        }
        for (OdsFile file : source.alternativeExports()) {
            addFile(resources, keys, "alternative_export:", file, true);
        }
        for (OdsFile file : source.attachments()) {
            addFile(resources, keys, "attachment:", file, false);
        }
        return item.withDataset(item.dataset().withResources(resources));
    }

    /** The export formats this dataset gets, in SPEC order. */
    static List<String> exportFormats(OdsDataset source) {
        List<String> formats = new ArrayList<>();
        if (!source.hasRecords()) {
            return formats;
        }
        formats.add("csv");
        formats.add("json");
        if (source.isGeo()) {
            formats.add("geojson");
            Long count = source.recordsCount();
            if (count != null && count <= SHAPEFILE_RECORDS_LIMIT) {
                formats.add("shp");
            }
        }
        return formats;
    }

    /** {@code - *label*: name[type] description}, one line a field; null without fields. */
    static String fieldsDescription(List<OdsField> fields) {
        if (fields.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (OdsField field : fields) {
            String label = oneLine(field.label());
            StringBuilder line = new StringBuilder("- *").append(label == null ? field.name() : label).append("*: ")
                    .append(field.name());
            String type = oneLine(field.type());
            if (type != null) {
                line.append('[').append(type).append(']');
            }
            String description = oneLine(field.description());
            if (description != null) {
                line.append(' ').append(description);
            }
            line.append('\n');
            if (out.length() + line.length() > DESCRIPTION_LIMIT) {
                break;
            }
            out.append(line);
        }
        return out.toString();
    }

    private void addFile(List<ResourcePayload> resources, Set<String> keys, String keyPrefix, OdsFile file,
            boolean alternativeExport) {
        String key = keyPrefix + file.id();
        if (file.url() == null || !keys.add(key)) {
            return;
        }
        FormatGuesser.Guess guess = formatGuesser.guess(file.mimetype(), file.fileName());
        String title = oneLine(file.title());
        String description = file.description() == null || file.description().isBlank() ? null
                : cap(file.description().strip());
        String type = alternativeExport ? "main" : attachmentType(guess.format());
        resources.add(new ResourcePayload(key, title == null ? texts.untitled() : title, description, file.url(),
                "remote", type, guess.format(), guess.mime()));
    }

    /** {@code main} for data, {@code documentation} for documents, {@code other} otherwise. */
    static String attachmentType(String format) {
        if (format == null) {
            return "other";
        }
        if (DATA_FORMATS.contains(format)) {
            return "main";
        }
        return DOCUMENT_FORMATS.contains(format) ? "documentation" : "other";
    }

    /** Trimmed, whitespace runs as single spaces; null when blank. */
    private static String oneLine(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return WHITESPACE.matcher(value.strip()).replaceAll(" ");
    }

    private static String cap(String text) {
        return text.length() <= DESCRIPTION_LIMIT ? text : text.substring(0, DESCRIPTION_LIMIT - 1) + "…";
    }
}
