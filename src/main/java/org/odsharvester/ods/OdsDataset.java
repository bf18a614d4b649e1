package org.odsharvester.ods;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One dataset of the ODS catalog, the same whichever API version it was read from.
 * <p>
 * Nothing downstream of the reader may know the API version: the version-specific URLs of the
 * exports and files are resolved by the reader and carried here ({@link #exportUrls}, {@link OdsFile#url}).
 * <p>
 * An item the reader could not make sense of still comes through, with {@link #unusableReason} set,
 * so that it is rejected with a reason instead of crashing the run.
 *
 * @param datasetId          the slug ({@code dataset_id}, v1 {@code datasetid}); may be renamed at the source
 * @param datasetUid         {@code dataset_uid} ({@code da_xxxxxx}), stable across renames; null in v1
 * @param title              {@code metas.default.title}
 * @param descriptionHtml    {@code metas.default.description}, HTML, may be null
 * @param keywords           keywords, each as given (a v1 string is split into a one-element list)
 * @param themes             themes as given (one entry may still hold several comma-separated themes)
 * @param license            free-text license name, may be null
 * @param licenseUrl         {@code license_url}, may be null
 * @param references         {@code references}, may be null
 * @param publisher          {@code publisher}, may be null
 * @param modified           {@code modified} as the portal wrote it, may be null
 * @param hasRecords         {@code has_records}
 * @param recordsCount       {@code records_count}, null when unknown
 * @param features           {@code features} ({@code geo}, {@code analyze}…)
 * @param hasInspireMetadata true when the portal carries an INSPIRE template for it
 * @param fields             the record fields, in portal order
 * @param alternativeExports the alternative exports, in portal order
 * @param attachments        the attachments, in portal order
 * @param exportUrls         export format ({@code csv}, {@code json}, {@code geojson}, {@code shp}) to download URL
 * @param unusableReason     why this item cannot be harvested (broken JSON, wrong types), or null
 */
public record OdsDataset(
        String datasetId,
        String datasetUid,
        String title,
        String descriptionHtml,
        List<String> keywords,
        List<String> themes,
        String license,
        String licenseUrl,
        String references,
        String publisher,
        String modified,
        boolean hasRecords,
        Long recordsCount,
        Set<String> features,
        boolean hasInspireMetadata,
        List<OdsField> fields,
        List<OdsFile> alternativeExports,
        List<OdsFile> attachments,
        Map<String, String> exportUrls,
        String unusableReason) {

    public OdsDataset {
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        themes = themes == null ? List.of() : List.copyOf(themes);
        features = features == null ? Set.of() : Set.copyOf(features);
        fields = fields == null ? List.of() : List.copyOf(fields);
        alternativeExports = alternativeExports == null ? List.of() : List.copyOf(alternativeExports);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        exportUrls = exportUrls == null ? Map.of() : Map.copyOf(exportUrls);
    }

    /** An item of a catalog page that cannot be read as a dataset. */
    public static OdsDataset unusable(String datasetIdIfKnown, String reason) {
        return new OdsDataset(datasetIdIfKnown, null, null, null, null, null, null, null, null, null, null,
                false, null, null, false, null, null, null, null, reason);
    }

    /**
     * An unusable item without id is named {@code #<n>}, its 1-based position in the catalog, so that the
     * report can point at it and a restart that reads it again records the same rejection, not a second one.
     */
    public static OdsDataset namedByPosition(OdsDataset item, long zeroBasedPosition) {
        if (item.isUsable() || item.datasetId() != null) {
            return item;
        }
        return unusable("#" + (zeroBasedPosition + 1), item.unusableReason());
    }

    public boolean isGeo() {
        return features.contains("geo");
    }

    public boolean isUsable() {
        return unusableReason == null;
    }
}
