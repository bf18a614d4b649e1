package org.odsharvester.report;

import java.util.ArrayList;
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
        Long archived = jdbc.queryForObject("SELECT COUNT(*) FROM HARVEST_ARCHIVED WHERE RUN_ID = ?", Long.class,
                runId);
        counts.put(Outcome.ARCHIVED, archived == null ? 0 : archived);
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

    /** Every dataset with one of these outcomes, in dataset order (archived ones from the archive step's table). */
    public List<DatasetOutcome> list(long runId, List<Outcome> outcomes) {
        List<Outcome> ofSource = outcomes.stream().filter(o -> o != Outcome.ARCHIVED).toList();
        List<String> selects = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (!ofSource.isEmpty()) {
            String in = String.join(",", ofSource.stream().map(o -> "'" + o.name() + "'").toList());
            selects.add("SELECT DATASET_KEY, DATASET_UID, OUTCOME, REASON, UDATA_ID FROM HARVEST_OUTCOME"
                    + " WHERE RUN_ID = ? AND OUTCOME IN (" + in + ")");
            args.add(runId);
        }
        if (outcomes.contains(Outcome.ARCHIVED)) {
            selects.add("SELECT DATASET_KEY, DATASET_UID, 'ARCHIVED', CAST(NULL AS VARCHAR(4000)), UDATA_ID"
                    + " FROM HARVEST_ARCHIVED WHERE RUN_ID = ?");
            args.add(runId);
        }
        if (selects.isEmpty()) {
            return List.of();
        }
        return jdbc.query(String.join(" UNION ALL ", selects) + " ORDER BY 1, 5",
                (rs, i) -> new DatasetOutcome(rs.getString(1), rs.getString(2), Outcome.valueOf(rs.getString(3)),
                        rs.getString(4), rs.getString(5)),
                args.toArray());
    }
}
