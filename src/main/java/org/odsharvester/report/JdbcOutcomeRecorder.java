package org.odsharvester.report;

import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
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
        String key = outcome.datasetId() != null ? outcome.datasetId() : "(no id) " + UUID.randomUUID();
        String reason = outcome.reason() == null || outcome.reason().length() <= MAX_REASON ? outcome.reason()
                : outcome.reason().substring(0, MAX_REASON - 1) + "…";
        ownTransaction.executeWithoutResult(status -> {
            List<String> existing = jdbc.queryForList(
                    "SELECT OUTCOME FROM HARVEST_OUTCOME WHERE RUN_ID = ? AND DATASET_KEY = ?", String.class, runId,
                    key);
            if (existing.isEmpty()) {
                jdbc.update("INSERT INTO HARVEST_OUTCOME (RUN_ID, DATASET_KEY, DATASET_UID, OUTCOME, REASON, UDATA_ID)"
                        + " VALUES (?, ?, ?, ?, ?, ?)", runId, key, outcome.datasetUid(), outcome.outcome().name(),
                        reason, outcome.udataId());
                count(outcome.outcome());
                return;
            }
            Outcome previous = Outcome.valueOf(existing.get(0));
            if (previous.strength() > outcome.outcome().strength()) {
                return;
            }
            if (previous != outcome.outcome()) {
                count(outcome.outcome());
            }
            jdbc.update("UPDATE HARVEST_OUTCOME SET DATASET_UID = ?, OUTCOME = ?, REASON = ?, UDATA_ID = ?"
                    + " WHERE RUN_ID = ? AND DATASET_KEY = ?", outcome.datasetUid(), outcome.outcome().name(), reason,
                    outcome.udataId(), runId, key);
        });
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
