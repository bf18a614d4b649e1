package org.odsharvester.guard;

import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The table {@code HARVEST_RUN_LOCK}: at most one row per source/target key, naming the process that
 * runs it and when that process last said it was alive. Every change is one statement whose WHERE clause
 * decides, so two launchers racing on the same key (on one host or on several hosts sharing a PostgreSQL
 * repository) cannot both win: the database serialises the two statements on the row or the primary key.
 * <p>
 * Times are epoch milliseconds of the writer's clock: hosts that share a repository need synchronised
 * clocks (NTP), with a skew far below {@code harvest.stale-after}.
 */
public class RunLeases {

    /** The process holding a key: its description and its last signs of life. */
    public record Holder(String owner, long acquiredAt, long heartbeatAt) {
    }

    private final JdbcTemplate jdbc;

    public RunLeases(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /**
     * Takes the key when nobody holds it, when {@code owner} already does, or when the holder's last
     * heartbeat is older than {@code staleBefore}.
     *
     * @return true when {@code owner} holds the key now
     */
    public boolean tryAcquire(String key, String owner, long now, long staleBefore) {
        try {
            if (jdbc.update("INSERT INTO HARVEST_RUN_LOCK (SOURCE_KEY, OWNER, ACQUIRED_AT, HEARTBEAT_AT)"
                    + " VALUES (?, ?, ?, ?)", key, owner, now, now) == 1) {
                return true;
            }
        } catch (DuplicateKeyException held) {
            // someone holds it, or held it and died: the update below decides
        }
        return jdbc.update("UPDATE HARVEST_RUN_LOCK SET OWNER = ?, ACQUIRED_AT = ?, HEARTBEAT_AT = ?"
                + " WHERE SOURCE_KEY = ? AND (OWNER = ? OR HEARTBEAT_AT < ?)", owner, now, now, key, owner,
                staleBefore) == 1;
    }

    /** Says {@code owner} is alive; false when it no longer holds the key (another process took it over). */
    public boolean heartbeat(String key, String owner, long now) {
        return jdbc.update("UPDATE HARVEST_RUN_LOCK SET HEARTBEAT_AT = ? WHERE SOURCE_KEY = ? AND OWNER = ?", now,
                key, owner) == 1;
    }

    /** Gives the key back; does nothing when {@code owner} no longer holds it. */
    public void release(String key, String owner) {
        jdbc.update("DELETE FROM HARVEST_RUN_LOCK WHERE SOURCE_KEY = ? AND OWNER = ?", key, owner);
    }

    public Optional<Holder> holder(String key) {
        List<Holder> rows = jdbc.query("SELECT OWNER, ACQUIRED_AT, HEARTBEAT_AT FROM HARVEST_RUN_LOCK"
                + " WHERE SOURCE_KEY = ?", (rs, i) -> new Holder(rs.getString(1), rs.getLong(2), rs.getLong(3)), key);
        return rows.stream().findFirst();
    }
}
