package org.odsharvester.report;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records outcomes in {@code HARVEST_OUTCOME}, keyed by run (job instance) and dataset, each in its
 * own transaction so that a chunk rollback does not erase what was already done to udata.
 * <p>
 * Idempotent: a chunk re-sent after a retry, a scan or a restart records the same dataset again;
 * the strongest outcome stays ({@code CREATED} is not turned into {@code UNCHANGED} by the second
 * pass that finds the dataset it just created).
 * <p>
 * {@code ARCHIVED} is what the archive step did to a udata dataset, not what the run did with a source
 * dataset: it goes to {@code HARVEST_ARCHIVED}, keyed by udata id, so that it neither replaces nor is
 * replaced by the outcome of the same source dataset (filtered by a filter change, then archived).
 * <p>
 * Thread-safe: the strength comparison is part of the UPDATE, and a record that fails on the primary
 * key (recorded before, or at the same moment by another thread) updates the row instead.
 */
public class JdbcOutcomeRecorder implements OutcomeRecorder {

    /** Counter of datasets by outcome. */
    public static final String METER = "ods.harvester.datasets";

    private static final int MAX_REASON = 4000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final long runId;
    private final MeterRegistry meters;

    /**
     * @param meters counts, per outcome, the datasets this process moved to that outcome
     *               ({@value #METER}{outcome=created}…); what earlier executions of the run did is in the report
     */
    public JdbcOutcomeRecorder(DataSource dataSource, long runId, MeterRegistry meters) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.ownTransaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.runId = runId;
        this.meters = meters;
    }

    @Override
    public void record(DatasetOutcome outcome) {
        if (outcome.outcome() == Outcome.ARCHIVED) {
            recordArchived(outcome);
            return;
        }
        if (outcome.outcome() == Outcome.MISSING) {
            throw new IllegalArgumentException("MISSING is what the archive step records in HARVEST_RUN_MISSING");
        }
        String key = outcome.datasetId() != null ? outcome.datasetId() : "(no id) " + UUID.randomUUID();
        String reason = reason(outcome);
        try {
            // most datasets are recorded once per run: one statement
            ownTransaction.executeWithoutResult(status -> jdbc.update("INSERT INTO HARVEST_OUTCOME (RUN_ID,"
                    + " DATASET_KEY, DATASET_UID, OUTCOME, REASON, UDATA_ID) VALUES (?, ?, ?, ?, ?, ?)", runId, key,
                    outcome.datasetUid(), outcome.outcome().name(), reason, outcome.udataId()));
            count(outcome.outcome());
        } catch (DuplicateKeyException recordedBefore) {
            // recorded before in this run (a re-sent chunk), or meanwhile by another thread: keep whichever is
            // stronger, in a new transaction (a failed statement spoils a PostgreSQL one)
            if (replaceWeaker(key, outcome, reason) > 0) {
                count(outcome.outcome());
            }
        }
    }

    /**
     * Records a chunk's outcomes in one transaction with one batched INSERT (of two outcomes of one dataset,
     * the stronger); when some dataset was recorded before in this run (a re-sent chunk), the whole lot is
     * recorded one by one instead, keeping the strongest.
     */
    @Override
    public void recordAll(List<DatasetOutcome> outcomes) {
        Map<String, DatasetOutcome> strongest = new LinkedHashMap<>();
        for (DatasetOutcome outcome : outcomes) {
            if (outcome.datasetId() == null || outcome.outcome().isOfArchiveStep()) {
                record(outcome);
                continue;
            }
            strongest.merge(outcome.datasetId(), outcome,
                    (a, b) -> b.outcome().strength() >= a.outcome().strength() ? b : a);
        }
        if (strongest.isEmpty()) {
            return;
        }
        try {
            ownTransaction.executeWithoutResult(status -> jdbc.batchUpdate("INSERT INTO HARVEST_OUTCOME (RUN_ID,"
                    + " DATASET_KEY, DATASET_UID, OUTCOME, REASON, UDATA_ID) VALUES (?, ?, ?, ?, ?, ?)",
                    strongest.values().stream().map(o -> new Object[] {runId, o.datasetId(), o.datasetUid(),
                            o.outcome().name(), reason(o), o.udataId()}).toList()));
            strongest.values().forEach(o -> count(o.outcome()));
        } catch (DataIntegrityViolationException recordedBefore) {
            // rolled back whole: one by one, each keeping the stronger of the old and the new outcome
            strongest.values().forEach(this::record);
        }
    }

    private static String reason(DatasetOutcome outcome) {
        return outcome.reason() == null || outcome.reason().length() <= MAX_REASON ? outcome.reason()
                : outcome.reason().substring(0, MAX_REASON - 1) + "…";
    }

    /**
     * Replaces the row of this dataset when its outcome is another one, not stronger than the new one: one
     * statement, so that two threads recording the same dataset cannot both read the old row and overwrite
     * each other (and the same outcome recorded twice is counted once).
     */
    private int replaceWeaker(String key, DatasetOutcome outcome, String reason) {
        String replaceable = Arrays.stream(Outcome.values())
                .filter(o -> o != outcome.outcome() && o.strength() <= outcome.outcome().strength())
                .map(o -> "'" + o.name() + "'").collect(Collectors.joining(", "));
        Integer updated = ownTransaction.execute(status -> jdbc.update("UPDATE HARVEST_OUTCOME SET DATASET_UID = ?,"
                + " OUTCOME = ?, REASON = ?, UDATA_ID = ? WHERE RUN_ID = ? AND DATASET_KEY = ? AND OUTCOME IN ("
                + replaceable + ")", outcome.datasetUid(), outcome.outcome().name(), reason, outcome.udataId(), runId,
                key));
        return updated == null ? 0 : updated;
    }

    private void recordArchived(DatasetOutcome outcome) {
        if (outcome.udataId() == null) {
            throw new IllegalArgumentException("an ARCHIVED outcome names the udata dataset it archived");
        }
        String key = outcome.datasetId() != null ? outcome.datasetId() : "(no id)";
        ownTransaction.executeWithoutResult(status -> {
            if (jdbc.update("UPDATE HARVEST_ARCHIVED SET DATASET_KEY = ?, DATASET_UID = ? WHERE RUN_ID = ? AND UDATA_ID = ?",
                    key, outcome.datasetUid(), runId, outcome.udataId()) == 0) {
                jdbc.update("INSERT INTO HARVEST_ARCHIVED (RUN_ID, UDATA_ID, DATASET_KEY, DATASET_UID) VALUES (?, ?, ?, ?)",
                        runId, outcome.udataId(), key, outcome.datasetUid());
                count(Outcome.ARCHIVED);
            }
        });
    }

    private void count(Outcome outcome) {
        meters.counter(METER, "outcome", outcome.name().toLowerCase(java.util.Locale.ROOT)).increment();
    }
}
