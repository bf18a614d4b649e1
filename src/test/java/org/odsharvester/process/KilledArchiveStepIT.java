package org.odsharvester.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odsharvester.support.Await;
import org.odsharvester.support.CatalogGenerator;
import org.odsharvester.support.HarvesterProcess;
import org.odsharvester.support.OdsPortalStub;
import org.odsharvester.udata.FakeUdata;

/**
 * A harvest killed with SIGKILL in the middle of its archive step, and the same command relaunched: each
 * dataset is archived once over both processes, and the report of the relaunch lists every one as archived by
 * the run, with its reason. udata answers each request after a short latency so that the kill strikes while
 * the step works through the datasets one by one.
 */
class KilledArchiveStepIT {

    private static final int DATASETS = 300;
    private static final int GONE = 250;

    @TempDir
    Path work;

    private OdsPortalStub ods;
    private FakeUdata udata;
    private List<CatalogGenerator.Dataset> catalog;
    private final List<HarvesterProcess> started = new ArrayList<>();

    @BeforeEach
    void start() {
        ods = new OdsPortalStub();
        catalog = ods.generator().datasets(DATASETS);
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
                "--udata.organization=" + udata.organization(), "--harvest.data-dir=" + work.resolve("data")));
        args.addAll(List.of(extra));
        HarvesterProcess process = HarvesterProcess.start(work, name, args, Map.of("UDATA_API_KEY", udata.apiKey()));
        started.add(process);
        return process;
    }

    private long archivedInUdata() {
        return udata.datasets().stream().filter(d -> !d.path("archived").isNull()).count();
    }

    @Test
    void anArchiveStepKilledWithSigkillArchivesEachDatasetOnceWhenTheSameCommandIsRelaunched() {
        assertThat(harvester("first").exitCode()).isZero();
        ods.serve(catalog.subList(0, DATASETS - GONE), true);
        udata.clearRequests();
        udata.setLatency(Duration.ofMillis(20));
        String[] command = {"--harvest.archive-after=0", "--harvest.confirm-archive=" + GONE};
        HarvesterProcess killed = harvester("killed", command);
        Await.until("80 datasets archived", Duration.ofMinutes(2), () -> archivedInUdata() >= 80, killed::toString);

        killed.kill();

        assertThat(killed.exitCode()).isEqualTo(137);
        Await.until("udata idle", Duration.ofSeconds(10), () -> udata.requestsInFlight() == 0, () -> "");
        assertThat(archivedInUdata()).isBetween(80L, GONE - 1L);
        udata.setLatency(Duration.ZERO);

        HarvesterProcess relaunched = harvester("relaunched", command);

        assertThat(relaunched.exitCode()).as(relaunched.output()).isZero();
        assertThat(relaunched.output()).contains("Resuming run 2", GONE + " archived, 0 missing");
        assertThat(archivedInUdata()).isEqualTo(GONE);
        Map<String, Long> archivePutsByDataset = udata.requests().stream()
                .filter(r -> r.method().equals("PUT") && r.body().contains("\"archived\":\""))
                .collect(Collectors.groupingBy(FakeUdata.Request::path, Collectors.counting()));
        assertThat(archivePutsByDataset).hasSize(GONE).allSatisfy((path, puts) -> assertThat(puts).as(path)
                .isEqualTo(1));
    }
}
