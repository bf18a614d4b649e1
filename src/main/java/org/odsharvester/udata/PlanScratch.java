package org.odsharvester.udata;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The plan's own copy of what the harvester remembers about a target ({@code harvest.plan}): the index, the
 * datasets a person deleted, the missing-since dates of the grace period. A plan runs the job on this copy, under
 * the key {@code plan:<target key>}, so that its index rebuild, the grace period it evaluates and the deletions it
 * forgets move nothing a real run reads (the organizations of the datasets too); {@link #open} copies the target's
 * rows in, {@link #discard} drops them. Other-address rows are refilled by the plan's index rebuild and dropped too.
 * What the harvester remembers of the datasets it wrote (skipped while unchanged) and of its last full pass are
 * copied too: a plan reads the catalog the way the next run would.
 */
public final class PlanScratch {

    private static final String[] TABLES = { "HARVEST_DATASET_INDEX", "HARVEST_DELETED_IN_UDATA",
            "HARVEST_MISSING", "HARVEST_OTHER_ADDRESS", "HARVEST_DATASET_ORGANIZATION", "HARVEST_SOURCE_STATE",
            "HARVEST_FULL_PASS" };

    private final JdbcTemplate jdbc;
    private final String targetKey;

    public PlanScratch(DataSource dataSource, String targetKey) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.targetKey = targetKey;
    }

    /** The key the plan's copy is stored under. */
    public static String planKey(String targetKey) {
        return "plan:" + targetKey;
    }

    /** Drops what an earlier plan may have left, then copies the target's rows under the plan's key. */
    public void open() {
        discard();
        String plan = planKey(targetKey);
        jdbc.update("INSERT INTO HARVEST_DATASET_INDEX (TARGET_KEY, UDATA_ID, DOMAIN, REMOTE_ID, DATASET_UID,"
                + " CONTENT_HASH, ARCHIVED, DELETED, REBUILD_MARK) SELECT ?, UDATA_ID, DOMAIN, REMOTE_ID, DATASET_UID,"
                + " CONTENT_HASH, ARCHIVED, DELETED, REBUILD_MARK FROM HARVEST_DATASET_INDEX WHERE TARGET_KEY = ?",
                plan, targetKey);
        jdbc.update("INSERT INTO HARVEST_DELETED_IN_UDATA (TARGET_KEY, UDATA_ID, DOMAIN, REMOTE_ID, DATASET_UID)"
                + " SELECT ?, UDATA_ID, DOMAIN, REMOTE_ID, DATASET_UID FROM HARVEST_DELETED_IN_UDATA"
                + " WHERE TARGET_KEY = ?", plan, targetKey);
        jdbc.update("INSERT INTO HARVEST_MISSING (TARGET_KEY, UDATA_ID, MISSING_SINCE) SELECT ?, UDATA_ID,"
                + " MISSING_SINCE FROM HARVEST_MISSING WHERE TARGET_KEY = ?", plan, targetKey);
        jdbc.update("INSERT INTO HARVEST_DATASET_ORGANIZATION (TARGET_KEY, UDATA_ID, ORGANIZATION) SELECT ?,"
                + " UDATA_ID, ORGANIZATION FROM HARVEST_DATASET_ORGANIZATION WHERE TARGET_KEY = ?", plan, targetKey);
        // what a nightly run would skip, the plan skips too; and it is a full pass when a run would be one
        jdbc.update("INSERT INTO HARVEST_SOURCE_STATE (TARGET_KEY, UDATA_ID, SIGNALS, RAW_HASH, UDATA_HASH) SELECT ?,"
                + " UDATA_ID, SIGNALS, RAW_HASH, UDATA_HASH FROM HARVEST_SOURCE_STATE WHERE TARGET_KEY = ?", plan,
                targetKey);
        jdbc.update("INSERT INTO HARVEST_FULL_PASS (TARGET_KEY, DOMAIN, COMPLETED_AT) SELECT ?, DOMAIN, COMPLETED_AT"
                + " FROM HARVEST_FULL_PASS WHERE TARGET_KEY = ?", plan, targetKey);
    }

    /** Drops the plan's copy. */
    public void discard() {
        String plan = planKey(targetKey);
        for (String table : TABLES) {
            jdbc.update("DELETE FROM " + table + " WHERE TARGET_KEY = ?", plan);
        }
    }
}
