package org.odsharvester.udata;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The source → udata index (table {@code HARVEST_DATASET_INDEX}), scoped by a target key (udata URL +
 * organization), so one database can serve several targets.
 * <p>
 * Every write runs in its own short transaction ({@code REQUIRES_NEW} over a transaction manager of the
 * same DataSource) and commits at once, whatever the surrounding chunk transaction does: udata is not
 * transactional, so a dataset created in udata must stay recorded even when the chunk that created it
 * rolls back, otherwise a retry would create it twice. Reads run outside any transaction
 * ({@code NOT_SUPPORTED}: a surrounding one is suspended), so that no transaction ever holds read locks
 * on this table (HSQLDB's default lock mode would then deadlock the next write), and they cost no commit.
 * <p>
 * Nothing is held in memory in proportion to the catalog.
 */
public class DatasetIndex {

    private static final String COLUMNS = "UDATA_ID, DOMAIN, REMOTE_ID, DATASET_UID, CONTENT_HASH, ARCHIVED, DELETED";
    private static final String PREFERRED_FIRST_KEYS = " DELETED, ARCHIVED, UDATA_ID";

    private final JdbcTemplate jdbc;
    private final OwnTransactions transactions;
    private final String targetKey;

    public DatasetIndex(DataSource dataSource, String targetKey) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new OwnTransactions(dataSource);
        this.targetKey = Objects.requireNonNull(targetKey, "targetKey");
    }

    /** The key that scopes this index: {@code <udata url>#<organization>}. */
    public static String targetKey(String udataUrl, String organization) {
        return udataUrl + "#" + organization;
    }

    public String targetKey() {
        return targetKey;
    }

    /**
     * The udata dataset that holds this source dataset: by {@code datasetUid} when known; else (no uid, or
     * no entry with it) by {@code remoteId} + {@code domain} among entries without another uid. When several
     * udata datasets match, a live one is preferred to an archived one, and to a deleted one.
     */
    public Optional<IndexEntry> find(DatasetIdentity identity) {
        // one statement, each half served by its index: by uid first, then by remote id
        String byRemoteId = "SELECT " + COLUMNS + ", 0 AS BY_UID FROM HARVEST_DATASET_INDEX"
                + " WHERE TARGET_KEY = ? AND DOMAIN = ? AND REMOTE_ID = ?";
        List<Object> args = new ArrayList<>();
        String sql;
        if (identity.datasetUid() != null) {
            sql = "SELECT " + COLUMNS + ", 1 AS BY_UID FROM HARVEST_DATASET_INDEX"
                    + " WHERE TARGET_KEY = ? AND DOMAIN = ? AND DATASET_UID = ? UNION ALL " + byRemoteId;
            args.addAll(List.of(targetKey, identity.domain(), identity.datasetUid()));
        } else {
            sql = byRemoteId;
        }
        args.addAll(List.of(targetKey, identity.domain(), identity.remoteId()));
        List<Object[]> rows = outsideTransaction(() -> jdbc.query(sql + " ORDER BY BY_UID DESC," + PREFERRED_FIRST_KEYS,
                (rs, row) -> new Object[] {entry(rs, row), rs.getInt("BY_UID") == 1}, args.toArray()));
        if (!rows.isEmpty() && (Boolean) rows.get(0)[1]) {
            return Optional.of((IndexEntry) rows.get(0)[0]);
        }
        // a slug reused at the source by another dataset (another uid) is not the same dataset
        return rows.stream().map(row -> (IndexEntry) row[0])
                .filter(e -> identity.datasetUid() == null || e.datasetUid() == null
                        || e.datasetUid().equals(identity.datasetUid()))
                .findFirst();
    }

    /**
     * {@link #find} for all the identities of a chunk at once: two statements (by uid, by remote id) whatever
     * the chunk size, and for each identity the entry {@link #find} would return; identities found nowhere are
     * absent from the map.
     */
    public Map<DatasetIdentity, IndexEntry> findAll(Collection<DatasetIdentity> identities) {
        Map<DatasetIdentity, IndexEntry> found = new HashMap<>();
        Map<String, List<DatasetIdentity>> byDomain = new LinkedHashMap<>();
        identities.forEach(id -> byDomain.computeIfAbsent(id.domain(), d -> new ArrayList<>()).add(id));
        byDomain.forEach((domain, ids) -> {
            List<String> uids = ids.stream().map(DatasetIdentity::datasetUid).filter(Objects::nonNull).distinct()
                    .toList();
            List<String> remoteIds = ids.stream().map(DatasetIdentity::remoteId).filter(Objects::nonNull).distinct()
                    .toList();
            List<IndexEntry> withUid = entriesWhereIn(domain, "DATASET_UID", uids);
            List<IndexEntry> withRemoteId = entriesWhereIn(domain, "REMOTE_ID", remoteIds);
            for (DatasetIdentity id : ids) {
                // both lists are in preference order: the first match is the one find() would return
                Optional<IndexEntry> match = id.datasetUid() == null ? Optional.empty()
                        : withUid.stream().filter(e -> id.datasetUid().equals(e.datasetUid())).findFirst();
                if (match.isEmpty()) {
                    match = withRemoteId.stream().filter(e -> e.remoteId().equals(id.remoteId()))
                            .filter(e -> id.datasetUid() == null || e.datasetUid() == null
                                    || e.datasetUid().equals(id.datasetUid()))
                            .findFirst();
                }
                match.ifPresent(entry -> found.put(id, entry));
            }
        });
        return found;
    }

    private List<IndexEntry> entriesWhereIn(String domain, String column, List<String> values) {
        return entriesWhereIn(domain, column, values, null);
    }

    /** With a mark: only the live entries that the rebuild identified by it saved. */
    private List<IndexEntry> entriesWhereIn(String domain, String column, List<String> values, String mark) {
        if (values.isEmpty()) {
            return List.of();
        }
        // rows of all three columns: HSQLDB looks each one up in the index, where "column IN (…)" after two
        // equalities would scan every entry of the domain
        List<Object> args = new ArrayList<>();
        values.forEach(value -> args.addAll(List.of(targetKey, domain, value)));
        String rows = String.join(", ", java.util.Collections.nCopies(values.size(), "(?, ?, ?)"));
        String seenBy = mark == null ? "" : " AND REBUILD_MARK = ? AND DELETED = ?";
        if (mark != null) {
            args.addAll(List.of(mark, false));
        }
        return outsideTransaction(() -> jdbc.query("SELECT " + COLUMNS + " FROM HARVEST_DATASET_INDEX"
                + " WHERE (TARGET_KEY, DOMAIN, " + column + ") IN (" + rows + ")" + seenBy + " ORDER BY"
                + PREFERRED_FIRST_KEYS, DatasetIndex::entry, args.toArray()));
    }

    /**
     * The live (not deleted) entries of {@code domain} that the rebuild identified by {@code mark} has already
     * saved, among those with one of these uids, or without uid and with one of these remote ids: what an index
     * rebuild needs to recognise a duplicate listed on a later page, without holding the listing in memory.
     */
    public List<IndexEntry> liveSeenByRebuild(String domain, String mark, Collection<String> uids,
            Collection<String> remoteIdsWithoutUid) {
        List<IndexEntry> seen = new ArrayList<>(entriesWhereIn(domain, "DATASET_UID", List.copyOf(uids), mark));
        entriesWhereIn(domain, "REMOTE_ID", List.copyOf(remoteIdsWithoutUid), mark).stream()
                .filter(e -> e.datasetUid() == null).forEach(seen::add);
        return seen;
    }

    public Optional<IndexEntry> findByUdataId(String udataId) {
        return outsideTransaction(() -> jdbc.query("SELECT " + COLUMNS + " FROM HARVEST_DATASET_INDEX"
                + " WHERE TARGET_KEY = ? AND UDATA_ID = ?", DatasetIndex::entry, targetKey, udataId)
                .stream().findFirst());
    }

    /**
     * {@link #save} for the entries of a chunk, in one transaction of two batched statements (update, then
     * insert what was not there); committed when this returns. Of two entries of one udata dataset, the
     * last is kept.
     */
    public void saveAll(Collection<IndexEntry> entries) {
        Map<String, IndexEntry> last = new LinkedHashMap<>();
        entries.forEach(e -> last.put(e.udataId(), e));
        if (last.isEmpty()) {
            return;
        }
        try {
            inTransaction(() -> upsertAndRemember(List.copyOf(last.values()), null, false));
        } catch (DuplicateKeyException raced) {
            // inserted meanwhile: updates now
            inTransaction(() -> upsertAndRemember(List.copyOf(last.values()), null, false));
        }
    }

    private Void upsertAndRemember(List<IndexEntry> entries, String mark, boolean setMark) {
        upsertAll(entries, mark, setMark);
        rememberDeleted(entries);
        return null;
    }

    /** Upserts in two batched statements; with {@code setMark}, the rebuild mark is set too. */
    private Void upsertAll(List<IndexEntry> entries, String mark, boolean setMark) {
        if (entries.isEmpty()) {
            return null;
        }
        int[] updated = jdbc.batchUpdate("UPDATE HARVEST_DATASET_INDEX SET DOMAIN = ?, REMOTE_ID = ?, DATASET_UID = ?,"
                + " CONTENT_HASH = ?, ARCHIVED = ?, DELETED = ?" + (setMark ? ", REBUILD_MARK = ?" : "")
                + " WHERE TARGET_KEY = ? AND UDATA_ID = ?", entries.stream().map(e -> setMark
                        ? new Object[] {e.domain(), e.remoteId(), e.datasetUid(), e.contentHash(), e.archived(),
                                e.deleted(), mark, targetKey, e.udataId()}
                        : new Object[] {e.domain(), e.remoteId(), e.datasetUid(), e.contentHash(), e.archived(),
                                e.deleted(), targetKey, e.udataId()}).toList());
        List<Object[]> inserts = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (updated[i] < 0) {
                upsert(entries.get(i), mark, setMark); // the driver did not tell: one by one
            } else if (updated[i] == 0) {
                IndexEntry e = entries.get(i);
                inserts.add(new Object[] {targetKey, e.udataId(), e.domain(), e.remoteId(), e.datasetUid(),
                        e.contentHash(), e.archived(), e.deleted(), mark});
            }
        }
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO HARVEST_DATASET_INDEX (TARGET_KEY, " + COLUMNS + ", REBUILD_MARK)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", inserts);
        }
        return null;
    }

    /** Inserts or replaces the entry of {@code entry.udataId()}; committed when this returns. */
    public void save(IndexEntry entry) {
        try {
            inTransaction(() -> upsertAndRemember(List.of(entry), null, false));
        } catch (DuplicateKeyException raced) {
            // inserted meanwhile by another thread: the update now finds it (a failed statement spoils a
            // PostgreSQL transaction, hence a new one)
            inTransaction(() -> upsertAndRemember(List.of(entry), null, false));
        }
    }

    /** Upserts a batch of entries seen by the index rebuild identified by {@code mark}, in one transaction. */
    public void saveSeen(List<IndexEntry> entries, String mark) {
        Objects.requireNonNull(mark, "mark");
        inTransaction(() -> upsertAndRemember(entries, mark, true));
    }

    /**
     * The first {@code limit} entries of {@code domain} that the rebuild identified by {@code mark} did not see in
     * the listing, by udata id. The rebuild confirms each with a GET before it drops one: a listing paged by
     * skip/limit can miss a dataset while others write.
     */
    public List<IndexEntry> notSeenByRebuild(String domain, String mark, int limit) {
        return outsideTransaction(() -> jdbc.query("SELECT " + COLUMNS + " FROM HARVEST_DATASET_INDEX"
                + " WHERE TARGET_KEY = ? AND DOMAIN = ? AND (REBUILD_MARK IS NULL OR REBUILD_MARK <> ?)"
                + " ORDER BY UDATA_ID FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY", DatasetIndex::entry,
                targetKey, domain, mark));
    }

    /**
     * Forgets a udata dataset that someone removed (a 404 where it existed: deleted, then purged by udata), and
     * remembers that its source dataset was deleted in udata, so that it is not created again.
     */
    public void removePurged(IndexEntry entry) {
        inTransaction(() -> {
            rememberDeleted(List.of(entry.withDeleted(true)));
            return jdbc.update("DELETE FROM HARVEST_DATASET_INDEX WHERE TARGET_KEY = ? AND UDATA_ID = ?", targetKey,
                    entry.udataId());
        });
    }

    /**
     * Of these identities, those whose udata dataset someone deleted ({@code HARVEST_DELETED_IN_UDATA}), with the
     * udata id it had; matched like {@link #find}: by uid, else by remote id unless both carry different uids.
     */
    public Map<DatasetIdentity, String> deletedInUdata(Collection<DatasetIdentity> identities) {
        Map<DatasetIdentity, String> found = new HashMap<>();
        Map<String, List<DatasetIdentity>> byDomain = new LinkedHashMap<>();
        identities.forEach(id -> byDomain.computeIfAbsent(id.domain(), d -> new ArrayList<>()).add(id));
        byDomain.forEach((domain, ids) -> {
            // two statements for the chunk (by uid, by remote id), each served by its index, in udata id order
            List<Deletion> deletions = new ArrayList<>(deletionsWhereIn(domain, "DATASET_UID",
                    ids.stream().map(DatasetIdentity::datasetUid).filter(Objects::nonNull).distinct().toList()));
            deletions.addAll(deletionsWhereIn(domain, "REMOTE_ID",
                    ids.stream().map(DatasetIdentity::remoteId).filter(Objects::nonNull).distinct().toList()));
            deletions.sort(java.util.Comparator.comparing(Deletion::udataId));
            for (DatasetIdentity id : ids) {
                deletions.stream()
                        .filter(d -> id.datasetUid() != null && id.datasetUid().equals(d.datasetUid())
                                || d.remoteId().equals(id.remoteId()))
                        .filter(d -> id.datasetUid() == null || d.datasetUid() == null
                                || d.datasetUid().equals(id.datasetUid()))
                        .findFirst().ifPresent(d -> found.put(id, d.udataId()));
            }
        });
        return found;
    }

    /** A row of {@code HARVEST_DELETED_IN_UDATA}. */
    private record Deletion(String udataId, String remoteId, String datasetUid) {
    }

    private List<Deletion> deletionsWhereIn(String domain, String column, List<String> values) {
        if (values.isEmpty()) {
            return List.of();
        }
        List<Object> args = new ArrayList<>();
        values.forEach(value -> args.addAll(List.of(targetKey, domain, value)));
        String rows = String.join(", ", java.util.Collections.nCopies(values.size(), "(?, ?, ?)"));
        return outsideTransaction(() -> jdbc.query("SELECT UDATA_ID, REMOTE_ID, DATASET_UID FROM"
                + " HARVEST_DELETED_IN_UDATA WHERE (TARGET_KEY, DOMAIN, " + column + ") IN (" + rows + ")",
                (rs, row) -> new Deletion(rs.getString(1), rs.getString(2), rs.getString(3)), args.toArray()));
    }

    /** An operator asked for this source dataset again ({@code udata.restore-deleted}): its deletion is forgotten. */
    public void forgetDeletion(DatasetIdentity id) {
        String delete = "DELETE FROM HARVEST_DELETED_IN_UDATA WHERE TARGET_KEY = ? AND DOMAIN = ?";
        inTransaction(() -> id.datasetUid() == null
                ? jdbc.update(delete + " AND REMOTE_ID = ?", targetKey, id.domain(), id.remoteId())
                : jdbc.update(delete + " AND (DATASET_UID = ? OR REMOTE_ID = ? AND DATASET_UID IS NULL)", targetKey,
                        id.domain(), id.datasetUid(), id.remoteId()));
    }

    /**
     * Records the deleted ones among these entries in {@code HARVEST_DELETED_IN_UDATA}: what the index rebuild
     * drops once udata purged them stays known there. Run inside the caller's transaction.
     */
    private void rememberDeleted(Collection<IndexEntry> entries) {
        for (IndexEntry e : entries) {
            if (!e.deleted()) {
                continue;
            }
            String remoteId = e.remoteId() == null ? "" : e.remoteId();
            if (jdbc.update("UPDATE HARVEST_DELETED_IN_UDATA SET DOMAIN = ?, REMOTE_ID = ?, DATASET_UID = ?"
                    + " WHERE TARGET_KEY = ? AND UDATA_ID = ?", e.domain(), remoteId, e.datasetUid(), targetKey,
                    e.udataId()) == 0) {
                jdbc.update("INSERT INTO HARVEST_DELETED_IN_UDATA (TARGET_KEY, UDATA_ID, DOMAIN, REMOTE_ID, DATASET_UID)"
                        + " VALUES (?, ?, ?, ?, ?)", targetKey, e.udataId(), e.domain(), remoteId, e.datasetUid());
            }
        }
    }

    /**
     * The portal moved ({@code ods.previous-urls}): the entries and remembered deletions of its old domains become
     * entries of {@code toDomain}, so that the datasets harvested under the old address are found, updated and
     * archived as this source's, and a deletion remembered there still keeps a dataset from being created again.
     * Returns the entries moved.
     */
    public int adopt(Collection<String> fromDomains, String toDomain) {
        return inTransaction(() -> {
            int moved = 0;
            for (String from : fromDomains) {
                moved += jdbc.update("UPDATE HARVEST_DATASET_INDEX SET DOMAIN = ? WHERE TARGET_KEY = ? AND DOMAIN = ?",
                        toDomain, targetKey, from);
                jdbc.update("UPDATE HARVEST_DELETED_IN_UDATA SET DOMAIN = ? WHERE TARGET_KEY = ? AND DOMAIN = ?",
                        toDomain, targetKey, from);
            }
            return moved;
        });
    }

    /** Forgets one udata dataset (it no longer exists in udata). */
    public void remove(String udataId) {
        inTransaction(() -> jdbc.update("DELETE FROM HARVEST_DATASET_INDEX WHERE TARGET_KEY = ? AND UDATA_ID = ?",
                targetKey, udataId));
    }

    public long count(String domain) {
        Long count = outsideTransaction(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM HARVEST_DATASET_INDEX WHERE TARGET_KEY = ? AND DOMAIN = ?", Long.class,
                targetKey, domain));
        return count == null ? 0 : count;
    }

    /** Live (neither archived nor deleted) entries of {@code domain}: the datasets an archive step could archive. */
    public long countLive(String domain) {
        Long count = outsideTransaction(() -> jdbc.queryForObject("SELECT COUNT(*) FROM HARVEST_DATASET_INDEX"
                + " WHERE TARGET_KEY = ? AND DOMAIN = ? AND ARCHIVED = ? AND DELETED = ?", Long.class, targetKey,
                domain, false, false));
        return count == null ? 0 : count;
    }

    /** The udata ids of {@code domain}'s entries, by id; only the live ones (neither archived nor deleted) when asked. */
    public List<String> udataIds(String domain, boolean liveOnly) {
        String sql = "SELECT UDATA_ID FROM HARVEST_DATASET_INDEX WHERE TARGET_KEY = ? AND DOMAIN = ?";
        return outsideTransaction(() -> liveOnly
                ? jdbc.queryForList(sql + " AND ARCHIVED = ? AND DELETED = ? ORDER BY UDATA_ID", String.class,
                        targetKey, domain, false, false)
                : jdbc.queryForList(sql + " ORDER BY UDATA_ID", String.class, targetKey, domain));
    }

    /** {@link #notSeenInRun(String, long, String, int)} from the first udata id on. */
    public List<IndexEntry> notSeenInRun(String domain, long runId, int limit) {
        return notSeenInRun(domain, runId, null, limit);
    }

    /**
     * The first {@code limit} live (neither archived nor deleted) entries of {@code domain}, by udata id and after
     * {@code afterUdataId} (null: from the start), that the run {@code runId} did not see at the source: no
     * {@code HARVEST_OUTCOME} row of that run, with an outcome that means "still at the source" (CREATED, UPDATED,
     * UNCHANGED, UNARCHIVED, REJECTED, OTHER_ADDRESS), matches their udata id, their uid, or their remote id (unless both carry
     * different uids: a slug that another source dataset took over). A REJECTED dataset is still at the source, so
     * it is "seen"; a FILTERED one is not (a filter change archives it).
     * <p>
     * One {@code NOT EXISTS} per key, each served by an index of {@code HARVEST_OUTCOME}: a single one with
     * the keys OR-ed cannot use an index (minutes for a catalog of 10,000 datasets). Bounded by {@code limit},
     * so that a portal that vanished whole is walked page by page without holding its index in memory.
     */
    public List<IndexEntry> notSeenInRun(String domain, long runId, String afterUdataId, int limit) {
        List<Object> args = new ArrayList<>(List.of(targetKey, domain, false, false, runId, runId, runId));
        if (afterUdataId != null) {
            args.add(afterUdataId);
        }
        String after = afterUdataId == null ? "" : " AND i.UDATA_ID > ?";
        return outsideTransaction(() -> jdbc.query("SELECT " + COLUMNS + " FROM HARVEST_DATASET_INDEX i"
                + " WHERE i.TARGET_KEY = ? AND i.DOMAIN = ? AND i.ARCHIVED = ? AND i.DELETED = ?"
                + " AND " + NOT_SEEN_IN_RUN + after
                + " ORDER BY i.UDATA_ID FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY", DatasetIndex::entry,
                args.toArray()));
    }

    /**
     * SQL condition on an index entry aliased {@code i}: the run (three {@code ?}, its id each time) did not see it
     * at the source. See {@link #notSeenInRun(String, long, String, int)}.
     */
    static final String NOT_SEEN_IN_RUN = notSeenInRunCondition();

    private static String notSeenInRunCondition() {
        String seen = "SELECT 1 FROM HARVEST_OUTCOME o WHERE o.RUN_ID = ?"
                + " AND o.OUTCOME IN ('CREATED', 'UPDATED', 'UNCHANGED', 'UNARCHIVED', 'REJECTED', 'OTHER_ADDRESS') AND ";
        return "NOT EXISTS (" + seen + "o.UDATA_ID = i.UDATA_ID)"
                + " AND NOT EXISTS (" + seen + "o.DATASET_UID = i.DATASET_UID)"
                + " AND NOT EXISTS (" + seen + "o.DATASET_KEY = i.REMOTE_ID AND (o.DATASET_UID IS NULL"
                + " OR i.DATASET_UID IS NULL OR o.DATASET_UID = i.DATASET_UID))";
    }

    private Void upsert(IndexEntry e, String mark, boolean setMark) {
        String update = "UPDATE HARVEST_DATASET_INDEX SET DOMAIN = ?, REMOTE_ID = ?, DATASET_UID = ?, CONTENT_HASH = ?,"
                + " ARCHIVED = ?, DELETED = ?" + (setMark ? ", REBUILD_MARK = ?" : "")
                + " WHERE TARGET_KEY = ? AND UDATA_ID = ?";
        Object[] updateArgs = setMark
                ? new Object[] { e.domain(), e.remoteId(), e.datasetUid(), e.contentHash(), e.archived(), e.deleted(),
                        mark, targetKey, e.udataId() }
                : new Object[] { e.domain(), e.remoteId(), e.datasetUid(), e.contentHash(), e.archived(), e.deleted(),
                        targetKey, e.udataId() };
        if (jdbc.update(update, updateArgs) == 0) {
            jdbc.update("INSERT INTO HARVEST_DATASET_INDEX (TARGET_KEY, " + COLUMNS + ", REBUILD_MARK)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", targetKey, e.udataId(), e.domain(), e.remoteId(),
                    e.datasetUid(), e.contentHash(), e.archived(), e.deleted(), mark);
        }
        return null;
    }

    private <T> T inTransaction(java.util.function.Supplier<T> work) {
        return transactions.committed(work);
    }

    private <T> T outsideTransaction(java.util.function.Supplier<T> work) {
        return transactions.outside(work);
    }

    static IndexEntry entry(ResultSet rs, int row) throws SQLException {
        return new IndexEntry(rs.getString("UDATA_ID"), rs.getString("DOMAIN"), rs.getString("REMOTE_ID"),
                rs.getString("DATASET_UID"), rs.getString("CONTENT_HASH"), rs.getBoolean("ARCHIVED"),
                rs.getBoolean("DELETED"));
    }
}
