package org.odsharvester.report;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/** Reads back what a run recorded, for the report and the exit code. */
public class OutcomeQueries {

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

    /** Datasets of the run recorded REJECTED, leaving out {@code exceptKey} (may be null). */
    public long rejectedCount(long runId, String exceptKey) {
        Long count = exceptKey == null
                ? jdbc.queryForObject("SELECT COUNT(*) FROM HARVEST_OUTCOME WHERE RUN_ID = ? AND OUTCOME = 'REJECTED'",
                        Long.class, runId)
                : jdbc.queryForObject("SELECT COUNT(*) FROM HARVEST_OUTCOME WHERE RUN_ID = ? AND OUTCOME = 'REJECTED'"
                        + " AND DATASET_KEY <> ?", Long.class, runId, exceptKey);
        return count == null ? 0 : count;
    }

    public Map<String, Long> filteredByReason(long runId) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        jdbc.query("SELECT REASON, COUNT(*) FROM HARVEST_OUTCOME WHERE RUN_ID = ? AND OUTCOME = 'FILTERED'"
                + " GROUP BY REASON", rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                }, runId);
        return counts;
    }

    /** Every dataset with one of these outcomes, in dataset order. */
    public List<DatasetOutcome> list(long runId, List<Outcome> outcomes) {
        String in = String.join(",", outcomes.stream().map(o -> "'" + o.name() + "'").toList());
        return jdbc.query("SELECT DATASET_KEY, DATASET_UID, OUTCOME, REASON, UDATA_ID FROM HARVEST_OUTCOME"
                + " WHERE RUN_ID = ? AND OUTCOME IN (" + in + ") ORDER BY DATASET_KEY",
                (rs, i) -> new DatasetOutcome(rs.getString(1), rs.getString(2), Outcome.valueOf(rs.getString(3)),
                        rs.getString(4), rs.getString(5)),
                runId);
    }
}
