package org.odsharvester.udata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.odsharvester.mapping.HarvestItem;
import org.odsharvester.report.Outcome;
import org.springframework.batch.infrastructure.item.Chunk;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Spatial coverage against the udata fake (issue 12 items 3 and 8): only the zones the target knows are sent, the
 * bounding box when it knows none, the zones' level as granularity; a person's coverage where the source says
 * nothing is kept without a write; the source's replaces it; an unchanged source makes no write.
 */
class SpatialCoverageOwnershipTest {

    private static final List<List<List<List<Double>>>> BOX = List.of(List.of(List.of(
            List.of(2.470195982605219, 48.90340633224696), List.of(2.2260712925344706, 48.90340633224696),
            List.of(2.2260712925344706, 48.81334936246276), List.of(2.470195982605219, 48.81334936246276),
            List.of(2.470195982605219, 48.90340633224696))));

    @RegisterExtension
    static final FakeUdataExtension udata = new FakeUdataExtension();
    private final FakeUdata fake = udata.fake();
    private DatasetIndex index;
    private UdataFixtures.TestRecorder recorder;
    private UdataDatasetWriter writer;

    @BeforeEach
    void setUp() {
        UdataFixtures.Writing writing = UdataFixtures.writing(fake);
        index = writing.index();
        recorder = writing.recorder();
        writer = writing.writer();
    }

    @AfterEach
    void tearDown() {
        writer.close();
        fake.removeZone("fr:commune:13055");
    }

    private void write(HarvestItem item) throws Exception {
        writer.write(new Chunk<>(List.of(item)));
    }

    private HarvestItem item(String title, List<String> zones, List<List<List<List<Double>>>> box) {
        HarvestItem item = UdataFixtures.item(fake, "velos", "da_velos", "Vélos");
        DatasetPayload p = item.dataset();
        return item.withDataset(p.toBuilder().title(title).frequency(null).temporalCoverage(null)
                .spatial(SpatialCoverage.orNull(zones, null, box)).build());
    }

    private HarvestItem item(List<String> zones, List<List<List<List<Double>>>> box) {
        return item("Vélos", zones, box);
    }

    private JsonNode only() {
        assertThat(fake.datasets()).hasSize(1);
        return fake.datasets().get(0);
    }

    private JsonNode onlyPut() {
        assertThat(fake.requestCount("PUT", "/")).isEqualTo(1);
        return fake.requests().stream().filter(r -> r.method().equals("PUT")).findFirst().orElseThrow().json();
    }

    @Test
    void knownZonesReachUdataWithTheirLevelAsGranularityAndAnUnknownOneIsDropped() throws Exception {
        write(item(List.of("fr:commune:75056", "fr:commune:99999"), BOX));

        JsonNode spatial = only().path("spatial");
        assertThat(spatial.path("zones")).extracting(JsonNode::asString).containsExactly("fr:commune:75056");
        assertThat(spatial.path("granularity").asString()).isEqualTo("fr:commune");
        assertThat(spatial.path("geom").isNull()).as("zones or a geometry, not both").isTrue();
        assertThat(recorder.last("velos").outcome()).isEqualTo(Outcome.CREATED);
        fake.clearRequests();

        write(item(List.of("fr:commune:75056", "fr:commune:99999"), BOX));

        assertThat(fake.writeCount()).isZero();
        assertThat(fake.requestCount("GET", "/api/1/spatial/")).as("the zones are remembered for the run").isZero();
        assertThat(recorder.last("velos").outcome()).isEqualTo(Outcome.UNCHANGED);
    }

    @Test
    void zonesOfDifferentLevelsGoWithoutGranularity() throws Exception {
        write(item(List.of("fr:commune:75056", "fr:epci:200054781"), List.of()));

        JsonNode spatial = only().path("spatial");
        assertThat(spatial.path("zones")).hasSize(2);
        assertThat(spatial.path("granularity").asString()).as("udata's default").isEqualTo("other");
    }

    @Test
    void withNoKnownZoneTheBoundingBoxIsTheGeometry() throws Exception {
        write(item(List.of("fr:commune:99999"), BOX));

        JsonNode spatial = only().path("spatial");
        assertThat(spatial.path("zones")).isEmpty();
        assertThat(spatial.path("geom").path("type").asString()).isEqualTo("MultiPolygon");
        assertThat(spatial.path("geom").path("coordinates").get(0).get(0).get(0).get(0).asDouble())
                .isEqualTo(2.470196);
        fake.clearRequests();
        UdataDatasetWriter fresh = new UdataDatasetWriter(UdataFixtures.client(fake), index, recorder, 1);
        try {
            fresh.write(new Chunk<>(List.of(item(List.of("fr:commune:99999"), BOX))));
        } finally {
            fresh.close();
        }
        assertThat(fake.writeCount()).as("the rounded geometry udata holds is no difference").isZero();
        assertThat(fake.requestCount("GET", "/api/1/spatial/zone/")).as("asked again in a new run").isEqualTo(1);
    }

    @Test
    void theIndexRebuiltFromUdataMatchesTheCoverageWeSent() throws Exception {
        write(item(List.of("fr:commune:75056"), List.of()));
        index.saveAll(List.of(IndexEntry.of(UdataDataset.fromJson(only()), item(List.of(), List.of()).identity())));
        fake.clearRequests();

        write(item(List.of("fr:commune:75056"), List.of()));

        assertThat(fake.writeCount()).isZero();
        assertThat(fake.requestCount("GET", "/api/1/datasets/")).as("not even a read").isZero();
    }

    @Test
    void aPersonsCoverageWhereTheSourceSaysNothingIsKept() throws Exception {
        write(item(List.of(), List.of()));
        assertThat(only().path("spatial").isNull()).isTrue();
        fake.editDataset(only().path("id").asString(), d -> {
            ObjectNode spatial = d.putObject("spatial");
            spatial.putArray("zones").add("fr:departement:75");
            spatial.put("granularity", "fr:departement");
            spatial.putNull("geom");
        });
        index.saveAll(List.of(IndexEntry.of(UdataDataset.fromJson(only()), item(List.of(), List.of()).identity())));
        fake.clearRequests();

        write(item(List.of(), List.of()));
        assertThat(fake.writeCount()).as("a person's coverage is no difference").isZero();

        fake.clearRequests();
        write(item("Vélos en libre service", List.of(), List.of()));
        assertThat(onlyPut().has("spatial")).as("not ours: left out, udata keeps it").isFalse();
        assertThat(only().path("spatial").path("zones").get(0).asString()).isEqualTo("fr:departement:75");
        assertThat(onlyPut().has("tags")).isTrue();
        assertThat(onlyPut().has("temporal_coverage")).isTrue();
    }

    @Test
    void whatTheSourceSaysReplacesAPersonsCoverageAndAGeometryGivesWayToZones() throws Exception {
        write(item(List.of(), BOX));
        assertThat(only().path("spatial").path("geom").isObject()).isTrue();
        fake.addZone("fr:commune:13055", "fr:commune", "Marseille");
        fake.clearRequests();

        write(item(List.of("fr:commune:13055"), BOX));

        JsonNode put = onlyPut();
        assertThat(put.path("spatial").path("geom").isNull()).as("udata merges spatial's keys").isTrue();
        JsonNode spatial = only().path("spatial");
        assertThat(spatial.path("zones").get(0).asString()).isEqualTo("fr:commune:13055");
        assertThat(spatial.path("geom").isNull()).isTrue();
        assertThat(put.has("temporal_coverage")).isTrue();
    }

    @Test
    void zonesThatBecameUnknownGiveWayToTheBoundingBox() throws Exception {
        fake.addZone("fr:commune:13055", "fr:commune", "Marseille");
        write(item(List.of("fr:commune:13055"), BOX));
        fake.removeZone("fr:commune:13055");
        fake.clearRequests();
        UdataDatasetWriter fresh = new UdataDatasetWriter(UdataFixtures.client(fake), index, recorder, 1);
        try {
            fresh.write(new Chunk<>(List.of(item(List.of("fr:commune:13055"), BOX))));
        } finally {
            fresh.close();
        }

        assertThat(onlyPut().path("spatial").path("zones").isNull()).as("[] would keep them").isTrue();
        JsonNode spatial = only().path("spatial");
        assertThat(spatial.path("zones")).isEmpty();
        assertThat(spatial.path("geom").path("type").asString()).isEqualTo("MultiPolygon");
    }

    @Test
    void theFakeRefusesWhatUdataRefuses() {
        UdataClient client = UdataFixtures.client(fake);
        assertThat(client.zoneLevel("fr:commune:75056")).contains("fr:commune");
        assertThat(client.zoneLevel("fr:commune:99999")).isEmpty();

        HarvestItem unknown = item(List.of("fr:commune:99999"), List.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.create(unknown.dataset()))
                .isInstanceOf(UdataRejectedException.class).hasMessageContaining("Unknown geoid(s): fr:commune:99999");
        ObjectNode polygon = UdataBodies.createBody(item(List.of(), BOX).dataset());
        ((ObjectNode) polygon.path("spatial").path("geom")).put("type", "Polygon");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.update(createdId(client), polygon))
                .isInstanceOf(UdataRejectedException.class).hasMessageContaining("MultiPolygon");
    }

    private String createdId(UdataClient client) {
        return client.create(item(List.of(), List.of()).dataset()).id();
    }
}
