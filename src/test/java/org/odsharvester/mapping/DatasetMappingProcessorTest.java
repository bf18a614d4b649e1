package org.odsharvester.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.odsharvester.ods.OdsDataset;
import org.odsharvester.udata.DatasetIdentity;
import org.odsharvester.udata.DatasetPayload;

class DatasetMappingProcessorTest {

    private static final List<KnownLicense> KNOWN = List.of(
            new KnownLicense("cc-by", "Creative Commons Attribution", "http://www.opendefinition.org/licenses/cc-by",
                    List.of("CC-BY"), List.of("https://creativecommons.org/licenses/by/4.0/")),
            new KnownLicense("odc-odbl", "Open Data Commons Open Database License (ODbL)",
                    "http://www.opendefinition.org/licenses/odc-odbl", List.of(), List.of()),
            new KnownLicense("lov2", "Licence Ouverte / Open Licence version 2.0",
                    "https://www.etalab.gouv.fr/licence-ouverte-open-licence", List.of(), List.of()));

    private DatasetMappingProcessor processor(String portal, String language) {
        return new DatasetMappingProcessor(portal, "org-42", language, new LicenseGuesser(KNOWN, "lov2"));
    }

    @Test
    void mapsTheVerbatimV1Dataset() {
        HarvestItem item = processor(Samples.SNS, "fr").process(Samples.v1Transparencia());
        DatasetPayload dataset = item.dataset();

        assertThat(dataset.title()).isEqualTo("Mortalidade por AVC Isquémico e Hemorrágico");
        assertThat(dataset.description())
                .startsWith("Monitorização mensal da taxa de mortalidade por AVC Isquémico e Hemorrágico")
                .contains("**Observações:**")
                .contains("têm caráter provisório")
                .doesNotContain("style", "<p", "<font", "<span", "background", "<br");
        assertThat(dataset.tags()).containsExactly("avc", "cuidados-hospitalares", "mortalidade", "qualidade");
        assertThat(dataset.license()).isEqualTo("lov2"); // no license at the source: the default
        // interop_metas.dcat.accrualperiodicity "Mensal"; its "temporal" is free text, not read
        assertThat(dataset.frequency()).isEqualTo("monthly");
        assertThat(dataset.temporalCoverage()).isNull();
        assertThat(dataset.isPrivate()).isFalse();
        assertThat(dataset.organization()).isEqualTo("org-42");
        assertThat(dataset.resources()).isEmpty();
        assertThat(dataset.extras()).containsExactly(
                java.util.Map.entry("dcat:created", "2016-01-24T00:00:00+00:00"),
                java.util.Map.entry("dcat:issued", "2018-12-31T00:00:00+00:00"),
                java.util.Map.entry("harvest:domain", "transparencia.sns.gov.pt"),
                java.util.Map.entry("harvest:remote_id", "taxa-de-mortalidade-por-avc-isquemico-e-hemorragico"),
                java.util.Map.entry("ods:data_processed", "2026-09-09T15:03:43.061445+00:00"),
                java.util.Map.entry("ods:geo", true),
                java.util.Map.entry("ods:has_records", true),
                java.util.Map.entry("ods:metadata_processed", "2026-09-09T15:03:43.114329+00:00"),
                java.util.Map.entry("ods:modified", "2026-09-09T15:03:43.061445+00:00"),
                java.util.Map.entry("ods:url",
                        "https://transparencia.sns.gov.pt/explore/dataset/taxa-de-mortalidade-por-avc-isquemico-e-hemorragico/"));
        assertThat(item.identity()).isEqualTo(new DatasetIdentity(null,
                "taxa-de-mortalidade-por-avc-isquemico-e-hemorragico", "transparencia.sns.gov.pt"));
        assertThat(item.source()).isNotNull();
    }

    @Test
    void mapsTheV21DatasetWithUidReferenceAndLicenseUrl() {
        HarvestItem item = processor(Samples.EXAMPLE_PORTAL, "en").process(Samples.v21Single());
        DatasetPayload dataset = item.dataset();

        assertThat(dataset.extras())
                .containsEntry("ods:dataset_uid", "da_s2n5ed")
                .containsEntry("ods:reference", "https://download.geonames.org/export/dump/")
                .containsEntry("harvest:domain", "data.example.org")
                .containsEntry("ods:geo", true)
                .containsEntry("ods:has_records", true);
        assertThat(item.identity()).isEqualTo(new DatasetIdentity("da_s2n5ed",
                "geonames-all-cities-with-a-population-1000", "data.example.org"));
        // "CC BY 4.0" is no title udata knows; its license_url is an alternate url of cc-by
        assertThat(dataset.license()).isEqualTo("cc-by");
        // keywords as they are + the theme split on its commas
        assertThat(dataset.tags()).containsExactly("administration", "citizenship", "city", "geonames",
                "government", "public-finances", "world");
        assertThat(dataset.description())
                .startsWith("All cities with a population > 1000 or seats of adm div (ca 80.000)") // ">" needs no escape mid-line
                .contains("#### Sources and Contributions")
                .contains("[data sources](http://www.geonames.org/data-sources.html)");
    }

    @Test
    void neverWritesNullExtrasAndWritesGeoFalseForANonGeoDataset() {
        OdsDataset dataset = Samples.v1("""
                {"datasetid": "budget", "has_records": true, "features": ["analyze"],
                 "metas": {"title": "Budget", "description": "<p>Le budget.</p>", "references": "  "}}""");

        DatasetPayload payload = processor(Samples.EXAMPLE_PORTAL, "fr").process(dataset).dataset();

        assertThat(payload.extras()).doesNotContainKeys("ods:dataset_uid", "ods:reference")
                .containsEntry("ods:geo", false)
                .containsEntry("ods:has_records", true);
        assertThat(payload.extras().values()).doesNotContainNull();
    }

    @Test
    void mapsTheParisOdblLicenseThroughTheTable() {
        OdsDataset murs = Samples.parisExport().get(1);

        DatasetPayload payload = processor(Samples.PARIS, "fr").process(murs).dataset();

        assertThat(murs.license()).isEqualTo("Open Database License (ODbL)");
        assertThat(payload.license()).isEqualTo("odc-odbl");
        assertThat(payload.tags()).containsExactly("cloture", "dvd", "mobilite-et-espace-public", "mur", "pvp");
    }

    @Test
    void generatesAFrenchDescriptionWhenThereIsNone() {
        OdsDataset dataset = Samples.v21("""
                {"dataset_id": "sans-description", "has_records": true,
                 "metas": {"default": {"title": "Sans description", "description": "<p> </p><p></p>"}}}""");

        String description = processor(Samples.EXAMPLE_PORTAL, "fr").process(dataset).dataset().description();

        assertThat(description)
                .contains("`sans-description`")
                .contains("https://data.example.org")
                .contains("https://data.example.org/explore/dataset/sans-description/")
                .contains("Jeu de données");
    }

    @Test
    void generatesAnEnglishDescriptionWhenThereIsNone() {
        OdsDataset dataset = Samples.v21("""
                {"dataset_id": "no-description", "has_records": true, "metas": {"default": {"title": "T"}}}""");

        String description = processor(Samples.EXAMPLE_PORTAL, "en").process(dataset).dataset().description();

        assertThat(description).startsWith("Dataset `no-description` harvested from the Opendatasoft portal "
                + "https://data.example.org").contains("https://data.example.org/explore/dataset/no-description/");
    }

    @Test
    void cutsA400CharacterTitleTo350() {
        String longTitle = ("Recensement des équipements sportifs " + "x".repeat(10) + " ").repeat(10).strip();
        assertThat(longTitle.length()).isGreaterThan(400);
        OdsDataset dataset = Samples.v21("{\"dataset_id\": \"long\", \"has_records\": true, "
                + "\"metas\": {\"default\": {\"title\": \"  " + longTitle + "  \"}}}");

        String title = processor(Samples.EXAMPLE_PORTAL, "fr").process(dataset).dataset().title();

        assertThat(title).hasSizeLessThanOrEqualTo(350).endsWith("…").startsWith("Recensement des équipements");
        assertThat(longTitle).startsWith(title.substring(0, title.length() - 1));
    }

    @Test
    void trimsTheTitleAndFlattensItsWhitespace() {
        assertThat(DatasetMappingProcessor.title("  Qualité de l'air\n\t2024  ")).isEqualTo("Qualité de l'air 2024");
        assertThat(DatasetMappingProcessor.title("x".repeat(350))).hasSize(350).doesNotEndWith("…");
        assertThat(DatasetMappingProcessor.title("y".repeat(351))).hasSize(350).endsWith("…");
    }

    @Test
    void capsAHugeDescriptionAtUdatasLimit() {
        String html = "<p>" + "Des données ouvertes. ".repeat(20_000) + "</p>";
        OdsDataset dataset = OdsDataset.builder().datasetId("big").title("Big").descriptionHtml(html).hasRecords(true)
                .recordsCount(1L).build();

        String description = processor(Samples.EXAMPLE_PORTAL, "fr").process(dataset).dataset().description();

        assertThat(description).hasSizeLessThanOrEqualTo(100_000).endsWith("…");
    }

    @Test
    void acceptsNoOrganizationForADryRun() {
        DatasetMappingProcessor dryRun = new DatasetMappingProcessor(Samples.EXAMPLE_PORTAL, (String) null, "fr",
                new LicenseGuesser(List.of(), "lov2"));

        assertThat(dryRun.process(Samples.v21Single()).dataset().organization()).isNull();
    }

    @Test
    void keepsThePortOutOfTheDomainButInTheUrl() {
        DatasetMappingProcessor processor = new DatasetMappingProcessor("https://data.example.org:8443", "o", "fr",
                new LicenseGuesser(List.of(), "lov2"));

        DatasetPayload payload = processor.process(Samples.v21Single()).dataset();

        assertThat(payload.extras()).containsEntry("harvest:domain", "data.example.org")
                .containsEntry("ods:url",
                        "https://data.example.org:8443/explore/dataset/geonames-all-cities-with-a-population-1000/");
    }

    @Test
    void rejectsAnUnknownLanguage() {
        assertThatThrownBy(() -> new DatasetMappingProcessor(Samples.EXAMPLE_PORTAL, "o", "de",
                new LicenseGuesser(List.of(), "lov2"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDescriptionPreparedAheadMapsExactlyLikeOneConvertedWhenProcessed() {
        List<OdsDataset> page = Samples.v21CatalogList();
        DatasetMappingProcessor ahead = processor(Samples.EXAMPLE_PORTAL, "fr");
        DatasetMappingProcessor plain = processor(Samples.EXAMPLE_PORTAL, "fr");

        ahead.prepare(page);
        assertThat(ahead.preparedCount()).isPositive();

        for (OdsDataset dataset : page) {
            assertThat(ahead.process(dataset).dataset()).isEqualTo(plain.process(dataset).dataset());
        }
        assertThat(ahead.preparedCount()).as("each prepared description is taken once").isZero();
    }

    @Test
    void aDescriptionSharedByDatasetsOfAPageIsPreparedForEachOfThem() {
        List<OdsDataset> page = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            page.add(Samples.v21("{\"dataset_id\": \"d" + i + "\", \"metas\": {\"default\": {\"title\": \"T\","
                    + " \"description\": \"<p>Boilerplate <i>text</i></p>\"}}}"));
        }
        DatasetMappingProcessor processor = processor(Samples.EXAMPLE_PORTAL, "fr");

        processor.prepare(page);
        assertThat(processor.preparedCount()).isEqualTo(3);

        for (OdsDataset dataset : page) {
            assertThat(processor.process(dataset).dataset().description()).isEqualTo("Boilerplate *text*");
        }
        assertThat(processor.preparedCount()).isZero();
    }

    @Test
    void descriptionsPreparedAheadAreBounded() {
        List<OdsDataset> many = datasetsWithOwnDescriptions(DatasetMappingProcessor.DEFAULT_MAX_PREPARED + 50);
        DatasetMappingProcessor processor = processor(Samples.EXAMPLE_PORTAL, "fr");

        processor.prepare(many);

        assertThat(processor.preparedCount()).isEqualTo(DatasetMappingProcessor.DEFAULT_MAX_PREPARED);
        assertThat(processor.process(many.get(many.size() - 1)).dataset().description()).isEqualTo("Description **"
                + (many.size() - 1) + "**");
        assertThat(processor.preparedCount()).isEqualTo(DatasetMappingProcessor.DEFAULT_MAX_PREPARED - 1);
    }

    @Test
    void theBoundFollowsWhatTheReaderHoldsAheadSoNothingAboutToBeProcessedIsPushedOut() {
        // chunks of 200 with two pages fetched ahead: up to 200 + 3 pages of 100 prepared before processing
        List<OdsDataset> fiveHundred = datasetsWithOwnDescriptions(500);
        DatasetMappingProcessor processor = processor(Samples.EXAMPLE_PORTAL, "fr");
        processor.setMaxPrepared(500);

        processor.prepare(fiveHundred);

        assertThat(processor.preparedCount()).isEqualTo(500);
        processor.process(fiveHundred.get(0));
        assertThat(processor.preparedCount()).as("the first one was still prepared, and taken").isEqualTo(499);
    }

    private static List<OdsDataset> datasetsWithOwnDescriptions(int count) {
        List<OdsDataset> datasets = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            datasets.add(Samples.v21("{\"dataset_id\": \"d" + i + "\", \"metas\": {\"default\": {\"title\": \"T\","
                    + " \"description\": \"<p>Description <b>" + i + "</b></p>\"}}}"));
        }
        return datasets;
    }
}
