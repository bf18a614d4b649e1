package org.odsharvester.report;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/** Reads back what a run recorded, for the report and the exit code. */
public class OutcomeQueries {

    static final int PAGE = 1000;
    /** On {@code HARVEST_RUN_MISSING m}: the run did not archive that dataset. */
    private static final String NOT_ARCHIVED_BY_RUN = " AND NOT EXISTS (SELECT 1 FROM HARVEST_ARCHIVED a"
            + " WHERE a.RUN_ID = m.RUN_ID AND a.UDATA_ID = m.UDATA_ID)";
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
        Long archived = jdbc.queryForObject("SELECT COUNT(*) FROM HARVEST_ARCHIVED WHERE RUN_ID = ?", Long.class,
                runId);
        counts.put(Outcome.ARCHIVED, archived == null ? 0 : archived);
        Long missing = jdbc.queryForObject("SELECT COUNT(*) FROM HARVEST_RUN_MISSING m WHERE m.RUN_ID = ?"
                + NOT_ARCHIVED_BY_RUN, Long.class, runId);
        counts.put(Outcome.MISSING, missing == null ? 0 : missing);
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
        return countsByReason(runId, Outcome.FILTERED);
    }

    /** Datasets of the run with this outcome, by reason. */
    public Map<String, Long> countsByReason(long runId, Outcome outcome) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        jdbc.query("SELECT REASON, COUNT(*) FROM HARVEST_OUTCOME WHERE RUN_ID = ? AND OUTCOME = ?"
                + " GROUP BY REASON", rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                }, runId, outcome.name());
        return counts;
    }

    /** Every dataset with one of these outcomes, in dataset order (archived ones from the archive step's table). */
    public List<DatasetOutcome> list(long runId, List<Outcome> outcomes) {
        List<Outcome> ofSource = outcomes.stream().filter(o -> !o.isOfArchiveStep()).toList();
        List<String> selects = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (!ofSource.isEmpty()) {
            String in = String.join(",", ofSource.stream().map(o -> "'" + o.name() + "'").toList());
            selects.add("SELECT DATASET_KEY, DATASET_UID, OUTCOME, REASON, UDATA_ID FROM HARVEST_OUTCOME"
                    + " WHERE RUN_ID = ? AND OUTCOME IN (" + in + ")");
            args.add(runId);
        }
        if (outcomes.contains(Outcome.ARCHIVED)) {
            selects.add(SELECT_ARCHIVED);
            args.add(runId);
        }
        if (outcomes.contains(Outcome.MISSING)) {
            selects.add(SELECT_MISSING);
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

    /**
     * Hands every dataset with this outcome to {@code action}, in dataset order, {@value #PAGE} rows at a time
     * (keyset on the dataset key): a report of 50,000 datasets never sits in memory, in the JVM or in the
     * database's result sets.
     */
    public void forEach(long runId, Outcome outcome, java.util.function.Consumer<DatasetOutcome> action) {
        forEach(runId, outcome, Long.MAX_VALUE, action);
    }

    /** The same, stopping after the first {@code limit} datasets (the HTML report's tables). */
    public void forEach(long runId, Outcome outcome, long limit, java.util.function.Consumer<DatasetOutcome> action) {
        if (outcome.isOfArchiveStep()) {
            if (outcome == Outcome.ARCHIVED) {
                forEachByUdataId(SELECT_ARCHIVED, "a.UDATA_ID", runId, limit, action);
            } else {
                forEachByUdataId(SELECT_MISSING, "m.UDATA_ID", runId, limit, action);
            }
            return;
        }
        String after = null;
        for (long left = limit; left > 0; left -= PAGE) {
            List<DatasetOutcome> page = after == null
                    ? jdbc.query(SELECT + " WHERE RUN_ID = ? AND OUTCOME = ? ORDER BY DATASET_KEY FETCH FIRST " + PAGE
                            + " ROWS ONLY", OutcomeQueries::row, runId, outcome.name())
                    : jdbc.query(SELECT + " WHERE RUN_ID = ? AND OUTCOME = ? AND DATASET_KEY > ? ORDER BY DATASET_KEY"
                            + " FETCH FIRST " + PAGE + " ROWS ONLY", OutcomeQueries::row, runId, outcome.name(), after);
            page.stream().limit(left).forEach(action);
            if (page.size() < PAGE) {
                return;
            }
            after = page.get(page.size() - 1).datasetId();
        }
    }

    /**
     * What the archive step archived, with the reason it recorded when it found the dataset missing (none for an
     * archive of before the grace period existed).
     */
    private static final String SELECT_ARCHIVED = "SELECT a.DATASET_KEY, a.DATASET_UID, 'ARCHIVED', m.REASON,"
            + " a.UDATA_ID FROM HARVEST_ARCHIVED a LEFT JOIN HARVEST_RUN_MISSING m ON m.RUN_ID = a.RUN_ID"
            + " AND m.UDATA_ID = a.UDATA_ID WHERE a.RUN_ID = ?";
    /** What the archive step found missing and did not archive. */
    private static final String SELECT_MISSING = "SELECT m.DATASET_KEY, m.DATASET_UID, 'MISSING', m.REASON,"
            + " m.UDATA_ID FROM HARVEST_RUN_MISSING m WHERE m.RUN_ID = ?" + NOT_ARCHIVED_BY_RUN;

    /** What the archive step recorded, kept in its own tables by udata id: keyset on that id. */
    private void forEachByUdataId(String select, String udataId, long runId, long limit,
            java.util.function.Consumer<DatasetOutcome> action) {
        String after = null;
        for (long left = limit; left > 0; left -= PAGE) {
            List<DatasetOutcome> page = after == null
                    ? jdbc.query(select + " ORDER BY " + udataId + " FETCH FIRST " + PAGE + " ROWS ONLY",
                            OutcomeQueries::row, runId)
                    : jdbc.query(select + " AND " + udataId + " > ? ORDER BY " + udataId + " FETCH FIRST " + PAGE
                            + " ROWS ONLY", OutcomeQueries::row, runId, after);
            page.stream().limit(left).forEach(action);
            if (page.size() < PAGE) {
                return;
            }
            after = page.get(page.size() - 1).udataId();
        }
    }

    /**
     * A dataset of the run that is in another organization than {@code udata.organizations-file} names for its
     * publisher: udata cannot move it, so it was harvested where it is.
     *
     * @param datasetId          the ODS dataset id
     * @param datasetUid         its uid, may be null
     * @param udataId            the udata dataset
     * @param organization       the organization it is in
     * @param mappedOrganization the organization the mapping names
     */
    public record OrganizationMismatch(String datasetId, String datasetUid, String udataId, String organization,
            String mappedOrganization) {
    }

    /** How many datasets of the run are in another organization than the mapping names. */
    public long organizationMismatchCount(long runId) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM HARVEST_ORGANIZATION_MISMATCH WHERE RUN_ID = ?",
                Long.class, runId);
        return count == null ? 0 : count;
    }

    /** The run's {@link OrganizationMismatch}es ({@code HARVEST_ORGANIZATION_MISMATCH}), by udata id, a page at a time. */
    public void forEachOrganizationMismatch(long runId, java.util.function.Consumer<OrganizationMismatch> action) {
        String select = "SELECT DATASET_KEY, DATASET_UID, UDATA_ID, ORGANIZATION, MAPPED_ORGANIZATION FROM"
                + " HARVEST_ORGANIZATION_MISMATCH WHERE RUN_ID = ?";
        String after = null;
        while (true) {
            org.springframework.jdbc.core.RowMapper<OrganizationMismatch> mapper = (rs, i) -> new OrganizationMismatch(
                    rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
            List<OrganizationMismatch> page = after == null
                    ? jdbc.query(select + " ORDER BY UDATA_ID FETCH FIRST " + PAGE + " ROWS ONLY", mapper, runId)
                    : jdbc.query(select + " AND UDATA_ID > ? ORDER BY UDATA_ID FETCH FIRST " + PAGE + " ROWS ONLY",
                            mapper, runId, after);
            page.forEach(action);
            if (page.size() < PAGE) {
                return;
            }
            after = page.get(page.size() - 1).udataId();
        }
    }

    private static DatasetOutcome row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new DatasetOutcome(rs.getString(1), rs.getString(2), Outcome.valueOf(rs.getString(3)), rs.getString(4),
                rs.getString(5));
    }

    /**
     * How the run read the catalog ({@code HARVEST_RUN_PASS}, see {@code job.CatalogPasses}), with how many datasets
     * it found unchanged since the last write and did not map ({@code notMappedReason}); null when the run did not
     * decide it (a dry run, a run started by an earlier version).
     */
    public @org.jspecify.annotations.Nullable CatalogRead catalogRead(long runId, String notMappedReason) {
        List<CatalogRead> read = jdbc.query("SELECT FULL_PASS, LISTED, LISTED_SIZE, TO_FETCH, REASON FROM"
                + " HARVEST_RUN_PASS WHERE RUN_ID = ?", (rs, row) -> new CatalogRead(
                        rs.getBoolean(1) ? "full" : rs.getBoolean(2) ? "listing" : "paging", rs.getLong(3),
                        rs.getLong(4), 0, rs.getString(5)), runId);
        if (read.isEmpty()) {
            return null;
        }
        Long notMapped = jdbc.queryForObject("SELECT COUNT(*) FROM HARVEST_OUTCOME WHERE RUN_ID = ? AND OUTCOME ="
                + " 'UNCHANGED' AND REASON = ?", Long.class, runId, notMappedReason);
        CatalogRead r = read.get(0);
        return new CatalogRead(r.path(), r.listed(), r.toFetch(), notMapped == null ? 0 : notMapped, r.reason());
    }

    /**
     * @param path      {@code full} (every dataset read, mapped and compared), {@code listing} (one listing, then the
     *                  new and changed datasets fetched) or {@code paging} (no listing: paged, unchanged items not
     *                  mapped)
     * @param listed    datasets in the listing (0 unless {@code listing})
     * @param toFetch   of them, the new, changed or edited in udata when listed
     * @param notMapped datasets found unchanged since the last write: neither mapped nor written (nor fetched on the
     *                  listing path)
     * @param reason    the sentence the log gave
     */
    public record CatalogRead(String path, long listed, long toFetch, long notMapped, String reason) {
    }
}
