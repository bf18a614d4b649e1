package org.odsharvester.report;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/** Reads back what a run recorded, for the report and the exit code. */
public class OutcomeQueries {

    static final int PAGE = 1000;
    private static final String SELECT = "SELECT DATASET_KEY, DATASET_UID, OUTCOME, REASON, UDATA_ID FROM HARVEST_OUTCOME";

    private final JdbcTemplate jdbc;

    public OutcomeQueries(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public Map<Outcome, Long> countsByOutcome(long runId) {
        Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, 0L);
        }
        jdbc.query("SELECT OUTCOME, COUNT(*) FROM HARVEST_OUTCOME WHERE RUN_ID = ? GROUP BY OUTCOME",
                rs -> {
                    counts.put(Outcome.valueOf(rs.getString(1)), rs.getLong(2));
                }, runId);
        return counts;
    }

    public Map<String, Long> filteredByReason(long runId) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        jdbc.query("SELECT REASON, COUNT(*) FROM HARVEST_OUTCOME WHERE RUN_ID = ? AND OUTCOME = 'FILTERED'"
                + " GROUP BY REASON", rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                }, runId);
        return counts;
    }

    /**
     * Hands every dataset with this outcome to {@code action}, in dataset order, {@value #PAGE} rows at a time
     * (keyset on the dataset key): a report of 50,000 datasets never sits in memory, in the JVM or in the
     * database's result sets.
     */
    public void forEach(long runId, Outcome outcome, java.util.function.Consumer<DatasetOutcome> action) {
        String after = null;
        while (true) {
            List<DatasetOutcome> page = after == null
                    ? jdbc.query(SELECT + " WHERE RUN_ID = ? AND OUTCOME = ? ORDER BY DATASET_KEY FETCH FIRST " + PAGE
                            + " ROWS ONLY", OutcomeQueries::row, runId, outcome.name())
                    : jdbc.query(SELECT + " WHERE RUN_ID = ? AND OUTCOME = ? AND DATASET_KEY > ? ORDER BY DATASET_KEY"
                            + " FETCH FIRST " + PAGE + " ROWS ONLY", OutcomeQueries::row, runId, outcome.name(), after);
            page.forEach(action);
            if (page.size() < PAGE) {
                return;
            }
            after = page.get(page.size() - 1).datasetId();
        }
    }

    private static DatasetOutcome row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new DatasetOutcome(rs.getString(1), rs.getString(2), Outcome.valueOf(rs.getString(3)), rs.getString(4),
                rs.getString(5));
    }
}
