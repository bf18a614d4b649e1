package org.odsharvester.udata;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.odsharvester.report.DatasetOutcome;
import org.odsharvester.report.Outcome;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.test.MetaDataInstanceFactory;

import tools.jackson.databind.JsonNode;

class ArchiveMissingTaskletTest {

    private static final FakeUdata fake = new FakeUdata();
    private UdataClient client;
    private DataSource ds;
    private DatasetIndex index;

    @AfterAll
    static void stop() {
        fake.close();
    }

    @BeforeEach
    void setUp() {
        fake.reset();
        client = UdataFixtures.client(fake);
        ds = UdataFixtures.database();
        index = UdataFixtures.index(ds, fake);
    }

    private UdataFixtures.TestRecorder run(long runId, String... remoteIds) throws Exception {
        UdataFixtures.TestRecorder recorder = new UdataFixtures.TestRecorder(ds, runId);
        try (UdataDatasetWriter writer = new UdataDatasetWriter(client, index, recorder, 2)) {
            writer.write(new Chunk<>(java.util.Arrays.stream(remoteIds)
                    .map(id -> UdataFixtures.item(fake, id, "da_" + id, "Title " + id)).toList()));
        }
        return recorder;
    }

    private JsonNode byRemoteId(String remoteId) {
        return fake.datasetsWithExtra(HarvestExtras.REMOTE_ID, remoteId).get(0);
    }

    @Test
    void aDatasetNotSeenIsArchivedAndTheOthersAreUntouched() throws Exception {
        run(1, "kept", "gone");
        String foreign = fake.addForeignDataset("Made by hand");
        UdataFixtures.TestRecorder second = run(2, "kept");
        String keptModified = byRemoteId("kept").path("last_modified").asString();
        String foreignModified = fake.dataset(foreign).path("last_modified").asString();
        fake.clearRequests();

        TaskletTestSupport.run(new ArchiveMissingTasklet(client, index, second, UdataFixtures.DOMAIN, 2));

        JsonNode gone = byRemoteId("gone");
        assertThat(gone.path("archived").isNull()).isFalse();
        assertThat(byRemoteId("kept").path("archived").isNull()).isTrue();
        assertThat(byRemoteId("kept").path("last_modified").asString()).isEqualTo(keptModified);
        assertThat(fake.dataset(foreign).path("archived").isNull()).isTrue();
        assertThat(fake.dataset(foreign).path("last_modified").asString()).isEqualTo(foreignModified);
        assertThat(fake.writeCount()).isEqualTo(1);
        assertThat(second.last("gone")).isEqualTo(new DatasetOutcome("gone", "da_gone", Outcome.ARCHIVED, null,
                gone.path("id").asString()));
        assertThat(index.findByUdataId(gone.path("id").asString())).get().extracting(IndexEntry::archived)
                .isEqualTo(true);
    }

    @Test
    void archivingThenComingBackKeepsTheTagsAndTheTemporalCoverageSetByHand() throws Exception {
        run(1, "gone");
        String id = byRemoteId("gone").path("id").asString();
        fake.editDataset(id, d -> {
            d.putArray("tags").add("mobilite").add("transport");
            d.putObject("temporal_coverage").put("start", "2019-01-01").put("end", "2020-12-31");
        });
        String coverage = fake.dataset(id).path("temporal_coverage").toString();

        TaskletTestSupport.run(new ArchiveMissingTasklet(client, index, run(2), UdataFixtures.DOMAIN, 2));
        assertThat(byRemoteId("gone").path("archived").isNull()).isFalse();
        assertThat(byRemoteId("gone").path("tags").toString()).isEqualTo("[\"mobilite\",\"transport\"]");
        assertThat(byRemoteId("gone").path("temporal_coverage").toString()).isEqualTo(coverage);
        run(3, "gone"); // back at the source: unarchived by the writer's PUT

        assertThat(byRemoteId("gone").path("archived").isNull()).isTrue();
        assertThat(byRemoteId("gone").path("tags").toString()).isEqualTo("[\"mobilite\",\"transport\"]");
        assertThat(byRemoteId("gone").path("temporal_coverage").toString()).isEqualTo(coverage);
    }

    @Test
    void aRunThatDidNotReadTheWholeCatalogArchivesNothingAndSaysWhy() throws Exception {
        run(1, "kept", "gone");
        UdataFixtures.TestRecorder second = run(2, "kept");
        fake.clearRequests();
        StepExecution step = MetaDataInstanceFactory.createStepExecution();
        ExecutionContext job = step.getJobExecution().getExecutionContext();
        job.putString(ArchiveMissingTasklet.SKIP_REASON_KEY, "the ODS catalog changed while it was read");

        TaskletTestSupport.run(new ArchiveMissingTasklet(client, index, second, UdataFixtures.DOMAIN, 2), step);

        assertThat(fake.requests()).isEmpty();
        assertThat(byRemoteId("gone").path("archived").isNull()).isTrue();
        assertThat(second.kinds()).doesNotContain(Outcome.ARCHIVED);
        assertThat(job.getString(ArchiveMissingTasklet.STATUS_KEY))
                .isEqualTo("skipped: the ODS catalog changed while it was read");
    }

    @Test
    void aCompleteArchivePassSaysDone() throws Exception {
        run(1, "gone");
        UdataFixtures.TestRecorder second = run(2);
        StepExecution step = MetaDataInstanceFactory.createStepExecution();

        TaskletTestSupport.run(new ArchiveMissingTasklet(client, index, second, UdataFixtures.DOMAIN, 2), step);

        assertThat(step.getJobExecution().getExecutionContext().getString(ArchiveMissingTasklet.STATUS_KEY))
                .isEqualTo("done");
    }

    @Test
    void runningItAgainArchivesNothingMore() throws Exception {
        run(1, "kept", "gone");
        UdataFixtures.TestRecorder second = run(2, "kept");
        TaskletTestSupport.run(new ArchiveMissingTasklet(client, index, second, UdataFixtures.DOMAIN, 2));
        fake.clearRequests();

        TaskletTestSupport.run(new ArchiveMissingTasklet(client, index, second, UdataFixtures.DOMAIN, 2));

        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void anArchivedDatasetThatComesBackInALaterRunIsUnarchived() throws Exception {
        run(1, "back");
        UdataFixtures.TestRecorder second = run(2);
        TaskletTestSupport.run(new ArchiveMissingTasklet(client, index, second, UdataFixtures.DOMAIN, 2));
        assertThat(byRemoteId("back").path("archived").isNull()).isFalse();

        UdataFixtures.TestRecorder third = run(3, "back");

        assertThat(byRemoteId("back").path("archived").isNull()).isTrue();
        assertThat(third.last("back").outcome()).isEqualTo(Outcome.UNARCHIVED);
    }

    @Test
    void aDatasetDeletedMeanwhileIsMarkedDeletedNotAnError() throws Exception {
        run(1, "gone");
        String id = byRemoteId("gone").path("id").asString();
        fake.deleteDataset(id);
        UdataFixtures.TestRecorder second = run(2);

        TaskletTestSupport.run(new ArchiveMissingTasklet(client, index, second, UdataFixtures.DOMAIN, 2));

        assertThat(index.findByUdataId(id)).get().extracting(IndexEntry::deleted).isEqualTo(true);
        assertThat(second.outcomes()).isEmpty();
    }

    @Test
    void manyMissingDatasetsAreArchivedInBatches() throws Exception {
        String[] ids = new String[ArchiveMissingTasklet.BATCH + 5];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = "m" + i;
        }
        run(1, ids);
        UdataFixtures.TestRecorder second = run(2);

        TaskletTestSupport.Run archive = TaskletTestSupport.run(
                new ArchiveMissingTasklet(client, index, second, UdataFixtures.DOMAIN, 2));

        assertThat(archive.iterations()).isEqualTo(2);
        assertThat(fake.datasets()).allSatisfy(d -> assertThat(d.path("archived").isNull()).isFalse());
        assertThat(second.kinds()).hasSize(ids.length).containsOnly(Outcome.ARCHIVED);
        assertThat(index.notSeenInRun(UdataFixtures.DOMAIN, 2, 100)).isEmpty();
        assertThat(archive.contribution().getWriteCount()).isEqualTo(ids.length);
    }
}
