package org.odsharvester.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odsharvester.support.CatalogGenerator;
import org.odsharvester.support.HarvestRun;
import org.odsharvester.support.OdsPortalStub;
import tools.jackson.databind.JsonNode;

/**
 * Archiving, end to end: datasets of this source no longer at the source are archived after a complete
 * run only (never after a failed, partial or trial run, nor when the catalog moved while it was read),
 * unarchived when they come back, and never when still at the source but rejected.
 */
class ArchiveEndToEndTest {

    @TempDir
    Path dataDir;

    private HarvestWorld world;
    private List<CatalogGenerator.Dataset> catalog;

    @BeforeEach
    void start() {
        world = new HarvestWorld(dataDir);
        catalog = world.ods.generator().datasets(40);
        world.serve(catalog);
    }

    /** A catalog of two ODS pages (the reader asks for 100 datasets at a time). */
    private void twoPageCatalog() {
        catalog = world.ods.generator().datasets(150);
        world.serve(catalog);
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private void firstHarvest(String... extra) {
        HarvestRun first = harvestArchivingAtOnce(extra);
        assertThat(first.exitCode()).as(first.output()).isZero();
        world.udata.clearRequests();
    }

    /** A harvest without grace period: a dataset missing from this complete read is archived by it. */
    private HarvestRun harvestArchivingAtOnce(String... extra) {
        List<String> options = new java.util.ArrayList<>(List.of(extra));
        options.add(0, "--harvest.archive-after=0");
        return world.harvest(options.toArray(String[]::new));
    }

    private List<String> archivedInUdata() {
        return world.harvested().entrySet().stream().filter(e -> HarvestWorld.isArchived(e.getValue()))
                .map(Map.Entry::getKey).toList();
    }

    private CatalogGenerator.Dataset removeFromCatalog(String id) {
        CatalogGenerator.Dataset gone = catalog.stream().filter(d -> d.id.equals(id)).findFirst().orElseThrow();
        catalog.remove(gone);
        return gone;
    }

    @Test
    void datasetGoneAtTheSourceIsArchivedAndUnarchivedWhenItComesBack() {
        firstHarvest();
        CatalogGenerator.Dataset comesBack = removeFromCatalog("dataset-00010");
        removeFromCatalog("dataset-00011");
        world.serve(catalog);

        HarvestRun second = harvestArchivingAtOnce();

        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(archivedInUdata()).containsExactly("dataset-00010", "dataset-00011");
        JsonNode report = second.report();
        assertThat(report.path("counts").path("archived").asLong()).isEqualTo(2);
        // listed in udata id order, which is the order udata created them in: concurrent, so either way
        assertThat(HarvestWorld.listed(report, "archived")).containsExactlyInAnyOrder("dataset-00010",
                "dataset-00011");
        report.path("archived").forEach(entry -> assertThat(entry.path("udataId").asString())
                .isEqualTo(world.harvested().get(entry.path("datasetId").asString()).path("id").asString()));
        assertThat(report.path("archive").asString()).isEqualTo("done");
        assertThat(world.udata.requestCount("PUT", "/")).isEqualTo(2); // the two archivals, nothing else

        catalog.add(10, comesBack);
        world.serve(catalog);
        world.udata.clearRequests();
        HarvestRun third = harvestArchivingAtOnce();

        assertThat(third.exitCode()).as(third.output()).isZero();
        assertThat(archivedInUdata()).containsExactly("dataset-00011");
        JsonNode back = world.harvested().get("dataset-00010");
        assertThat(back.path("archived").isNull()).isTrue();
        JsonNode counts = third.report().path("counts");
        assertThat(counts.path("unarchived").asLong()).isEqualTo(1);
        assertThat(counts.path("archived").asLong()).isZero(); // dataset-00011 is archived already
        assertThat(HarvestWorld.listed(third.report(), "unarchived")).containsExactly("dataset-00010");
        assertThat(world.udata.requestCount("PUT", "/")).isEqualTo(1);
        assertThat(world.udata.requestCount("POST", "/")).isZero();
    }

    @Test
    void reportCountsAndListsEveryOutcomeOfTheLifecycle() {
        firstHarvest();
        removeFromCatalog("dataset-00020");
        catalog.get(0).title = "Titre changé";
        CatalogGenerator.Dataset added = new CatalogGenerator.Dataset(900);
        catalog.add(added);
        world.serve(catalog);

        HarvestRun second = harvestArchivingAtOnce();

        JsonNode report = second.report();
        JsonNode counts = report.path("counts");
        assertThat(counts.path("created").asLong()).isEqualTo(1);
        assertThat(counts.path("updated").asLong()).isEqualTo(1);
        assertThat(counts.path("unchanged").asLong()).isEqualTo(38);
        assertThat(counts.path("archived").asLong()).isEqualTo(1);
        assertThat(counts.path("unarchived").asLong()).isZero();
        assertThat(HarvestWorld.listed(report, "created")).containsExactly(added.id);
        assertThat(HarvestWorld.listed(report, "updated")).containsExactly("dataset-00000");
        assertThat(HarvestWorld.listed(report, "unchanged")).hasSize(38);
        assertThat(HarvestWorld.listed(report, "archived")).containsExactly("dataset-00020");
        assertThat(report.path("unarchived").isArray()).isTrue();
        assertThat(second.output()).contains("1 created, 1 updated, 38 unchanged, 0 unarchived, 1 archived");
    }

    @Test
    void datasetsDroppedByAFilterChangeAreArchived() {
        catalog.get(7).inspire = true;
        world.serve(catalog);
        firstHarvest("--ods.inspire=true");
        assertThat(world.harvested()).containsKey("dataset-00007");

        HarvestRun second = harvestArchivingAtOnce(); // INSPIRE datasets filtered again

        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(archivedInUdata()).containsExactly("dataset-00007");
        JsonNode report = second.report();
        assertThat(HarvestWorld.listed(report, "filtered")).containsExactly("dataset-00007");
        assertThat(HarvestWorld.listed(report, "archived")).containsExactly("dataset-00007");
    }

    @Test
    void archiveMissingFalseArchivesNothing() {
        firstHarvest();
        removeFromCatalog("dataset-00010");
        world.serve(catalog);

        HarvestRun second = harvestArchivingAtOnce("--harvest.archive-missing=false");

        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(archivedInUdata()).isEmpty();
        assertThat(world.udata.writeCount()).isZero();
        assertThat(second.report().path("archive").asString()).startsWith("disabled");
    }

    @Test
    void trialRunWithMaxItemsArchivesNothing() {
        firstHarvest();

        HarvestRun trial = harvestArchivingAtOnce("--harvest.max-items=10");

        assertThat(trial.exitCode()).as(trial.output()).isZero();
        assertThat(archivedInUdata()).isEmpty();
        assertThat(world.udata.writeCount()).isZero();
        assertThat(trial.report().path("archive").asString()).startsWith("skipped").contains("harvest.max-items");
    }

    @Test
    void trialRunResumedWithoutMaxItemsStillArchivesNothing() {
        firstHarvest();
        catalog.forEach(d -> d.title = d.title + " (v2)");
        world.serve(catalog);
        world.ods.alsoServeV21PagesEvery(catalog, 10);
        // the first chunk of 10 commits (and with it the reader's limit), the second fails
        int[] puts = {0};
        world.udata.failWhen(r -> r.method().equals("PUT") && ++puts[0] > 12, 500, "{\"message\":\"down\"}");
        HarvestRun failed = harvestArchivingAtOnce("--harvest.chunk-size=10", "--harvest.max-items=25");
        assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);

        world.udata.clearFailures();
        // resumes the trial run without repeating its limit: it still stops after 25 datasets
        HarvestRun resumed = harvestArchivingAtOnce("--harvest.chunk-size=10");

        assertThat(resumed.exitCode()).as(resumed.output()).isZero();
        assertThat(resumed.report().path("run").asLong()).isEqualTo(2);
        assertThat(resumed.report().path("counts").path("updated").asLong()).isEqualTo(25);
        assertThat(archivedInUdata()).isEmpty();
        assertThat(resumed.report().path("archive").asString()).startsWith("skipped").contains("harvest.max-items");
    }

    @Test
    void failedRunArchivesNothingAndTheResumedRunArchivesWhenItCompletes() {
        firstHarvest();
        removeFromCatalog("dataset-00010");
        removeFromCatalog("dataset-00039");
        catalog.forEach(d -> d.title = d.title + " (v2)");
        world.serve(catalog);
        world.ods.alsoServeV21PagesEvery(catalog, 10);
        // udata fails for good after 20 updates: the harvest step fails half-way, in its third chunk
        int[] updates = {0};
        world.udata.failWhen(r -> r.method().equals("PUT") && r.body().contains("(v2)") && ++updates[0] > 20, 500,
                "{\"message\":\"Internal Server Error\"}");

        HarvestRun failed = harvestArchivingAtOnce("--harvest.chunk-size=10");

        assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
        assertThat(archivedInUdata()).isEmpty();
        assertThat(world.udata.requests()).noneMatch(r -> r.body().contains("\"archived\""));
        assertThat(failed.report().path("counts").path("archived").asLong()).isZero();
        assertThat(failed.report().path("archive").asString()).startsWith("not run");

        world.udata.clearFailures();
        HarvestRun resumed = harvestArchivingAtOnce("--harvest.chunk-size=10");

        assertThat(resumed.exitCode()).as(resumed.output()).isZero();
        assertThat(resumed.report().path("run").asLong()).isEqualTo(2);
        assertThat(archivedInUdata()).containsExactly("dataset-00010", "dataset-00039");
        assertThat(resumed.report().path("counts").path("archived").asLong()).isEqualTo(2);
        assertThat(resumed.report().path("counts").path("updated").asLong()).isEqualTo(38);
        assertThat(resumed.report().path("archive").asString()).isEqualTo("done");
    }

    @Test
    void catalogThatShrankWhileItWasReadArchivesNothing() {
        twoPageCatalog();
        firstHarvest();
        // the page at offset 100 is short while the portal still announces 150 datasets
        world.ods.server().stubFor(world.ods.v21Page(100, 100).atPriority(1)
                .willReturn(OdsPortalStub.json(world.ods.v21Body(catalog, 100, 20))));

        HarvestRun second = harvestArchivingAtOnce();

        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.report().path("counts").path("unchanged").asLong()).isEqualTo(120);
        assertThat(archivedInUdata()).isEmpty();
        assertThat(world.udata.writeCount()).isZero();
        assertThat(second.report().path("archive").asString()).startsWith("skipped")
                .contains("catalog changed while it was read");
        assertThat(second.output()).contains("catalog changed while it was read");
    }

    @Test
    void catalogWhoseTotalChangedBetweenPagesArchivesNothing() {
        twoPageCatalog();
        firstHarvest();
        // a dataset before offset 100 was deleted while the first page was being processed: everything after
        // it moved up by one, so dataset-00100 is on no page the harvester reads
        List<CatalogGenerator.Dataset> after = new java.util.ArrayList<>(catalog);
        after.remove(50);
        world.ods.server().stubFor(world.ods.v21Page(100, 100).atPriority(1)
                .willReturn(OdsPortalStub.json(world.ods.v21Body(after, 100, 100))));

        HarvestRun second = harvestArchivingAtOnce();

        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.report().path("counts").path("unchanged").asLong()).isEqualTo(149);
        assertThat(archivedInUdata()).isEmpty();
        assertThat(second.report().path("archive").asString()).startsWith("skipped")
                .contains("catalog changed while it was read");
    }

    @Test
    void datasetsRejectedInThisRunAreNotArchived() {
        firstHarvest();
        catalog.get(12).title = ""; // unusable at the source now: rejected before udata
        catalog.get(13).title = "Titre refusé par udata";
        catalog.get(14).renameTo("nouveau-nom").title = ""; // renamed and unusable: known by its uid only
        world.serve(catalog);
        world.udata.failWhen(r -> r.method().equals("PUT") && r.body().contains("Titre refusé"), 400,
                "{\"message\":\"Validation error\",\"errors\":{\"title\":[\"Titre interdit\"]}}");

        HarvestRun second = harvestArchivingAtOnce();

        assertThat(second.exitCode()).as(second.output()).isEqualTo(3);
        assertThat(HarvestWorld.listed(second.report(), "rejected")).containsExactlyInAnyOrder("dataset-00012",
                "dataset-00013", "nouveau-nom");
        assertThat(archivedInUdata()).isEmpty();
        assertThat(second.report().path("counts").path("archived").asLong()).isZero();
    }
}
