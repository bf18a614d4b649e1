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
 * @param metadataProcessed  {@code metadata_processed} as the portal wrote it, may be null
 * @param dataProcessed      {@code data_processed} as the portal wrote it, may be null
 * @param dcat               the text values of the DCAT template by key ({@code accrualperiodicity},
 *                           {@code temporal_coverage_start}, {@code issued}…), as the portal wrote them: v2.1
 *                           {@code metas.dcat}, v1 {@code interop_metas.dcat}, else the same keys in the flat
 *                           metas; blank values left out
 * @param spatial            {@code geographic_reference} and {@code bbox}; {@link OdsSpatial#NONE} when absent
 * @param hasRecords         {@code has_records}
 * @param recordsCount       {@code records_count}, null when unknown
 * @param features           {@code features} ({@code geo}, {@code analyze}…)
 * @param hasInspireMetadata true when the portal carries an INSPIRE template for it
 * @param fields             the record fields, in portal order
 * @param alternativeExports the alternative exports, in portal order
 * @param attachments        the attachments, in portal order
 * @param exportUrls         export format ({@code csv}, {@code json}, {@code geojson}, {@code shp}) to download URL
 * @param unusableReason     why this item cannot be harvested (broken JSON, wrong types), or null
 * @param signature          what the portal published for it, to tell a change ({@link SourceSignature}); null when
 *                           the reader did not compute one
 * @param unchangedIn        the udata dataset that holds it, when the reader found it unchanged at the source and
 *                           untouched in udata since the harvester's last write: it is neither mapped nor written,
 *                           and carries nothing else but its identity; null otherwise
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
        String metadataProcessed,
        String dataProcessed,
        Map<String, String> dcat,
        OdsSpatial spatial,
        boolean hasRecords,
        Long recordsCount,
        Set<String> features,
        boolean hasInspireMetadata,
        List<OdsField> fields,
        List<OdsFile> alternativeExports,
        List<OdsFile> attachments,
        Map<String, String> exportUrls,
        String unusableReason,
        SourceSignature signature,
        String unchangedIn) {

    public OdsDataset {
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        themes = themes == null ? List.of() : List.copyOf(themes);
        features = features == null ? Set.of() : Set.copyOf(features);
        fields = fields == null ? List.of() : List.copyOf(fields);
        alternativeExports = alternativeExports == null ? List.of() : List.copyOf(alternativeExports);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        exportUrls = exportUrls == null ? Map.of() : Map.copyOf(exportUrls);
        dcat = dcat == null ? Map.of() : Map.copyOf(dcat);
        spatial = spatial == null ? OdsSpatial.NONE : spatial;
    }

    /** A value of the DCAT template, or null. */
    public String dcat(String key) {
        return dcat.get(key);
    }

    /** An item of a catalog page that cannot be read as a dataset. */
    public static OdsDataset unusable(String datasetIdIfKnown, String reason) {
        return builder().datasetId(datasetIdIfKnown).unusableReason(reason).build();
    }

    /** A dataset field by field; what is not set is null, empty or false. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link OdsDataset}; the setters are named after the record's components. */
    public static final class Builder {
        private String datasetId;
        private String datasetUid;
        private String title;
        private String descriptionHtml;
        private List<String> keywords;
        private List<String> themes;
        private String license;
        private String licenseUrl;
        private String references;
        private String publisher;
        private String modified;
        private String metadataProcessed;
        private String dataProcessed;
        private Map<String, String> dcat;
        private OdsSpatial spatial;
        private boolean hasRecords;
        private Long recordsCount;
        private Set<String> features;
        private boolean hasInspireMetadata;
        private List<OdsField> fields;
        private List<OdsFile> alternativeExports;
        private List<OdsFile> attachments;
        private Map<String, String> exportUrls;
        private String unusableReason;
        private SourceSignature signature;
        private String unchangedIn;

        private Builder() {
        }

        public Builder datasetId(String value) {
            this.datasetId = value;
            return this;
        }

        public Builder datasetUid(String value) {
            this.datasetUid = value;
            return this;
        }

        public Builder title(String value) {
            this.title = value;
            return this;
        }

        public Builder descriptionHtml(String value) {
            this.descriptionHtml = value;
            return this;
        }

        public Builder keywords(List<String> value) {
            this.keywords = value;
            return this;
        }

        public Builder themes(List<String> value) {
            this.themes = value;
            return this;
        }

        public Builder license(String value) {
            this.license = value;
            return this;
        }

        public Builder licenseUrl(String value) {
            this.licenseUrl = value;
            return this;
        }

        public Builder references(String value) {
            this.references = value;
            return this;
        }

        public Builder publisher(String value) {
            this.publisher = value;
            return this;
        }

        public Builder modified(String value) {
            this.modified = value;
            return this;
        }

        public Builder metadataProcessed(String value) {
            this.metadataProcessed = value;
            return this;
        }

        public Builder dataProcessed(String value) {
            this.dataProcessed = value;
            return this;
        }

        public Builder dcat(Map<String, String> value) {
            this.dcat = value;
            return this;
        }

        public Builder spatial(OdsSpatial value) {
            this.spatial = value;
            return this;
        }

        public Builder hasRecords(boolean value) {
            this.hasRecords = value;
            return this;
        }

        public Builder recordsCount(Long value) {
            this.recordsCount = value;
            return this;
        }

        public Builder features(Set<String> value) {
            this.features = value;
            return this;
        }

        public Builder hasInspireMetadata(boolean value) {
            this.hasInspireMetadata = value;
            return this;
        }

        public Builder fields(List<OdsField> value) {
            this.fields = value;
            return this;
        }

        public Builder alternativeExports(List<OdsFile> value) {
            this.alternativeExports = value;
            return this;
        }

        public Builder attachments(List<OdsFile> value) {
            this.attachments = value;
            return this;
        }

        public Builder exportUrls(Map<String, String> value) {
            this.exportUrls = value;
            return this;
        }

        public Builder unusableReason(String value) {
            this.unusableReason = value;
            return this;
        }

        public Builder signature(SourceSignature value) {
            this.signature = value;
            return this;
        }

        public Builder unchangedIn(String udataId) {
            this.unchangedIn = udataId;
            return this;
        }

        public OdsDataset build() {
            return new OdsDataset(datasetId, datasetUid, title, descriptionHtml, keywords, themes, license, licenseUrl,
                    references, publisher, modified, metadataProcessed, dataProcessed, dcat, spatial, hasRecords,
                    recordsCount, features, hasInspireMetadata, fields,
                    alternativeExports, attachments, exportUrls, unusableReason, signature, unchangedIn);
        }
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

    /**
     * A dataset found unchanged since the harvester's last write (see {@code unchangedIn}): its identity only, as the
     * index knows it, so that the run records it as seen without fetching or mapping it.
     */
    public static OdsDataset unchanged(String datasetId, String datasetUid, String udataId) {
        return builder().datasetId(datasetId).datasetUid(datasetUid).unchangedIn(udataId).build();
    }

    /** True when the reader found it unchanged at the source and untouched in udata: nothing to map or write. */
    public boolean isUnchanged() {
        return unchangedIn != null;
    }

    public boolean isGeo() {
        return features.contains("geo");
    }

    public boolean isUsable() {
        return unusableReason == null;
    }
}
