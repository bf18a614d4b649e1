package org.odsharvester.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.odsharvester.support.CatalogGenerator;
import org.odsharvester.support.HarvestHarness;
import org.odsharvester.support.HarvesterProcess;
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

    @RegisterExtension
    final HarvestHarness world = new HarvestHarness();

    private long archivedInUdata() {
        return world.udata().datasets().stream().filter(HarvestHarness::isArchived).count();
    }

    @Test
    void anArchiveStepKilledWithSigkillArchivesEachDatasetOnceWhenTheSameCommandIsRelaunched() {
        // GIVEN 300 datasets harvested, 250 of which then leave the catalog
        FakeUdata udata = world.udata();
        List<CatalogGenerator.Dataset> catalog = world.ods().generator().datasets(DATASETS);
        world.serve(catalog);
        assertThat(world.launch("first").exitCode()).isZero();
        world.serve(catalog.subList(0, DATASETS - GONE));
        udata.clearRequests();
        udata.setLatency(Duration.ofMillis(20));
        String[] command = {"--harvest.archive-after=0", "--harvest.confirm-archive=" + GONE};

        // WHEN the harvest archiving them is killed with SIGKILL part-way through, and relaunched
        HarvesterProcess killed = world.launch("killed", command);
        await().alias("80 datasets archived while " + killed).atMost(Duration.ofMinutes(2))
                .until(() -> archivedInUdata() >= 80);
        killed.kill();
        assertThat(killed.exitCode()).isEqualTo(137);
        world.awaitUdataIdle();
        assertThat(archivedInUdata()).isBetween(80L, GONE - 1L);
        udata.setLatency(Duration.ZERO);

        HarvesterProcess relaunched = world.launch("relaunched", command);

        // THEN the relaunch resumes the run and archives the rest: each dataset archived once over both processes
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
