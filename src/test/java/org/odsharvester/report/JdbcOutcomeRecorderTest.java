package org.odsharvester.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

class JdbcOutcomeRecorderTest {

    private final DataSource dataSource = database();
    private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    private final ExecutorService threads = Executors.newFixedThreadPool(8);

    private static DataSource database() {
        DriverManagerDataSource ds = new DriverManagerDataSource(
                "jdbc:hsqldb:mem:outcomes-" + UUID.randomUUID() + ";hsqldb.tx=mvcc", "SA", "");
        ds.setDriverClassName("org.hsqldb.jdbc.JDBCDriver");
        new ResourceDatabasePopulator(new ClassPathResource("db/harvester-schema.sql")).execute(ds);
        return ds;
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    private String outcome(long run, String key) {
        return jdbc.queryForObject("SELECT OUTCOME FROM HARVEST_OUTCOME WHERE RUN_ID = ? AND DATASET_KEY = ?",
                String.class, run, key);
    }

    @Test
    void theStrongestOutcomeOfADatasetStays() {
        JdbcOutcomeRecorder recorder = new JdbcOutcomeRecorder(dataSource, 3);

        recorder.record(new DatasetOutcome("a", null, Outcome.CREATED, null, "u1"));
        recorder.record(new DatasetOutcome("a", null, Outcome.UNCHANGED, null, "u1"));

        assertThat(outcome(3, "a")).isEqualTo("CREATED");
    }

    @Test
    void threadsRecordingTheSameDatasetAtOnceLeaveOneRowAndNoError() throws Exception {
        JdbcOutcomeRecorder recorder = new JdbcOutcomeRecorder(dataSource, 4);
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

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM HARVEST_OUTCOME WHERE RUN_ID = 4", Integer.class))
                .isEqualTo(30);
        assertThat(jdbc.queryForList("SELECT DISTINCT OUTCOME FROM HARVEST_OUTCOME WHERE RUN_ID = 4", String.class))
                .containsExactly("CREATED");
    }

    @Test
    void theReportQueriesHandOutEveryOutcomeInDatasetOrderPageByPage() {
        JdbcOutcomeRecorder recorder = new JdbcOutcomeRecorder(dataSource, 5);
        int count = OutcomeQueries.PAGE * 2 + 7;
        for (int i = count - 1; i >= 0; i--) {
            recorder.record(new DatasetOutcome(String.format("d-%05d", i), null,
                    i % 10 == 0 ? Outcome.FILTERED : Outcome.CREATED, null, null));
        }
        List<String> created = new ArrayList<>();

        new OutcomeQueries(dataSource).forEach(5, Outcome.CREATED, outcome -> created.add(outcome.datasetId()));

        assertThat(created).hasSize(count - (count + 9) / 10).isSorted().doesNotHaveDuplicates();
        assertThat(created.get(0)).isEqualTo("d-00001");
    }

    @Test
    void aChunkOfOutcomesKeepsTheStrongestPerDatasetIncludingWhatWasRecordedBefore() {
        JdbcOutcomeRecorder recorder = new JdbcOutcomeRecorder(dataSource, 6);
        recorder.record(new DatasetOutcome("created-before", null, Outcome.CREATED, null, "u1"));
        recorder.record(new DatasetOutcome("filtered-before", null, Outcome.FILTERED, "deleted", "u2"));

        recorder.recordAll(List.of(
                new DatasetOutcome("created-before", null, Outcome.UNCHANGED, null, "u1"),
                new DatasetOutcome("filtered-before", null, Outcome.CREATED, null, "u2"),
                new DatasetOutcome("twice", null, Outcome.CREATED, null, "u3"),
                new DatasetOutcome("twice", null, Outcome.UNCHANGED, null, "u3"),
                new DatasetOutcome("new", null, Outcome.UPDATED, null, "u4")));

        assertThat(outcome(6, "created-before")).isEqualTo("CREATED");
        assertThat(outcome(6, "filtered-before")).isEqualTo("CREATED");
        assertThat(outcome(6, "twice")).isEqualTo("CREATED");
        assertThat(outcome(6, "new")).isEqualTo("UPDATED");
    }

    @Test
    void aChunkOfFirstOutcomesIsRecordedWhole() {
        JdbcOutcomeRecorder recorder = new JdbcOutcomeRecorder(dataSource, 7);

        recorder.recordAll(List.of(new DatasetOutcome("a", null, Outcome.CREATED, null, "u1"),
                new DatasetOutcome("b", "da_b", Outcome.UNCHANGED, null, "u2")));

        assertThat(outcome(7, "a")).isEqualTo("CREATED");
        assertThat(outcome(7, "b")).isEqualTo("UNCHANGED");
    }
}
