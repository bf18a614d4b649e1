package org.odsharvester.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.odsharvester.udata.UdataFixtures;

class JdbcOutcomeRecorderTest {

    private DataSource ds;
    private JdbcOutcomeRecorder recorder;
    private OutcomeQueries queries;
    private SimpleMeterRegistry meters;

    @BeforeEach
    void setUp() {
        ds = UdataFixtures.database();
        meters = new SimpleMeterRegistry();
        recorder = new JdbcOutcomeRecorder(ds, 3, meters);
        queries = new OutcomeQueries(ds);
    }

    @Test
    void theStrongestOutcomeOfADatasetStaysWhenAChunkIsWrittenAgain() {
        recorder.record(new DatasetOutcome("velos", "da_1", Outcome.CREATED, null, "u1"));
        recorder.record(new DatasetOutcome("velos", "da_1", Outcome.UNCHANGED, null, "u1"));

        assertThat(queries.list(3, List.of(Outcome.values()))).extracting(DatasetOutcome::outcome)
                .containsExactly(Outcome.CREATED);
    }

    @Test
    void theDatasetCounterCountsEachDatasetOnceUnderItsStrongestOutcome() {
        recorder.record(new DatasetOutcome("velos", "da_1", Outcome.UNCHANGED, null, "u1"));
        recorder.record(new DatasetOutcome("velos", "da_1", Outcome.UPDATED, null, "u1"));
        recorder.record(new DatasetOutcome("velos", "da_1", Outcome.UNCHANGED, null, "u1"));
        recorder.record(new DatasetOutcome("gone", "da_2", Outcome.ARCHIVED, null, "u2"));

        assertThat(meters.counter(JdbcOutcomeRecorder.METER, "outcome", "updated").count()).isEqualTo(1.0);
        assertThat(meters.counter(JdbcOutcomeRecorder.METER, "outcome", "archived").count()).isEqualTo(1.0);
        // the first UNCHANGED was counted before the update turned out to be needed (a scan after a retry)
        assertThat(meters.counter(JdbcOutcomeRecorder.METER, "outcome", "unchanged").count()).isEqualTo(1.0);
    }

    @Test
    void aDatasetFilteredByAFilterChangeAndThenArchivedIsListedUnderBoth() {
        recorder.record(new DatasetOutcome("adresses", "da_7", Outcome.FILTERED, "INSPIRE metadata", null));
        recorder.record(new DatasetOutcome("adresses", "da_7", Outcome.ARCHIVED, null, "u7"));
        recorder.record(new DatasetOutcome("velos", "da_1", Outcome.UNCHANGED, null, "u1"));

        assertThat(queries.list(3, List.of(Outcome.FILTERED))).containsExactly(
                new DatasetOutcome("adresses", "da_7", Outcome.FILTERED, "INSPIRE metadata", null));
        assertThat(queries.list(3, List.of(Outcome.ARCHIVED))).containsExactly(
                new DatasetOutcome("adresses", "da_7", Outcome.ARCHIVED, null, "u7"));
        assertThat(queries.countsByOutcome(3)).containsEntry(Outcome.FILTERED, 1L)
                .containsEntry(Outcome.ARCHIVED, 1L).containsEntry(Outcome.UNCHANGED, 1L);
    }

    @Test
    void anArchivedDatasetIsRecordedOncePerUdataDatasetAndRun() {
        recorder.record(new DatasetOutcome("gone", "da_2", Outcome.ARCHIVED, null, "u2"));
        recorder.record(new DatasetOutcome("gone", "da_2", Outcome.ARCHIVED, null, "u2"));
        // two udata datasets once made for one slug are two archivals
        recorder.record(new DatasetOutcome("gone", "da_2", Outcome.ARCHIVED, null, "u2-copy"));
        new JdbcOutcomeRecorder(ds, 4, meters).record(new DatasetOutcome("gone", "da_2", Outcome.ARCHIVED, null, "u2"));

        assertThat(queries.countsByOutcome(3)).containsEntry(Outcome.ARCHIVED, 2L);
        assertThat(queries.list(3, List.of(Outcome.CREATED, Outcome.ARCHIVED))).extracting(DatasetOutcome::udataId)
                .containsExactly("u2", "u2-copy");
    }

    @Test
    void threadsRecordingTheSameDatasetAtOnceLeaveOneRowAndNoError() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int round = 0; round < 30; round++) {
                String key = "dataset-" + round;
                CountDownLatch start = new CountDownLatch(1);
                for (int t = 0; t < 8; t++) {
                    Outcome outcome = t == 5 ? Outcome.CREATED : Outcome.UNCHANGED;
                    done.add(threads.submit(() -> {
                        start.await();
                        recorder.record(new DatasetOutcome(key, null, outcome, null, "u-" + key));
                        return null;
                    }));
                }
                start.countDown();
            }
            for (Future<?> future : done) {
                future.get(); // a DuplicateKeyException would surface here
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(queries.list(3, List.of(Outcome.values()))).hasSize(30)
                .allSatisfy(o -> assertThat(o.outcome()).isEqualTo(Outcome.CREATED));
        assertThat(meters.counter(JdbcOutcomeRecorder.METER, "outcome", "created").count()).isEqualTo(30.0);
    }

    private Outcome outcomeOf(long run, String key) {
        return new OutcomeQueries(ds).list(run, List.of(Outcome.values())).stream()
                .filter(o -> o.datasetId().equals(key)).findFirst().orElseThrow().outcome();
    }

    @Test
    void theReportQueriesHandOutEveryOutcomeInDatasetOrderPageByPage() {
        JdbcOutcomeRecorder recorder = new JdbcOutcomeRecorder(ds, 5, meters);
        int count = OutcomeQueries.PAGE * 2 + 7;
        for (int i = count - 1; i >= 0; i--) {
            recorder.record(new DatasetOutcome(String.format("d-%05d", i), null,
                    i % 10 == 0 ? Outcome.FILTERED : Outcome.CREATED, null, null));
        }
        List<String> created = new ArrayList<>();

        new OutcomeQueries(ds).forEach(5, Outcome.CREATED, outcome -> created.add(outcome.datasetId()));

        assertThat(created).hasSize(count - (count + 9) / 10).isSorted().doesNotHaveDuplicates();
        assertThat(created.get(0)).isEqualTo("d-00001");
    }

    @Test
    void theReportQueriesStopAtALimitAcrossPagesForTheHtmlTables() {
        JdbcOutcomeRecorder recorder = new JdbcOutcomeRecorder(ds, 6, meters);
        int count = OutcomeQueries.PAGE + 20;
        for (int i = 0; i < count; i++) {
            recorder.record(new DatasetOutcome(String.format("d-%05d", i), null, Outcome.UPDATED, null, "u" + i));
            recorder.record(new DatasetOutcome(String.format("a-%05d", i), null, Outcome.ARCHIVED, null,
                    String.format("ua-%05d", i)));
        }
        List<String> updated = new ArrayList<>();
        List<String> archived = new ArrayList<>();

        queries.forEach(6, Outcome.UPDATED, OutcomeQueries.PAGE + 5, o -> updated.add(o.datasetId()));
        queries.forEach(6, Outcome.ARCHIVED, 3, o -> archived.add(o.udataId()));

        assertThat(updated).hasSize(OutcomeQueries.PAGE + 5).isSorted().doesNotHaveDuplicates()
                .endsWith(String.format("d-%05d", OutcomeQueries.PAGE + 4));
        assertThat(archived).containsExactly("ua-00000", "ua-00001", "ua-00002");
    }

    @Test
    void aChunkOfOutcomesKeepsTheStrongestPerDatasetIncludingWhatWasRecordedBefore() {
        JdbcOutcomeRecorder recorder = new JdbcOutcomeRecorder(ds, 6, meters);
        recorder.record(new DatasetOutcome("created-before", null, Outcome.CREATED, null, "u1"));
        recorder.record(new DatasetOutcome("filtered-before", null, Outcome.FILTERED, "deleted", "u2"));

        recorder.recordAll(List.of(
                new DatasetOutcome("created-before", null, Outcome.UNCHANGED, null, "u1"),
                new DatasetOutcome("filtered-before", null, Outcome.CREATED, null, "u2"),
                new DatasetOutcome("twice", null, Outcome.CREATED, null, "u3"),
                new DatasetOutcome("twice", null, Outcome.UNCHANGED, null, "u3"),
                new DatasetOutcome("new", null, Outcome.UPDATED, null, "u4")));

        assertThat(outcomeOf(6, "created-before")).isEqualTo(Outcome.CREATED);
        assertThat(outcomeOf(6, "filtered-before")).isEqualTo(Outcome.CREATED);
        assertThat(outcomeOf(6, "twice")).isEqualTo(Outcome.CREATED);
        assertThat(outcomeOf(6, "new")).isEqualTo(Outcome.UPDATED);
    }

    @Test
    void aChunkOfFirstOutcomesIsRecordedWhole() {
        JdbcOutcomeRecorder recorder = new JdbcOutcomeRecorder(ds, 7, meters);

        recorder.recordAll(List.of(new DatasetOutcome("a", null, Outcome.CREATED, null, "u1"),
                new DatasetOutcome("b", "da_b", Outcome.UNCHANGED, null, "u2")));

        assertThat(outcomeOf(7, "a")).isEqualTo(Outcome.CREATED);
        assertThat(outcomeOf(7, "b")).isEqualTo(Outcome.UNCHANGED);
    }
}
