package org.odsharvester.udata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.test.MetaDataInstanceFactory;

import tools.jackson.databind.JsonNode;

class PortalDataserviceTaskletTest {

    private static final String PORTAL = "https://" + UdataFixtures.DOMAIN;

    @RegisterExtension
    static final FakeUdataExtension udata = new FakeUdataExtension();
    private final FakeUdata fake = udata.fake();
    private UdataClient client;
    private DataSource ds;
    private DatasetIndex index;

    @BeforeEach
    void setUp() {
        client = UdataFixtures.client(fake);
        ds = UdataFixtures.database();
        index = UdataFixtures.index(ds, fake);
    }

    private void harvest(String... remoteIds) throws Exception {
        try (UdataDatasetWriter writer = new UdataDatasetWriter(client, index,
                new UdataFixtures.TestRecorder(ds, 1), 2)) {
            writer.write(new Chunk<>(java.util.Arrays.stream(remoteIds)
                    .map(id -> UdataFixtures.item(fake, id, "da_" + id, "Title " + id)).toList()));
        }
    }

    private PortalDataserviceTasklet tasklet(String api, boolean enabled) {
        return new PortalDataserviceTasklet(client, index, fake.organization(), UdataFixtures.DOMAIN, Set.of(),
                PORTAL + "/", api, enabled);
    }

    /** Runs the tasklet; answers the status it left. */
    private String run(PortalDataserviceTasklet tasklet) throws Exception {
        StepExecution execution = MetaDataInstanceFactory.createStepExecution();
        TaskletTestSupport.run(tasklet, execution);
        return execution.getJobExecution().getExecutionContext().getString(PortalDataserviceTasklet.STATUS_KEY);
    }

    private String udataId(String remoteId) {
        return fake.datasetsWithExtra(HarvestExtras.REMOTE_ID, remoteId).get(0).path("id").asString();
    }

    private List<JsonNode> ours() {
        return fake.dataservices().stream()
                .filter(d -> UdataFixtures.DOMAIN.equals(d.path("extras").path(HarvestExtras.DOMAIN).asString(null)))
                .toList();
    }

    @Test
    void theFirstRunCreatesOneDataserviceOfTheOrganizationLinkedToTheSourcesDatasets() throws Exception {
        harvest("a", "b");
        fake.clearRequests();

        run(tasklet("v2.1", true));

        assertThat(ours()).hasSize(1);
        JsonNode ds = ours().get(0);
        assertThat(ds.path("organization").path("id").asString()).isEqualTo(fake.organization());
        assertThat(ds.path("base_api_url").asString()).isEqualTo(PORTAL + "/api/explore/v2.1/");
        assertThat(ds.path("machine_documentation_url").asString())
                .isEqualTo(PORTAL + "/api/explore/v2.1/swagger.json");
        assertThat(ds.path("extras").path(PortalDataserviceTasklet.API_EXTRA).asString()).isEqualTo("v2.1");
        assertThat(fake.dataserviceDatasetIds(ds.path("id").asString()))
                .containsExactlyInAnyOrder(udataId("a"), udataId("b"));
        assertThat(fake.writeCount()).isEqualTo(2); // the POST and one POST of the links
    }

    @Test
    void anUnchangedSourceWritesNothing() throws Exception {
        harvest("a", "b");
        run(tasklet("v2.1", true));
        String modified = ours().get(0).path("metadata_modified_at").asString();
        fake.clearRequests();

        String status = run(tasklet("v2.1", true));

        assertThat(fake.writeCount()).isZero();
        assertThat(status).isEqualTo("unchanged");
        assertThat(ours()).hasSize(1);
        assertThat(ours().get(0).path("metadata_modified_at").asString()).isEqualTo(modified);
    }

    private PortalDataserviceTasklet remembering() {
        return new PortalDataserviceTasklet(client, index, new DataserviceLinks(ds, index.targetKey()),
                fake.organization(), UdataFixtures.DOMAIN, Set.of(), PORTAL + "/", "v2.1", true);
    }

    private int linkListings() {
        return (int) fake.requests().stream()
                .filter(r -> r.method().equals("GET") && r.query().containsKey("dataservice")).count();
    }

    @Test
    void linksLeftByTheLastRunAreNotListedAgainWhileTheDataserviceIsUnchanged() throws Exception {
        harvest("a", "b");
        run(remembering());
        run(remembering());
        fake.clearRequests();

        String status = run(remembering());

        assertThat(status).isEqualTo("unchanged");
        assertThat(linkListings()).isZero();
        assertThat(fake.requests()).hasSize(1); // the organization's dataservices
    }

    @Test
    void rememberedLinksStillLinkANewDatasetAndUnlinkAnArchivedOne() throws Exception {
        harvest("a", "b");
        run(remembering());
        harvest("c");
        index.save(index.findByUdataId(udataId("b")).orElseThrow().withArchived(true));
        fake.clearRequests();

        run(remembering());
        assertThat(linkListings()).isZero();
        fake.clearRequests();
        String next = run(remembering());

        String id = ours().get(0).path("id").asString();
        assertThat(fake.dataserviceDatasetIds(id)).containsExactlyInAnyOrder(udataId("a"), udataId("c"));
        assertThat(next).isEqualTo("unchanged");
        assertThat(linkListings()).isZero();
    }

    @Test
    void aDataserviceAPersonChangedIsListedAgain() throws Exception {
        harvest("a", "b");
        run(remembering());
        String id = ours().get(0).path("id").asString();
        fake.removeDataserviceLink(id, udataId("a"));
        fake.clearRequests();

        String status = run(remembering());

        assertThat(linkListings()).isEqualTo(1);
        assertThat(status).isEqualTo("linked 1 dataset(s)");
        assertThat(fake.dataserviceDatasetIds(id)).containsExactlyInAnyOrder(udataId("a"), udataId("b"));
    }

    @Test
    void aLinkUdatasPurgeDroppedIsSeenByTheTotalAlthoughTheDateDidNotMove() throws Exception {
        harvest("a", "b");
        run(remembering());
        String id = ours().get(0).path("id").asString();
        String modified = ours().get(0).path("metadata_modified_at").asString();
        String b = udataId("b");
        fake.deleteDataset(b);
        fake.purgeDataset(b);
        assertThat(ours().get(0).path("metadata_modified_at").asString()).isEqualTo(modified);
        index.remove(b);
        fake.clearRequests();

        String status = run(remembering());

        assertThat(linkListings()).isEqualTo(1);
        assertThat(status).isEqualTo("unchanged");
        assertThat(fake.dataserviceDatasetIds(id)).containsExactly(udataId("a"));
        assertThat(fake.writeCount()).isZero();
    }

    @Test
    void aNewDatasetIsLinkedAndAnArchivedOneUnlinked() throws Exception {
        harvest("a", "b");
        run(tasklet("v2.1", true));
        harvest("c");
        IndexEntry b = index.findByUdataId(udataId("b")).orElseThrow();
        index.save(b.withArchived(true));
        fake.clearRequests();

        run(tasklet("v2.1", true));

        assertThat(fake.dataserviceDatasetIds(ours().get(0).path("id").asString()))
                .containsExactlyInAnyOrder(udataId("a"), udataId("c"));
        assertThat(fake.requestCount("DELETE", "/api/1/dataservices/")).isEqualTo(1);
        assertThat(fake.requestCount("POST", "/api/1/dataservices/")).isEqualTo(1);
    }

    @Test
    void aDatasetAPersonLinkedStaysAndAnotherSourcesDataserviceIsUntouched() throws Exception {
        harvest("a");
        String byHand = fake.addForeignDataset("Made by hand");
        String other = fake.addForeignDataservice("API of another portal",
                Map.of(HarvestExtras.DOMAIN, "other.example.org", PortalDataserviceTasklet.API_EXTRA, "v2.1"),
                List.of(byHand, udataId("a")));
        run(tasklet("v2.1", true));
        String ourId = ours().get(0).path("id").asString();
        String otherModified = fake.dataservices().stream().filter(d -> d.path("id").asString().equals(other))
                .findFirst().orElseThrow().path("metadata_modified_at").asString();
        fake.clearRequests();
        // a person links a dataset of theirs to our dataservice
        client.linkDatasets(ourId, List.of(byHand));
        fake.clearRequests();

        run(tasklet("v2.1", true));

        assertThat(fake.writeCount()).isZero();
        assertThat(fake.dataserviceDatasetIds(ourId)).containsExactlyInAnyOrder(udataId("a"), byHand);
        assertThat(fake.dataserviceDatasetIds(other)).containsExactly(byHand, udataId("a"));
        assertThat(fake.dataservices().stream().filter(d -> d.path("id").asString().equals(other)).findFirst()
                .orElseThrow().path("metadata_modified_at").asString()).isEqualTo(otherModified);
    }

    @Test
    void aChangedApiVersionPatchesTheUrlsOnly() throws Exception {
        harvest("a");
        run(tasklet("v2.1", true));
        fake.clearRequests();

        run(tasklet("v1", true));

        JsonNode ds = ours().get(0);
        assertThat(ds.path("base_api_url").asString()).isEqualTo(PORTAL + "/api/");
        assertThat(ds.path("title").asString()).isEqualTo("Explore API — " + UdataFixtures.DOMAIN);
        assertThat(fake.requestCount("PATCH", "/api/1/dataservices/")).isEqualTo(1);
        assertThat(fake.writeCount()).isEqualTo(1);
    }

    @Test
    void theDataserviceOfAPreviousAddressIsTakenOver() throws Exception {
        harvest("a");
        String old = fake.addForeignDataservice("Explore API — old.example.org",
                Map.of(HarvestExtras.DOMAIN, "old.example.org", PortalDataserviceTasklet.API_EXTRA, "v2.1"),
                List.of(udataId("a")));
        fake.clearRequests();

        run(new PortalDataserviceTasklet(client, index, fake.organization(), UdataFixtures.DOMAIN,
                Set.of("old.example.org"), PORTAL, "v2.1", true));

        assertThat(fake.dataservices()).hasSize(1);
        assertThat(ours()).extracting(d -> d.path("id").asString()).containsExactly(old);
        assertThat(ours().get(0).path("base_api_url").asString()).isEqualTo(PORTAL + "/api/explore/v2.1/");
        assertThat(fake.writeCount()).isEqualTo(1); // one PATCH: URLs and extras; the link was there
    }

    @Test
    void offItCreatesNone() throws Exception {
        harvest("a");
        fake.clearRequests();

        String status = run(tasklet("v2.1", false));

        assertThat(fake.dataservices()).isEmpty();
        assertThat(fake.requestCount("*", "/api/1/dataservices/")).isZero();
        assertThat(status).startsWith("disabled");
    }

    @Test
    void aPlanSaysWhatItWouldDoAndSendsNothing() throws Exception {
        harvest("a", "b");
        fake.clearRequests();

        String status = run(tasklet("v2.1", true).planning());

        assertThat(fake.dataservices()).isEmpty();
        assertThat(fake.writeCount()).isZero();
        assertThat(status).isEqualTo("would have created the dataservice " + PORTAL
                + "/api/explore/v2.1/; linked 2 dataset(s)");
    }

    @Test
    void aRefusedDataserviceDoesNotFailTheRun() throws Exception {
        harvest("a");
        fake.setRefusePrivateUrls(true);

        String status = run(new PortalDataserviceTasklet(client, index, fake.organization(), UdataFixtures.DOMAIN,
                Set.of(), "http://localhost:1", "v2.1", true));

        assertThat(status).startsWith("refused: ").contains("base_api_url");
        assertThat(fake.dataservices()).isEmpty();
    }
}
