package org.odsharvester.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.odsharvester.support.HarvestHarness;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odsharvester.support.CatalogGenerator;
import org.odsharvester.support.HarvestRun;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Spatial coverage end to end against the udata fake (issue 12 items 3 and 8): ODS's area codes arrive as the
 * zones udata knows, an unknown zone is dropped (the dataset is not refused), the bounding box is the geometry
 * when no zone is known, a person's coverage where the portal says nothing stays, and an unchanged portal makes
 * no write, also after the index was rebuilt from udata.
 */
@ExtendWith(OutputCaptureExtension.class)
class SpatialCoverageEndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** opendata.paris.fr's bbox of plan-de-voirie-murs, as its v2.1 catalog sends it (a Feature). */
    private static final String PARIS_BOX = """
            {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [[
             [2.470195982605219, 48.90340633224696], [2.2260712925344706, 48.90340633224696],
             [2.2260712925344706, 48.81334936246276], [2.470195982605219, 48.81334936246276],
             [2.470195982605219, 48.90340633224696]]]}}""";

    @RegisterExtension
    final HarvestHarness world = new HarvestHarness();
    private List<CatalogGenerator.Dataset> catalog;
    /** What {@code metas.default} gets on top of the generator's, by dataset id. */
    private final Map<String, ObjectNode> spatial = new HashMap<>();

    @BeforeEach
    void start() {
        catalog = world.ods().generator().datasets(5);
        meta("dataset-00000").set("geographic_reference", JSON.createArrayNode().add("fr_80_75056"));
        // a commune udata does not know next to one it knows: dropped, not refused
        meta("dataset-00001").set("geographic_reference",
                JSON.createArrayNode().add("fr_70_200054781").add("fr_80_99999"));
        // known to none: the bounding box
        meta("dataset-00002").set("geographic_reference", JSON.createArrayNode().add("fr_80_99999"));
        meta("dataset-00002").set("bbox", JSON.readTree(PARIS_BOX));
        meta("dataset-00003").set("geographic_reference", JSON.createArrayNode().add("world_pt"));
        meta("dataset-00003").set("territory", JSON.createArrayNode().add("Portugal"));
        // dataset-00004: nothing spatial; a territory label alone says nothing
        meta("dataset-00004").set("territory", JSON.createArrayNode().add("Paris"));
        serve();
    }

    private ObjectNode meta(String datasetId) {
        return spatial.computeIfAbsent(datasetId, id -> JSON.createObjectNode());
    }

    /** The catalog through the v2.1 API, each dataset's {@code metas.default} with its spatial keys. */
    private void serve() {
        world.ods().serveEdited(catalog, (d, item) -> {
            if (spatial.containsKey(d.id)) {
                ((ObjectNode) item.path("metas").path("default")).setAll(spatial.get(d.id).deepCopy());
            }
        });
    }

    private HarvestRun harvest() {
        return world.harvestCompletely();
    }

    private JsonNode spatialOf(String datasetId) {
        return world.harvested().get(datasetId).path("spatial");
    }

    private static List<String> zones(JsonNode spatial) {
        return spatial.path("zones").valueStream().map(JsonNode::asString).toList();
    }

    @Test
    void zonesAndTheBoundingBoxArriveInUdataAndAnUnchangedPortalMakesNoWrite() {
        HarvestRun first = harvest();

        assertThat(first.report().path("counts").path("rejected").asLong()).isZero();
        assertThat(zones(spatialOf("dataset-00000"))).containsExactly("fr:commune:75056");
        assertThat(spatialOf("dataset-00000").path("granularity").asString()).isEqualTo("fr:commune");
        assertThat(zones(spatialOf("dataset-00001"))).containsExactly("fr:epci:200054781");
        assertThat(spatialOf("dataset-00001").path("granularity").asString()).isEqualTo("fr:epci");
        JsonNode box = spatialOf("dataset-00002");
        assertThat(zones(box)).isEmpty();
        assertThat(box.path("geom").path("type").asString()).isEqualTo("MultiPolygon");
        assertThat(box.path("geom").path("coordinates").get(0).get(0)).hasSize(5);
        assertThat(box.path("geom").path("coordinates").get(0).get(0).get(1).get(0).asDouble()).isEqualTo(2.226071);
        assertThat(zones(spatialOf("dataset-00003"))).containsExactly("country:pt");
        assertThat(spatialOf("dataset-00004").isNull()).isTrue();
        assertThat(world.udataRequestsByKind()).as("one GET per distinct zone id")
                .containsEntry("GET /api/1/spatial/zone/fr%3Acommune%3A99999/", 1);

        world.assertAnUnchangedPortalMakesNoWriteAlsoAfterARebuild(5);
    }

    @Test
    void aPersonsCoverageWhereThePortalSaysNothingStaysAndThePortalsReplacesIt() {
        harvest();
        String handSet = world.harvested().get("dataset-00004").path("id").asString();
        world.udata().editDataset(handSet, d -> {
            ObjectNode s = d.putObject("spatial");
            s.putArray("zones").add("fr:departement:75");
            s.put("granularity", "fr:departement");
            s.putNull("geom");
        });
        world.deleteDataDir();
        world.udata().clearRequests();

        harvest();
        assertThat(world.udata().writeCount()).isZero();
        assertThat(zones(world.udata().dataset(handSet).path("spatial"))).containsExactly("fr:departement:75");

        // the portal now names an area: it replaces the person's
        meta("dataset-00004").set("geographic_reference", JSON.createArrayNode().add("fr_40_11"));
        serve();
        world.udata().clearRequests();
        harvest();
        assertThat(world.udata().writeCount()).isEqualTo(1);
        JsonNode put = world.udata().requests().stream().filter(r -> r.method().equals("PUT")).findFirst()
                .orElseThrow().json();
        assertThat(put.has("tags")).isTrue();
        assertThat(put.has("temporal_coverage")).isTrue();
        JsonNode after = world.udata().dataset(handSet).path("spatial");
        assertThat(zones(after)).containsExactly("fr:region:11");
        assertThat(after.path("granularity").asString()).isEqualTo("fr:region");
        world.udata().clearRequests();
        harvest();
        assertThat(world.udata().writeCount()).isZero();
    }
}
