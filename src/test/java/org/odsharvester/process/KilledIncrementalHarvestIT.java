package org.odsharvester.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.odsharvester.support.GeneratedOdsPortal;
import org.odsharvester.support.HarvestHarness;
import org.odsharvester.support.HarvesterProcess;
import org.odsharvester.udata.FakeUdata;

/**
 * Issue 13, item 5: a nightly run on the listing path (catalog listed, changed datasets fetched by id) killed with
 * SIGKILL between the listing and its last fetch, and the same command relaunched: the relaunch resumes the run
 * without listing the catalog again, each dataset is written once over both processes, none is lost or duplicated,
 * and the dataset gone from the portal is archived only by the relaunch, after its complete read.
 */
class KilledIncrementalHarvestIT {

    private static final int DATASETS = 600;
    private static final int GONE = DATASETS - 1;

    @RegisterExtension
    final HarvestHarness world = new HarvestHarness();

    private GeneratedOdsPortal portal;

    @BeforeEach
    void startPortal() {
        portal = new GeneratedOdsPortal(DATASETS);
    }

    @AfterEach
    void stopPortal() {
        portal.close();
    }

    private long datasetPuts(FakeUdata udata) {
        return udata.requests().stream().filter(r -> r.method().equals("PUT") && !r.body().contains("\"archived\":\""))
                .count();
    }

    @Test
    void aNightlyRunKilledBetweenTheListingAndItsLastFetchWritesEachDatasetOnceWhenRelaunched() {
        // GIVEN a portal harvested once (a full pass), then republished whole, one dataset gone
        FakeUdata udata = world.udata();
        String url = "--ods.url=" + portal.url();
        assertThat(world.launch("first", url).exitCode()).isZero();
        IntStream.range(0, DATASETS).forEach(portal::republish);
        portal.delete(GONE);
        udata.clearRequests();
        udata.setLatency(Duration.ofMillis(20));
        String[] command = {url, "--harvest.archive-after=0"};

        // WHEN the nightly run is killed after its first chunk was written, with fetches left, and relaunched
        HarvesterProcess killed = world.launch("killed", command);
        await().alias("250 datasets written while " + killed).atMost(Duration.ofMinutes(2))
                .until(() -> datasetPuts(udata) >= 250);
        killed.kill();
        assertThat(killed.exitCode()).isEqualTo(137);
        world.awaitUdataIdle();
        assertThat(killed.output()).contains("Catalog read: listing: " + (DATASETS - 1) + " datasets listed");
        assertThat(datasetPuts(udata)).isLessThan(DATASETS - 1);
        assertThat(udata.datasets().stream().filter(HarvestHarness::isArchived)).isEmpty();
        udata.setLatency(Duration.ZERO);
        portal.clearRequests();

        HarvesterProcess relaunched = world.launch("relaunched", command);

        // THEN the relaunch resumes the run from its saved listing and writes the rest, each dataset once
        assertThat(relaunched.exitCode()).as(relaunched.output()).isZero();
        assertThat(relaunched.output()).contains("Resuming run 2")
                .as("the listing step completed before the kill: not run again").doesNotContain("Catalog read:");
        assertThat(portal.requestKinds()).as("no listing again").doesNotContainKey(
                "GET " + GeneratedOdsPortal.EXPORT_PATH + " ?order_by&select");
        Map<String, Long> putsByDataset = udata.requests().stream()
                .filter(r -> r.method().equals("PUT") && !r.body().contains("\"archived\":\""))
                .collect(Collectors.groupingBy(FakeUdata.Request::path, Collectors.counting()));
        assertThat(putsByDataset).hasSize(DATASETS - 1).allSatisfy((path, puts) -> assertThat(puts).as(path)
                .isEqualTo(1));
        assertThat(udata.methodCount("POST")).isZero();
        world.assertEachSourceDatasetOnce(DATASETS);
        assertThat(HarvestHarness.isArchived(world.byRemoteId(GeneratedOdsPortal.id(GONE)))).isTrue();
        assertThat(relaunched.output()).contains((DATASETS - 1) + " read", "1 archived, 0 missing");
    }
}
