package org.odsharvester.udata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.odsharvester.http.RemoteSystemException;
import org.odsharvester.mapping.HarvestItem;
import org.odsharvester.report.DatasetOutcome;
import org.odsharvester.report.DatasetRejectedException;
import org.odsharvester.report.Outcome;
import org.springframework.batch.infrastructure.item.Chunk;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class UdataDatasetWriterTest {

    @RegisterExtension
    static final FakeUdataExtension udata = new FakeUdataExtension();
    private final FakeUdata fake = udata.fake();
    private DataSource ds;
    private DatasetIndex index;
    private UdataFixtures.TestRecorder recorder;
    private UdataDatasetWriter writer;

    @BeforeEach
    void setUp() {
        ds = UdataFixtures.database();
        index = UdataFixtures.index(ds, fake);
        recorder = new UdataFixtures.TestRecorder();
        writer = new UdataDatasetWriter(UdataFixtures.client(fake), index, recorder, 4);
    }

    @AfterEach
    void tearDown() {
        writer.close();
    }

    private void write(HarvestItem... items) throws Exception {
        writer.write(new Chunk<>(List.of(items)));
    }

    private HarvestItem item(String remoteId) {
        return UdataFixtures.item(fake, remoteId, "da_" + remoteId, "Title of " + remoteId);
    }

    private static HarvestItem withTitle(HarvestItem item, String title) {
        DatasetPayload p = item.dataset();
        return item.withDataset(p.toBuilder().title(title).build());
    }

    private JsonNode only() {
        assertThat(fake.datasets()).hasSize(1);
        return fake.datasets().get(0);
    }

    private static List<String> resourceIds(JsonNode dataset) {
        List<String> ids = new ArrayList<>();
        dataset.path("resources").forEach(r -> ids.add(r.path("id").asString()));
        return ids;
    }

    private static String resourceKey(JsonNode resource) {
        return resource.path("extras").path(ResourcePayload.KEY_EXTRA).asString(null);
    }

    @Test
    void aNewDatasetIsCreatedWithItsResourcesAndExtras() throws Exception {
        write(item("velos"));

        JsonNode d = only();
        assertThat(d.path("title").asString()).isEqualTo("Title of velos");
        assertThat(d.path("organization").path("id").asString()).isEqualTo(fake.organization());
        assertThat(d.path("extras").path(HarvestExtras.REMOTE_ID).asString()).isEqualTo("velos");
        assertThat(d.path("extras").path(HarvestExtras.DOMAIN).asString()).isEqualTo(UdataFixtures.DOMAIN);
        assertThat(d.path("extras").path(HarvestExtras.DATASET_UID).asString()).isEqualTo("da_velos");
        List<String> keys = new ArrayList<>();
        d.path("resources").forEach(r -> keys.add(resourceKey(r)));
        assertThat(keys).containsExactly("export:csv", "export:json", "attachment:doc");
        assertThat(fake.requestCount("POST", "/api/1/datasets/")).isEqualTo(1);
        assertThat(recorder.outcomes()).containsExactly(
                new DatasetOutcome("velos", "da_velos", Outcome.CREATED, null, d.path("id").asString()));
        assertThat(index.find(new DatasetIdentity("da_velos", "velos", UdataFixtures.DOMAIN))).get()
                .extracting(IndexEntry::contentHash).isEqualTo(OwnedContent.fingerprint(item("velos").dataset()));
    }

    @Test
    void writingTheSameItemAgainSendsNoRequestAtAll() throws Exception {
        write(item("velos"));
        fake.clearRequests();

        write(item("velos"));

        assertThat(fake.requests()).isEmpty();
        assertThat(recorder.last("velos").outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(recorder.last("velos").udataId()).isEqualTo(only().path("id").asString());
    }

    @Test
    void aPlanRecordsTheCreateAndTheUpdateWithItsFieldsAndSendsNothingThatWrites() throws Exception {
        try (UdataDatasetWriter plan = new UdataDatasetWriter(UdataFixtures.client(fake), index, recorder, 4)
                .planning()) {
            plan.write(new Chunk<>(List.of(item("velos"))));
            assertThat(fake.requests()).isEmpty();
            assertThat(recorder.last("velos").outcome()).isEqualTo(Outcome.CREATED);
            assertThat(recorder.last("velos").reason()).isEqualTo(UdataDatasetWriter.PLAN_CREATE);

            write(item("velos"));
            String before = only().toString();
            fake.clearRequests();
            plan.write(new Chunk<>(List.of(withTitle(item("velos"), "New title"))));

            assertThat(fake.requests()).hasSize(1); // the GET of the dataset that differs
            assertThat(fake.requestCount("GET", "/api/1/datasets/")).isEqualTo(1);
            assertThat(only().toString()).isEqualTo(before);
            assertThat(recorder.last("velos").outcome()).isEqualTo(Outcome.UPDATED);
            assertThat(recorder.last("velos").reason()).isEqualTo("would update: title");
        }
    }

    @Test
    void aChangedTitleIsOneGetAndOnePutKeepingTheResourceIds() throws Exception {
        write(item("velos"));
        List<String> idsBefore = resourceIds(only());
        String lastModified = only().path("last_modified").asString();
        fake.clearRequests();

        write(withTitle(item("velos"), "New title"));

        assertThat(fake.requestCount("GET", "/api/1/datasets/")).isEqualTo(1);
        assertThat(fake.requestCount("PUT", "/api/1/datasets/")).isEqualTo(1);
        assertThat(fake.requests()).hasSize(2);
        assertThat(only().path("title").asString()).isEqualTo("New title");
        assertThat(resourceIds(only())).isEqualTo(idsBefore);
        assertThat(only().path("last_modified").asString()).isGreaterThan(lastModified);
        assertThat(recorder.last("velos").outcome()).isEqualTo(Outcome.UPDATED);
    }

    @Test
    void anAttachmentRemovedAtTheSourceIsRemovedAndTheOtherResourcesKeepTheirIds() throws Exception {
        write(UdataFixtures.item(fake, "velos", "da_velos", "Velos", List.of(UdataFixtures.csv("velos"),
                UdataFixtures.attachment("velos", "a"), UdataFixtures.attachment("velos", "b"))));
        JsonNode before = only().path("resources");

        write(UdataFixtures.item(fake, "velos", "da_velos", "Velos",
                List.of(UdataFixtures.csv("velos"), UdataFixtures.attachment("velos", "b"))));

        JsonNode after = only().path("resources");
        assertThat(after).hasSize(2);
        assertThat(resourceKey(after.get(0))).isEqualTo("export:csv");
        assertThat(after.get(0).path("id").asString()).isEqualTo(before.get(0).path("id").asString());
        assertThat(resourceKey(after.get(1))).isEqualTo("attachment:b");
        assertThat(after.get(1).path("id").asString()).isEqualTo(before.get(2).path("id").asString());
    }

    @Test
    void aResourceWhoseUrlChangedKeepsItsIdThroughItsKey() throws Exception {
        write(item("velos"));
        String csvId = only().path("resources").get(0).path("id").asString();
        ResourcePayload movedCsv = new ResourcePayload("export:csv", "Export au format CSV", null,
                "https://data.example.org/explore/dataset/velos/download?format=csv", "remote", "main", "csv",
                "text/csv");

        write(UdataFixtures.item(fake, "velos", "da_velos", "Title of velos",
                List.of(movedCsv, UdataFixtures.json("velos"), UdataFixtures.attachment("velos", "doc"))));

        JsonNode csv = only().path("resources").get(0);
        assertThat(csv.path("id").asString()).isEqualTo(csvId);
        assertThat(csv.path("url").asString()).isEqualTo(movedCsv.url());
    }

    @Test
    void aHandMadeResourceIsKeptUntouchedAndDoesNotCountAsAChange() throws Exception {
        write(item("velos"));
        String datasetId = only().path("id").asString();
        String handMade = fake.addHandMadeResource(datasetId, "Guide", "https://example.org/guide.pdf");
        JsonNode handMadeBefore = only().path("resources").get(3);

        write(item("velos"));
        assertThat(fake.writeCount()).as("a hand-made resource is not ours: nothing to write").isEqualTo(1);

        write(withTitle(item("velos"), "Retitled"));

        JsonNode resources = only().path("resources");
        assertThat(resources).hasSize(4);
        JsonNode kept = resources.get(3);
        assertThat(kept.path("id").asString()).isEqualTo(handMade);
        for (String field : List.of("title", "url", "description", "type", "format", "mime", "filesize", "extras")) {
            assertThat(kept.path(field)).as(field).isEqualTo(handMadeBefore.path(field));
        }
    }

    @Test
    void aSlugRenamedAtTheSourceUpdatesTheSameDataset() throws Exception {
        write(UdataFixtures.item(fake, "old-slug", "da_1", "Velos"));
        String id = only().path("id").asString();

        write(UdataFixtures.item(fake, "new-slug", "da_1", "Velos"));

        assertThat(only().path("id").asString()).isEqualTo(id);
        assertThat(only().path("extras").path(HarvestExtras.REMOTE_ID).asString()).isEqualTo("new-slug");
        assertThat(only().path("extras").path(HarvestExtras.ODS_URL).asString()).endsWith("/new-slug/");
        assertThat(index.findByUdataId(id)).get().extracting(IndexEntry::remoteId).isEqualTo("new-slug");
        assertThat(recorder.last("new-slug").outcome()).isEqualTo(Outcome.UPDATED);
    }

    @Test
    void anArchivedDatasetThatComesBackIsUnarchived() throws Exception {
        write(item("velos"));
        String id = only().path("id").asString();
        fake.archiveDataset(id);
        index.save(index.findByUdataId(id).orElseThrow().withArchived(true));

        write(item("velos"));

        assertThat(only().path("archived").isNull()).isTrue();
        assertThat(recorder.last("velos")).isEqualTo(new DatasetOutcome("velos", "da_velos", Outcome.UNARCHIVED,
                null, id));
        assertThat(index.findByUdataId(id)).get().extracting(IndexEntry::archived).isEqualTo(false);
    }

    @Test
    void aRefusedDatasetIsRejectedWithUdatasMessageAndTheRestOfTheChunkIsWritten() throws Exception {
        HarvestItem bad = UdataFixtures.item(fake, "bad", "da_bad", "Bad", List.of("x1"),
                List.of(UdataFixtures.csv("bad")));

        Throwable thrown = catchThrowable(() -> write(item("a"), bad, item("c")));

        assertThat(thrown).isInstanceOfSatisfying(DatasetRejectedException.class, e -> {
            assertThat(e.datasetId()).isEqualTo("bad");
            assertThat(e.datasetUid()).isEqualTo("da_bad");
            assertThat(e.reason()).isEqualTo("tags: Tag \"x1\" must be between 3 and 96 characters long.");
        });
        assertThat(fake.datasets()).extracting(d -> d.path("extras").path(HarvestExtras.REMOTE_ID).asString())
                .containsExactlyInAnyOrder("a", "c");
        assertThat(recorder.kinds()).containsExactly(Outcome.CREATED, Outcome.CREATED);
    }

    @Test
    void aScanAfterARejectionWritesNothingTwice() throws Exception {
        HarvestItem bad = UdataFixtures.item(fake, "bad", "da_bad", "Bad", List.of("x1"),
                List.of(UdataFixtures.csv("bad")));
        catchThrowable(() -> write(item("a"), bad, item("c")));
        fake.clearRequests();
        recorder.clear();

        // the step re-sends the items one by one
        write(item("a"));
        Throwable again = catchThrowable(() -> write(bad));
        write(item("c"));

        assertThat(again).isInstanceOf(DatasetRejectedException.class);
        assertThat(fake.requestCount("POST", "/api/1/datasets/")).as("only the bad one is tried again").isEqualTo(1);
        assertThat(fake.requestCount("PUT", "/")).isZero();
        assertThat(recorder.kinds()).containsExactly(Outcome.UNCHANGED, Outcome.UNCHANGED);
    }

    @Test
    void twentyItemsWithConcurrencyFourAreEachCreatedExactlyOnce() throws Exception {
        fake.setLatency(Duration.ofMillis(60));
        List<HarvestItem> items = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            items.add(item("d" + i));
        }

        writer.write(new Chunk<>(items));

        assertThat(fake.requestCount("POST", "/api/1/datasets/")).isEqualTo(20);
        for (int i = 0; i < 20; i++) {
            assertThat(fake.datasetsWithExtra(HarvestExtras.REMOTE_ID, "d" + i)).hasSize(1);
        }
        assertThat(fake.maxConcurrentRequests()).isBetween(2, 4);
        assertThat(recorder.kinds()).hasSize(20).containsOnly(Outcome.CREATED);
        assertThat(index.count(UdataFixtures.DOMAIN)).isEqualTo(20);
    }

    @Test
    void aChunkWrittenTwiceCreatesNothingTwice() throws Exception {
        List<HarvestItem> items = List.of(item("a"), item("b"), item("c"));
        writer.write(new Chunk<>(items));
        fake.clearRequests();

        writer.write(new Chunk<>(items));

        assertThat(fake.datasets()).hasSize(3);
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void aChunkThatFailedHalfWayIsRetriedWithoutDuplicates() throws Exception {
        fake.failWhen(r -> r.method().equals("POST") && r.body().contains("\"Title of b\""), 503,
                "{\"message\":\"busy\"}");
        List<HarvestItem> items = List.of(item("a"), item("b"), item("c"));

        Throwable first = catchThrowable(() -> writer.write(new Chunk<>(items)));
        fake.clearFailures();
        writer.write(new Chunk<>(items));

        assertThat(first).isInstanceOf(RemoteSystemException.class).isNotInstanceOf(DatasetRejectedException.class);
        assertThat(fake.datasets()).hasSize(3);
        for (String id : List.of("a", "b", "c")) {
            assertThat(fake.datasetsWithExtra(HarvestExtras.REMOTE_ID, id)).hasSize(1);
        }
    }

    @Test
    void aFailureOfTheRunWinsOverARejectionInTheSameChunk() throws Exception {
        fake.failWhen(r -> r.method().equals("POST") && r.body().contains("\"Title of c\""), 500,
                "{\"message\":\"boom\"}");
        HarvestItem bad = UdataFixtures.item(fake, "bad", "da_bad", "Bad", List.of("x1"),
                List.of(UdataFixtures.csv("bad")));

        Throwable thrown = catchThrowable(() -> write(bad, item("c")));

        assertThat(thrown).isInstanceOf(RemoteSystemException.class);
        assertThat(thrown.getSuppressed()).hasSize(1).allMatch(DatasetRejectedException.class::isInstance);
    }

    @Test
    void theSameDatasetTwiceInAChunkIsCreatedOnce() throws Exception {
        fake.setLatency(Duration.ofMillis(30));

        write(item("dup"), item("other"), item("dup"));

        assertThat(fake.datasetsWithExtra(HarvestExtras.REMOTE_ID, "dup")).hasSize(1);
        assertThat(recorder.outcomes().stream().filter(o -> o.datasetId().equals("dup")).map(DatasetOutcome::outcome))
                .containsExactly(Outcome.CREATED, Outcome.UNCHANGED);
    }

    @Test
    void aDatasetDeletedInUdataByAPersonIsNotRecreated() throws Exception {
        write(item("velos"));
        String id = only().path("id").asString();
        fake.deleteDataset(id);
        fake.clearRequests();

        write(withTitle(item("velos"), "Changed at the source"));
        write(withTitle(item("velos"), "Changed at the source"));

        assertThat(fake.datasets()).hasSize(1);
        assertThat(fake.writeCount()).isZero();
        assertThat(fake.requestCount("GET", "/")).as("learnt once, then known from the index").isEqualTo(1);
        assertThat(recorder.last("velos")).isEqualTo(new DatasetOutcome("velos", "da_velos", Outcome.FILTERED,
                UdataDatasetWriter.DELETED_REASON, id));
    }

    private void rebuildIndex() throws Exception {
        try (IndexRebuildTasklet rebuild = new IndexRebuildTasklet(UdataFixtures.client(fake), index,
                fake.organization(), UdataFixtures.DOMAIN)) {
            TaskletTestSupport.run(rebuild);
        }
    }

    @Test
    void aDatasetDeletedByAPersonIsNotRecreatedOnceUdataPurgedIt() throws Exception {
        write(item("velos"));
        String id = only().path("id").asString();
        fake.deleteDataset(id);
        rebuildIndex(); // a run sees it deleted
        fake.purgeDeleted();
        rebuildIndex(); // the next run finds it gone from the listing, and a GET answers 404
        fake.clearRequests();

        write(withTitle(item("velos"), "Changed at the source"));

        assertThat(fake.datasets()).isEmpty();
        assertThat(fake.writeCount()).isZero();
        assertThat(recorder.last("velos")).isEqualTo(new DatasetOutcome("velos", "da_velos", Outcome.FILTERED,
                UdataDatasetWriter.DELETED_REASON, id));
    }

    @Test
    void aDatasetGoneWhileTheIndexThoughtItLiveIsNotRecreated() throws Exception {
        write(item("velos"));
        String oldId = only().path("id").asString();
        fake.purgeDataset(oldId); // deleted and purged between the index rebuild and the write

        write(withTitle(item("velos"), "Changed"));
        write(withTitle(item("velos"), "Changed again"));

        assertThat(fake.datasets()).isEmpty();
        assertThat(index.findByUdataId(oldId)).isEmpty();
        assertThat(recorder.last("velos")).isEqualTo(new DatasetOutcome("velos", "da_velos", Outcome.FILTERED,
                UdataDatasetWriter.DELETED_REASON, oldId));
    }

    @Test
    void aDeletedDatasetNamedInRestoreDeletedIsRestoredInPlaceWithItsIds() throws Exception {
        write(item("velos"));
        JsonNode before = only();
        fake.deleteDataset(before.path("id").asString());
        write(item("velos"));
        writer.close();
        writer = new UdataDatasetWriter(UdataFixtures.client(fake), index, recorder, 4, java.util.Set.of("velos"));

        write(withTitle(item("velos"), "Changed"));

        JsonNode after = only();
        assertThat(after.path("deleted").isNull()).isTrue();
        assertThat(after.path("title").asString()).isEqualTo("Changed");
        assertThat(resourceIds(after)).isEqualTo(resourceIds(before));
        assertThat(recorder.last("velos").outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(index.deletedInUdata(List.of(item("velos").identity()))).isEmpty();
    }

    @Test
    void aPurgedDatasetNamedInRestoreDeletedByItsUidIsCreatedAgain() throws Exception {
        write(item("velos"));
        String oldId = only().path("id").asString();
        fake.purgeDataset(oldId);
        write(withTitle(item("velos"), "Changed")); // learns it is gone: not recreated
        assertThat(fake.datasets()).isEmpty();
        writer.close();
        writer = new UdataDatasetWriter(UdataFixtures.client(fake), index, recorder, 4, java.util.Set.of("da_velos"));

        write(item("velos"));

        assertThat(only().path("id").asString()).isNotEqualTo(oldId);
        assertThat(recorder.last("velos").outcome()).isEqualTo(Outcome.CREATED);
        assertThat(index.deletedInUdata(List.of(item("velos").identity()))).isEmpty();
    }

    @Test
    void aResourceTitleOver350CharactersIsCutLikeADatasetTitleAndTheDatasetIsWrittenOnce() throws Exception {
        String longTitle = "Annexe " + "très longue ".repeat(40);
        ResourcePayload attachment = new ResourcePayload("attachment:annexe", longTitle, null,
                UdataFixtures.ODS_URL + "/api/v2/catalog/datasets/velos/attachments/annexe", "remote", "documentation",
                "pdf", "application/pdf");
        HarvestItem item = UdataFixtures.item(fake, "velos", "da_velos", "Vélos", List.of(attachment));

        write(item);
        fake.clearRequests();
        write(UdataFixtures.item(fake, "velos", "da_velos", "Vélos", List.of(attachment)));

        String stored = only().path("resources").get(0).path("title").asString();
        assertThat(stored).hasSizeLessThanOrEqualTo(350).endsWith("…");
        String kept = stored.substring(0, stored.length() - 1);
        assertThat(longTitle).startsWith(kept);
        assertThat(longTitle.charAt(kept.length())).as("cut on a word boundary").isEqualTo(' ');
        assertThat(recorder.last("velos").outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void aTemporalCoverageSetByHandSurvivesAnUpdateAndAnUnarchive() throws Exception {
        write(item("velos"));
        String id = only().path("id").asString();
        fake.editDataset(id, d -> d.putObject("temporal_coverage").put("start", "2019-01-01").put("end", "2020-12-31"));
        String coverage = only().path("temporal_coverage").toString();
        List<String> tags = new ArrayList<>();
        only().path("tags").forEach(t -> tags.add(t.asString()));

        write(withTitle(item("velos"), "Changed"));
        assertThat(only().path("title").asString()).isEqualTo("Changed");
        assertThat(only().path("temporal_coverage").toString()).isEqualTo(coverage);

        fake.archiveDataset(id);
        index.save(index.findByUdataId(id).orElseThrow().withArchived(true));
        write(withTitle(item("velos"), "Changed"));

        assertThat(only().path("archived").isNull()).isTrue();
        assertThat(only().path("temporal_coverage").toString()).isEqualTo(coverage);
        assertThat(only().path("tags")).extracting(JsonNode::asString).containsExactlyElementsOf(tags);
    }

    @Test
    void foreignExtrasAreKeptAndOurExtrasFollowTheSource() throws Exception {
        HarvestItem first = item("velos");
        Map<String, Object> extras = new LinkedHashMap<>(first.dataset().extras());
        extras.put("ods:reference", "https://example.org/ref");
        DatasetPayload p = first.dataset();
        write(first.withDataset(p.toBuilder().extras(extras).build()));
        fake.editDataset(only().path("id").asString(),
                d -> ((ObjectNode) d.path("extras")).put("geop:dataset_id", "added-by-someone"));

        write(withTitle(item("velos"), "Changed"));

        JsonNode after = only().path("extras");
        assertThat(after.path("geop:dataset_id").asString()).isEqualTo("added-by-someone");
        assertThat(after.has("ods:reference")).as("gone at the source").isFalse();
        assertThat(after.path(HarvestExtras.REMOTE_ID).asString()).isEqualTo("velos");
    }

    @Test
    void aDatasetHarvestedBeforeResourceKeysExistedKeepsItsResourceIdsByUrl() throws Exception {
        write(item("velos"));
        String id = only().path("id").asString();
        List<String> idsBefore = resourceIds(only());
        fake.editDataset(id, d -> d.path("resources").forEach(r -> ((ObjectNode) r).putObject("extras")));
        index.save(index.findByUdataId(id).orElseThrow().withArchived(false));

        write(withTitle(item("velos"), "Changed"));

        assertThat(resourceIds(only())).isEqualTo(idsBefore);
        assertThat(only().path("resources")).allSatisfy(r -> assertThat(resourceKey(r)).isNotNull());
    }

    @Test
    void onceKeysExistAKeylessResourceWithOurUrlIsAPersons() throws Exception {
        write(item("velos"));
        String id = only().path("id").asString();
        String csvUrl = UdataFixtures.csv("velos").url();
        String copy = fake.addHandMadeResource(id, "My copy of the CSV", csvUrl);

        write(withTitle(item("velos"), "Changed"));

        ArrayNode resources = (ArrayNode) only().path("resources");
        assertThat(resources).hasSize(4);
        assertThat(resources.get(3).path("id").asString()).isEqualTo(copy);
        assertThat(resources.get(3).path("title").asString()).isEqualTo("My copy of the CSV");
    }

    @Test
    void aStaleIndexFingerprintCostsAGetButNoPut() throws Exception {
        write(item("velos"));
        String id = only().path("id").asString();
        IndexEntry entry = index.findByUdataId(id).orElseThrow();
        index.save(new IndexEntry(id, entry.domain(), entry.remoteId(), entry.datasetUid(), null, false, false));
        fake.clearRequests();

        write(item("velos"));

        assertThat(fake.requestCount("GET", "/")).isEqualTo(1);
        assertThat(fake.writeCount()).isZero();
        assertThat(recorder.last("velos").outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(index.findByUdataId(id)).get().extracting(IndexEntry::contentHash).isNotNull();
    }
}
