package org.odsharvester.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.odsharvester.support.GeneratedOdsPortal;
import org.odsharvester.support.HarvestHarness;
import org.odsharvester.support.HarvestRun;
import org.odsharvester.udata.UdataDatasetWriter;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * Issue 13, items 3 and 5: a nightly run costs what changed. The portal is {@link GeneratedOdsPortal}, which serves
 * the catalog export with {@code select} and {@code where=dataset_id in (…)} as ODS documents them; the first run of
 * a source is a full pass (paging), the next ones list the catalog and fetch only what changed.
 */
@ExtendWith(OutputCaptureExtension.class)
class IncrementalHarvestEndToEndTest {

    private static final int DATASETS = 250;
    private static final String EXPORT = "GET " + GeneratedOdsPortal.EXPORT_PATH;
    private static final String DATASETS_PATH = "GET " + GeneratedOdsPortal.PATH;

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

    private HarvestRun harvest(String... extra) {
        List<String> options = new ArrayList<>(List.of("--ods.url=" + portal.url()));
        options.addAll(List.of(extra));
        return world.harvestCompletely(options.toArray(String[]::new));
    }

    private HarvestRun firstHarvestThenClear() {
        HarvestRun first = harvest();
        assertThat(first.report().path("counts").path("created").asLong()).isEqualTo(DATASETS);
        assertThat(first.output()).contains("Catalog read: full pass (the first of this source into this target)");
        portal.clearRequests();
        world.udata().clearRequests();
        return first;
    }

    private static long count(HarvestRun run, String outcome) {
        return run.report().path("counts").path(outcome).asLong();
    }

    /** The ODS requests by kind whose path starts with {@code prefix}, summed. */
    private int odsRequests(String prefix) {
        return portal.requestKinds().entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToInt(Map.Entry::getValue).sum();
    }

    @Test
    void anUnchangedPortalCostsOneListingAndNoUdataRequestPerDataset() {
        firstHarvestThenClear();

        HarvestRun second = harvest();

        assertThat(count(second, "unchanged")).isEqualTo(DATASETS);
        assertThat(count(second, "read")).isEqualTo(DATASETS);
        // the probe that picks the API, the listing: at most 3 requests whatever the catalog's size
        assertThat(portal.requestCount()).as(portal.requestKinds().toString()).isLessThanOrEqualTo(3);
        assertThat(odsRequests(EXPORT)).isEqualTo(1);
        assertThat(odsRequests(DATASETS_PATH + " ?limit&offset&order_by&where")).isZero();
        Map<String, Integer> udata = world.udataRequestsByKind();
        assertThat(world.udata().writeCount()).as(udata.toString()).isZero();
        assertThat(udata).doesNotContainKey("GET dataset");
        assertThat(second.output()).contains("Catalog read: listing: " + DATASETS + " datasets listed in one request,"
                + " 0 of them new");
    }

    @Test
    void onlyTheDatasetsWhoseSignalsMovedAreFetchedAndUpdated() {
        firstHarvestThenClear();
        List<Integer> changed = IntStream.range(0, 50).map(i -> i * 5).boxed().toList();
        changed.forEach(i -> portal.republish(i));
        changed.forEach(i -> portal.retitle(i, "Titre changé " + i));
        portal.retitle(1, "Changed without any signal: the listing cannot see it"); // until the next full pass

        HarvestRun second = harvest();

        assertThat(count(second, "updated")).isEqualTo(50);
        assertThat(count(second, "unchanged")).isEqualTo(DATASETS - 50);
        assertThat(world.udata().methodCount("PUT")).isEqualTo(50);
        assertThat(world.udata().methodCount("POST")).isZero();
        // 50 ids: one fetch by id
        assertThat(odsRequests(DATASETS_PATH)).as(portal.requestKinds().toString()).isEqualTo(1 + 1);
        assertThat(world.byRemoteId(GeneratedOdsPortal.id(5)).path("title").asString()).isEqualTo("Titre changé 5");
        assertThat(world.byRemoteId(GeneratedOdsPortal.id(1)).path("title").asString()).doesNotContain("Changed");

        HarvestRun full = harvest("--harvest.full=true");

        assertThat(full.output()).contains("Catalog read: full pass (harvest.full=true)");
        assertThat(count(full, "updated")).as("the full pass sees what no signal told").isEqualTo(1);
        assertThat(world.byRemoteId(GeneratedOdsPortal.id(1)).path("title").asString()).contains("Changed");
    }

    @Test
    void aNewMappingOptionRemapsEveryDatasetOnceAndWritesOnlyWhatDiffers() {
        firstHarvestThenClear();

        HarvestRun english = harvest("--harvest.language=en");

        // every dataset fetched and mapped again (resource titles are generated texts): all of them differ
        assertThat(count(english, "updated")).isEqualTo(DATASETS);
        portal.clearRequests();
        world.udata().clearRequests();

        HarvestRun again = harvest("--harvest.language=en");

        assertThat(count(again, "unchanged")).isEqualTo(DATASETS);
        assertThat(world.udata().writeCount()).isZero();
        assertThat(odsRequests(DATASETS_PATH + " ?limit&offset&order_by&where")).isZero();

        HarvestRun license = harvest("--harvest.language=en", "--harvest.default-license=odc-odbl");

        // mapped again, but the source's licence is known: nothing differs, nothing is written
        assertThat(count(license, "unchanged")).isEqualTo(DATASETS);
        assertThat(world.udata().writeCount()).isZero();
        assertThat(odsRequests(DATASETS_PATH + " ?limit&offset&order_by&where")).isEqualTo(3);
    }

    @Test
    void aDatasetAPersonEditedInUdataIsFetchedAgainAndReconciled() {
        firstHarvestThenClear();
        JsonNode edited = world.byRemoteId(GeneratedOdsPortal.id(7));
        world.udata().editDataset(edited.path("id").asString(), d -> d.put("title", "Titre retouché à la main"));
        world.udata().clearRequests();

        HarvestRun second = harvest();

        assertThat(count(second, "updated")).isEqualTo(1);
        assertThat(world.udata().methodCount("PUT")).isEqualTo(1);
        assertThat(world.udataRequestsByKind()).containsEntry("GET dataset", 1);
        assertThat(odsRequests(DATASETS_PATH + " ?limit&offset&order_by&where")).isEqualTo(1);
        assertThat(portal.queries()).anyMatch(q -> q.contains("where=") && q.contains(GeneratedOdsPortal.id(7)));
        assertThat(world.byRemoteId(GeneratedOdsPortal.id(7)).path("title").asString())
                .doesNotContain("à la main");
    }

    @Test
    void aDatasetGoneFromTheListingIsArchivedAfterTheGracePeriodAsBefore() {
        firstHarvestThenClear();
        portal.delete(3);

        HarvestRun second = harvest("--harvest.full-every=30d");

        assertThat(count(second, "unchanged")).isEqualTo(DATASETS - 1);
        assertThat(HarvestHarness.listed(second.report(), "missing")).containsExactly(GeneratedOdsPortal.id(3));
        world.clock().advance(Duration.ofDays(8)); // past harvest.archive-after (7d), within harvest.full-every

        HarvestRun third = harvest("--harvest.full-every=30d");

        assertThat(third.output()).contains("Catalog read: listing");
        assertThat(count(third, "archived")).isEqualTo(1);
        assertThat(HarvestHarness.isArchived(world.byRemoteId(GeneratedOdsPortal.id(3)))).isTrue();
    }

    @Test
    void anExportThatRefusesSelectIsPagedAndItsUnchangedItemsAreNotMappedAgain() {
        portal.setExportRefusesSelect(true);
        firstHarvestThenClear();
        portal.retitle(4, "Un titre changé");

        HarvestRun second = harvest();

        assertThat(second.output()).contains("Catalog read: paging through the catalog, the portal has no listing");
        assertThat(count(second, "updated")).isEqualTo(1);
        assertThat(count(second, "unchanged")).isEqualTo(DATASETS - 1);
        assertThat(second.report().path("catalogRead").path("notMapped").asLong()).isEqualTo(DATASETS - 1);
        assertThat(world.udata().methodCount("PUT")).isEqualTo(1);
        assertThat(world.udataRequestsByKind()).containsEntry("GET dataset", 1);
    }

    @Test
    void aFullPassHappensByItselfOnceHarvestFullEveryHasPassed() {
        firstHarvestThenClear();
        world.clock().advance(Duration.ofDays(2));

        HarvestRun listed = harvest("--harvest.full-every=3d");

        assertThat(listed.output()).contains("Catalog read: listing");
        world.clock().advance(Duration.ofDays(1));
        portal.clearRequests();

        HarvestRun full = harvest("--harvest.full-every=3d");

        assertThat(full.output()).contains("Catalog read: full pass (the last one completed");
        assertThat(odsRequests(EXPORT)).isZero();
        assertThat(odsRequests(DATASETS_PATH + " ?limit&offset&order_by")).isEqualTo(3);
        assertThat(count(full, "unchanged")).isEqualTo(DATASETS);
        assertThat(full.report().path("catalogRead").path("notMapped").asLong()).isZero();

        HarvestRun next = harvest("--harvest.full-every=3d");

        assertThat(next.output()).contains("Catalog read: listing");
    }

    @Test
    void aRunThatFailedBetweenTheListingAndItsLastFetchResumesWithoutListingAgainNorWritingTwice() {
        firstHarvestThenClear();
        IntStream.range(0, DATASETS).forEach(portal::republish); // every dataset changed: 3 fetches of 100
        portal.retitle(0, "Premier titre changé");
        portal.delete(DATASETS - 1); // gone at the source: archived only after a complete read
        portal.failFrom(5); // the probe, the listing, two fetches, then the portal fails

        HarvestRun failed = world.harvest("--ods.url=" + portal.url(), "--ods.max-attempts=1",
                "--harvest.archive-after=0");

        assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
        assertThat(world.udata().methodCount("PUT")).as("the first chunk was written").isEqualTo(200);
        assertThat(HarvestHarness.isArchived(world.byRemoteId(GeneratedOdsPortal.id(DATASETS - 1)))).isFalse();
        portal.heal();
        portal.clearRequests();
        world.udata().clearRequests();

        HarvestRun resumed = harvest("--ods.max-attempts=1", "--harvest.archive-after=0");

        assertThat(odsRequests(EXPORT)).as("the listing is the run's: not asked again").isZero();
        assertThat(odsRequests(DATASETS_PATH + " ?limit&offset&order_by&where")).isEqualTo(1);
        assertThat(world.udata().methodCount("PUT")).as("only what the failed execution did not commit")
                .isEqualTo(DATASETS - 1 - 200 + 1); // + the archiving of the dataset gone
        assertThat(world.udata().methodCount("POST")).isZero();
        assertThat(count(resumed, "updated")).isEqualTo(DATASETS - 1);
        assertThat(count(resumed, "archived")).isEqualTo(1);
        assertThat(HarvestHarness.isArchived(world.byRemoteId(GeneratedOdsPortal.id(DATASETS - 1)))).isTrue();
        world.assertEachSourceDatasetOnce(DATASETS);
        assertThat(world.byRemoteId(GeneratedOdsPortal.id(0)).path("title").asString())
                .isEqualTo("Premier titre changé");
    }

    @Test
    void aLegacyPortalIsPagedAndItsUnchangedItemsAreNotMappedAgain() {
        world.serve(world.ods().generator().datasets(120)); // the WireMock stub, served through v1 only
        world.ods().serve(world.ods().generator().datasets(120), false);
        HarvestRun first = world.harvestCompletely();
        assertThat(count(first, "created")).isEqualTo(120);
        world.udata().clearRequests();

        HarvestRun second = world.harvestCompletely();

        assertThat(second.output()).contains("Catalog read: paging through the catalog, the portal has no listing"
                + " to compare (the v1 API has no catalog listing)");
        assertThat(count(second, "unchanged")).isEqualTo(120);
        assertThat(second.report().path("catalogRead").path("notMapped").asLong()).isEqualTo(120);
        assertThat(world.udata().writeCount()).isZero();
        assertThat(world.udataRequestsByKind()).doesNotContainKey("GET dataset");
    }

    @Test
    void anArchivedDatasetUnchangedAtTheSourceIsNeverSkippedButUnarchived() {
        firstHarvestThenClear();
        world.udata().archiveDataset(world.byRemoteId(GeneratedOdsPortal.id(9)).path("id").asString());

        HarvestRun second = harvest();

        assertThat(count(second, "unarchived")).isEqualTo(1);
        assertThat(count(second, "unchanged")).isEqualTo(DATASETS - 1);
        assertThat(HarvestHarness.isArchived(world.byRemoteId(GeneratedOdsPortal.id(9)))).isFalse();
    }
}
