package org.odsharvester.udata;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The datasets of the organization that an ODS harvest wrote under another address than this source's (another
 * {@code harvest:domain}, not named in {@code ods.previous-urls}), as the index rebuild listed them (table
 * {@code HARVEST_OTHER_ADDRESS}). A portal harvested first as {@code https://example.opendatasoft.com}, then as
 * {@code https://data.example.org}, would otherwise get every dataset a second time: the writer looks its items up
 * here and writes nothing for those found ({@code OTHER_ADDRESS} in the report, exit 3), and the launcher says in one
 * sentence which address they carry and which option adopts them.
 * <p>
 * Only datasets with an {@code ods:url} extra count (ours and the udata-ods plugin's carry it): other tools also
 * wrote {@code harvest:remote_id} and {@code harvest:domain} extras, and the address to name in the option is read
 * from it. A source dataset is found by its uid, certain since ODS uids are unique across portals; else, and always
 * with the v1 API (no uid), by its slug, which the sentence says is a guess to check. Written and read like
 * {@link DatasetIndex} ({@link OwnTransactions}); scoped by target and by the source whose rebuild listed them.
 */
public class OtherAddresses {

    /** A dataset listed under another address: its udata id, the portal root it was harvested from, its identity. */
    public record Dataset(String udataId, String address, String remoteId, String datasetUid) {

        /** The dataset as udata listed it when an ODS harvest wrote it (an identity and an {@code ods:url}); else null. */
        public static Dataset of(UdataDataset dataset) {
            String remoteId = dataset.extra(HarvestExtras.REMOTE_ID);
            String uid = dataset.extra(HarvestExtras.DATASET_UID);
            String address = portalRoot(dataset.extra(HarvestExtras.ODS_URL));
            if (address == null || remoteId == null && uid == null) {
                return null;
            }
            return new Dataset(dataset.id(), address, remoteId == null ? "" : remoteId, uid);
        }

        /** {@code https://data.example.org/explore/dataset/x/} → {@code https://data.example.org}, as ods.url is normalised. */
        static String portalRoot(String odsUrl) {
            if (odsUrl == null) {
                return null;
            }
            try {
                URI uri = URI.create(odsUrl.trim());
                if (uri.getScheme() == null || uri.getHost() == null) {
                    return null;
                }
                return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                        + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    /** A source dataset found under another address, by uid (the same dataset) or by slug only (likely the same). */
    public record Match(Dataset dataset, boolean byUid) {

        /** The reason the report gives; {@link #sentence} reads the address back from it. */
        public String reason() {
            return "in udata already, harvested from " + dataset.address() + " ("
                    + (byUid ? BY_UID : BY_SLUG) + "); nothing written for it: if the portal moved from there,"
                    + " name that address in ods.previous-urls";
        }
    }

    private static final String BY_UID = "same ods:dataset_uid";
    private static final String BY_SLUG = "same slug only, no ods:dataset_uid to compare";
    private static final Pattern REASON = Pattern.compile("harvested from (\\S+) \\((same [^)]*)\\)");
    private static final int BATCH = 200;

    private final JdbcTemplate jdbc;
    private final OwnTransactions transactions;
    private final String targetKey;
    private final String domain;

    public OtherAddresses(DataSource dataSource, String targetKey, String domain) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new OwnTransactions(dataSource);
        this.targetKey = Objects.requireNonNull(targetKey, "targetKey");
        this.domain = Objects.requireNonNull(domain, "domain");
    }

    /** Forgets what the last rebuild listed: a new rebuild starts. */
    public void clear() {
        transactions.committed(() -> jdbc.update("DELETE FROM HARVEST_OTHER_ADDRESS WHERE TARGET_KEY = ? AND DOMAIN = ?",
                targetKey, domain));
    }

    /** Saves a page of them (a dataset listed twice by udata's paging is saved once). */
    public void saveAll(Collection<Dataset> datasets) {
        if (datasets.isEmpty()) {
            return;
        }
        transactions.committed(() -> {
            for (Dataset d : datasets) {
                if (jdbc.update("UPDATE HARVEST_OTHER_ADDRESS SET ADDRESS = ?, REMOTE_ID = ?, DATASET_UID = ?"
                        + " WHERE TARGET_KEY = ? AND DOMAIN = ? AND UDATA_ID = ?", d.address(), d.remoteId(),
                        d.datasetUid(), targetKey, domain, d.udataId()) == 0) {
                    jdbc.update("INSERT INTO HARVEST_OTHER_ADDRESS (TARGET_KEY, DOMAIN, UDATA_ID, ADDRESS, REMOTE_ID,"
                            + " DATASET_UID) VALUES (?, ?, ?, ?, ?, ?)", targetKey, domain, d.udataId(), d.address(),
                            d.remoteId(), d.datasetUid());
                }
            }
            return null;
        });
    }

    /**
     * The identities of a chunk found under another address: by uid when the item has one (or by slug among the
     * datasets that carry no uid, harvested with v1), by slug when it has none. Absent when found nowhere.
     */
    public Map<DatasetIdentity, Match> findAll(Collection<DatasetIdentity> identities) {
        // the two lookups below are statements of hundreds of parameters that HSQLDB compiles anew for each chunk:
        // skipped when no dataset of this portal is held under another address (the usual case)
        if (identities.isEmpty() || transactions.outside(() -> jdbc.query("SELECT 1 FROM HARVEST_OTHER_ADDRESS"
                + " WHERE TARGET_KEY = ? AND DOMAIN = ? FETCH FIRST 1 ROWS ONLY", (rs, i) -> 1, targetKey, domain))
                .isEmpty()) {
            return new HashMap<>();
        }
        List<String> uids = identities.stream().map(DatasetIdentity::datasetUid).filter(Objects::nonNull).distinct()
                .toList();
        List<String> remoteIds = identities.stream().map(DatasetIdentity::remoteId).filter(Objects::nonNull)
                .distinct().toList();
        List<Dataset> withUid = whereIn("DATASET_UID", uids);
        List<Dataset> withRemoteId = whereIn("REMOTE_ID", remoteIds);
        Map<DatasetIdentity, Match> found = new HashMap<>();
        for (DatasetIdentity id : identities) {
            if (id.datasetUid() != null) {
                withUid.stream().filter(d -> id.datasetUid().equals(d.datasetUid())).findFirst()
                        .ifPresent(d -> found.put(id, new Match(d, true)));
            }
            if (!found.containsKey(id)) {
                withRemoteId.stream().filter(d -> d.remoteId().equals(id.remoteId()))
                        .filter(d -> id.datasetUid() == null || d.datasetUid() == null).findFirst()
                        .ifPresent(d -> found.put(id, new Match(d, false)));
            }
        }
        return found;
    }

    private List<Dataset> whereIn(String column, List<String> values) {
        List<Dataset> rows = new ArrayList<>();
        for (int from = 0; from < values.size(); from += BATCH) {
            List<String> batch = values.subList(from, Math.min(values.size(), from + BATCH));
            List<Object> args = new ArrayList<>();
            batch.forEach(value -> args.addAll(List.of(targetKey, domain, value)));
            // row values, as in DatasetIndex: each one a lookup in the index of the three columns
            String in = String.join(", ", Collections.nCopies(batch.size(), "(?, ?, ?)"));
            rows.addAll(transactions.outside(() -> jdbc.query("SELECT UDATA_ID, ADDRESS, REMOTE_ID, DATASET_UID FROM"
                    + " HARVEST_OTHER_ADDRESS WHERE (TARGET_KEY, DOMAIN, " + column + ") IN (" + in + ") ORDER BY"
                    + " UDATA_ID", (rs, i) -> new Dataset(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4)), args.toArray())));
        }
        return rows;
    }

    /**
     * The one sentence that ends a run which held datasets back, from the reasons recorded for them (with their
     * counts): how many, which address they carry, how many by slug only, and the option that adopts them.
     */
    public static String sentence(Map<String, Long> countsByReason) {
        Map<String, long[]> byAddress = new TreeMap<>(); // address → {all, by slug only}
        long total = 0;
        for (Map.Entry<String, Long> e : countsByReason.entrySet()) {
            Matcher m = REASON.matcher(e.getKey() == null ? "" : e.getKey());
            long[] counts = byAddress.computeIfAbsent(m.find() ? m.group(1) : "another address", a -> new long[2]);
            counts[0] += e.getValue();
            if (m.find(0) && m.group(2).equals(BY_SLUG)) {
                counts[1] += e.getValue();
            }
            total += e.getValue();
        }
        List<String> parts = new ArrayList<>();
        long bySlug = 0;
        for (Map.Entry<String, long[]> e : byAddress.entrySet()) {
            parts.add(e.getValue()[0] + " from " + e.getKey());
            bySlug += e.getValue()[1];
        }
        String them = total == 1 ? "it" : "them";
        return total + (total == 1 ? " dataset of the catalog is" : " datasets of the catalog are")
                + " in udata already, harvested under another address of the portal (" + String.join(", ", parts)
                + ")" + (bySlug == 0 ? ""
                        : ", " + (bySlug == total ? (total == 1 ? "found" : "all found") : bySlug + " of them found")
                                + " by slug only (no ods:dataset_uid to compare, as with the ODS API v1): check that"
                                + " they are the same datasets")
                + ", and nothing was written for " + them + "; if the portal moved, relaunch with --ods.previous-urls="
                + String.join(",", byAddress.keySet().stream().filter(a -> a.startsWith("http")).toList()) + " to adopt " + them + " (updated in place, same udata ids);"
                + " the report lists " + them + " under otherAddress.";
    }
}
