package org.odsharvester.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.odsharvester.ods.CatalogListing;
import org.odsharvester.ods.ListedCatalogApi;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How each run reads the catalog ({@code HARVEST_RUN_PASS}), the listing it read it from
 * ({@code HARVEST_CATALOG_LISTING}), and when the last full pass of a source into a target completed
 * ({@code HARVEST_FULL_PASS}). The pass and the listing are written by the listing step, in its transaction; the
 * harvest step reads the listing outside any transaction (its prefetch thread does too), so that no read lock is held.
 */
public class CatalogPasses {

    private static final int BATCH = 1000;

    /**
     * How a run reads the catalog.
     *
     * @param full       every dataset fetched, mapped and compared with udata (nothing skipped)
     * @param listed     read from a listing ({@code catalog/exports/json}); false: paged as before
     * @param listedSize datasets in the listing
     * @param toFetch    of them, those new, changed or edited in udata when listed
     * @param reason     why this way, for the log and the report
     */
    public record Pass(boolean full, boolean listed, long listedSize, long toFetch, String reason) {

        /** {@code listing}, {@code paging} or {@code full}: the report's name of the way. */
        public String path() {
            return full ? "full" : listed ? "listing" : "paging";
        }
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate outside;

    public CatalogPasses(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.outside = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.outside.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
    }

    public @Nullable Pass find(long runId) {
        return outside.execute(status -> jdbc.query("SELECT FULL_PASS, LISTED, LISTED_SIZE, TO_FETCH, REASON FROM"
                + " HARVEST_RUN_PASS WHERE RUN_ID = ?", (rs, row) -> new Pass(rs.getBoolean(1), rs.getBoolean(2),
                        rs.getLong(3), rs.getLong(4), rs.getString(5)), runId).stream().findFirst().orElse(null));
    }

    /** Saves the run's pass (and, when listed, its listing before it), in the surrounding transaction. */
    public void save(long runId, Pass pass, List<CatalogListing.Entry> listing) {
        jdbc.update("DELETE FROM HARVEST_CATALOG_LISTING WHERE RUN_ID = ?", runId);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < listing.size(); i++) {
            CatalogListing.Entry entry = listing.get(i);
            rows.add(new Object[] {runId, (long) i, entry.datasetId(), entry.signals()});
            if (rows.size() == BATCH || i == listing.size() - 1) {
                jdbc.batchUpdate("INSERT INTO HARVEST_CATALOG_LISTING (RUN_ID, ORDINAL, DATASET_ID, SIGNALS)"
                        + " VALUES (?, ?, ?, ?)", rows);
                rows.clear();
            }
        }
        jdbc.update("INSERT INTO HARVEST_RUN_PASS (RUN_ID, FULL_PASS, LISTED, LISTED_SIZE, TO_FETCH, REASON)"
                + " VALUES (?, ?, ?, ?, ?, ?)", runId, pass.full(), pass.listed(), pass.listedSize(), pass.toFetch(),
                pass.reason());
    }

    /** The saved listing of a run, for the harvest step's reader. */
    public ListedCatalogApi.Listing listing(long runId) {
        return new ListedCatalogApi.Listing() {
            private volatile long size = -1;

            @Override
            public long size() {
                if (size < 0) {
                    Long count = outside.execute(status -> jdbc.queryForObject("SELECT COUNT(*) FROM"
                            + " HARVEST_CATALOG_LISTING WHERE RUN_ID = ?", Long.class, runId));
                    size = count == null ? 0 : count;
                }
                return size;
            }

            @Override
            public List<CatalogListing.Entry> entries(long from, int count) {
                return outside.execute(status -> jdbc.query("SELECT DATASET_ID, SIGNALS FROM HARVEST_CATALOG_LISTING"
                        + " WHERE RUN_ID = ? AND ORDINAL >= ? AND ORDINAL < ? ORDER BY ORDINAL",
                        (rs, row) -> new CatalogListing.Entry(rs.getString(1), rs.getString(2)), runId, from,
                        from + count));
            }
        };
    }

    /** Drops the listing of a run whose harvest step completed: no restart needs it any more. */
    public void dropListing(long runId) {
        jdbc.update("DELETE FROM HARVEST_CATALOG_LISTING WHERE RUN_ID = ?", runId);
    }

    public @Nullable Instant lastFullPass(String targetKey, String domain) {
        return outside.execute(status -> jdbc.query("SELECT COMPLETED_AT FROM HARVEST_FULL_PASS WHERE TARGET_KEY = ?"
                + " AND DOMAIN = ?", (rs, row) -> Instant.ofEpochMilli(rs.getLong(1)), targetKey, domain).stream()
                .findFirst().orElse(null));
    }

    public void recordFullPass(String targetKey, String domain, Instant completedAt) {
        if (jdbc.update("UPDATE HARVEST_FULL_PASS SET COMPLETED_AT = ? WHERE TARGET_KEY = ? AND DOMAIN = ?",
                completedAt.toEpochMilli(), targetKey, domain) == 0) {
            jdbc.update("INSERT INTO HARVEST_FULL_PASS (TARGET_KEY, DOMAIN, COMPLETED_AT) VALUES (?, ?, ?)", targetKey,
                    domain, completedAt.toEpochMilli());
        }
    }
}
