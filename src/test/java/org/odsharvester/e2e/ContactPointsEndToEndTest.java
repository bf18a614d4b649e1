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
 * Contact points end to end against the udata fake (issue 12 items 4 and 8): one contact point of the
 * organization per distinct name, email and role, shared by the datasets that name it; an address udata refuses
 * leaves the dataset without that contact point, not refused; an unchanged portal makes no write and no request
 * about contact points.
 */
@ExtendWith(OutputCaptureExtension.class)
class ContactPointsEndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    final HarvestHarness world = new HarvestHarness();
    private List<CatalogGenerator.Dataset> catalog;
    private final Map<String, ObjectNode> dcat = new HashMap<>();

    @BeforeEach
    void start() {
        catalog = world.ods().generator().datasets(4);
        dcat("dataset-00000").put("contact_name", "Service SIG").put("contact_email", "sig@example.org")
                .put("creator", "Direction de l'Urbanisme");
        dcat("dataset-00001").put("contact_name", "Service SIG").put("contact_email", "sig@example.org");
        // udata's email check asks DNS: this domain receives no mail
        dcat("dataset-00002").put("contact_name", "Ancien service").put("contact_email", "old@gone.example.com");
        dcat("dataset-00003").put("contact_name", "Sans adresse").put("contact_email", "pas une adresse");
        world.udata().refuseMailDomain("gone.example.com");
        serve();
    }

    private ObjectNode dcat(String datasetId) {
        return dcat.computeIfAbsent(datasetId, id -> JSON.createObjectNode());
    }

    private void serve() {
        world.ods().serveWithDcat(catalog, dcat);
    }

    private HarvestRun harvest() {
        return world.harvestCompletely();
    }

    private List<String> contacts(String datasetId) {
        return world.harvested().get(datasetId).path("contact_points").valueStream()
                .map(c -> c.path("role").asString() + ":" + c.path("name").asString() + ":"
                        + c.path("email").asString(""))
                .toList();
    }

    @Test
    void contactPointsArriveSharedAndAnUnchangedPortalMakesNoWrite() {
        HarvestRun first = harvest();

        assertThat(first.report().path("counts").path("rejected").asLong()).isZero();
        // the generator's portal names its publisher on every dataset
        assertThat(contacts("dataset-00000")).containsExactly("contact:Service SIG:sig@example.org",
                "creator:Direction de l'Urbanisme:", "publisher:Ville de Test:");
        assertThat(contacts("dataset-00001")).containsExactly("contact:Service SIG:sig@example.org",
                "publisher:Ville de Test:");
        assertThat(contacts("dataset-00002")).as("refused by udata: left out").containsExactly(
                "publisher:Ville de Test:");
        assertThat(contacts("dataset-00003")).as("not an address: never sent")
                .containsExactly("publisher:Ville de Test:");
        List<JsonNode> points = world.udata().contactPoints();
        assertThat(points).hasSize(3);
        assertThat(points).allSatisfy(c -> assertThat(c.path("organization").path("id").asString())
                .isEqualTo(world.udata().organization()));

        world.udata().clearRequests();
        HarvestRun nightly = harvest();
        // unchanged at the source and in udata since the last write: not mapped again, so nothing is asked of udata
        // about its contact points, the refused address included
        assertThat(world.udata().requests().stream().filter(r -> !r.method().equals("GET"))).isEmpty();
        assertThat(nightly.report().path("counts").path("unchanged").asLong()).isEqualTo(4);

        world.udata().clearRequests();
        HarvestRun second = world.harvestCompletely("--harvest.full=true");
        // a full pass maps them all: udata holds no trace of the address it refused, so it is asked once more (one
        // refused POST, nothing stored), and nothing else is written
        assertThat(world.udata().requestCount("PUT", "/")).isZero();
        assertThat(world.udata().requestCount("POST", "/api/1/datasets/")).isZero();
        assertThat(world.udata().requests().stream().filter(r -> r.method().equals("POST")).map(r -> r.json()
                .path("email").asString())).containsExactly("old@gone.example.com");
        assertThat(world.udata().contactPoints()).hasSize(3);
        assertThat(second.report().path("counts").path("unchanged").asLong()).isEqualTo(4);

        // without it, an unchanged portal makes no write and no request about contact points at all
        dcat("dataset-00002").remove("contact_email");
        serve();
        harvest();
        world.udata().clearRequests();
        HarvestRun fourth = harvest();
        assertThat(world.udata().writeCount()).isZero();
        assertThat(world.udataRequestsByKind()).doesNotContainKeys("GET dataset");
        assertThat(world.udata().requestCount("GET", "/api/1/organizations/" + world.udata().organization()
                + "/contacts/")).isZero();
        assertThat(fourth.report().path("counts").path("unchanged").asLong()).isEqualTo(4);
    }
}
