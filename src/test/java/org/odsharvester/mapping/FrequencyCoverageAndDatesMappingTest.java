package org.odsharvester.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.odsharvester.ods.OdsDataset;
import org.odsharvester.udata.DatasetPayload;
import org.odsharvester.udata.UdataBodies;
import org.odsharvester.udata.UdataDataset.TemporalCoverage;
import tools.jackson.databind.JsonNode;

/**
 * Frequency, temporal coverage and the portal's dates (issue 12, items 1, 2 and 6), read from the recorded
 * payloads and from small ones: what the reader carries, what the mapping makes of it, and what a dry run shows.
 */
class FrequencyCoverageAndDatesMappingTest {

    private static final List<KnownLicense> KNOWN = List.of(new KnownLicense("lov2",
            "Licence Ouverte / Open Licence version 2.0", "https://www.etalab.gouv.fr/licence-ouverte-open-licence",
            List.of(), List.of()));

    private static DatasetPayload map(String portal, OdsDataset source) {
        return new DatasetMappingProcessor(portal, "org-42", "fr", new LicenseGuesser(KNOWN, "lov2")).process(source)
                .dataset();
    }

    @Test
    void parisExportCarriesItsDcatTemplateAndProcessingDates() {
        List<OdsDataset> paris = Samples.parisExport();
        OdsDataset concertation = paris.get(0);
        OdsDataset murs = paris.get(1);
        OdsDataset comptage = paris.get(3);

        assertThat(concertation.dcat()).as("every value of its template is null").isEmpty();
        assertThat(concertation.modified()).isEqualTo("2023-03-07T10:10:41+00:00");
        assertThat(concertation.metadataProcessed()).isEqualTo("2023-09-21T14:29:10.013000+00:00");
        assertThat(concertation.dataProcessed()).isEqualTo("2023-09-21T14:29:09+00:00");
        assertThat(murs.dcat()).containsExactlyInAnyOrderEntriesOf(
                Map.of("created", "2019-04-10", "accrualperiodicity", "Mensuelle"));
        assertThat(comptage.dcat()).containsExactlyInAnyOrderEntriesOf(
                Map.of("created", "2020-04-30", "issued", "2020-04-30"));
    }

    @Test
    void parisExportMapsItsFrequencyAndDates() {
        List<OdsDataset> paris = Samples.parisExport();

        DatasetPayload concertation = map(Samples.PARIS, paris.get(0));
        assertThat(concertation.frequency()).as("the source does not tell").isNull();
        assertThat(concertation.temporalCoverage()).isNull();
        assertThat(concertation.extras()).containsEntry("ods:modified", "2023-03-07T10:10:41+00:00")
                .containsEntry("ods:metadata_processed", "2023-09-21T14:29:10.013000+00:00")
                .containsEntry("ods:data_processed", "2023-09-21T14:29:09+00:00")
                .doesNotContainKeys("dcat:issued", "dcat:created");

        DatasetPayload murs = map(Samples.PARIS, paris.get(1));
        assertThat(murs.frequency()).isEqualTo("monthly");
        assertThat(murs.extras()).containsEntry("dcat:created", "2019-04-10").doesNotContainKey("dcat:issued");

        DatasetPayload comptage = map(Samples.PARIS, paris.get(3));
        assertThat(comptage.frequency()).isNull();
        assertThat(comptage.extras()).containsEntry("dcat:created", "2020-04-30")
                .containsEntry("dcat:issued", "2020-04-30")
                .containsEntry("ods:modified", "2021-04-29T21:23:51+00:00");
    }

    @Test
    void theVerbatimV1DatasetReadsItsInteropDcat() {
        OdsDataset sns = Samples.v1Transparencia();

        assertThat(sns.dcat()).containsEntry("accrualperiodicity", "Mensal")
                .containsEntry("temporal", "janeiro de 2013 a maio de 2026 (valores acumulados)")
                .containsEntry("created", "2016-01-24T00:00:00+00:00")
                .containsEntry("issued", "2018-12-31T00:00:00+00:00");
        assertThat(sns.metadataProcessed()).isEqualTo("2026-09-09T15:03:43.114329+00:00");
        DatasetPayload payload = map(Samples.SNS, sns);
        assertThat(payload.frequency()).isEqualTo("monthly");
        assertThat(payload.temporalCoverage()).as("free text is not parsed").isNull();
    }

    @Test
    void theOtherRecordedPayloadsCarryProcessingDatesAndNoTemplate() {
        for (OdsDataset d : List.of(Samples.v21CatalogList().get(0), Samples.v21Single())) {
            assertThat(d.dcat()).as(d.datasetId()).isEmpty();
            DatasetPayload payload = map(Samples.EXAMPLE_PORTAL, d);
            assertThat(payload.frequency()).isNull();
            assertThat(payload.extras()).containsKeys("ods:modified", "ods:metadata_processed", "ods:data_processed");
        }
        assertThat(map(Samples.EXAMPLE_PORTAL, Samples.v21Single()).extras())
                .containsEntry("ods:data_processed", "2021-06-22T08:47:08+00:00");
    }

    @Test
    void aV21TemplateWithACoverageGivesIt() {
        OdsDataset d = Samples.v21("""
                {"dataset_id": "velos", "dataset_uid": "da_1", "has_records": true,
                 "metas": {"default": {"title": "Vélos", "modified": "2026-01-02T03:04:05+00:00"},
                           "dcat": {"accrualperiodicity": "En continu", "temporal_coverage_start": "2013-01-01",
                                    "temporal_coverage_end": null, "temporal": "depuis 2013", "issued": "  "}}}""");

        DatasetPayload payload = map(Samples.EXAMPLE_PORTAL, d);

        assertThat(payload.frequency()).isEqualTo("continuous");
        assertThat(payload.temporalCoverage()).isEqualTo(new TemporalCoverage("2013-01-01", null));
        assertThat(payload.extras()).doesNotContainKeys("dcat:issued", "ods:metadata_processed");
    }

    @Test
    void aV1PortalWithoutInteropMetasHasTheTemplateInItsFlatMetas() {
        OdsDataset d = Samples.v1("""
                {"datasetid": "velos", "has_records": true,
                 "metas": {"title": "Vélos", "accrualperiodicity": "Hebdomadaire",
                           "temporal_coverage_start": "2020-01-01T00:00:00+00:00",
                           "temporal_coverage_end": "2020-12-31T00:00:00+00:00", "issued": "2020-02-01"},
                 "interop_metas": {"dcat": {"issued": "2020-03-01", "accrualperiodicity": null}}}""");

        assertThat(d.dcat()).as("interop_metas first, the flat metas for what it lacks").containsEntry("issued",
                "2020-03-01").containsEntry("accrualperiodicity", "Hebdomadaire");
        DatasetPayload payload = map(Samples.EXAMPLE_PORTAL, d);
        assertThat(payload.frequency()).isEqualTo("weekly");
        assertThat(payload.temporalCoverage()).isEqualTo(new TemporalCoverage("2020-01-01", "2020-12-31"));
        assertThat(payload.extras()).containsEntry("dcat:issued", "2020-03-01");
    }

    @Test
    void anUnmappableFrequencyIsNoneAndCreatesUnknown() {
        OdsDataset d = Samples.v21("""
                {"dataset_id": "velos", "has_records": true,
                 "metas": {"default": {"title": "Vélos"}, "dcat": {"accrualperiodicity": "Selon l'actualité"}}}""");

        DatasetPayload payload = map(Samples.EXAMPLE_PORTAL, d);

        assertThat(payload.frequency()).isNull();
        assertThat(UdataBodies.createBody(payload).path("frequency").asString()).isEqualTo("unknown");
    }

    @Test
    void aDryRunLineShowsTheNewFields() {
        OdsDataset d = Samples.v21("""
                {"dataset_id": "velos", "has_records": true,
                 "metas": {"default": {"title": "Vélos", "modified": "2026-01-02T03:04:05+00:00",
                                       "metadata_processed": "2026-01-02T03:04:07.492310+00:00"},
                           "dcat": {"accrualperiodicity": "Trimestrielle", "temporal_coverage_start": "2019-12-31",
                                    "temporal_coverage_end": "2015-01-01", "created": "2015-01-01"}}}""");

        // the dry-run writer writes exactly the creation body
        JsonNode line = UdataBodies.createBody(map(Samples.EXAMPLE_PORTAL, d));

        assertThat(line.path("frequency").asString()).isEqualTo("quarterly");
        assertThat(line.path("temporal_coverage").path("start").asString()).isEqualTo("2015-01-01");
        assertThat(line.path("temporal_coverage").path("end").asString()).isEqualTo("2019-12-31");
        assertThat(line.path("extras").path("ods:modified").asString()).isEqualTo("2026-01-02T03:04:05+00:00");
        assertThat(line.path("extras").path("ods:metadata_processed").asString())
                .isEqualTo("2026-01-02T03:04:07.492310+00:00");
        assertThat(line.path("extras").path("dcat:created").asString()).isEqualTo("2015-01-01");
    }
}
