package org.odsharvester.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.odsharvester.support.CatalogGenerator;
import org.odsharvester.support.HarvestRun;
import org.odsharvester.support.OdsPortalStub;
import org.odsharvester.support.PostgresDatabases;
import org.odsharvester.udata.FakeUdata;

/**
 * The job repository on a real PostgreSQL server: schema created on first use, a run that fails
 * resumes from the shared repository, a completed run is followed by the next.
 */
@EnabledIfEnvironmentVariable(named = PostgresDatabases.URL_VARIABLE, matches = "jdbc:postgresql:.*")
class PostgresJobRepositoryTest {

    @TempDir
    Path dataDir;

    private OdsPortalStub ods;
    private FakeUdata udata;
    private String jdbcUrl;
    private List<CatalogGenerator.Dataset> catalog;

    @BeforeEach
    void start() {
        ods = new OdsPortalStub();
        udata = new FakeUdata();
        catalog = ods.generator().datasets(150);
        ods.serve(catalog, true);
        jdbcUrl = PostgresDatabases.createEmpty();
    }

    @AfterEach
    void stop() {
        ods.close();
        udata.close();
    }

    private HarvestRun harvest(String... extra) {
        List<String> options = new java.util.ArrayList<>(List.of("--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + PostgresDatabases.USER));
        options.addAll(List.of(extra));
        return HarvestRun.of(dataDir, ods, udata, options.toArray(String[]::new));
    }

    @Test
    void schemaIsCreatedOnFirstUseAndTheRunIsRecordedInPostgres() throws Exception {
        HarvestRun run = harvest();

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(udata.datasets()).hasSize(150);
        try (Connection connection = DriverManager.getConnection(jdbcUrl, PostgresDatabases.USER, "");
                ResultSet rs = connection.createStatement().executeQuery(
                        "SELECT STATUS FROM BATCH_JOB_EXECUTION")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("COMPLETED");
        }
        // the HSQLDB file is not used when a datasource is given
        assertThat(dataDir.resolve("jobrepo.script")).doesNotExist();

        HarvestRun second = harvest();
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.report().path("run").asLong()).isEqualTo(2);
        assertThat(second.report().path("counts").path("unchanged").asLong()).isEqualTo(150);
    }

    @Test
    void failedRunResumesFromThePostgresRepository() {
        int[] creates = {0};
        udata.failWhen(r -> r.method().equals("POST") && ++creates[0] > 70, 503, "{\"message\":\"down\"}");
        HarvestRun failed = harvest();
        assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);

        udata.clearFailures();
        HarvestRun resumed = harvest();

        assertThat(resumed.exitCode()).as(resumed.output()).isZero();
        assertThat(resumed.report().path("run").asLong()).isEqualTo(1);
        Map<String, Long> copies = udata.datasets().stream().collect(Collectors.groupingBy(
                d -> d.path("extras").path("harvest:remote_id").asString(), Collectors.counting()));
        assertThat(copies).hasSize(150).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
    }

    @Test
    void missingDatasetsWaitThenAreHeldByTheGuardThenArchivedOnceConfirmedWithAPostgresRepository() {
        assertThat(harvest().exitCode()).isZero();
        ods.serve(catalog.subList(0, 140), true);

        HarvestRun missing = harvest();

        assertThat(missing.exitCode()).as(missing.output()).isZero();
        assertThat(missing.report().path("counts").path("missing").asLong()).isEqualTo(10);
        ods.serve(catalog.subList(0, 30), true);

        HarvestRun held = harvest("--harvest.archive-after=0");

        assertThat(held.exitCode()).as(held.output()).isEqualTo(6);
        assertThat(held.output()).contains("this run would archive 120 of the 150 datasets");
        assertThat(udata.datasets()).noneMatch(d -> !d.path("archived").isNull());

        HarvestRun confirmed = harvest("--harvest.archive-after=0", "--harvest.confirm-archive=120");

        assertThat(confirmed.exitCode()).as(confirmed.output()).isZero();
        assertThat(udata.datasets()).filteredOn(d -> !d.path("archived").isNull()).hasSize(120);
        assertThat(confirmed.report().path("archived")).hasSize(120)
                .allSatisfy(entry -> assertThat(entry.path("reason").asString()).contains("; missing since "));
        assertThat(confirmed.report().path("counts").path("missing").asLong()).isZero();
    }
}
