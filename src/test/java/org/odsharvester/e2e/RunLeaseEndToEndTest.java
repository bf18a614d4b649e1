package org.odsharvester.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.odsharvester.support.HarvestHarness;
import org.odsharvester.support.HarvestRun;
import org.odsharvester.support.UdataState;
import org.odsharvester.udata.FakeUdata;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A run whose lease another process took over (it was frozen for longer than {@code harvest.stale-after})
 * learns it at its next heartbeat, stops at the next chunk boundary and exits 4; the run is left to the
 * process that took it over, which resumes it.
 */
@ExtendWith(OutputCaptureExtension.class)
class RunLeaseEndToEndTest {

    private static final int CHUNK = 200;

    @RegisterExtension
    final HarvestHarness world = new HarvestHarness();

    @Test
    void aRunWhoseLeaseWasTakenOverStopsAtAChunkBoundaryWithExit4() throws Exception {
        // GIVEN a run of 300 datasets in chunks of 200, under way
        world.serve(world.ods().generator().datasets(300));
        FakeUdata udata = world.udata();
        udata.setLatency(Duration.ofMillis(20));
        CompletableFuture<HarvestRun> running = CompletableFuture.supplyAsync(() -> world.harvest(
                "--harvest.concurrency=2", "--harvest.stale-after=1s", "--harvest.chunk-size=" + CHUNK));
        world.awaitDatasetsInUdata(20, "the first chunk is written");

        // WHEN another host takes its lease over, as it does when this one was silent past stale-after
        try (Connection c = DriverManager.getConnection("jdbc:hsqldb:file:" + world.dataDir().resolve("jobrepo")
                + ";hsqldb.write_delay=false;hsqldb.tx=mvcc", "SA", "");
                PreparedStatement takeOver = c.prepareStatement("UPDATE HARVEST_RUN_LOCK SET OWNER = ?")) {
            takeOver.setString(1, "pid 4242 on another-host #0badcafe");
            assertThat(takeOver.executeUpdate()).isEqualTo(1);
        }
        HarvestRun stopped = running.get();
        udata.setLatency(Duration.ZERO);

        // THEN it stops with exit 4 once the chunk it was writing is committed: the first, of 200 datasets
        assertThat(stopped.exitCode()).as(stopped.output()).isEqualTo(4);
        assertThat(stopped.output()).contains("Another process took over the run lease",
                "Another launch took this run over");
        assertThat(stopped.report().path("status").asString()).isEqualTo("STOPPED");
        assertThat(stopped.report().path("counts").path("created").asLong()).isEqualTo(CHUNK);
        UdataState atStop = UdataState.of(udata);
        assertThat(atStop.copies()).as("the datasets of the committed chunk").hasSize(CHUNK);

        // AND the process that took over (here: the next launch, which holds the data directory) resumes the run
        HarvestRun resumed = world.harvest("--harvest.chunk-size=" + CHUNK);
        assertThat(resumed.exitCode()).as(resumed.output()).isZero();
        assertThat(resumed.report().path("run").asLong()).isEqualTo(1);
        UdataState state = world.assertEachSourceDatasetOnce(300);
        assertThat(state.idsChangedSince(atStop)).isEmpty();
    }
}
