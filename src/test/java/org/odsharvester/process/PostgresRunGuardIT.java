package org.odsharvester.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.odsharvester.support.HarvestHarness;
import org.odsharvester.support.HarvesterProcess;
import org.odsharvester.support.OdsPortalStub;
import org.odsharvester.support.PostgresDatabases;
import org.odsharvester.support.UdataState;

/**
 * Several hosts, one PostgreSQL job repository: harvester JVMs with data directories of their own
 * (as on separate hosts) sharing one real PostgreSQL database. Exactly one of two simultaneous launches
 * for a source harvests; different sources harvest side by side; a dead host's run is resumed elsewhere
 * once its lease is stale.
 */
@EnabledIfEnvironmentVariable(named = PostgresDatabases.URL_VARIABLE, matches = "jdbc:postgresql:.*")
class PostgresRunGuardIT {

    private static final int DATASETS = 300;

    @RegisterExtension
    final HarvestHarness world = new HarvestHarness().serving(DATASETS);

    private String repository;

    @BeforeEach
    void start() {
        repository = PostgresDatabases.createEmpty();
    }

    /** A harvester of {@code source} with the shared repository and a data directory of its own. */
    private HarvesterProcess host(String name, OdsPortalStub source, String... extra) {
        List<String> args = new ArrayList<>(List.of("--ods.url=" + source.url(), "--harvest.concurrency=2",
                "--spring.datasource.url=" + repository,
                "--spring.datasource.username=" + PostgresDatabases.USER,
                "--harvest.data-dir=" + world.workDir().resolve(name)));
        args.addAll(List.of(extra));
        return world.launch(name, args.toArray(String[]::new));
    }

    @Test
    void twoHostsLaunchedAtOnceForOneSourceHarvestOnceAndTheOtherExits4() {
        world.udata().setLatency(Duration.ofMillis(20)); // the run outlasts the other JVM's start

        HarvesterProcess a = host("host-a", world.ods());
        HarvesterProcess b = host("host-b", world.ods());

        int exitA = a.exitCode();
        int exitB = b.exitCode();
        assertThat(List.of(exitA, exitB)).as(a.output() + "\n----\n" + b.output()).containsExactlyInAnyOrder(0, 4);
        HarvesterProcess refused = exitA == 4 ? a : b;
        assertThat(refused.output()).contains("nothing was done");
        UdataState state = world.assertEachSourceDatasetOnce(DATASETS);
        assertThat(world.udata().requestCount("POST", "/api/1/datasets/")).isEqualTo(DATASETS);
    }

    @Test
    void differentSourcesHarvestSideBySideOnOneRepository() {
        try (OdsPortalStub other = new OdsPortalStub("127.0.0.2")) {
            other.serve(other.generator().datasets(120), true);
            world.udata().setLatency(Duration.ofMillis(10));

            HarvesterProcess first = host("source-one", world.ods());
            HarvesterProcess second = host("source-two", other);

            assertThat(first.exitCode()).as(first.output()).isZero();
            assertThat(second.exitCode()).as(second.output()).isZero();
            assertThat(world.udata().datasetsWithExtra("harvest:domain", "127.0.0.1")).hasSize(DATASETS);
            assertThat(world.udata().datasetsWithExtra("harvest:domain", "127.0.0.2")).hasSize(120);
        }
    }

    @Test
    void aDeadHostsRunIsResumedFromAnotherHostOnceItsLeaseIsStale() {
        world.udata().setLatency(Duration.ofMillis(200)); // A outlasts B's JVM start
        HarvesterProcess hostA = host("host-a", world.ods(), "--harvest.stale-after=3s");
        world.awaitDatasetsInUdata(1, hostA);

        HarvesterProcess whileAlive = host("host-b", world.ods());
        assertThat(whileAlive.exitCode()).as(whileAlive.output()).isEqualTo(4);

        world.udata().setLatency(Duration.ofMillis(25));
        world.awaitDatasetsInUdata(150, hostA);
        hostA.kill();
        world.awaitUdataIdle();
        UdataState killed = UdataState.of(world.udata());
        world.udata().setLatency(Duration.ZERO);
        // host A's last heartbeat may be a moment before the kill: host B would still find it fresh
        HarvestHarness.awaitRunLeasesStale(repository, PostgresDatabases.USER, Duration.ofSeconds(3));
        HarvesterProcess takeOver = host("host-b", world.ods(), "--harvest.stale-after=3s");

        assertThat(takeOver.exitCode()).as(takeOver.output()).isZero();
        assertThat(takeOver.output()).contains("Resuming run 1");
        UdataState state = world.assertEachSourceDatasetOnce(DATASETS);
        assertThat(state.idsChangedSince(killed)).isEmpty();
    }
}
