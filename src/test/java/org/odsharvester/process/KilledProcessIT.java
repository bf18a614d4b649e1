package org.odsharvester.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.odsharvester.support.HarvestHarness;
import org.odsharvester.support.HarvesterProcess;
import org.odsharvester.support.UdataState;
import org.odsharvester.udata.FakeUdata;
import tools.jackson.databind.JsonNode;

/**
 * A harvest killed mid-run — SIGKILL (kill -9, a power cut: nothing runs any more) or SIGTERM (a scheduler
 * cancelling it: it stops at the next chunk boundary) — and the same command relaunched: the run resumes from
 * its last committed chunk and udata ends as after a clean run, each dataset once, none created twice.
 * <p>
 * The jar runs as a child JVM; udata answers each request after a short latency and the harvester writes two
 * at a time, so that the 600 datasets take several seconds and the kill strikes mid-run.
 */
class KilledProcessIT {

    private static final int DATASETS = 600;
    /** The default chunk size: a graceful stop ends after a whole chunk. */
    private static final int CHUNK = 200;

    @RegisterExtension
    static final HarvestHarness world = new HarvestHarness();

    private static UdataState clean;

    private FakeUdata udata;

    @BeforeAll
    static void cleanRun() throws IOException {
        world.serve(world.ods().generator().datasets(DATASETS));
        clean = world.cleanRunState();
    }

    @BeforeEach
    void start() {
        udata = world.udata();
    }

    private HarvesterProcess harvester(String name) {
        return world.launch(name, "--harvest.concurrency=2");
    }

    /** A harvest slowed down by udata's latency, once it wrote 150 datasets. */
    private HarvesterProcess aHarvestUnderWay() {
        udata.setLatency(Duration.ofMillis(25));
        HarvesterProcess first = harvester("first");
        world.awaitDatasetsInUdata(150, first);
        return first;
    }

    /** The same command again, at full speed: it completes. */
    private HarvesterProcess relaunch() {
        udata.setLatency(Duration.ZERO);
        HarvesterProcess relaunched = harvester("relaunched");
        assertThat(relaunched.exitCode()).as(relaunched.output()).isZero();
        return relaunched;
    }

    /** udata ends as after a clean run, and no dataset was created twice over both processes. */
    private void assertEndsAsACleanRun(UdataState beforeRelaunch) {
        world.assertEndsAsACleanRun(clean, beforeRelaunch);
        assertThat(udata.requestCount("POST", "/api/1/datasets/")).as("creations over both processes")
                .isEqualTo(DATASETS);
    }

    @Test
    void aHarvestKilledWithSigkillResumesFromItsLastCommittedChunkOnRelaunch() {
        // GIVEN a harvest under way
        HarvesterProcess first = aHarvestUnderWay();

        // WHEN it is killed with SIGKILL, then the same command relaunched
        first.kill();

        assertThat(first.exitCode()).isEqualTo(137); // 128 + SIGKILL: nothing ran after the signal
        assertThat(first.output()).doesNotContain("Report:");
        world.awaitUdataIdle();
        UdataState killed = UdataState.of(udata);
        assertThat(killed.copies()).hasSizeBetween(150, DATASETS - 1);
        HarvesterProcess relaunched = relaunch();

        // THEN the relaunch resumes run 1 and udata ends as after a clean run
        assertThat(relaunched.output()).contains("was left STARTED by a process that is gone", "Resuming run 1");
        assertThat(relaunched.report().path("run").asLong()).isEqualTo(1);
        assertEndsAsACleanRun(killed);
        System.out.printf("MEASURED SIGKILL with %d datasets in udata: exit 137; relaunch exit 0, %d datasets each once,"
                + " %d POSTs in all%n", killed.copies().size(), UdataState.of(udata).copies().size(),
                udata.requestCount("POST", "/api/1/datasets/"));
    }

    @Test
    void aHarvestStoppedWithSigtermEndsAtAChunkBoundaryAndTheRelaunchCompletesIt() {
        // GIVEN a harvest under way
        HarvesterProcess first = aHarvestUnderWay();

        // WHEN it receives SIGTERM
        first.terminate();

        // THEN it stops after a whole chunk with exit 143 and a report saying STOPPED
        assertThat(first.exitCode()).as(first.output()).isEqualTo(143); // 128 + SIGTERM, after the graceful stop
        assertThat(first.output()).contains("Termination requested: stopping the harvest at the next chunk boundary");
        JsonNode stopped = first.report();
        assertThat(stopped.path("status").asString()).isEqualTo("STOPPED");
        UdataState atStop = UdataState.of(udata);
        assertThat(atStop.copies().size() % CHUNK).as("stopped at a chunk boundary (chunks of 200, the default): "
                + atStop.copies().size()).isZero();
        assertThat(stopped.path("counts").path("created").asLong()).isEqualTo(atStop.copies().size());

        // AND the same command relaunched completes the run
        HarvesterProcess relaunched = relaunch();
        assertThat(relaunched.output()).contains("Resuming run 1").contains("ended STOPPED");
        assertEndsAsACleanRun(atStop);
        System.out.printf("MEASURED SIGTERM: exit 143, STOPPED with %d datasets in udata; relaunch exit 0, %d datasets"
                + " each once, %d POSTs in all%n", atStop.copies().size(), UdataState.of(udata).copies().size(),
                udata.requestCount("POST", "/api/1/datasets/"));
    }
}
