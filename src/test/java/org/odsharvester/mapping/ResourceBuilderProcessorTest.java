package org.odsharvester.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.odsharvester.ods.OdsDataset;
import org.odsharvester.ods.OdsField;
import org.odsharvester.udata.ResourcePayload;

class ResourceBuilderProcessorTest {

    private static List<ResourcePayload> resources(OdsDataset source, String language) {
        HarvestItem mapped = new DatasetMappingProcessor(Samples.EXAMPLE_PORTAL, "org", language,
                new LicenseGuesser(List.of(), "lov2")).process(source);
        return new ResourceBuilderProcessor(language).process(mapped).dataset().resources();
    }

    private static OdsDataset geo(long recordsCount) {
        return Samples.v21("""
                {"dataset_id": "arbres", "dataset_uid": "da_arb", "has_records": true, "features": ["geo", "analyze"],
                 "fields": [{"name": "geo_point_2d", "label": "Geo Point", "type": "geo_point_2d"}],
                 "metas": {"default": {"title": "Arbres", "records_count": %d}}}""".formatted(recordsCount));
    }

    @Test
    void buildsTheV1ExportsOfAGeoDatasetUnder50000RecordsInFrench() {
        OdsDataset source = Samples.v1Transparencia(); // 6,957 records, geo
        HarvestItem mapped = new DatasetMappingProcessor(Samples.SNS, "org", "fr",
                new LicenseGuesser(List.of(), "lov2")).process(source);

        List<ResourcePayload> resources = new ResourceBuilderProcessor("fr").process(mapped).dataset().resources();

        String base = "https://transparencia.sns.gov.pt/explore/dataset/taxa-de-mortalidade-por-avc-isquemico-e-hemorragico/download?format=";
        String tail = "&timezone=Europe/Berlin&use_labels_for_header=false";
        assertThat(resources).extracting(ResourcePayload::key, ResourcePayload::title, ResourcePayload::url,
                ResourcePayload::format, ResourcePayload::mime, ResourcePayload::type, ResourcePayload::filetype)
                .containsExactly(
                        tuple("export:csv", "Export au format CSV", base + "csv" + tail, "csv", "text/csv", "main", "remote"),
                        tuple("export:json", "Export au format JSON", base + "json" + tail, "json", "application/json", "main", "remote"),
                        tuple("export:geojson", "Export au format GeoJSON", base + "geojson" + tail, "geojson",
                                "application/vnd.geo+json", "main", "remote"),
                        tuple("export:shp", "Export au format Shapefile", base + "shp" + tail, "shp", "application/zip",
                                "main", "remote"));
        assertThat(resources.get(0).description()).isEqualTo("""
                - *Período*: tempo[date]
                - *Região*: regiao[text]
                - *Instituição*: instituicao[text]
                - *Localização Geográfica*: localizacao_geografica[geo_point_2d]
                - *Mortalidade AVC Hemorrágico 30 dias*: mortalidade_avc_hemorragico_30_dias[double]
                - *Mortalidade AVC Isquémico 30 dias*: mortalidade_avc_isquemico_30_dias[double]
                """);
        assertThat(resources).extracting(ResourcePayload::description).containsOnly(resources.get(0).description());
    }

    @Test
    void buildsTheV21ExportsThenTheAttachmentOfTheGeonamesExample() {
        OdsDataset geonames = Samples.v21CatalogList().get(1); // 137,609 records, attachment cities1000.zip

        List<ResourcePayload> resources = resources(geonames, "en");

        String exports = "https://data.example.org/api/explore/v2.1/catalog/datasets/geonames-all-cities-with-a-population-1000/exports/";
        assertThat(resources).extracting(ResourcePayload::key, ResourcePayload::title, ResourcePayload::url)
                .containsExactly(
                        tuple("export:csv", "CSV format export", exports + "csv"),
                        tuple("export:json", "JSON format export", exports + "json"),
                        tuple("export:geojson", "GeoJSON format export", exports + "geojson"),
                        tuple("attachment:cities1000_zip", "cities1000.zip",
                                "https://data.example.org/api/v2/catalog/datasets/geonames-all-cities-with-a-population-1000/attachments/cities1000_zip"));
        ResourcePayload zip = resources.get(3);
        assertThat(zip.format()).isEqualTo("zip");
        assertThat(zip.mime()).isEqualTo("application/zip");
        assertThat(zip.type()).isEqualTo("main");
        assertThat(zip.filetype()).isEqualTo("remote");
    }

    /** SPEC §3 Resources 2: v2.1 {@code <ods.url>/api/v2/catalog/datasets/<id>/alternative_exports/<file id>}. */
    @Test
    void theV21AlternativeExportUrlIsApiV2CatalogDatasetsIdAlternativeExportsFileId() {
        OdsDataset arbres = Samples.v21("""
                {"dataset_id": "arbres", "dataset_uid": "da_arb", "has_records": false,
                 "alternative_exports": [{"id": "arbres_xlsx", "title": "Arbres (Excel)",
                     "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "url": "odsfile://arbres.xlsx"}],
                 "metas": {"default": {"title": "Arbres"}}}""");

        List<ResourcePayload> resources = resources(arbres, "fr");

        assertThat(resources).extracting(ResourcePayload::key, ResourcePayload::title, ResourcePayload::url)
                .containsExactly(tuple("alternative_export:arbres_xlsx", "Arbres (Excel)",
                        "https://data.example.org/api/v2/catalog/datasets/arbres/alternative_exports/arbres_xlsx"));
    }

    @Test
    void dataItsVisitorsCannotSeeGetsNoExportsButKeepsItsAlternativeExportsAndAttachments() {
        // data_visible: false (Explore API v2.1): the export links would not work for visitors
        OdsDataset hidden = Samples.v21("""
                {"dataset_id": "arbres", "dataset_uid": "da_arb", "has_records": true, "data_visible": false,
                 "features": ["geo", "analyze"],
                 "alternative_exports": [{"id": "arbres_xlsx", "title": "Arbres (Excel)",
                     "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "url": "odsfile://arbres.xlsx"}],
                 "attachments": [{"id": "notice_pdf", "title": "Notice", "mimetype": "application/pdf", "url": "odsfile://notice.pdf"}],
                 "metas": {"default": {"title": "Arbres", "records_count": 120}}}""");

        List<ResourcePayload> resources = resources(hidden, "fr");

        assertThat(resources).extracting(ResourcePayload::key)
                .containsExactly("alternative_export:arbres_xlsx", "attachment:notice_pdf");
    }

    @Test
    void dataVisibleOrUnsaidKeepsTheExports() {
        OdsDataset visible = Samples.v21("""
                {"dataset_id": "arbres", "dataset_uid": "da_arb", "has_records": true, "data_visible": true,
                 "features": ["analyze"], "metas": {"default": {"title": "Arbres", "records_count": 120}}}""");

        assertThat(resources(visible, "fr")).extracting(ResourcePayload::key)
                .containsExactly("export:csv", "export:json");
        assertThat(resources(geo(120), "fr")).extracting(ResourcePayload::key)
                .contains("export:csv", "export:json");
    }

    @Test
    void offersNoShapefileAbove50000Records() {
        assertThat(resources(geo(50_001), "fr")).extracting(ResourcePayload::key)
                .containsExactly("export:csv", "export:json", "export:geojson");
        assertThat(resources(geo(50_000), "fr")).extracting(ResourcePayload::key)
                .containsExactly("export:csv", "export:json", "export:geojson", "export:shp");
    }

    @Test
    void offersNoShapefileWhenTheRecordsCountIsUnknown() {
        OdsDataset unknownCount = Samples.v21("""
                {"dataset_id": "arbres", "has_records": true, "features": ["geo"],
                 "metas": {"default": {"title": "Arbres"}}}""");

        assertThat(unknownCount.recordsCount()).isNull();
        assertThat(resources(unknownCount, "fr")).extracting(ResourcePayload::key)
                .containsExactly("export:csv", "export:json", "export:geojson");
    }

    @Test
    void offersCsvAndJsonOnlyForANonGeoDataset() {
        OdsDataset budget = Samples.parisExport().get(0); // analyze, timeserie: no geo

        assertThat(resources(budget, "fr")).extracting(ResourcePayload::key, ResourcePayload::title)
                .containsExactly(tuple("export:csv", "Export au format CSV"), tuple("export:json", "Export au format JSON"));
    }

    @Test
    void buildsOnlyTheFilesOfADatasetWithoutRecords() {
        OdsDataset files = Samples.v1("""
                {"datasetid": "docs", "has_records": false, "features": ["geo"],
                 "metas": {"title": "Docs", "records_count": 0},
                 "alternative_exports": [
                   {"id": "extra_xls", "title": "Extra", "description": "Le tableau complet", "mimetype": "application/xls",
                    "url": "odsfile://extra.xls"}],
                 "attachments": [
                   {"id": "guide_pdf", "title": "  ", "mimetype": "application/pdf", "url": "odsfile://guide.pdf"},
                   {"id": "logo_png", "title": "Logo", "mimetype": "image/png", "url": "odsfile://logo.png"},
                   {"id": "guide_pdf", "title": "Duplicate id", "mimetype": "application/pdf", "url": "odsfile://guide.pdf"}]}""");

        List<ResourcePayload> resources = resources(files, "fr");

        assertThat(resources).extracting(ResourcePayload::key, ResourcePayload::title, ResourcePayload::description,
                ResourcePayload::format, ResourcePayload::mime, ResourcePayload::type, ResourcePayload::url)
                .containsExactly(
                        tuple("alternative_export:extra_xls", "Extra", "Le tableau complet", "xls",
                                "application/vnd.ms-excel", "main",
                                "https://data.example.org/api/datasets/1.0/docs/alternative_exports/extra_xls"),
                        tuple("attachment:guide_pdf", "No title", null, "pdf", "application/pdf", "documentation",
                                "https://data.example.org/api/datasets/1.0/docs/attachments/guide_pdf"),
                        tuple("attachment:logo_png", "Logo", null, "png", "image/png", "other",
                                "https://data.example.org/api/datasets/1.0/docs/attachments/logo_png"));
        assertThat(resources).extracting(ResourcePayload::filetype).containsOnly("remote");
    }

    @Test
    void describesFieldsWithoutEmptyDescriptionsOrMissingParts() {
        String description = ResourceBuilderProcessor.fieldsDescription(List.of(
                new OdsField("iso3", "ISO 3 code", "text", "Code of the\n territory"),
                new OdsField("status", "Status", "text", "   "),
                new OdsField("nolabel", null, null, null)));

        assertThat(description).isEqualTo("""
                - *ISO 3 code*: iso3[text] Code of the territory
                - *Status*: status[text]
                - *nolabel*: nolabel
                """);
        assertThat(ResourceBuilderProcessor.fieldsDescription(List.of())).isNull();
    }

    @Test
    void describesTheWorldBoundariesFieldsWithTheirDescriptions() {
        List<ResourcePayload> resources = resources(Samples.v21CatalogList().get(0), "fr");

        assertThat(resources.get(0).description())
                .startsWith("- *Geo Point*: geo_point_2d[geo_point_2d]\n- *Geo Shape*: geo_shape[geo_shape]\n")
                .contains("- *ISO 3 country code*: color_code[text] ISO 3 code of the country to which the territory belongs\n")
                .contains("- *Region of the territory*: region[text]\n");
        // 256 records, geo: all four exports
        assertThat(resources).extracting(ResourcePayload::key)
                .containsExactly("export:csv", "export:json", "export:geojson", "export:shp");
    }

    @Test
    void choosesTheAttachmentTypeFromItsFormat() {
        assertThat(ResourceBuilderProcessor.attachmentType("csv")).isEqualTo("main");
        assertThat(ResourceBuilderProcessor.attachmentType("zip")).isEqualTo("main");
        assertThat(ResourceBuilderProcessor.attachmentType("docx")).isEqualTo("documentation");
        assertThat(ResourceBuilderProcessor.attachmentType("jpg")).isEqualTo("other");
        assertThat(ResourceBuilderProcessor.attachmentType(null)).isEqualTo("other");
    }

    @Test
    void keepsTheMappedDatasetAndIdentity() {
        HarvestItem mapped = new DatasetMappingProcessor(Samples.EXAMPLE_PORTAL, "org", "fr",
                new LicenseGuesser(List.of(), "lov2")).process(Samples.v21Single());

        HarvestItem built = new ResourceBuilderProcessor("fr").process(mapped);

        assertThat(built.identity()).isEqualTo(mapped.identity());
        assertThat(built.dataset().withResources(List.of())).isEqualTo(mapped.dataset());
        assertThat(built.dataset().resources()).hasSize(3);
    }
}
