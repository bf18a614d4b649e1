package org.odsharvester.udata;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the dataservice step left linked to a source's dataservice ({@code HARVEST_DATASERVICE} and
 * {@code HARVEST_DATASERVICE_LINK}), with udata's {@code metadata_modified_at} of the dataservice at that moment.
 * udata sets that date at every change of a dataservice, each link added or removed included
 * (udata/core/dataservices/api.py, {@code DataserviceDatasetsAPI.post}, {@code DataserviceDatasetAPI.delete},
 * {@code DataserviceAPI.patch}); its purge job drops the link of a purged dataset without it
 * (udata/core/dataset/tasks.py {@code purge_datasets}), which lowers the link total. So a dataservice udata lists
 * with the remembered date and as many links as remembered holds the remembered links, and the step need not list
 * them (a request per 100 datasets). Written and read like {@link DatasetIndex} ({@link OwnTransactions}).
 */
public class DataserviceLinks {

    /**
     * The links remembered for one dataservice.
     *
     * @param metadataModifiedAt udata's {@code metadata_modified_at} of the dataservice once they were set
     * @param datasetIds         the udata ids of the linked datasets
     */
    public record Remembered(String metadataModifiedAt, Set<String> datasetIds) {

        public Remembered {
            datasetIds = Set.copyOf(datasetIds);
        }

        /** True when the dataservice as udata lists it now can only hold these links. */
        public boolean stillHeldBy(UdataDataservice now) {
            return metadataModifiedAt.equals(now.metadataModifiedAt()) && now.linkedTotal() == datasetIds.size();
        }
    }

    private static final int INSERT_BATCH = 500;

    private final JdbcTemplate jdbc;
    private final OwnTransactions transactions;
    private final String targetKey;

    public DataserviceLinks(DataSource dataSource, String targetKey) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new OwnTransactions(dataSource);
        this.targetKey = Objects.requireNonNull(targetKey, "targetKey");
    }

    /** What was remembered for this dataservice, if anything. */
    public Optional<Remembered> of(String dataserviceId) {
        return transactions.outside(() -> {
            List<String> modified = jdbc.queryForList("SELECT METADATA_MODIFIED_AT FROM HARVEST_DATASERVICE"
                    + " WHERE TARGET_KEY = ? AND DATASERVICE_ID = ?", String.class, targetKey, dataserviceId);
            if (modified.isEmpty()) {
                return Optional.empty();
            }
            Set<String> ids = new LinkedHashSet<>(jdbc.queryForList("SELECT UDATA_ID FROM HARVEST_DATASERVICE_LINK"
                    + " WHERE TARGET_KEY = ? AND DATASERVICE_ID = ? ORDER BY UDATA_ID", String.class, targetKey,
                    dataserviceId));
            return Optional.of(new Remembered(modified.get(0), ids));
        });
    }

    /**
     * Remembers these links of the dataservice, as of udata's {@code metadataModifiedAt}, in place of what was
     * remembered for this source; without a date, forgets them (the next step lists the links again).
     */
    public void remember(String dataserviceId, String metadataModifiedAt, Set<String> datasetIds) {
        transactions.committed(() -> {
            jdbc.update("DELETE FROM HARVEST_DATASERVICE_LINK WHERE TARGET_KEY = ?", targetKey);
            jdbc.update("DELETE FROM HARVEST_DATASERVICE WHERE TARGET_KEY = ?", targetKey);
            if (metadataModifiedAt == null) {
                return null;
            }
            jdbc.update("INSERT INTO HARVEST_DATASERVICE (TARGET_KEY, DATASERVICE_ID, METADATA_MODIFIED_AT)"
                    + " VALUES (?, ?, ?)", targetKey, dataserviceId, metadataModifiedAt);
            List<Object[]> rows = new ArrayList<>();
            for (String id : datasetIds) {
                rows.add(new Object[] {targetKey, dataserviceId, id});
                if (rows.size() == INSERT_BATCH) {
                    insert(rows);
                }
            }
            insert(rows);
            return null;
        });
    }

    private void insert(List<Object[]> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO HARVEST_DATASERVICE_LINK (TARGET_KEY, DATASERVICE_ID, UDATA_ID)"
                    + " VALUES (?, ?, ?)", rows);
            rows.clear();
        }
    }
}
