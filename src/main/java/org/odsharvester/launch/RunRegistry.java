package org.odsharvester.launch;

import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/** The last run number of each source/target pair ({@code HARVEST_SOURCE_RUN}). */
public class RunRegistry {

    private final JdbcTemplate jdbc;

    public RunRegistry(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** 0 when this source and target were never harvested with this repository. */
    public long lastRun(String sourceKey) {
        List<Long> runs = jdbc.queryForList("SELECT LAST_RUN FROM HARVEST_SOURCE_RUN WHERE SOURCE_KEY = ?",
                Long.class, sourceKey);
        return runs.isEmpty() ? 0 : runs.get(0);
    }

    /**
     * Claims run {@code run} for the pair. Fails (returns false) when another launcher claimed it
     * first, so two launches at once cannot both start the same run.
     */
    public boolean claim(String sourceKey, long run) {
        if (run == 1) {
            try {
                return jdbc.update("INSERT INTO HARVEST_SOURCE_RUN (SOURCE_KEY, LAST_RUN) VALUES (?, ?)", sourceKey,
                        run) == 1;
            } catch (org.springframework.dao.DuplicateKeyException e) {
                return false;
            }
        }
        return jdbc.update("UPDATE HARVEST_SOURCE_RUN SET LAST_RUN = ? WHERE SOURCE_KEY = ? AND LAST_RUN = ?", run,
                sourceKey, run - 1) == 1;
    }
}
