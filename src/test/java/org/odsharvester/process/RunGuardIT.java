package org.odsharvester.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.hsqldb.server.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.odsharvester.support.HarvestHarness;
import org.odsharvester.support.HarvesterProcess;
import org.odsharvester.support.UdataState;

/**
 * One run per source and target (exit 4), with two real processes: sharing a data directory (the HSQLDB
 * file repository), and sharing a job repository server — an HSQLDB server on loopback standing in for the
 * PostgreSQL database several hosts share, where no file lock helps and only the run lease decides.
 */
class RunGuardIT {

    private static final int DATASETS = 300;

    @RegisterExtension
    final HarvestHarness world = new HarvestHarness().serving(DATASETS);

    private HarvesterProcess harvester(String name, String... extra) {
        List<String> options = new ArrayList<>(List.of("--harvest.concurrency=2"));
        options.addAll(List.of(extra));
        return world.launch(name, options.toArray(String[]::new));
    }

    @Test
    void aSecondLaunchOnTheSameDataDirectoryIsRefusedAtOnceWithExit4() {
        // GIVEN a harvest running with the data directory
        world.udata().setLatency(Duration.ofMillis(200)); // the first run lasts while the second JVM starts
        HarvesterProcess first = harvester("first");
        world.awaitDatasetsInUdata(1, first);

        // WHEN a second one is launched with the same data directory
        long launched = System.nanoTime();
        HarvesterProcess second = harvester("second");

        // THEN the second ends with exit 4, having done nothing, and the first completes alone
        assertThat(second.exitCode()).as(second.output()).isEqualTo(4);
        System.out.printf("MEASURED second launch on the same data directory: exit 4 after %d ms (JVM start included)%n",
                (System.nanoTime() - launched) / 1_000_000);
        assertThat(first.isAlive()).as("the first run was still going when the second was refused").isTrue();
        assertThat(second.output()).contains("Another harvest is running with the data directory",
                "pid " + first.pid(), "nothing was done");
        world.udata().setLatency(Duration.ZERO);
        assertThat(first.exitCode()).as(first.output()).isZero();
        world.assertEachSourceDatasetOnce(DATASETS);
    }

    @Test
    void onASharedRepositoryTheRunLeaseRefusesALiveRunAndHandsADeadOneOverOnceStale() throws Exception {
        Server database = new Server();
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        database.setAddress("127.0.0.1");
        database.setPort(port);
        database.setDatabaseName(0, "harvest");
        database.setDatabasePath(0, "mem:harvest");
        database.setSilent(true);
        database.setLogWriter(null);
        database.setErrWriter(null);
        database.start();
        try {
            String jdbcUrl = "jdbc:hsqldb:hsql://127.0.0.1:" + port + "/harvest";
            String[] repository = {"--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=SA"};
            // GIVEN host A harvesting, renewing its lease every second
            world.udata().setLatency(Duration.ofMillis(200)); // A lasts while B's JVM starts
            HarvesterProcess hostA = host("host-a", repository, "--harvest.stale-after=3s");
            world.awaitDatasetsInUdata(1, hostA);

            // WHEN host B is launched while A runs THEN A's lease is alive: exit 4
            HarvesterProcess hostB = host("host-b", repository);
            assertThat(hostB.exitCode()).as(hostB.output()).isEqualTo(4);
            assertThat(hostB.output()).contains("is in progress (pid " + hostA.pid(), "nothing was done",
                    "If that process is gone, its lease expires at");

            // WHEN A dies mid-run and B comes again at once, judging with the default 15 minutes THEN still exit 4
            world.udata().setLatency(Duration.ofMillis(25));
            world.awaitDatasetsInUdata(150, hostA);
            hostA.kill();
            world.awaitUdataIdle();
            UdataState killed = UdataState.of(world.udata());
            HarvesterProcess tooSoon = host("host-b-too-soon", repository);
            assertThat(tooSoon.exitCode()).as(tooSoon.output()).isEqualTo(4);

            // WHEN B comes with stale-after 3 s once A's silence (its JVM is gone) made the lease stale (A's last
            // heartbeat may be a moment before the kill: B would still find it fresh)
            world.udata().setLatency(Duration.ZERO);
            HarvestHarness.awaitRunLeasesStale(jdbcUrl, "SA", Duration.ofSeconds(3));
            HarvesterProcess takeOver = host("host-b-takes-over", repository, "--harvest.stale-after=3s");

            // THEN B takes the run over and resumes it: each dataset once
            assertThat(takeOver.exitCode()).as(takeOver.output()).isZero();
            assertThat(takeOver.output()).contains("was held by pid " + hostA.pid(), "that process is gone",
                    "was left STARTED by a process that is gone", "Resuming run 1");
            UdataState state = world.assertEachSourceDatasetOnce(DATASETS);
            assertThat(state.idsChangedSince(killed)).isEmpty();
            assertThat(world.udata().requestCount("POST", "/api/1/datasets/")).isEqualTo(DATASETS);
        } finally {
            database.shutdown();
        }
    }

    /** A harvester with the shared repository and a data directory of its own, as on another host. */
    private HarvesterProcess host(String name, String[] repository, String... extra) {
        List<String> options = new ArrayList<>(List.of(repository));
        options.add("--harvest.data-dir=" + world.workDir().resolve(name.startsWith("host-b") ? "host-b" : name));
        options.addAll(List.of(extra));
        return harvester(name, options.toArray(String[]::new));
    }
}
