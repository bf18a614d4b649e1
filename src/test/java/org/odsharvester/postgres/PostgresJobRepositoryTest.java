package org.odsharvester.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.odsharvester.support.HarvestHarness;
import org.odsharvester.support.HarvestRun;
import org.odsharvester.support.PostgresDatabases;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The job repository on a real PostgreSQL server: schema created on first use, a run that fails
 * resumes from the shared repository, a completed run is followed by the next.
 */
@EnabledIfEnvironmentVariable(named = PostgresDatabases.URL_VARIABLE, matches = "jdbc:postgresql:.*")
@ExtendWith(OutputCaptureExtension.class)
class PostgresJobRepositoryTest {

    @RegisterExtension
    final HarvestHarness world = new HarvestHarness().serving(150);

    private String jdbcUrl;

    @BeforeEach
    void emptyRepository() {
        jdbcUrl = PostgresDatabases.createEmpty();
    }

    private HarvestRun harvest(String... extra) {
        List<String> options = new java.util.ArrayList<>(List.of("--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + PostgresDatabases.USER));
        options.addAll(List.of(extra));
        return world.harvest(options.toArray(String[]::new));
    }

    @Test
    void schemaIsCreatedOnFirstUseAndTheRunIsRecordedInPostgres() throws Exception {
        HarvestRun run = harvest();

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(world.udata().datasets()).hasSize(150);
        try (Connection connection = DriverManager.getConnection(jdbcUrl, PostgresDatabases.USER, "");
                ResultSet rs = connection.createStatement().executeQuery(
                        "SELECT STATUS FROM BATCH_JOB_EXECUTION")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("COMPLETED");
        }
        // the HSQLDB file is not used when a datasource is given
        assertThat(world.dataDir().resolve("jobrepo.script")).doesNotExist();

        HarvestRun second = harvest();
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.report().path("run").asLong()).isEqualTo(2);
        assertThat(second.report().path("counts").path("unchanged").asLong()).isEqualTo(150);
    }

    @Test
    void aPlanOnThePostgresRepositoryListsWhatTheNextRunArchivesAndLeavesItsRunNumber() {
        assertThat(harvest("--harvest.archive-after=0").exitCode()).isZero();
        world.ods().serve(world.catalog().subList(0, 145), true);
        world.udata().clearRequests();

        HarvestRun plan = harvest("--harvest.plan=true", "--harvest.archive-after=0");

        assertThat(plan.exitCode()).as(plan.output()).isZero();
        assertThat(world.udata().writeCount()).isZero();
        assertThat(plan.report().path("plan").asBoolean()).isTrue();
        List<String> planned = org.odsharvester.support.HarvestHarness.listed(plan.report(), "archived");
        assertThat(planned).hasSize(5);

        HarvestRun real = harvest("--harvest.archive-after=0");

        assertThat(real.exitCode()).as(real.output()).isZero();
        assertThat(real.report().path("run").asLong()).isEqualTo(2);
        assertThat(org.odsharvester.support.HarvestHarness.listed(real.report(), "archived"))
                .containsExactlyInAnyOrderElementsOf(planned);
    }

    @Test
    void failedRunResumesFromThePostgresRepository() {
        int[] creates = {0};
        world.udata().failWhen(r -> r.method().equals("POST") && ++creates[0] > 70, 503, "{\"message\":\"down\"}");
        HarvestRun failed = harvest();
        assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);

        world.udata().clearFailures();
        HarvestRun resumed = harvest();

        assertThat(resumed.exitCode()).as(resumed.output()).isZero();
        assertThat(resumed.report().path("run").asLong()).isEqualTo(1);
        world.assertEachSourceDatasetOnce(150);
    }

    @Test
    void missingDatasetsWaitThenAreHeldByTheGuardThenArchivedOnceConfirmedWithAPostgresRepository() {
        assertThat(harvest().exitCode()).isZero();
        world.ods().serve(world.catalog().subList(0, 140), true);

        HarvestRun missing = harvest();

        assertThat(missing.exitCode()).as(missing.output()).isZero();
        assertThat(missing.report().path("counts").path("missing").asLong()).isEqualTo(10);
        world.ods().serve(world.catalog().subList(0, 30), true);

        HarvestRun held = harvest("--harvest.archive-after=0");

        assertThat(held.exitCode()).as(held.output()).isEqualTo(6);
        assertThat(held.output()).contains("this run would archive 120 of the 150 datasets");
        assertThat(world.udata().datasets()).noneMatch(d -> !d.path("archived").isNull());

        HarvestRun confirmed = harvest("--harvest.archive-after=0", "--harvest.confirm-archive=120");

        assertThat(confirmed.exitCode()).as(confirmed.output()).isZero();
        assertThat(world.udata().datasets()).filteredOn(d -> !d.path("archived").isNull()).hasSize(120);
        assertThat(confirmed.report().path("archived")).hasSize(120)
                .allSatisfy(entry -> assertThat(entry.path("reason").asString()).contains("; missing since "));
        assertThat(confirmed.report().path("counts").path("missing").asLong()).isZero();
    }
}
