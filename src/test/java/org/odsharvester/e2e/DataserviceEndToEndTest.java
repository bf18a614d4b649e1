package org.odsharvester.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.odsharvester.support.CatalogGenerator;
import org.odsharvester.support.HarvestHarness;
import org.odsharvester.support.HarvestRun;
import org.odsharvester.udata.HarvestExtras;
import org.odsharvester.udata.PortalDataserviceTasklet;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * The portal's Explore API as one udata dataservice of the organization, end to end: created by the first harvest
 * and linked to every harvested dataset, left alone by a re-harvest of the unchanged portal, its link to a dataset
 * archived at the source removed; another source's dataservice in the organization keeps its links, and
 * {@code udata.dataservice=false} publishes none.
 */
@ExtendWith(OutputCaptureExtension.class)
class DataserviceEndToEndTest {

    private static final String ON = "--udata.dataservice=true";

    @RegisterExtension
    final HarvestHarness world = new HarvestHarness().serving(30);

    private HarvestRun harvest(String... extra) {
        List<String> options = new java.util.ArrayList<>(List.of(ON, "--harvest.archive-after=0"));
        options.addAll(List.of(extra));
        HarvestRun run = world.harvest(options.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.output()).isZero();
        return run;
    }

    /** The dataservices this harvester published (marked by its extra). */
    private List<JsonNode> published() {
        return world.udata().dataservices().stream()
                .filter(d -> d.path("extras").has(PortalDataserviceTasklet.API_EXTRA))
                .filter(d -> !"other.example.org".equals(d.path("extras").path(HarvestExtras.DOMAIN).asString()))
                .toList();
    }

    private List<String> harvestedIds() {
        return world.harvested().values().stream().filter(d -> !HarvestHarness.isArchived(d))
                .map(d -> d.path("id").asString()).toList();
    }

    @Test
    void theFirstHarvestCreatesOneDataserviceLinkedToEveryHarvestedDataset() {
        harvest();

        assertThat(published()).hasSize(1);
        JsonNode api = published().get(0);
        String portal = world.ods().url().replaceAll("/+$", "");
        assertThat(api.path("base_api_url").asString()).isEqualTo(portal + "/api/explore/v2.1/");
        assertThat(api.path("machine_documentation_url").asString()).isEqualTo(portal + "/api/explore/v2.1/swagger.json");
        assertThat(api.path("organization").path("id").asString()).isEqualTo(world.udata().organization());
        assertThat(world.harvested()).hasSize(30);
        assertThat(world.udata().dataserviceDatasetIds(api.path("id").asString()))
                .containsExactlyInAnyOrderElementsOf(harvestedIds());
    }

    @Test
    void aReHarvestOfTheUnchangedPortalMakesNoWrite() {
        harvest();
        world.udata().clearRequests();

        harvest();

        assertThat(world.udata().writeCount()).isZero();
        assertThat(published()).hasSize(1);
    }

    private long linkListings() {
        return world.udata().requests().stream()
                .filter(r -> r.method().equals("GET") && r.query().containsKey("dataservice")).count();
    }

    @Test
    void aReHarvestOfTheUnchangedPortalDoesNotListTheLinksAgainAndTheReportSaysUnchanged() {
        harvest();
        world.udata().clearRequests();

        HarvestRun again = harvest();

        assertThat(linkListings()).isZero();
        assertThat(again.report().path("dataservice").asString()).isEqualTo("unchanged");
    }

    @Test
    void aLinkAPersonRemovedInUdataIsListedAgainAndRestored() {
        harvest();
        String dataservice = published().get(0).path("id").asString();
        String unlinked = harvestedIds().get(3);
        world.udata().removeDataserviceLink(dataservice, unlinked);
        world.udata().clearRequests();

        HarvestRun again = harvest();

        assertThat(linkListings()).isPositive();
        assertThat(world.udata().dataserviceDatasetIds(dataservice)).hasSize(30).contains(unlinked);
        assertThat(again.report().path("dataservice").asString()).isEqualTo("linked 1 dataset(s)");
    }

    @Test
    void aDatasetArchivedAtTheSourceIsUnlinkedAndLinkedAgainWhenItComesBack() {
        harvest();
        String dataservice = published().get(0).path("id").asString();
        CatalogGenerator.Dataset gone = world.catalog().stream().filter(d -> d.id.equals("dataset-00007"))
                .findFirst().orElseThrow();
        world.catalog().remove(gone);
        world.serve(world.catalog());
        String goneId = world.byRemoteId("dataset-00007").path("id").asString();

        harvest();

        assertThat(HarvestHarness.isArchived(world.byRemoteId("dataset-00007"))).isTrue();
        assertThat(world.udata().dataserviceDatasetIds(dataservice)).hasSize(29).doesNotContain(goneId);

        world.catalog().add(7, gone);
        world.serve(world.catalog());
        harvest();

        assertThat(world.udata().dataserviceDatasetIds(dataservice)).hasSize(30).contains(goneId);
    }

    @Test
    void anotherSourcesDataserviceInTheOrganizationKeepsItsLinks() {
        String byHand = world.udata().addForeignDataset("Made by hand");
        String other = world.udata().addForeignDataservice("API of another portal",
                Map.of(HarvestExtras.DOMAIN, "other.example.org", PortalDataserviceTasklet.API_EXTRA, "v2.1"),
                List.of(byHand));

        harvest();
        harvest();

        assertThat(world.udata().dataserviceDatasetIds(other)).containsExactly(byHand);
        assertThat(published()).hasSize(1);
        assertThat(published().get(0).path("id").asString()).isNotEqualTo(other);
    }

    @Test
    void aPlanSaysItWouldCreateTheDataserviceAndWritesNothing() {
        assertThat(world.harvest().exitCode()).isZero(); // the harness's default: no dataservice
        world.udata().clearRequests();

        HarvestRun plan = world.harvest(ON, "--harvest.plan=true");

        assertThat(plan.exitCode()).as(plan.output()).isZero();
        assertThat(world.udata().writeCount()).isZero();
        assertThat(world.udata().dataservices()).isEmpty();
        assertThat(plan.output()).contains("would have created the dataservice").contains("linked 30 dataset(s)");
    }

    @Test
    void turnedOffNoneIsCreated() {
        HarvestRun run = world.harvest("--udata.dataservice=false");

        assertThat(run.exitCode()).as(run.output()).isZero();

        assertThat(world.harvested()).hasSize(30);
        assertThat(world.udata().dataservices()).isEmpty();
        assertThat(world.udata().requestCount("*", "/api/1/dataservices/")).isZero();
    }
}
