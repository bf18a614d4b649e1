package org.odsharvester.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hsqldb.server.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odsharvester.support.Await;
import org.odsharvester.support.CatalogGenerator;
import org.odsharvester.support.HarvesterProcess;
import org.odsharvester.support.OdsPortalStub;
import org.odsharvester.support.UdataState;
import org.odsharvester.udata.FakeUdata;

/**
 * One run per source and target (exit 4), with two real processes: sharing a data directory (the HSQLDB
 * file repository), and sharing a job repository server — an HSQLDB server on loopback standing in for the
 * PostgreSQL database several hosts share, where no file lock helps and only the run lease decides.
 */
class RunGuardIT {

    private static final int DATASETS = 300;

    @TempDir
    Path work;

    private OdsPortalStub ods;
    private FakeUdata udata;
    private final List<HarvesterProcess> started = new ArrayList<>();

    @BeforeEach
    void start() {
        ods = new OdsPortalStub();
        List<CatalogGenerator.Dataset> catalog = ods.generator().datasets(DATASETS);
        ods.serve(catalog, true);
        udata = new FakeUdata();
    }

    @AfterEach
    void stop() {
        started.forEach(HarvesterProcess::destroyIfAlive);
        ods.close();
        udata.close();
    }

    private HarvesterProcess harvester(String name, String... extra) {
        List<String> args = new ArrayList<>(List.of("--ods.url=" + ods.url(), "--udata.url=" + udata.url(),
                "--udata.organization=" + udata.organization(), "--harvest.concurrency=2"));
        args.addAll(List.of(extra));
        HarvesterProcess process = HarvesterProcess.start(work, name, args, Map.of("UDATA_API_KEY", udata.apiKey()));
        started.add(process);
        return process;
    }

    private void awaitDatasetsInUdata(HarvesterProcess process, int count) {
        Await.until(count + " datasets in udata", Duration.ofMinutes(2), () -> udata.datasets().size() >= count,
                process::toString);
    }

    @Test
    void aSecondLaunchOnTheSameDataDirectoryIsRefusedAtOnceWithExit4() {
        String dataDir = "--harvest.data-dir=" + work.resolve("data");
        udata.setLatency(Duration.ofMillis(200)); // the first run lasts while the second JVM starts
        HarvesterProcess first = harvester("first", dataDir);
        awaitDatasetsInUdata(first, 1);

        long launched = System.nanoTime();
        HarvesterProcess second = harvester("second", dataDir);

        assertThat(second.exitCode()).as(second.output()).isEqualTo(4);
        System.out.printf("MEASURED second launch on the same data directory: exit 4 after %d ms (JVM start included)%n",
                (System.nanoTime() - launched) / 1_000_000);
        assertThat(first.isAlive()).as("the first run was still going when the second was refused").isTrue();
        assertThat(second.output()).contains("Another harvest is running with the data directory",
                "pid " + first.pid(), "nothing was done");
        udata.setLatency(Duration.ZERO);
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(UdataState.of(udata).duplicates()).isEmpty();
        assertThat(UdataState.of(udata).copies()).hasSize(DATASETS);
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
            String repository = "--spring.datasource.url=jdbc:hsqldb:hsql://127.0.0.1:" + port + "/harvest";
            udata.setLatency(Duration.ofMillis(200)); // A lasts while B's JVM starts
            // host A: renews its lease every second
            HarvesterProcess hostA = harvester("host-a", repository, "--spring.datasource.username=SA",
                    "--harvest.data-dir=" + work.resolve("host-a"), "--harvest.stale-after=3s");
            awaitDatasetsInUdata(hostA, 1);

            // host B, while A runs: A's lease is alive
            HarvesterProcess hostB = harvester("host-b", repository, "--spring.datasource.username=SA",
                    "--harvest.data-dir=" + work.resolve("host-b"));
            assertThat(hostB.exitCode()).as(hostB.output()).isEqualTo(4);
            assertThat(hostB.output()).contains("is in progress (pid " + hostA.pid(), "nothing was done",
                    "If that process is gone, its lease expires at");

            // A dies mid-run; B again at once, judging with the default 15 minutes: still A's lease
            udata.setLatency(Duration.ofMillis(25));
            awaitDatasetsInUdata(hostA, 150);
            hostA.kill();
            Await.until("udata idle", Duration.ofSeconds(10), () -> udata.requestsInFlight() == 0, () -> "");
            UdataState killed = UdataState.of(udata);
            HarvesterProcess tooSoon = harvester("host-b-too-soon", repository, "--spring.datasource.username=SA",
                    "--harvest.data-dir=" + work.resolve("host-b"));
            assertThat(tooSoon.exitCode()).as(tooSoon.output()).isEqualTo(4);

            // with stale-after 3 s, A's silence (its JVM is gone) makes the lease stale: B takes over and resumes
            udata.setLatency(Duration.ZERO);
            HarvesterProcess takeOver = harvester("host-b-takes-over", repository, "--spring.datasource.username=SA",
                    "--harvest.data-dir=" + work.resolve("host-b"), "--harvest.stale-after=3s");

            assertThat(takeOver.exitCode()).as(takeOver.output()).isZero();
            assertThat(takeOver.output()).contains("was held by pid " + hostA.pid(), "that process is gone",
                    "was left STARTED by a process that is gone", "Resuming run 1");
            UdataState state = UdataState.of(udata);
            assertThat(state.duplicates()).isEmpty();
            assertThat(state.copies()).hasSize(DATASETS);
            assertThat(state.idsChangedSince(killed)).isEmpty();
            assertThat(udata.requestCount("POST", "/api/1/datasets/")).isEqualTo(DATASETS);
        } finally {
            database.shutdown();
        }
    }
}
