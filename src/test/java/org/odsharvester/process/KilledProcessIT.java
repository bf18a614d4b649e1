package org.odsharvester.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odsharvester.support.Await;
import org.odsharvester.support.CatalogGenerator;
import org.odsharvester.support.HarvestRun;
import org.odsharvester.support.HarvesterProcess;
import org.odsharvester.support.OdsPortalStub;
import org.odsharvester.support.UdataState;
import org.odsharvester.udata.FakeUdata;
import tools.jackson.databind.JsonNode;

/**
 * A harvest killed mid-run — SIGKILL (kill -9, a power cut: nothing runs any more) or SIGTERM (a scheduler
 * cancelling it: it stops at the next chunk boundary) — and the same command relaunched: the run resumes from
 * its last committed chunk and udata ends as after a clean run, each dataset once, none created twice.
 * <p>
 * The jar runs as a child JVM; udata answers each request after a short latency and the harvester writes two
 * at a time, so that the 400 datasets take several seconds and the kill strikes mid-run.
 */
class KilledProcessIT {

    private static final int DATASETS = 600;

    private static OdsPortalStub ods;
    private static UdataState clean;

    @TempDir
    Path work;

    private FakeUdata udata;
    private final List<HarvesterProcess> started = new ArrayList<>();

    @BeforeAll
    static void cleanRun(@TempDir Path cleanDir) {
        ods = new OdsPortalStub();
        List<CatalogGenerator.Dataset> catalog = ods.generator().datasets(DATASETS);
        ods.serve(catalog, true);
        try (FakeUdata reference = new FakeUdata()) {
            HarvestRun run = HarvestRun.of(cleanDir, new ArrayList<>(List.of("--ods.url=" + ods.url(),
                    "--udata.url=" + reference.url(), "--udata.api-key=" + reference.apiKey(),
                    "--udata.organization=" + reference.organization())));
            assertThat(run.exitCode()).as(run.output()).isZero();
            clean = UdataState.of(reference);
        }
    }

    @AfterAll
    static void stopPortal() {
        ods.close();
    }

    @BeforeEach
    void start() {
        udata = new FakeUdata();
    }

    @AfterEach
    void stop() {
        started.forEach(HarvesterProcess::destroyIfAlive);
        udata.close();
    }

    private HarvesterProcess harvester(String name) {
        HarvesterProcess process = HarvesterProcess.start(work, name, List.of("--ods.url=" + ods.url(),
                "--udata.url=" + udata.url(), "--udata.organization=" + udata.organization(),
                "--harvest.data-dir=" + work.resolve("data"), "--harvest.concurrency=2"),
                Map.of("UDATA_API_KEY", udata.apiKey()));
        started.add(process);
        return process;
    }

    private void awaitDatasetsInUdata(HarvesterProcess process, int count) {
        Await.until(count + " datasets in udata", Duration.ofMinutes(2), () -> udata.datasets().size() >= count,
                process::toString);
    }

    private JsonNode report(HarvesterProcess process) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Report: (\\S+\\.json)").matcher(process.output());
        assertThat(m.find()).as(process.output()).isTrue();
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(Path.of(m.group(1)).toFile());
    }

    private void assertEndsAsACleanRun(UdataState beforeRelaunch) {
        UdataState state = UdataState.of(udata);
        assertThat(state.duplicates()).as("datasets present more than once").isEmpty();
        assertThat(state.content()).isEqualTo(clean.content());
        assertThat(state.idsChangedSince(beforeRelaunch)).as("udata ids changed by the relaunch").isEmpty();
        assertThat(udata.requestCount("POST", "/api/1/datasets/")).as("creations over both processes")
                .isEqualTo(DATASETS);
    }

    @Test
    void aHarvestKilledWithSigkillResumesFromItsLastCommittedChunkOnRelaunch() {
        udata.setLatency(Duration.ofMillis(25));
        HarvesterProcess first = harvester("first");
        awaitDatasetsInUdata(first, 150);

        first.kill();

        assertThat(first.exitCode()).isEqualTo(137); // 128 + SIGKILL: nothing ran after the signal
        assertThat(first.output()).doesNotContain("Report:");
        Await.until("udata idle", Duration.ofSeconds(10), () -> udata.requestsInFlight() == 0, () -> "");
        UdataState killed = UdataState.of(udata);
        assertThat(killed.copies()).hasSizeBetween(150, DATASETS - 1);
        udata.setLatency(Duration.ZERO);

        HarvesterProcess relaunched = harvester("relaunched");

        assertThat(relaunched.exitCode()).as(relaunched.output()).isZero();
        assertThat(relaunched.output()).contains("was left STARTED by a process that is gone", "Resuming run 1");
        assertThat(report(relaunched).path("run").asLong()).isEqualTo(1);
        assertEndsAsACleanRun(killed);
        System.out.printf("MEASURED SIGKILL with %d datasets in udata: exit 137; relaunch exit 0, %d datasets each once,"
                + " %d POSTs in all%n", killed.copies().size(), UdataState.of(udata).copies().size(),
                udata.requestCount("POST", "/api/1/datasets/"));
    }

    @Test
    void aHarvestStoppedWithSigtermEndsAtAChunkBoundaryAndTheRelaunchCompletesIt() {
        udata.setLatency(Duration.ofMillis(25));
        HarvesterProcess first = harvester("first");
        awaitDatasetsInUdata(first, 150);

        first.terminate();

        assertThat(first.exitCode()).as(first.output()).isEqualTo(143); // 128 + SIGTERM, after the graceful stop
        assertThat(first.output()).contains("Termination requested: stopping the harvest at the next chunk boundary");
        JsonNode stopped = report(first);
        assertThat(stopped.path("status").asString()).isEqualTo("STOPPED");
        UdataState atStop = UdataState.of(udata);
        assertThat(atStop.copies().size() % 200).as("stopped at a chunk boundary (chunks of 200, the default): "
                + atStop.copies().size()).isZero();
        assertThat(stopped.path("counts").path("created").asLong()).isEqualTo(atStop.copies().size());
        udata.setLatency(Duration.ZERO);

        HarvesterProcess relaunched = harvester("relaunched");

        assertThat(relaunched.exitCode()).as(relaunched.output()).isZero();
        assertThat(relaunched.output()).contains("Resuming run 1").contains("ended STOPPED");
        assertEndsAsACleanRun(atStop);
        System.out.printf("MEASURED SIGTERM: exit 143, STOPPED with %d datasets in udata; relaunch exit 0, %d datasets"
                + " each once, %d POSTs in all%n", atStop.copies().size(), UdataState.of(udata).copies().size(),
                udata.requestCount("POST", "/api/1/datasets/"));
    }
}
