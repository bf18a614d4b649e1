package org.odsharvester.udata;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.odsharvester.ods.SourceSignature;
import org.odsharvester.ods.UnchangedSources;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the harvester last wrote or confirmed of each udata dataset of a target (table {@code HARVEST_SOURCE_STATE}):
 * the source's {@link SourceSignature} at that moment under the mapping version of that run, and the fingerprint of
 * the dataset as udata's listing shows it ({@link UdataDataset#ownedFingerprint()}, what the index rebuild stores).
 * <p>
 * A dataset is <b>unchanged</b> when its signature now, under the mapping version now, is the one remembered, and
 * udata's listing, read again by this execution's index rebuild, still shows the fingerprint remembered: nobody
 * edited it in udata since. It must also be a live (neither archived nor deleted) entry of the index, the only one
 * of its dataset id, with the same uid when the source gives one: an archived dataset that comes back is unarchived,
 * a deleted one is left to the writer's rules. Anything else is worked on as before.
 * <p>
 * Saved with the index entries of a chunk, in a transaction of its own committed at once (like {@link DatasetIndex});
 * a rejected dataset is never saved, so it is tried again at the next run. A lost job repository loses it too: the
 * next run then maps and compares every dataset, once.
 */
public class SourceStates implements UnchangedSources {

    /** Candidates looked up per statement. */
    private static final int BATCH = 100;

    /** What to remember of one dataset written or confirmed. */
    public record State(String udataId, SourceSignature signature, String udataFingerprint) {
    }

    private final JdbcTemplate jdbc;
    private final OwnTransactions transactions;
    private final String targetKey;
    private final String domain;
    private final String mappingVersion;

    /**
     * @param targetKey      the index's key ({@link DatasetIndex#targetKey()}: a plan's is its own)
     * @param domain         the source's {@code harvest:domain}
     * @param mappingVersion what makes the same source dataset map to another payload (see
     *                       {@code job.MappingVersion}): a new one makes every dataset changed, once
     */
    public SourceStates(DataSource dataSource, String targetKey, String domain, String mappingVersion) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new OwnTransactions(dataSource);
        this.targetKey = Objects.requireNonNull(targetKey, "targetKey");
        this.domain = Objects.requireNonNull(domain, "domain");
        this.mappingVersion = Objects.requireNonNull(mappingVersion, "mappingVersion");
    }

    @Override
    public Map<String, Unchanged> bySignals(Collection<Candidate> candidates) {
        return unchanged(candidates, "SIGNALS", this::signalsKey);
    }

    @Override
    public Map<String, Unchanged> byRawHash(Collection<Candidate> candidates) {
        return unchanged(candidates, "RAW_HASH", this::rawKey);
    }

    /** The stored form of change signals: with the mapping version, hashed. */
    @Nullable String signalsKey(@Nullable String signals) {
        return signals == null ? null : SourceSignature.sha256(mappingVersion + "\u0000signals\u0000" + signals);
    }

    /** The stored form of a raw item's hash: with the mapping version, hashed. */
    @Nullable String rawKey(@Nullable String rawHash) {
        return rawHash == null ? null : SourceSignature.sha256(mappingVersion + "\u0000raw\u0000" + rawHash);
    }

    private Map<String, Unchanged> unchanged(Collection<Candidate> candidates, String column,
            java.util.function.Function<String, String> key) {
        Map<String, Unchanged> found = new HashMap<>();
        List<Candidate> all = List.copyOf(candidates);
        for (int from = 0; from < all.size(); from += BATCH) {
            List<Candidate> batch = all.subList(from, Math.min(all.size(), from + BATCH));
            Map<String, List<Object[]>> rows = rows(batch.stream().map(Candidate::datasetId).distinct().toList(),
                    column);
            for (Candidate candidate : batch) {
                List<Object[]> matches = rows.getOrDefault(candidate.datasetId(), List.of());
                if (matches.size() != 1) {
                    continue; // never harvested, or copies to sort out: the writer decides
                }
                Object[] row = matches.get(0);
                String udataId = (String) row[0];
                String uid = (String) row[1];
                String contentHash = (String) row[2];
                boolean live = !(Boolean) row[3] && !(Boolean) row[4];
                String remembered = (String) row[5];
                String udataHash = (String) row[6];
                boolean sameDataset = candidate.datasetUid() == null || uid == null
                        || candidate.datasetUid().equals(uid);
                String wanted = key.apply(candidate.signature());
                if (live && sameDataset && wanted != null && wanted.equals(remembered) && contentHash != null
                        && contentHash.equals(udataHash)) {
                    found.put(candidate.datasetId(), new Unchanged(udataId,
                            candidate.datasetUid() != null ? candidate.datasetUid() : uid));
                }
            }
        }
        return found;
    }

    /** The index entries of these dataset ids (by remote id), each with what was remembered of it, by dataset id. */
    private Map<String, List<Object[]>> rows(List<String> datasetIds, String column) {
        if (datasetIds.isEmpty()) {
            return Map.of();
        }
        List<Object> args = new ArrayList<>();
        datasetIds.forEach(id -> args.addAll(List.of(targetKey, domain, id)));
        String in = String.join(", ", java.util.Collections.nCopies(datasetIds.size(), "(?, ?, ?)"));
        Map<String, List<Object[]>> rows = new HashMap<>();
        transactions.outside(() -> {
            jdbc.query("SELECT i.REMOTE_ID, i.UDATA_ID, i.DATASET_UID, i.CONTENT_HASH, i.ARCHIVED, i.DELETED, s."
                    + column + ", s.UDATA_HASH FROM HARVEST_DATASET_INDEX i LEFT JOIN HARVEST_SOURCE_STATE s"
                    + " ON s.TARGET_KEY = i.TARGET_KEY AND s.UDATA_ID = i.UDATA_ID"
                    + " WHERE (i.TARGET_KEY, i.DOMAIN, i.REMOTE_ID) IN (" + in + ")", rs -> {
                        rows.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Object[] {
                                rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5), rs.getBoolean(6),
                                rs.getString(7), rs.getString(8)});
                    }, args.toArray());
            return null;
        });
        return rows;
    }

    /**
     * Remembers these datasets as written or confirmed now (of two states of one udata dataset, the last), in one
     * transaction committed when this returns.
     */
    public void saveAll(Collection<State> states) {
        Map<String, State> last = new LinkedHashMap<>();
        states.forEach(state -> last.put(state.udataId(), state));
        if (last.isEmpty()) {
            return;
        }
        List<State> all = List.copyOf(last.values());
        transactions.committed(() -> {
            int[] updated = jdbc.batchUpdate("UPDATE HARVEST_SOURCE_STATE SET SIGNALS = ?, RAW_HASH = ?, UDATA_HASH = ?"
                    + " WHERE TARGET_KEY = ? AND UDATA_ID = ?", all.stream().map(s -> new Object[] {
                            signalsKey(s.signature().signals()), rawKey(s.signature().rawHash()), s.udataFingerprint(),
                            targetKey, s.udataId()}).toList());
            List<Object[]> inserts = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                State s = all.get(i);
                Object[] row = {targetKey, s.udataId(), signalsKey(s.signature().signals()),
                        rawKey(s.signature().rawHash()), s.udataFingerprint()};
                if (updated[i] == 0) {
                    inserts.add(row);
                } else if (updated[i] < 0) { // the driver did not tell: one by one
                    if (jdbc.update("UPDATE HARVEST_SOURCE_STATE SET SIGNALS = ?, RAW_HASH = ?, UDATA_HASH = ?"
                            + " WHERE TARGET_KEY = ? AND UDATA_ID = ?", row[2], row[3], row[4], row[0], row[1]) == 0) {
                        inserts.add(row);
                    }
                }
            }
            if (!inserts.isEmpty()) {
                jdbc.batchUpdate("INSERT INTO HARVEST_SOURCE_STATE (TARGET_KEY, UDATA_ID, SIGNALS, RAW_HASH, UDATA_HASH)"
                        + " VALUES (?, ?, ?, ?, ?)", inserts);
            }
            return null;
        });
    }
}
