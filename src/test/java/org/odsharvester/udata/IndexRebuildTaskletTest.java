package org.odsharvester.udata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.odsharvester.http.RemoteSystemException;
import org.odsharvester.mapping.HarvestItem;
import org.springframework.batch.infrastructure.item.Chunk;

class IndexRebuildTaskletTest {

    @RegisterExtension
    static final FakeUdataExtension udata = new FakeUdataExtension();
    private final FakeUdata fake = udata.fake();
    private final UdataClient client = UdataFixtures.client(fake);

    private List<HarvestItem> items(int n) {
        List<HarvestItem> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(UdataFixtures.item(fake, "d" + i, i % 2 == 0 ? "da_" + i : null, "Dataset " + i));
        }
        return items;
    }

    private void writeWithFreshIndex(List<HarvestItem> items) throws Exception {
        try (UdataDatasetWriter writer = new UdataDatasetWriter(client,
                UdataFixtures.index(UdataFixtures.database(), fake), new UdataFixtures.TestRecorder(), 4)) {
            writer.write(new Chunk<>(items));
        }
    }

    /** What a creation completed by udata after the harvester gave up on it leaves: the ids of the first copies. */
    private List<String> writtenTwice(List<HarvestItem> items) throws Exception {
        writeWithFreshIndex(items);
        List<String> oldest = fake.datasets().stream().map(d -> d.path("id").asString()).toList();
        writeWithFreshIndex(items);
        return oldest;
    }

    private List<String> liveIds() {
        return fake.datasets().stream().filter(d -> d.path("deleted").isNull()).map(d -> d.path("id").asString())
                .toList();
    }

    private IndexRebuildTasklet rebuild(DatasetIndex index) {
        return new IndexRebuildTasklet(client, index, fake.organization(), UdataFixtures.DOMAIN);
    }

    @Test
    void aLostIndexIsRebuiltFromUdataSoTheNextWriteCreatesNoDuplicate() throws Exception {
        List<HarvestItem> items = items(5);
        writeWithFreshIndex(items);
        DatasetIndex newIndex = UdataFixtures.index(UdataFixtures.database(), fake);
        TaskletTestSupport.run(rebuild(newIndex));
        fake.clearRequests();

        try (UdataDatasetWriter writer = new UdataDatasetWriter(client, newIndex, new UdataFixtures.TestRecorder(),
                4)) {
            writer.write(new Chunk<>(items));
        }

        assertThat(fake.datasets()).hasSize(5);
        assertThat(fake.requests()).as("same content: not even a GET").isEmpty();
    }

    @Test
    void foreignDatasetsAndOtherDomainsAreIgnored() throws Exception {
        writeWithFreshIndex(items(2));
        fake.addForeignDataset("Made by hand");
        fake.addForeignDataset("From another portal", Map.of(HarvestExtras.DOMAIN, "other.example.org",
                HarvestExtras.REMOTE_ID, "d0", HarvestExtras.DATASET_UID, "da_0"));
        DatasetIndex index = UdataFixtures.index(UdataFixtures.database(), fake);

        TaskletTestSupport.Run run = TaskletTestSupport.run(rebuild(index));

        assertThat(index.count(UdataFixtures.DOMAIN)).isEqualTo(2);
        assertThat(index.count("other.example.org")).isZero();
        assertThat(run.contribution().getReadCount()).isEqualTo(4);
        assertThat(run.contribution().getWriteCount()).isEqualTo(2);
        assertThat(index.find(new DatasetIdentity("da_0", "d0", UdataFixtures.DOMAIN))).get()
                .extracting(IndexEntry::udataId)
                .isEqualTo(fake.datasetsWithExtra(HarvestExtras.DATASET_UID, "da_0").stream()
                        .filter(d -> d.path("extras").path(HarvestExtras.DOMAIN).asString().equals(UdataFixtures.DOMAIN))
                        .findFirst().orElseThrow().path("id").asString());
    }

    @Test
    void youngerDuplicatesOfOneSourceDatasetAreDeletedAndTheOldestIsKept() throws Exception {
        // what a creation completed by udata after the harvester gave up on it leaves behind: twice each dataset
        List<HarvestItem> items = items(3);
        List<String> oldest = writtenTwice(items);
        assertThat(fake.datasets()).hasSize(6);
        DatasetIndex index = UdataFixtures.index(UdataFixtures.database(), fake);

        TaskletTestSupport.run(rebuild(index));

        assertThat(liveIds()).containsExactlyElementsOf(oldest);
        assertThat(fake.requestCount("DELETE", "/api/1/datasets/")).isEqualTo(3);
        for (HarvestItem item : items) {
            String oldestOfItem = fake.datasetsWithExtra(HarvestExtras.REMOTE_ID, item.identity().remoteId()).get(0)
                    .path("id").asString();
            assertThat(oldest).contains(oldestOfItem);
            assertThat(index.find(item.identity())).get().extracting(IndexEntry::udataId).isEqualTo(oldestOfItem);
        }
        fake.clearRequests();
        TaskletTestSupport.run(rebuild(index));
        assertThat(fake.requestCount("DELETE", "/")).as("deleted ones are not duplicates any more").isZero();
    }

    @Test
    void copiesInTwoOrganizationsOfTheRunKeepTheOldestWhicheverOrganizationIsListedFirst() throws Exception {
        HarvestItem item = UdataFixtures.item(fake, "d0", "da_0", "Dataset 0");
        HarvestItem elsewhere = item.withDataset(item.dataset().toBuilder()
                .organization(FakeUdata.OTHER_MEMBER_ORGANIZATION).build());
        writeWithFreshIndex(List.of(elsewhere));
        String oldest = fake.datasets().get(0).path("id").asString();
        writeWithFreshIndex(List.of(item)); // a younger copy in the default organization, listed first
        DataSource database = UdataFixtures.database();
        DatasetIndex index = UdataFixtures.index(database, fake);

        TaskletTestSupport.run(new IndexRebuildTasklet(client, index,
                List.of(fake.organization(), FakeUdata.OTHER_MEMBER_ORGANIZATION), UdataFixtures.DOMAIN, java.util.Set.of(),
                null, new DatasetOrganizations(database, index.targetKey())));

        assertThat(liveIds()).containsExactly(oldest);
        assertThat(index.find(new DatasetIdentity("da_0", "d0", UdataFixtures.DOMAIN)).orElseThrow().udataId())
                .isEqualTo(oldest);
        assertThat(new DatasetOrganizations(database, index.targetKey()).of(List.of(oldest)))
                .containsEntry(oldest, FakeUdata.OTHER_MEMBER_ORGANIZATION);
    }

    @Test
    void duplicatesListedOnALaterPageThanTheOldestAreFoundThroughTheIndexNotAMapOfTheListing() throws Exception {
        // 150 datasets written twice: the younger copies of the first 100 are on pages 2 and 3
        List<HarvestItem> items = items(150);
        List<String> oldest = writtenTwice(items);
        DatasetIndex index = UdataFixtures.index(UdataFixtures.database(), fake);

        TaskletTestSupport.run(rebuild(index));

        assertThat(liveIds()).containsExactlyInAnyOrderElementsOf(oldest);
        assertThat(fake.requestCount("DELETE", "/api/1/datasets/")).isEqualTo(150);
        for (HarvestItem item : items) {
            assertThat(index.find(item.identity())).get().extracting(IndexEntry::udataId).isIn(oldest);
        }
    }

    @Test
    void everyPageIsReadAndArchivedAndDeletedFlagsAreKept() throws Exception {
        writeWithFreshIndex(items(230));
        String archived = fake.datasetsWithExtra(HarvestExtras.REMOTE_ID, "d101").get(0).path("id").asString();
        String deleted = fake.datasetsWithExtra(HarvestExtras.REMOTE_ID, "d229").get(0).path("id").asString();
        fake.archiveDataset(archived);
        fake.deleteDataset(deleted);
        DatasetIndex index = UdataFixtures.index(UdataFixtures.database(), fake);

        TaskletTestSupport.Run run = TaskletTestSupport.run(rebuild(index));

        assertThat(run.iterations()).isEqualTo(3);
        assertThat(fake.requestCount("GET", "/api/1/datasets/")).isEqualTo(3);
        assertThat(index.count(UdataFixtures.DOMAIN)).isEqualTo(230);
        assertThat(index.findByUdataId(archived)).get().extracting(IndexEntry::archived).isEqualTo(true);
        assertThat(index.findByUdataId(deleted)).get().extracting(IndexEntry::deleted).isEqualTo(true);
    }

    @Test
    void entriesNoLongerInUdataAreRemovedOnlyWhenTheListingWasReadToTheEnd() throws Exception {
        DataSource ds = UdataFixtures.database();
        DatasetIndex index = UdataFixtures.index(ds, fake);
        try (UdataDatasetWriter writer = new UdataDatasetWriter(client, index, new UdataFixtures.TestRecorder(), 2)) {
            writer.write(new Chunk<>(items(3)));
        }
        String purged = fake.datasets().get(0).path("id").asString();
        String purgedRemoteId = fake.datasets().get(0).path("extras").path(HarvestExtras.REMOTE_ID).asString();
        fake.purgeDataset(purged);

        fake.failAlways(500);
        Throwable failed = catchThrowable(() -> TaskletTestSupport.run(rebuild(index)));
        fake.clearFailures();
        assertThat(failed).isInstanceOf(RemoteSystemException.class);
        assertThat(index.findByUdataId(purged)).as("a failed listing removes nothing").isPresent();

        TaskletTestSupport.run(rebuild(index));

        assertThat(index.findByUdataId(purged)).isEmpty();
        assertThat(index.count(UdataFixtures.DOMAIN)).isEqualTo(2);
        assertThat(index.deletedInUdata(items(3).stream().map(HarvestItem::identity)
                .filter(id -> id.remoteId().equals(purgedRemoteId)).toList()))
                .as("gone (404) means someone deleted it: remembered").containsValue(purged);
    }

    @Test
    void aPagePastTheEndAnswering404EndsTheListing() throws Exception {
        writeWithFreshIndex(items(150));
        List<String> last50 = fake.datasets().subList(100, 150).stream().map(d -> d.path("id").asString()).toList();
        UdataClient purgingMeanwhile = new UdataClient(UdataFixtures.properties(fake),
                new org.springframework.boot.restclient.RestTemplateBuilder(), "ods-harvester/test") {
            @Override
            public UdataDatasetPage listDatasets(String organization, int page, int pageSize) {
                if (page == 2) {
                    last50.forEach(fake::purgeDataset); // page 2, announced by page 1, is now past the end
                }
                return super.listDatasets(organization, page, pageSize);
            }
        };
        DatasetIndex index = UdataFixtures.index(UdataFixtures.database(), fake);

        try (IndexRebuildTasklet tasklet = new IndexRebuildTasklet(purgingMeanwhile, index, fake.organization(),
                UdataFixtures.DOMAIN)) {
            TaskletTestSupport.run(tasklet);
        }

        assertThat(fake.requests()).filteredOn(r -> "2".equals(r.query().get("page"))).singleElement()
                .satisfies(r -> assertThat(r.path()).isEqualTo("/api/1/datasets/"));
        assertThat(index.count(UdataFixtures.DOMAIN)).isEqualTo(100);
    }

    @Test
    void anEntryTheListingMissedIsConfirmedWithAGetAndKept() throws Exception {
        writeWithFreshIndex(items(150));
        String sameInstant = fake.datasets().get(0).path("created_at").asString();
        fake.datasets().forEach(d -> fake.editDataset(d.path("id").asString(), e -> e.put("created_at", sameInstant)));
        DatasetIndex index = UdataFixtures.index(UdataFixtures.database(), fake);
        TaskletTestSupport.run(rebuild(index));
        assertThat(index.count(UdataFixtures.DOMAIN)).isEqualTo(150);
        fake.setUnstableCreatedTies(true); // page 2 repeats 50 datasets of page 1 and misses 50 others
        fake.clearRequests();

        TaskletTestSupport.run(rebuild(index));

        assertThat(index.count(UdataFixtures.DOMAIN)).isEqualTo(150);
        assertThat(fake.requests()).filteredOn(r -> r.method().equals("GET") && !r.path().equals("/api/1/datasets/"))
                .as("one GET per dataset the listing missed").hasSize(50);
        assertThat(fake.requestCount("DELETE", "/")).as("a repeated dataset is no duplicate").isZero();
    }

    @Test
    void eachPageAfterTheFirstIsFetchedInTheBackgroundOnceWhileTheOneBeforeIsSaved() throws Exception {
        writeWithFreshIndex(items(230));
        List<String> fetches = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread step = Thread.currentThread();
        UdataClient recording = new UdataClient(UdataFixtures.properties(fake),
                new org.springframework.boot.restclient.RestTemplateBuilder(), "ods-harvester/test") {
            @Override
            public UdataDatasetPage listDatasets(String organization, int page, int pageSize) {
                fetches.add(page + (Thread.currentThread() == step ? " on the step's thread" : " in the background"));
                return super.listDatasets(organization, page, pageSize);
            }
        };
        DatasetIndex index = UdataFixtures.index(UdataFixtures.database(), fake);

        try (IndexRebuildTasklet tasklet = new IndexRebuildTasklet(recording, index, fake.organization(),
                UdataFixtures.DOMAIN)) {
            TaskletTestSupport.run(tasklet);
        }

        assertThat(fetches).containsExactly("1 on the step's thread", "2 in the background", "3 in the background");
        assertThat(index.count(UdataFixtures.DOMAIN)).isEqualTo(230);
    }

    @Test
    void aPageThatFailedInTheBackgroundFailsTheRebuildAndRemovesNothing() throws Exception {
        DatasetIndex index = UdataFixtures.index(UdataFixtures.database(), fake);
        writeWithFreshIndex(items(150));
        TaskletTestSupport.run(rebuild(index));
        String purged = fake.datasets().get(0).path("id").asString();
        fake.purgeDataset(purged);
        fake.failWhen(r -> r.method().equals("GET") && "2".equals(r.query().get("page")), 500, "{}");

        Throwable failed = catchThrowable(() -> TaskletTestSupport.run(rebuild(index)));

        assertThat(failed).isInstanceOf(RemoteSystemException.class);
        assertThat(index.findByUdataId(purged)).as("a failed listing removes nothing").isPresent();
    }

    @Test
    void aDatasetEditedByAPersonIsRewrittenAfterTheRebuild() throws Exception {
        List<HarvestItem> items = items(1);
        writeWithFreshIndex(items);
        String id = fake.datasets().get(0).path("id").asString();
        fake.editDataset(id, d -> d.put("title", "Renamed by hand"));
        DatasetIndex index = UdataFixtures.index(UdataFixtures.database(), fake);
        TaskletTestSupport.run(rebuild(index));

        try (UdataDatasetWriter writer = new UdataDatasetWriter(client, index, new UdataFixtures.TestRecorder(), 1)) {
            writer.write(new Chunk<>(items));
        }

        assertThat(fake.dataset(id).path("title").asString()).isEqualTo("Dataset 0");
    }
}
