package org.odsharvester.udata;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which organization each dataset of the index is in ({@code HARVEST_DATASET_ORGANIZATION}), under the index's
 * target key, and the datasets of a run that are in another organization than the mapping names
 * ({@code HARVEST_ORGANIZATION_MISMATCH}). Written by the index rebuild (every listed dataset) and the writer (what
 * udata answered to a creation, a read or an update); like the index, each write commits at once and reads run
 * outside any transaction ({@link OwnTransactions}).
 */
public class DatasetOrganizations {

    private final JdbcTemplate jdbc;
    private final OwnTransactions transactions;
    private final String targetKey;

    public DatasetOrganizations(DataSource dataSource, String targetKey) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new OwnTransactions(dataSource);
        this.targetKey = Objects.requireNonNull(targetKey, "targetKey");
    }

    /**
     * A dataset in {@code organization} whose publisher the mapping sends to {@code mapped}.
     *
     * @param datasetId    the ODS dataset id
     * @param datasetUid   its uid, may be null
     * @param udataId      the udata dataset
     * @param organization where it is
     * @param mapped       where the mapping would create it
     */
    public record Mismatch(String datasetId, String datasetUid, String udataId, String organization, String mapped) {
    }

    /** Records where these datasets are (udata id → organization id; null organizations are left out). */
    public void saveAll(Map<String, String> organizationByUdataId) {
        // the index rebuild saves every listed dataset every night: rows that already say so are not rewritten
        Map<String, String> known = of(organizationByUdataId.keySet());
        List<Object[]> rows = new ArrayList<>();
        organizationByUdataId.forEach((id, organization) -> {
            if (id != null && organization != null && !organization.equals(known.get(id))) {
                rows.add(new Object[] {organization, targetKey, id});
            }
        });
        if (rows.isEmpty()) {
            return;
        }
        committed(() -> {
            int[] updated = jdbc.batchUpdate("UPDATE HARVEST_DATASET_ORGANIZATION SET ORGANIZATION = ?"
                    + " WHERE TARGET_KEY = ? AND UDATA_ID = ?", rows);
            List<Object[]> inserts = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (updated[i] == 0) {
                    inserts.add(rows.get(i));
                } else if (updated[i] < 0 && jdbc.update("UPDATE HARVEST_DATASET_ORGANIZATION SET ORGANIZATION = ?"
                        + " WHERE TARGET_KEY = ? AND UDATA_ID = ?", rows.get(i)) == 0) {
                    inserts.add(rows.get(i)); // the driver did not tell
                }
            }
            if (!inserts.isEmpty()) {
                jdbc.batchUpdate("INSERT INTO HARVEST_DATASET_ORGANIZATION (ORGANIZATION, TARGET_KEY, UDATA_ID)"
                        + " VALUES (?, ?, ?)", inserts);
            }
            return null;
        });
    }

    /** The organization of each of these datasets that is known; absent when unknown. */
    public Map<String, String> of(Collection<String> udataIds) {
        Map<String, String> found = new HashMap<>();
        List<String> ids = udataIds.stream().filter(Objects::nonNull).distinct().toList();
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> slice = ids.subList(from, Math.min(ids.size(), from + 500));
            List<Object> args = new ArrayList<>();
            slice.forEach(id -> args.addAll(List.of(targetKey, id)));
            String rows = String.join(", ", java.util.Collections.nCopies(slice.size(), "(?, ?)"));
            outside(() -> {
                jdbc.query("SELECT UDATA_ID, ORGANIZATION FROM HARVEST_DATASET_ORGANIZATION WHERE (TARGET_KEY, UDATA_ID)"
                        + " IN (" + rows + ")", rs -> {
                            found.put(rs.getString(1), rs.getString(2));
                        }, args.toArray());
                return null;
            });
        }
        return found;
    }

    /**
     * The organizations that hold datasets of these {@code harvest:domain} values in the index, other than
     * {@code except}: where an earlier run found datasets of this source although this run does not name them (an
     * organization removed from the mapping file).
     */
    public List<String> holdingOtherThan(Collection<String> domains, Collection<String> except) {
        if (domains.isEmpty()) {
            return List.of();
        }
        List<Object> args = new ArrayList<>(List.of(targetKey));
        args.addAll(domains);
        String in = String.join(", ", java.util.Collections.nCopies(domains.size(), "?"));
        List<String> held = outside(() -> jdbc.queryForList("SELECT DISTINCT o.ORGANIZATION FROM"
                + " HARVEST_DATASET_ORGANIZATION o JOIN HARVEST_DATASET_INDEX i ON i.TARGET_KEY = o.TARGET_KEY"
                + " AND i.UDATA_ID = o.UDATA_ID WHERE o.TARGET_KEY = ? AND i.DOMAIN IN (" + in + ")"
                + " ORDER BY o.ORGANIZATION", String.class, args.toArray()));
        return held.stream().filter(o -> !except.contains(o)).toList();
    }

    /** Records the run's mismatches (one row per udata dataset: a re-sent chunk replaces its own). */
    public void recordMismatches(long runId, Collection<Mismatch> mismatches) {
        if (mismatches.isEmpty()) {
            return;
        }
        committed(() -> {
            for (Mismatch m : mismatches) {
                jdbc.update("DELETE FROM HARVEST_ORGANIZATION_MISMATCH WHERE RUN_ID = ? AND UDATA_ID = ?", runId,
                        m.udataId());
                jdbc.update("INSERT INTO HARVEST_ORGANIZATION_MISMATCH (RUN_ID, UDATA_ID, DATASET_KEY, DATASET_UID,"
                        + " ORGANIZATION, MAPPED_ORGANIZATION) VALUES (?, ?, ?, ?, ?, ?)", runId, m.udataId(),
                        m.datasetId(), m.datasetUid(), m.organization(), m.mapped());
            }
            return null;
        });
    }

    private <T> T committed(Supplier<T> work) {
        return transactions.committed(work);
    }

    private <T> T outside(Supplier<T> work) {
        return transactions.outside(work);
    }
}
