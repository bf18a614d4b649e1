package org.odsharvester.udata;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Memory of the datasets that went missing at the source, for the grace period before archiving:
 * {@code HARVEST_MISSING} (since when, across runs, per target) and {@code HARVEST_RUN_MISSING} (what one run's
 * archive step found missing, why, and whether it was due). Written and read like {@link DatasetIndex}
 * ({@link OwnTransactions}).
 */
public class MissingDatasets {

    /**
     * One dataset the run found missing.
     *
     * @param entry        its index entry
     * @param missingSince since when it has been absent from every complete read
     * @param reason       why it is missing, for the report
     * @param due          its grace period was over when the run found it missing
     */
    public record Missing(IndexEntry entry, Instant missingSince, String reason, boolean due) {
    }

    private final JdbcTemplate jdbc;
    private final OwnTransactions transactions;
    private final String targetKey;

    public MissingDatasets(DataSource dataSource, String targetKey) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new OwnTransactions(dataSource);
        this.targetKey = Objects.requireNonNull(targetKey, "targetKey");
    }

    /**
     * Forgets the absence of the datasets of {@code domain} that the run saw at the source (they came back in
     * time), and of those no longer live in the index (archived, deleted or gone from udata).
     */
    public int forgetSeenOrGone(String domain, long runId) {
        return inTransaction(() -> jdbc.update("DELETE FROM HARVEST_MISSING m WHERE m.TARGET_KEY = ? AND ("
                + " NOT EXISTS (SELECT 1 FROM HARVEST_DATASET_INDEX i WHERE i.TARGET_KEY = m.TARGET_KEY"
                + " AND i.UDATA_ID = m.UDATA_ID AND i.ARCHIVED = ? AND i.DELETED = ?)"
                + " OR EXISTS (SELECT 1 FROM HARVEST_DATASET_INDEX i WHERE i.TARGET_KEY = m.TARGET_KEY"
                + " AND i.UDATA_ID = m.UDATA_ID AND i.DOMAIN = ? AND NOT (" + DatasetIndex.NOT_SEEN_IN_RUN + ")))",
                targetKey, false, false, domain, runId, runId, runId));
    }

    /** Since when this udata dataset has been missing: the stored date, else {@code now}, stored from now on. */
    public Instant missingSince(String udataId, Instant now) {
        List<Long> stored = outsideTransaction(() -> jdbc.queryForList("SELECT MISSING_SINCE FROM HARVEST_MISSING"
                + " WHERE TARGET_KEY = ? AND UDATA_ID = ?", Long.class, targetKey, udataId));
        if (!stored.isEmpty()) {
            return Instant.ofEpochMilli(stored.get(0));
        }
        try {
            inTransaction(() -> jdbc.update("INSERT INTO HARVEST_MISSING (TARGET_KEY, UDATA_ID, MISSING_SINCE)"
                    + " VALUES (?, ?, ?)", targetKey, udataId, now.toEpochMilli()));
            return now;
        } catch (DuplicateKeyException raced) {
            return missingSince(udataId, now);
        }
    }

    /** Forgets this dataset's absence (it was archived). */
    public void forget(String udataId) {
        inTransaction(() -> jdbc.update("DELETE FROM HARVEST_MISSING WHERE TARGET_KEY = ? AND UDATA_ID = ?",
                targetKey, udataId));
    }

    /** Records what the run found missing; a restarted archive step finds it recorded and keeps the first record. */
    public void recordInRun(long runId, Missing missing) {
        IndexEntry e = missing.entry();
        try {
            inTransaction(() -> jdbc.update("INSERT INTO HARVEST_RUN_MISSING (RUN_ID, UDATA_ID, DATASET_KEY,"
                    + " DATASET_UID, MISSING_SINCE, REASON, DUE) VALUES (?, ?, ?, ?, ?, ?, ?)", runId, e.udataId(),
                    e.remoteId() == null ? "(no id)" : e.remoteId(), e.datasetUid(),
                    missing.missingSince().toEpochMilli(), missing.reason(), missing.due()));
        } catch (DuplicateKeyException recordedBefore) {
            // the first execution of this run recorded it: its record stands
        }
    }

    /** Drops the run's record of this dataset (it turned out deleted or purged in udata). */
    public void dropFromRun(long runId, String udataId) {
        inTransaction(() -> jdbc.update("DELETE FROM HARVEST_RUN_MISSING WHERE RUN_ID = ? AND UDATA_ID = ?", runId,
                udataId));
    }

    /** How many datasets the run found due for archiving (those it archived already included). */
    public long dueInRun(long runId) {
        Long count = outsideTransaction(() -> jdbc.queryForObject("SELECT COUNT(*) FROM HARVEST_RUN_MISSING"
                + " WHERE RUN_ID = ? AND DUE = ?", Long.class, runId, true));
        return count == null ? 0 : count;
    }

    /**
     * The first {@code limit} datasets the run found due and that are still live in the index (not archived
     * yet), by udata id: archiving one takes it out of this list, so a restart goes on where it stopped.
     */
    public List<Missing> dueNotArchived(long runId, int limit) {
        return outsideTransaction(() -> jdbc.query(DUE_IN_RUN + " AND i.ARCHIVED = ? AND i.DELETED = ?"
                + " ORDER BY r.UDATA_ID FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY", MissingDatasets::due,
                targetKey, runId, true, false, false));
    }

    /**
     * The datasets the run found due that the index shows archived although the run did not record archiving
     * them: a process killed between udata's answer and its own record archived them (the index rebuild of the
     * relaunch read it from udata).
     */
    public List<Missing> dueArchivedUnrecorded(long runId) {
        return outsideTransaction(() -> jdbc.query(DUE_IN_RUN + " AND i.ARCHIVED = ? AND NOT EXISTS (SELECT 1"
                + " FROM HARVEST_ARCHIVED a WHERE a.RUN_ID = r.RUN_ID AND a.UDATA_ID = r.UDATA_ID)",
                MissingDatasets::due, targetKey, runId, true, true));
    }

    /** The due datasets of a run (target key, run id, true), with their index entries. */
    private static final String DUE_IN_RUN = "SELECT i.UDATA_ID, i.DOMAIN, i.REMOTE_ID, i.DATASET_UID,"
            + " i.CONTENT_HASH, i.ARCHIVED, i.DELETED, r.MISSING_SINCE, r.REASON FROM HARVEST_RUN_MISSING r"
            + " JOIN HARVEST_DATASET_INDEX i ON i.TARGET_KEY = ? AND i.UDATA_ID = r.UDATA_ID"
            + " WHERE r.RUN_ID = ? AND r.DUE = ?";

    private static Missing due(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Missing(DatasetIndex.entry(rs, row), Instant.ofEpochMilli(rs.getLong("MISSING_SINCE")),
                rs.getString("REASON"), true);
    }

    /** Why the run filtered this dataset out (by uid, else by remote id), or null when it did not. */
    public String filteredReason(long runId, IndexEntry entry) {
        String filtered = "SELECT REASON FROM HARVEST_OUTCOME WHERE RUN_ID = ? AND OUTCOME = 'FILTERED' AND ";
        List<String> reasons = entry.datasetUid() == null ? List.of()
                : outsideTransaction(() -> jdbc.queryForList(filtered + "DATASET_UID = ?", String.class, runId,
                        entry.datasetUid()));
        if (reasons.isEmpty() && entry.remoteId() != null) {
            reasons = outsideTransaction(() -> jdbc.queryForList(filtered + "DATASET_KEY = ?", String.class, runId,
                    entry.remoteId()));
        }
        return reasons.isEmpty() ? null : String.valueOf(reasons.get(0));
    }

    /** The run recorded no dataset at all: its read of the catalog was empty. */
    public boolean runReadNothing(long runId) {
        return outsideTransaction(() -> jdbc.queryForList("SELECT 1 FROM HARVEST_OUTCOME WHERE RUN_ID = ?"
                + " FETCH FIRST 1 ROWS ONLY", Integer.class, runId)).isEmpty();
    }

    private <T> T inTransaction(java.util.function.Supplier<T> work) {
        return transactions.committed(work);
    }

    private <T> T outsideTransaction(java.util.function.Supplier<T> work) {
        return transactions.outside(work);
    }
}
