package org.odsharvester.udata;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.odsharvester.mapping.HarvestItem;
import org.odsharvester.report.DatasetOutcome;
import org.odsharvester.report.Outcome;
import org.odsharvester.report.OutcomeRecorder;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/** Builders shared by the tests of the udata package (and usable by end-to-end tests). */
public final class UdataFixtures {

    public static final String DOMAIN = "data.example.org";
    public static final String ODS_URL = "https://data.example.org";

    private UdataFixtures() {
    }

    /** A client of the fake with short timeouts and a 10 ms retry delay. */
    public static UdataClient client(FakeUdata fake) {
        return new UdataClient(properties(fake), new RestTemplateBuilder(), "ods-harvester/test");
    }

    public static UdataProperties properties(FakeUdata fake) {
        return new UdataProperties(fake.url(), fake.apiKey(), fake.organization(), Duration.ofSeconds(2),
                Duration.ofSeconds(5), 3, Duration.ofMillis(10), null, true, null);
    }

    /** A fresh in-memory HSQLDB with the harvester's tables. */
    public static DataSource database() {
        return database("");
    }

    /** The same, in MVCC as the job repository is: a row another transaction is updating makes a writer of it wait. */
    public static DataSource mvccDatabase() {
        return database(";hsqldb.tx=mvcc");
    }

    private static DataSource database(String options) {
        DriverManagerDataSource ds = new DriverManagerDataSource(
                "jdbc:hsqldb:mem:udata-" + UUID.randomUUID() + ";shutdown=false" + options, "SA", "");
        ds.setDriverClassName("org.hsqldb.jdbc.JDBCDriver");
        new ResourceDatabasePopulator(new ClassPathResource("db/harvester-schema.sql")).execute(ds);
        return ds;
    }

    /** What a writer test needs: an index on a fresh database, a recorder, and the writer (2 threads) into the fake. */
    public record Writing(DatasetIndex index, TestRecorder recorder, UdataDatasetWriter writer) {
    }

    public static Writing writing(FakeUdata fake) {
        DatasetIndex index = index(database(), fake);
        TestRecorder recorder = new TestRecorder();
        return new Writing(index, recorder, new UdataDatasetWriter(client(fake), index, recorder, 2));
    }

    public static DatasetIndex index(DataSource ds, FakeUdata fake) {
        return new DatasetIndex(ds, DatasetIndex.targetKey(fake.url(), fake.organization()));
    }

    /** The dataset {@code remoteId} of the test portal, with a CSV and a JSON export and one attachment. */
    public static HarvestItem item(FakeUdata fake, String remoteId, String uid, String title) {
        return item(fake, remoteId, uid, title, List.of(csv(remoteId), json(remoteId), attachment(remoteId, "doc")));
    }

    public static HarvestItem item(FakeUdata fake, String remoteId, String uid, String title,
            List<ResourcePayload> resources) {
        return item(fake, remoteId, uid, title, List.of("transport", "mobilite"), resources);
    }

    public static HarvestItem item(FakeUdata fake, String remoteId, String uid, String title, List<String> tags,
            List<ResourcePayload> resources) {
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put(HarvestExtras.REMOTE_ID, remoteId);
        extras.put(HarvestExtras.DOMAIN, DOMAIN);
        if (uid != null) {
            extras.put(HarvestExtras.DATASET_UID, uid);
        }
        extras.put(HarvestExtras.ODS_URL, ODS_URL + "/explore/dataset/" + remoteId + "/");
        extras.put("ods:has_records", true);
        DatasetPayload payload = DatasetPayload.builder().title(title).description("Description of **" + title + "**.")
                .tags(tags).license("lov2").organization(fake.organization()).extras(extras).resources(resources)
                .build();
        return new HarvestItem(null, new DatasetIdentity(uid, remoteId, DOMAIN), payload);
    }

    public static ResourcePayload csv(String remoteId) {
        return new ResourcePayload("export:csv", "Export au format CSV", "- *Nom*: nom[text]",
                ODS_URL + "/api/explore/v2.1/catalog/datasets/" + remoteId + "/exports/csv", "remote", "main", "csv",
                "text/csv");
    }

    public static ResourcePayload json(String remoteId) {
        return new ResourcePayload("export:json", "Export au format JSON", "- *Nom*: nom[text]",
                ODS_URL + "/api/explore/v2.1/catalog/datasets/" + remoteId + "/exports/json", "remote", "main",
                "json", "application/json");
    }

    public static ResourcePayload attachment(String remoteId, String fileId) {
        return new ResourcePayload("attachment:" + fileId, "Notice " + fileId, null,
                ODS_URL + "/api/v2/catalog/datasets/" + remoteId + "/attachments/" + fileId, "remote", "documentation",
                "pdf", "application/pdf");
    }

    /**
     * An outcome recorder that keeps the outcomes and, given a DataSource, writes HARVEST_OUTCOME (ARCHIVED ones:
     * HARVEST_ARCHIVED) like the real one.
     */
    public static final class TestRecorder implements OutcomeRecorder {
        private final List<DatasetOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        private final JdbcTemplate jdbc;
        private final long runId;

        public TestRecorder() {
            this(null, 0);
        }

        public TestRecorder(DataSource ds, long runId) {
            this.jdbc = ds == null ? null : new JdbcTemplate(ds);
            this.runId = runId;
        }

        @Override
        public void record(DatasetOutcome outcome) {
            outcomes.add(outcome);
            if (jdbc != null) {
                synchronized (this) {
                    if (outcome.outcome() == Outcome.ARCHIVED) {
                        jdbc.update("INSERT INTO HARVEST_ARCHIVED (RUN_ID, UDATA_ID, DATASET_KEY, DATASET_UID)"
                                + " VALUES (?, ?, ?, ?)", runId, outcome.udataId(), outcome.datasetId(),
                                outcome.datasetUid());
                        return;
                    }
                    jdbc.update("DELETE FROM HARVEST_OUTCOME WHERE RUN_ID = ? AND DATASET_KEY = ?", runId,
                            outcome.datasetId());
                    jdbc.update("INSERT INTO HARVEST_OUTCOME (RUN_ID, DATASET_KEY, DATASET_UID, OUTCOME, REASON, UDATA_ID)"
                            + " VALUES (?, ?, ?, ?, ?, ?)", runId, outcome.datasetId(), outcome.datasetUid(),
                            outcome.outcome().name(), outcome.reason(), outcome.udataId());
                }
            }
        }

        public List<DatasetOutcome> outcomes() {
            synchronized (outcomes) {
                return List.copyOf(outcomes);
            }
        }

        public List<Outcome> kinds() {
            return outcomes().stream().map(DatasetOutcome::outcome).toList();
        }

        public DatasetOutcome last(String datasetId) {
            List<DatasetOutcome> all = outcomes().stream().filter(o -> o.datasetId().equals(datasetId)).toList();
            return all.isEmpty() ? null : all.get(all.size() - 1);
        }

        public void clear() {
            outcomes.clear();
        }
    }
}
