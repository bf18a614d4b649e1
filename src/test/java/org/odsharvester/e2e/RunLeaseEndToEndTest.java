package org.odsharvester.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odsharvester.support.Await;
import org.odsharvester.support.HarvestRun;
import org.odsharvester.support.OdsPortalStub;
import org.odsharvester.support.UdataState;
import org.odsharvester.udata.FakeUdata;

/**
 * A run whose lease another process took over (it was frozen for longer than {@code harvest.stale-after})
 * learns it at its next heartbeat, stops at the next chunk boundary and exits 4; the run is left to the
 * process that took it over, which resumes it.
 */
class RunLeaseEndToEndTest {

    @TempDir
    Path dataDir;

    private OdsPortalStub ods;
    private FakeUdata udata;

    @BeforeEach
    void start() {
        ods = new OdsPortalStub();
        ods.serve(ods.generator().datasets(300), true);
        udata = new FakeUdata();
    }

    @AfterEach
    void stop() {
        ods.close();
        udata.close();
    }

    private HarvestRun harvest(String... extra) {
        return HarvestRun.of(dataDir, ods, udata, extra);
    }

    @Test
    void aRunWhoseLeaseWasTakenOverStopsAtAChunkBoundaryWithExit4() throws Exception {
        udata.setLatency(Duration.ofMillis(20));
        CompletableFuture<HarvestRun> running = CompletableFuture.supplyAsync(
                () -> harvest("--harvest.concurrency=2", "--harvest.stale-after=1s"));
        Await.until("a few datasets in udata", Duration.ofMinutes(1), () -> udata.datasets().size() >= 20,
                () -> "");

        // what another host does when this one was silent past stale-after
        try (Connection c = DriverManager.getConnection("jdbc:hsqldb:file:" + dataDir.resolve("jobrepo")
                + ";hsqldb.write_delay=false;hsqldb.tx=mvcc", "SA", "");
                PreparedStatement takeOver = c.prepareStatement("UPDATE HARVEST_RUN_LOCK SET OWNER = ?")) {
            takeOver.setString(1, "pid 4242 on another-host #0badcafe");
            assertThat(takeOver.executeUpdate()).isEqualTo(1);
        }
        HarvestRun stopped = running.get();
        udata.setLatency(Duration.ZERO);

        assertThat(stopped.exitCode()).as(stopped.output()).isEqualTo(4);
        assertThat(stopped.output()).contains("Another process took over the run lease",
                "Another launch took this run over");
        assertThat(stopped.report().path("status").asString()).isEqualTo("STOPPED");
        UdataState atStop = UdataState.of(udata);
        assertThat(atStop.copies().size() % 100).as("stopped at a chunk boundary: " + atStop.copies().size())
                .isZero();

        // the process that took over (here: the next launch, which holds the data directory) resumes the run
        HarvestRun resumed = harvest();
        assertThat(resumed.exitCode()).as(resumed.output()).isZero();
        assertThat(resumed.report().path("run").asLong()).isEqualTo(1);
        UdataState state = UdataState.of(udata);
        assertThat(state.duplicates()).isEmpty();
        assertThat(state.copies()).hasSize(300);
        assertThat(state.idsChangedSince(atStop)).isEmpty();
    }
}
