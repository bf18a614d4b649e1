package org.odsharvester.udata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.odsharvester.mapping.HarvestItem;
import org.odsharvester.report.Outcome;
import org.springframework.batch.infrastructure.item.Chunk;
import tools.jackson.databind.JsonNode;

/**
 * A portal harvested under another address (issue 16): the index rebuild notes the datasets of other addresses, the
 * writer holds back the source datasets found there, and {@code previousDomains} adopts them instead.
 */
class OtherAddressesTest {

    private static final String OLD_DOMAIN = "example.opendatasoft.com";
    private static final String OLD_URL = "https://" + OLD_DOMAIN;

    @RegisterExtension
    static final FakeUdataExtension udata = new FakeUdataExtension();
    private final FakeUdata fake = udata.fake();
    private UdataClient client;
    private DataSource ds;
    private DatasetIndex index;
    private OtherAddresses others;

    @BeforeEach
    void setUp() {
        client = UdataFixtures.client(fake);
        ds = UdataFixtures.database();
        index = UdataFixtures.index(ds, fake);
        others = new OtherAddresses(ds, index.targetKey(), UdataFixtures.DOMAIN);
    }

    /** The same source dataset as the portal's old address had it: old domain, old page, old export URLs. */
    private static HarvestItem atTheOldAddress(HarvestItem item) {
        DatasetPayload p = item.dataset();
        Map<String, Object> extras = new LinkedHashMap<>(p.extras());
        extras.put(HarvestExtras.DOMAIN, OLD_DOMAIN);
        extras.put(HarvestExtras.ODS_URL, OLD_URL + "/explore/dataset/" + item.identity().remoteId() + "/");
        List<ResourcePayload> resources = p.resources().stream().map(r -> new ResourcePayload(r.key(), r.title(),
                r.description(), r.url().replace(UdataFixtures.ODS_URL, OLD_URL), r.filetype(), r.type(), r.format(),
                r.mime())).toList();
        DatasetIdentity id = item.identity();
        return new HarvestItem(null, new DatasetIdentity(id.datasetUid(), id.remoteId(), OLD_DOMAIN),
                p.toBuilder().extras(extras).resources(resources).build());
    }

    /** Writes the items as a harvest of the old address did. */
    private void harvestAtTheOldAddress(List<HarvestItem> items) throws Exception {
        DatasetIndex oldIndex = UdataFixtures.index(UdataFixtures.database(), fake);
        try (UdataDatasetWriter writer = new UdataDatasetWriter(client, oldIndex, new UdataFixtures.TestRecorder(), 2)) {
            writer.write(new Chunk<>(items.stream().map(OtherAddressesTest::atTheOldAddress).toList()));
        }
    }

    private UdataFixtures.TestRecorder harvest(List<HarvestItem> items, Set<String> previousDomains) throws Exception {
        TaskletTestSupport.run(new IndexRebuildTasklet(client, index, fake.organization(), UdataFixtures.DOMAIN,
                previousDomains, others));
        UdataFixtures.TestRecorder recorder = new UdataFixtures.TestRecorder();
        try (UdataDatasetWriter writer = new UdataDatasetWriter(client, index, recorder, 2, Set.of(), others)) {
            writer.write(new Chunk<>(items));
        }
        return recorder;
    }

    private List<HarvestItem> items() {
        return List.of(UdataFixtures.item(fake, "velos", "da_velos", "Vélos"),
                UdataFixtures.item(fake, "parcs", "da_parcs", "Parcs"));
    }

    @Test
    void withoutThePreviousAddressTheDatasetsFoundThereAreNotWrittenAndTheReasonNamesTheAddress() throws Exception {
        harvestAtTheOldAddress(items());
        List<JsonNode> before = fake.datasets();
        fake.clearRequests();

        UdataFixtures.TestRecorder recorder = harvest(items(), Set.of());

        assertThat(fake.writeCount()).isZero();
        assertThat(fake.datasets()).isEqualTo(before);
        assertThat(recorder.kinds()).containsOnly(Outcome.OTHER_ADDRESS).hasSize(2);
        assertThat(recorder.last("velos").udataId())
                .isEqualTo(fake.datasetsWithExtra(HarvestExtras.REMOTE_ID, "velos").get(0).path("id").asString());
        assertThat(recorder.last("velos").reason()).isEqualTo("in udata already, harvested from " + OLD_URL
                + " (same ods:dataset_uid); nothing written for it: if the portal moved from there, name that"
                + " address in ods.previous-urls");
    }

    @Test
    void withThePreviousAddressTheSameDatasetsAreUpdatedToTheNewAddressKeepingTheirIds() throws Exception {
        harvestAtTheOldAddress(items());
        Map<String, JsonNode> before = new LinkedHashMap<>();
        fake.datasets().forEach(d -> before.put(d.path("extras").path(HarvestExtras.REMOTE_ID).asString(), d));
        fake.clearRequests();

        UdataFixtures.TestRecorder recorder = harvest(items(), Set.of(OLD_DOMAIN));

        assertThat(recorder.kinds()).containsOnly(Outcome.UPDATED).hasSize(2);
        assertThat(fake.requestCount("POST", "/")).isZero();
        assertThat(fake.datasets()).hasSize(2).allSatisfy(d -> {
            JsonNode old = before.get(d.path("extras").path(HarvestExtras.REMOTE_ID).asString());
            assertThat(d.path("id").asString()).isEqualTo(old.path("id").asString());
            assertThat(d.path("extras").path(HarvestExtras.DOMAIN).asString()).isEqualTo(UdataFixtures.DOMAIN);
            assertThat(d.path("extras").path(HarvestExtras.ODS_URL).asString()).startsWith(UdataFixtures.ODS_URL);
            List<String> ids = new ArrayList<>();
            d.path("resources").forEach(r -> {
                ids.add(r.path("id").asString());
                assertThat(r.path("url").asString()).startsWith(UdataFixtures.ODS_URL + "/");
            });
            List<String> oldIds = new ArrayList<>();
            old.path("resources").forEach(r -> oldIds.add(r.path("id").asString()));
            assertThat(ids).isEqualTo(oldIds);
        });
        assertThat(index.count(UdataFixtures.DOMAIN)).isEqualTo(2);
        assertThat(index.count(OLD_DOMAIN)).isZero();
    }

    @Test
    void entriesAndRememberedDeletionsOfTheOldDomainMoveToTheNewOne() {
        index.save(new IndexEntry("u1", OLD_DOMAIN, "velos", "da_velos", "h", false, false));
        index.save(new IndexEntry("u2", OLD_DOMAIN, "parcs", null, "h", false, true));
        index.save(new IndexEntry("u3", "other.example.org", "arbres", null, "h", false, false));

        assertThat(index.adopt(Set.of(OLD_DOMAIN), UdataFixtures.DOMAIN)).isEqualTo(2);

        assertThat(index.find(new DatasetIdentity("da_velos", "velos", UdataFixtures.DOMAIN)))
                .hasValueSatisfying(e -> assertThat(e.udataId()).isEqualTo("u1"));
        assertThat(index.deletedInUdata(List.of(new DatasetIdentity(null, "parcs", UdataFixtures.DOMAIN))))
                .containsValue("u2");
        assertThat(index.count("other.example.org")).isEqualTo(1);
        assertThat(index.count(OLD_DOMAIN)).isZero();
    }

    @Test
    void aSourceDatasetIsFoundByUidElseBySlugAmongDatasetsWithoutUidAndWithoutUidBySlug() {
        others.saveAll(List.of(new OtherAddresses.Dataset("u1", OLD_URL, "velos", "da_velos"),
                new OtherAddresses.Dataset("u2", OLD_URL, "parcs", null),
                new OtherAddresses.Dataset("u3", OLD_URL, "arbres", "da_other")));
        DatasetIdentity renamed = new DatasetIdentity("da_velos", "velos-2", UdataFixtures.DOMAIN);
        DatasetIdentity harvestedWithV1 = new DatasetIdentity("da_parcs", "parcs", UdataFixtures.DOMAIN);
        DatasetIdentity slugTakenByAnother = new DatasetIdentity("da_arbres", "arbres", UdataFixtures.DOMAIN);
        DatasetIdentity v1 = new DatasetIdentity(null, "arbres", UdataFixtures.DOMAIN);
        DatasetIdentity nowhere = new DatasetIdentity("da_x", "x", UdataFixtures.DOMAIN);

        Map<DatasetIdentity, OtherAddresses.Match> found = others.findAll(
                List.of(renamed, harvestedWithV1, slugTakenByAnother, v1, nowhere));

        assertThat(found).containsOnlyKeys(renamed, harvestedWithV1, v1);
        assertThat(found.get(renamed)).isEqualTo(new OtherAddresses.Match(
                new OtherAddresses.Dataset("u1", OLD_URL, "velos", "da_velos"), true));
        assertThat(found.get(harvestedWithV1).byUid()).isFalse();
        assertThat(found.get(v1).dataset().udataId()).isEqualTo("u3");
        assertThat(found.get(v1).reason()).contains("(same slug only, no ods:dataset_uid to compare)");

        // scoped by the source whose rebuild noted them, and emptied by the next rebuild
        assertThat(new OtherAddresses(ds, index.targetKey(), "other.example.org").findAll(List.of(renamed))).isEmpty();
        others.clear();
        assertThat(others.findAll(List.of(renamed))).isEmpty();
    }

    @Test
    void theRebuildNotesOnlyDatasetsAnOdsHarvestWroteUnderAnotherAddress() throws Exception {
        fake.addForeignDataset("Vélos", Map.of(HarvestExtras.DOMAIN, OLD_DOMAIN, HarvestExtras.REMOTE_ID, "velos",
                HarvestExtras.DATASET_UID, "da_velos", HarvestExtras.ODS_URL, OLD_URL + "/explore/dataset/velos/"));
        // another tool's extras: no ods:url
        fake.addForeignDataset("Parcs", Map.of(HarvestExtras.DOMAIN, "ckan.example.org", HarvestExtras.REMOTE_ID,
                "parcs"));

        UdataFixtures.TestRecorder recorder = harvest(items(), Set.of());

        assertThat(recorder.last("velos").outcome()).isEqualTo(Outcome.OTHER_ADDRESS);
        assertThat(recorder.last("parcs").outcome()).isEqualTo(Outcome.CREATED);
    }

    @Test
    void theSentenceSaysHowManyWhichAddressesHowManyBySlugAndTheOptionToGive() {
        OtherAddresses.Dataset a = new OtherAddresses.Dataset("u1", OLD_URL, "velos", "da_velos");
        OtherAddresses.Dataset b = new OtherAddresses.Dataset("u2", "http://old.example.org:8080", "parcs", null);
        Map<String, Long> reasons = new LinkedHashMap<>();
        reasons.put(new OtherAddresses.Match(a, true).reason(), 30L);
        reasons.put(new OtherAddresses.Match(a, false).reason(), 2L);
        reasons.put(new OtherAddresses.Match(b, false).reason(), 1L);

        assertThat(OtherAddresses.sentence(reasons)).isEqualTo("33 datasets of the catalog are in udata already,"
                + " harvested under another address of the portal (1 from http://old.example.org:8080, 32 from"
                + " https://example.opendatasoft.com), 3 of them found by slug only (no ods:dataset_uid to compare, as"
                + " with the ODS API v1): check that they are the same datasets, and nothing was written for them;"
                + " if the portal moved, relaunch with"
                + " --ods.previous-urls=http://old.example.org:8080,https://example.opendatasoft.com to adopt them"
                + " (updated in place, same udata ids); the report lists them under otherAddress.");
        assertThat(OtherAddresses.sentence(Map.of(new OtherAddresses.Match(a, true).reason(), 1L)))
                .startsWith("1 dataset of the catalog is in udata already")
                .contains("nothing was written for it;").contains("to adopt it ");
    }

    @Test
    void theAddressIsThePortalRootOfOdsUrlNormalisedLikeOdsUrl() {
        assertThat(OtherAddresses.Dataset.portalRoot("HTTPS://Example.OpenDataSoft.com/explore/dataset/x/"))
                .isEqualTo(OLD_URL);
        assertThat(OtherAddresses.Dataset.portalRoot("http://127.0.0.1:8080/explore/dataset/x/"))
                .isEqualTo("http://127.0.0.1:8080");
        assertThat(OtherAddresses.Dataset.portalRoot("not a url")).isNull();
        assertThat(OtherAddresses.Dataset.portalRoot(null)).isNull();
    }
}
