package org.odsharvester.udata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Where each indexed udata dataset is, as the index rebuild and the writer save it. */
class DatasetOrganizationsTest {

    private static final String TARGET = DatasetIndex.targetKey("https://udata.example", "org1");
    private DataSource database;
    private DatasetOrganizations organizations;

    @BeforeEach
    void setUp() {
        database = UdataFixtures.mvccDatabase();
        organizations = new DatasetOrganizations(database, TARGET);
    }

    @Test
    void savesNewAndMovedDatasetsAndKeepsTheOthers() {
        organizations.saveAll(Map.of("u1", "org1", "u2", "org1"));

        organizations.saveAll(Map.of("u1", "org1", "u2", "org2", "u3", "org2"));

        assertThat(organizations.of(List.of("u1", "u2", "u3", "u4")))
                .isEqualTo(Map.of("u1", "org1", "u2", "org2", "u3", "org2"));
    }

    @Test
    void aDatasetStillWhereItWasIsNotWrittenAgain() throws Exception {
        organizations.saveAll(Map.of("u1", "org1", "u2", "org1"));
        try (Connection other = database.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement update = other.prepareStatement(
                    "UPDATE HARVEST_DATASET_ORGANIZATION SET ORGANIZATION = 'org1' WHERE UDATA_ID = 'u1'")) {
                update.executeUpdate(); // u1's row is now held by a transaction that has not ended
            }

            // the nightly rebuild saves both again, u2 moved: a rewrite of u1 would wait for the other transaction
            assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> organizations.saveAll(Map.of("u1", "org1", "u2", "org2")));

            other.rollback();
        }
        assertThat(organizations.of(List.of("u1", "u2"))).isEqualTo(Map.of("u1", "org1", "u2", "org2"));
    }
}
