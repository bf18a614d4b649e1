package org.odsharvester.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.odsharvester.ods.OdsDataset;
import org.odsharvester.udata.DatasetPayload;
import org.odsharvester.udata.SpatialCoverage;
import org.odsharvester.udata.UdataBodies;
import tools.jackson.databind.JsonNode;

/**
 * Spatial coverage (issue 12 item 3) from the recorded payloads and small ones: the ODS area codes the reader
 * carries, the udata zone ids they become, and the bounding box kept to fall back on.
 */
class SpatialCoverageMappingTest {

    private static final List<KnownLicense> KNOWN = List.of(new KnownLicense("lov2", "Licence Ouverte", null,
            List.of(), List.of()));

    private static DatasetPayload map(String portal, OdsDataset source) {
        return new DatasetMappingProcessor(portal, "org-42", "fr", new LicenseGuesser(KNOWN, "lov2")).process(source)
                .dataset();
    }

    @Test
    void odsAreaCodesOfTheLevelsWeCanEstablishBecomeUdataZoneIds() {
        assertThat(SpatialCoverages.zoneId("fr_80_75056")).isEqualTo("fr:commune:75056");
        assertThat(SpatialCoverages.zoneId("fr_80_2A004")).isEqualTo("fr:commune:2a004");
        assertThat(SpatialCoverages.zoneId("fr_70_200054781")).isEqualTo("fr:epci:200054781");
        assertThat(SpatialCoverages.zoneId("fr_60_75")).isEqualTo("fr:departement:75");
        assertThat(SpatialCoverages.zoneId("fr_60_971")).isEqualTo("fr:departement:971");
        assertThat(SpatialCoverages.zoneId("fr_60_2b")).isEqualTo("fr:departement:2b");
        assertThat(SpatialCoverages.zoneId("fr_40_11")).isEqualTo("fr:region:11");
        assertThat(SpatialCoverages.zoneId(" world_pt ")).isEqualTo("country:pt");
        assertThat(SpatialCoverages.zoneId("world")).isEqualTo("country-group:world");
    }

    @Test
    void codesOfOtherLevelsOrShapesMapToNothing() {
        assertThat(SpatialCoverages.zoneId("fr_70_2000")).as("an EPCI is a nine-digit SIREN").isNull();
        assertThat(SpatialCoverages.zoneId("fr_80_750")).as("an INSEE commune code has five characters").isNull();
        assertThat(SpatialCoverages.zoneId("fr_40_1")).isNull();
        assertThat(SpatialCoverages.zoneId("fr_50_75")).as("a level ODS does not document for us").isNull();
        assertThat(SpatialCoverages.zoneId("be_40_2000")).as("another country's subdivision").isNull();
        assertThat(SpatialCoverages.zoneId("world_prt")).isNull();
        assertThat(SpatialCoverages.zoneId("Paris")).isNull();
        assertThat(SpatialCoverages.zoneId("")).isNull();
        assertThat(SpatialCoverages.zoneId(null)).isNull();
    }

    @Test
    void parisExportGivesItsCommuneAndItsMetropolisWithTheBoundingBox() {
        List<OdsDataset> paris = Samples.parisExport();
        assertThat(paris.get(0).spatial().geographicReference()).containsExactly("fr_80_75056");
        assertThat(paris.get(0).spatial().bbox()).as("bbox null in the export").isEmpty();

        SpatialCoverage concertation = map(Samples.PARIS, paris.get(0)).spatial();
        assertThat(concertation.zones()).containsExactly("fr:commune:75056");
        assertThat(concertation.geom()).isEmpty();
        assertThat(concertation.granularity()).as("known once the target answers").isNull();

        SpatialCoverage murs = map(Samples.PARIS, paris.get(1)).spatial();
        assertThat(murs.zones()).containsExactly("fr:epci:200054781");
        // the Feature's Polygon as one MultiPolygon polygon, rounded to 6 decimals as udata stores it
        assertThat(murs.geom()).hasSize(1);
        assertThat(murs.geom().get(0).get(0)).hasSize(5);
        assertThat(murs.geom().get(0).get(0).get(0)).containsExactly(2.470196, 48.903406);
    }

    @Test
    void aV1PortalGivesItsCountryAndItsBarePolygon() {
        OdsDataset sns = Samples.v1Transparencia();
        assertThat(sns.spatial().geographicReference()).containsExactly("world_pt");

        SpatialCoverage spatial = map(Samples.SNS, sns).spatial();
        assertThat(spatial.zones()).containsExactly("country:pt");
        assertThat(spatial.geom()).hasSize(1);
        assertThat(spatial.geom().get(0).get(0).get(1)).containsExactly(-9.418267, 41.805653);
    }

    @Test
    void territoryLabelsAloneSayNothing() {
        OdsDataset labelsOnly = Samples.v21("""
                {"dataset_id": "x", "metas": {"default": {"title": "X", "territory": ["Paris", "France"],
                 "geographic_reference": ["Paris"]}}}""");

        assertThat(map(Samples.EXAMPLE_PORTAL, labelsOnly).spatial()).as("not ours: a person's stays").isNull();
    }

    @Test
    void aBoundingBoxThatIsNotAPolygonIsNoGeometry() {
        OdsDataset point = Samples.v21("""
                {"dataset_id": "x", "metas": {"default": {"title": "X",
                 "bbox": {"type": "Feature", "geometry": {"type": "Point", "coordinates": [2.3, 48.8]}}}}}""");
        OdsDataset broken = Samples.v21("""
                {"dataset_id": "x", "metas": {"default": {"title": "X",
                 "bbox": {"type": "Polygon", "coordinates": [[[2.3, 48.8], [2.4]]]}}}}""");
        OdsDataset multi = Samples.v21("""
                {"dataset_id": "x", "metas": {"default": {"title": "X", "bbox": {"type": "MultiPolygon",
                 "coordinates": [[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[5, 5], [6, 5], [6, 6], [5, 5]]]]}}}}""");

        assertThat(map(Samples.EXAMPLE_PORTAL, point).spatial()).isNull();
        assertThat(map(Samples.EXAMPLE_PORTAL, broken).spatial()).isNull();
        assertThat(map(Samples.EXAMPLE_PORTAL, multi).spatial().geom()).hasSize(2);
    }

    @Test
    void aDryRunShowsTheCandidateZonesOrTheBoundingBox() {
        JsonNode zones = UdataBodies.createBody(map(Samples.PARIS, Samples.parisExport().get(0)));
        assertThat(zones.path("spatial").path("zones").get(0).asString()).isEqualTo("fr:commune:75056");
        assertThat(zones.path("spatial").has("geom")).isFalse();

        OdsDataset boxOnly = Samples.v1("""
                {"datasetid": "x", "metas": {"title": "X", "geographic_reference": ["world_xx_1"],
                 "bbox": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}}}""");
        JsonNode box = UdataBodies.createBody(map(Samples.EXAMPLE_PORTAL, boxOnly));
        assertThat(box.path("spatial").path("geom").path("type").asString()).isEqualTo("MultiPolygon");
        assertThat(box.path("spatial").path("geom").path("coordinates").get(0).get(0)).hasSize(4);
        assertThat(box.path("spatial").has("zones")).isFalse();
    }
}
