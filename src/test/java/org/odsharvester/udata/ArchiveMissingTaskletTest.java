package org.odsharvester.udata;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.odsharvester.report.DatasetOutcome;
import org.odsharvester.report.Outcome;
import org.odsharvester.report.OutcomeQueries;
import org.odsharvester.report.OutcomeRecorder;
import org.odsharvester.support.SettableClock;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.test.MetaDataInstanceFactory;

import tools.jackson.databind.JsonNode;

class ArchiveMissingTaskletTest {

    @RegisterExtension
    static final FakeUdataExtension udata = new FakeUdataExtension();
    private final FakeUdata fake = udata.fake();
    private UdataClient client;
    private DataSource ds;
    private DatasetIndex index;
    private MissingDatasets missing;
    private SettableClock clock;

    @BeforeEach
    void setUp() {
        client = UdataFixtures.client(fake);
        ds = UdataFixtures.database();
        index = UdataFixtures.index(ds, fake);
        missing = new MissingDatasets(ds, index.targetKey());
        clock = new SettableClock(Instant.parse("2026-12-01T08:00:00Z"));
    }

    private UdataFixtures.TestRecorder run(long runId, String... remoteIds) throws Exception {
        UdataFixtures.TestRecorder recorder = new UdataFixtures.TestRecorder(ds, runId);
        try (UdataDatasetWriter writer = new UdataDatasetWriter(client, index, recorder, 2)) {
            writer.write(new Chunk<>(java.util.Arrays.stream(remoteIds)
                    .map(id -> UdataFixtures.item(fake, id, "da_" + id, "Title " + id)).toList()));
        }
        return recorder;
    }

    /** The archive step of run {@code runId}, archiving at once (no grace period) under the default guard. */
    private ArchiveMissingTasklet tasklet(OutcomeRecorder recorder, long runId) {
        return tasklet(recorder, runId, new ArchivePolicy(true, Duration.ZERO, new MassArchiveGuard(20, 10, null)));
    }

    /** The same, with the guard confirmed for {@code count} datasets ({@code harvest.confirm-archive}). */
    private ArchiveMissingTasklet confirmed(OutcomeRecorder recorder, long runId, long count) {
        return tasklet(recorder, runId, new ArchivePolicy(true, Duration.ZERO, new MassArchiveGuard(20, 10, count)));
    }

    private ArchiveMissingTasklet tasklet(OutcomeRecorder recorder, long runId, ArchivePolicy policy) {
        return new ArchiveMissingTasklet(client, index, missing, recorder, UdataFixtures.DOMAIN, runId, policy, "",
                clock);
    }

    /** {@code count} source dataset ids: {@code <prefix>0}, {@code <prefix>1}… */
    private static String[] remoteIds(String prefix, int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> prefix + i).toArray(String[]::new);
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

        TaskletTestSupport.run(tasklet(second, 2));

        JsonNode gone = byRemoteId("gone");
        assertThat(gone.path("archived").isNull()).isFalse();
        assertThat(byRemoteId("kept").path("archived").isNull()).isTrue();
        assertThat(byRemoteId("kept").path("last_modified").asString()).isEqualTo(keptModified);
        assertThat(fake.dataset(foreign).path("archived").isNull()).isTrue();
        assertThat(fake.dataset(foreign).path("last_modified").asString()).isEqualTo(foreignModified);
        assertThat(fake.writeCount()).isEqualTo(1);
        assertThat(second.last("gone")).isEqualTo(new DatasetOutcome("gone", "da_gone", Outcome.ARCHIVED,
                "no longer in the catalog of data.example.org; missing since 2026-12-01T08:00:00Z",
                gone.path("id").asString()));
        assertThat(index.findByUdataId(gone.path("id").asString())).get().extracting(IndexEntry::archived)
                .isEqualTo(true);
    }

    @Test
    void aPlanRecordsWhatItWouldArchiveAndSendsNothing() throws Exception {
        run(1, "kept", "gone");
        UdataFixtures.TestRecorder second = run(2, "kept");
        String goneId = byRemoteId("gone").path("id").asString();
        fake.clearRequests();

        TaskletTestSupport.run(tasklet(second, 2).planning());

        assertThat(fake.writeCount()).isZero();
        assertThat(byRemoteId("gone").path("archived").isNull()).isTrue();
        assertThat(second.last("gone")).isEqualTo(new DatasetOutcome("gone", "da_gone", Outcome.ARCHIVED,
                "would archive: no longer in the catalog of data.example.org; missing since 2026-12-01T08:00:00Z",
                goneId));
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

        // the only dataset of the source: the guard holds it unless this one run confirms it
        TaskletTestSupport.run(confirmed(run(2), 2, 1));
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

        TaskletTestSupport.run(tasklet(second, 2), step);

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

        TaskletTestSupport.run(confirmed(second, 2, 1), step);

        assertThat(step.getJobExecution().getExecutionContext().getString(ArchiveMissingTasklet.STATUS_KEY))
                .isEqualTo("done");
    }

    @Test
    void runningItAgainArchivesNothingMore() throws Exception {
        run(1, "kept", "gone");
        UdataFixtures.TestRecorder second = run(2, "kept");
        TaskletTestSupport.run(tasklet(second, 2));
        fake.clearRequests();

        TaskletTestSupport.run(tasklet(second, 2));

        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void anArchivedDatasetThatComesBackInALaterRunIsUnarchived() throws Exception {
        run(1, "back");
        UdataFixtures.TestRecorder second = run(2);
        TaskletTestSupport.run(confirmed(second, 2, 1));
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

        TaskletTestSupport.run(confirmed(second, 2, 1));

        assertThat(index.findByUdataId(id)).get().extracting(IndexEntry::deleted).isEqualTo(true);
        assertThat(second.outcomes()).isEmpty();
    }

    @Test
    void manyMissingDatasetsAreArchivedInBatches() throws Exception {
        String[] ids = remoteIds("m", ArchiveMissingTasklet.BATCH + 5);
        run(1, ids);
        UdataFixtures.TestRecorder second = run(2);

        TaskletTestSupport.Run archive = TaskletTestSupport.run(
                confirmed(second, 2, ids.length));

        assertThat(archive.iterations()).isEqualTo(3); // the guard's answer committed, then two batches
        assertThat(fake.datasets()).allSatisfy(d -> assertThat(d.path("archived").isNull()).isFalse());
        assertThat(second.kinds()).hasSize(ids.length).containsOnly(Outcome.ARCHIVED);
        assertThat(index.notSeenInRun(UdataFixtures.DOMAIN, 2, 100)).isEmpty();
        assertThat(archive.contribution().getWriteCount()).isEqualTo(ids.length);
    }

    /** The archive step of run {@code runId} with udata's default grace period. */
    private ArchiveMissingTasklet withGracePeriod(OutcomeRecorder recorder, long runId) {
        return tasklet(recorder, runId,
                new ArchivePolicy(true, Duration.ofDays(7), new MassArchiveGuard(20, 10, null)));
    }

    private List<DatasetOutcome> listed(long runId, Outcome outcome) {
        return new OutcomeQueries(ds).list(runId, List.of(outcome));
    }

    @Test
    void aDatasetMissingForLessThanTheGracePeriodIsListedMissingAndNotArchived() throws Exception {
        run(1, "kept", "gone");
        UdataFixtures.TestRecorder second = run(2, "kept");
        fake.clearRequests();
        StepExecution step = MetaDataInstanceFactory.createStepExecution();

        TaskletTestSupport.run(withGracePeriod(second, 2), step);

        assertThat(fake.requests()).isEmpty();
        assertThat(byRemoteId("gone").path("archived").isNull()).isTrue();
        assertThat(listed(2, Outcome.MISSING)).singleElement().satisfies(gone -> {
            assertThat(gone.datasetId()).isEqualTo("gone");
            assertThat(gone.reason()).isEqualTo("no longer in the catalog of data.example.org; missing since"
                    + " 2026-12-01T08:00:00Z, archived from 2026-12-08T08:00:00Z (harvest.archive-after=7d) unless"
                    + " it comes back");
        });
        assertThat(new OutcomeQueries(ds).countsByOutcome(2)).containsEntry(Outcome.MISSING, 1L)
                .containsEntry(Outcome.ARCHIVED, 0L);
        assertThat(step.getJobExecution().getExecutionContext().getString(ArchiveMissingTasklet.STATUS_KEY))
                .isEqualTo("done");
    }

    @Test
    void aDatasetMissingFromEveryCompleteReadForTheGracePeriodIsArchivedWithTheDateItWentMissing()
            throws Exception {
        run(1, "kept", "gone");
        TaskletTestSupport.run(withGracePeriod(run(2, "kept"), 2));
        clock.advance(Duration.ofDays(6));
        TaskletTestSupport.run(withGracePeriod(run(3, "kept"), 3));
        assertThat(byRemoteId("gone").path("archived").isNull()).isTrue();
        clock.advance(Duration.ofDays(1));

        TaskletTestSupport.run(withGracePeriod(run(4, "kept"), 4));

        assertThat(byRemoteId("gone").path("archived").isNull()).isFalse();
        assertThat(listed(4, Outcome.ARCHIVED)).singleElement().extracting(DatasetOutcome::reason)
                .isEqualTo("no longer in the catalog of data.example.org; missing since 2026-12-01T08:00:00Z");
        assertThat(listed(4, Outcome.MISSING)).isEmpty();
    }

    @Test
    void aDatasetSeenAgainStartsItsGracePeriodAfreshWhenItGoesMissingAgain() throws Exception {
        run(1, "kept", "flaky");
        TaskletTestSupport.run(withGracePeriod(run(2, "kept"), 2));
        clock.advance(Duration.ofDays(3));
        TaskletTestSupport.run(withGracePeriod(run(3, "kept", "flaky"), 3)); // back in time
        assertThat(listed(3, Outcome.MISSING)).isEmpty();
        clock.advance(Duration.ofDays(5));
        fake.clearRequests();

        TaskletTestSupport.run(withGracePeriod(run(4, "kept"), 4));

        assertThat(fake.writeCount()).isZero(); // missing for 0 days, not 8
        assertThat(listed(4, Outcome.MISSING)).singleElement().extracting(DatasetOutcome::reason).asString()
                .contains("missing since 2026-12-09T08:00:00Z");
    }

    @Test
    void aDatasetFilteredOutIsMissingWithTheFilterAsItsReason() throws Exception {
        run(1, "kept", "inspire");
        UdataFixtures.TestRecorder second = run(2, "kept");
        second.record(new DatasetOutcome("inspire", "da_inspire", Outcome.FILTERED, "INSPIRE metadata", null));

        TaskletTestSupport.run(withGracePeriod(second, 2));

        assertThat(listed(2, Outcome.MISSING)).singleElement().extracting(DatasetOutcome::reason).asString()
                .startsWith("filtered out by this run: INSPIRE metadata; missing since 2026-12-01T08:00:00Z");
    }

    @Test
    void aRunThatWouldArchiveTooManyArchivesNoneListsThemMissingAndSaysWhy() throws Exception {
        String[] all = remoteIds("d", 40);
        run(1, all);
        UdataFixtures.TestRecorder second = run(2, java.util.Arrays.copyOfRange(all, 0, 25)); // 15 gone
        fake.clearRequests();
        StepExecution step = MetaDataInstanceFactory.createStepExecution();

        TaskletTestSupport.run(tasklet(second, 2), step);

        assertThat(fake.requests()).isEmpty();
        assertThat(listed(2, Outcome.MISSING)).hasSize(15);
        assertThat(step.getJobExecution().getExecutionContext().getString(ArchiveMissingTasklet.STATUS_KEY))
                .startsWith(ArchiveMissingTasklet.HELD_PREFIX + "Nothing was archived: this run would archive 15 of"
                        + " the 40 datasets")
                .endsWith("--harvest.confirm-archive=15.");
    }

    @Test
    void anArchiveStepThatFailedHalfWayArchivesTheRestOnceWhenRestarted() throws Exception {
        String[] ids = remoteIds("m", ArchiveMissingTasklet.BATCH + 50);
        run(1, ids);
        UdataFixtures.TestRecorder second = run(2);
        fake.clearRequests();
        int[] archives = {0};
        // udata goes down for good in the second batch
        fake.failWhen(r -> r.method().equals("PUT") && ++archives[0] > ArchiveMissingTasklet.BATCH + 20, 500,
                "{\"message\":\"down\"}");
        StepExecution step = MetaDataInstanceFactory.createStepExecution();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> TaskletTestSupport.run(confirmed(second, 2, ids.length), step));
        List<String> archivedBefore = fake.datasets().stream().filter(d -> !d.path("archived").isNull())
                .map(d -> d.path("id").asString()).toList();
        assertThat(archivedBefore).hasSize(ArchiveMissingTasklet.BATCH + 20);
        fake.clearFailures();
        fake.clearRequests();

        // the same step execution context, as a restarted execution of the step gets it: the confirmation this
        // run was given stands, even when the relaunch leaves it out
        TaskletTestSupport.run(tasklet(second, 2), step);

        assertThat(fake.datasets()).allSatisfy(d -> assertThat(d.path("archived").isNull()).isFalse());
        assertThat(fake.requests()).filteredOn(r -> r.method().equals("PUT")).hasSize(30)
                .noneMatch(r -> archivedBefore.stream().anyMatch(id -> r.path().contains(id)));
        assertThat(listed(2, Outcome.ARCHIVED)).hasSize(ids.length);
        assertThat(listed(2, Outcome.MISSING)).isEmpty();
    }

    @Test
    void aDatasetArchivedInUdataJustBeforeACrashIsReportedArchivedByTheRelaunchAndNotArchivedAgain()
            throws Exception {
        run(1, "a", "b", "c");
        UdataFixtures.TestRecorder second = run(2);
        StepExecution step = MetaDataInstanceFactory.createStepExecution();
        // the process dies after udata archived the second dataset and before the run recorded it
        int[] archives = {0};
        OutcomeRecorder dyingAtTheSecond = outcome -> {
            if (++archives[0] == 2) {
                throw new IllegalStateException("killed");
            }
            second.record(outcome);
        };
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> TaskletTestSupport.run(confirmed(dyingAtTheSecond, 2, 3), step)).hasMessage("killed");
        fake.clearRequests();

        TaskletTestSupport.run(tasklet(second, 2), step);

        assertThat(fake.requests()).filteredOn(r -> r.method().equals("PUT")).hasSize(1); // the third only
        assertThat(listed(2, Outcome.ARCHIVED)).extracting(DatasetOutcome::datasetId)
                .containsExactlyInAnyOrder("a", "b", "c");
        assertThat(listed(2, Outcome.ARCHIVED)).allSatisfy(archived -> assertThat(archived.reason())
                .startsWith("no longer in the catalog of data.example.org; missing since"));
        assertThat(listed(2, Outcome.MISSING)).isEmpty();
    }
}
