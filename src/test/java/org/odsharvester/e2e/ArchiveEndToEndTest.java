package org.odsharvester.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.odsharvester.support.HarvestHarness.isArchived;
import static org.odsharvester.support.HarvestHarness.listed;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.odsharvester.support.CatalogGenerator;
import org.odsharvester.support.HarvestHarness;
import org.odsharvester.support.HarvestRun;
import org.odsharvester.support.OdsPortalStub;
import org.odsharvester.udata.FakeUdata;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * Archiving, end to end: datasets of this source no longer at the source are archived after a complete
 * run only (never after a failed, partial or trial run, nor when the catalog moved while it was read),
 * unarchived when they come back, and never when still at the source but rejected. They are archived only
 * once missing from every complete read for {@code harvest.archive-after} (days pass on the test's clock; the
 * tests of the other rules archive at once), and a run that would archive a large share of the source at once
 * (an empty world.catalog(), a filter typo, a filter turned back on) archives nothing and ends with exit 6 until one run
 * is confirmed with the count it would archive.
 */
@ExtendWith(OutputCaptureExtension.class)
class ArchiveEndToEndTest {

    private static final String DAY_ZERO = HarvestHarness.DAY_ZERO.toString();

    @RegisterExtension
    final HarvestHarness world = new HarvestHarness().serving(40);

    /** A catalog of two ODS pages (the reader asks for 100 datasets at a time). */
    private void twoPageCatalog() {
        world.serveANewCatalog(150);
    }

    private void firstHarvest(String... extra) {
        HarvestRun first = harvestArchivingAtOnce(extra);
        assertThat(first.exitCode()).as(first.output()).isZero();
        world.udata().clearRequests();
    }

    /** A harvest without grace period: a dataset missing from this complete read is archived by it. */
    private HarvestRun harvestArchivingAtOnce(String... extra) {
        List<String> options = new java.util.ArrayList<>(List.of(extra));
        options.add(0, "--harvest.archive-after=0");
        return world.harvest(options.toArray(String[]::new));
    }

    private List<String> archivedInUdata() {
        return world.harvested().entrySet().stream().filter(e -> isArchived(e.getValue()))
                .map(Map.Entry::getKey).toList();
    }

    /** After a first harvest, dataset-00010 left the catalog, as a complete run on day zero noticed. */
    private void dataset10MissingSinceDayZero() {
        firstHarvest();
        removeFromCatalog("dataset-00010");
        assertThat(world.harvest().exitCode()).isZero();
    }

    /** Removes the dataset from the catalog, which is served again without it. */
    private CatalogGenerator.Dataset removeFromCatalog(String id) {
        CatalogGenerator.Dataset gone = world.catalog().stream().filter(d -> d.id.equals(id)).findFirst().orElseThrow();
        world.catalog().remove(gone);
        world.serve(world.catalog());
        return gone;
    }

    @Test
    void datasetGoneAtTheSourceIsArchivedAndUnarchivedWhenItComesBack() {
        firstHarvest();
        CatalogGenerator.Dataset comesBack = removeFromCatalog("dataset-00010");
        removeFromCatalog("dataset-00011");

        HarvestRun second = harvestArchivingAtOnce();

        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(archivedInUdata()).containsExactly("dataset-00010", "dataset-00011");
        JsonNode report = second.report();
        assertThat(report.path("counts").path("archived").asLong()).isEqualTo(2);
        // listed in udata id order, which is the order udata created them in: concurrent, so either way
        assertThat(listed(report, "archived")).containsExactlyInAnyOrder("dataset-00010",
                "dataset-00011");
        report.path("archived").forEach(entry -> assertThat(entry.path("udataId").asString())
                .isEqualTo(world.harvested().get(entry.path("datasetId").asString()).path("id").asString()));
        assertThat(report.path("archive").asString()).isEqualTo("done");
        assertThat(world.udata().requestCount("PUT", "/")).isEqualTo(2); // the two archivals, nothing else

        world.catalog().add(10, comesBack);
        world.serve(world.catalog());
        world.udata().clearRequests();
        HarvestRun third = harvestArchivingAtOnce();

        assertThat(third.exitCode()).as(third.output()).isZero();
        assertThat(archivedInUdata()).containsExactly("dataset-00011");
        JsonNode back = world.harvested().get("dataset-00010");
        assertThat(back.path("archived").isNull()).isTrue();
        JsonNode counts = third.report().path("counts");
        assertThat(counts.path("unarchived").asLong()).isEqualTo(1);
        assertThat(counts.path("archived").asLong()).isZero(); // dataset-00011 is archived already
        assertThat(listed(third.report(), "unarchived")).containsExactly("dataset-00010");
        assertThat(world.udata().requestCount("PUT", "/")).isEqualTo(1);
        assertThat(world.udata().requestCount("POST", "/")).isZero();
    }

    @Test
    void reportCountsAndListsEveryOutcomeOfTheLifecycle() {
        firstHarvest();
        removeFromCatalog("dataset-00020");
        world.catalog().get(0).title = "Titre changé";
        CatalogGenerator.Dataset added = new CatalogGenerator.Dataset(900);
        world.catalog().add(added);
        world.serve(world.catalog());

        HarvestRun second = harvestArchivingAtOnce();

        assertThat(second.exitCode()).as(second.output()).isZero();
        JsonNode report = second.report();
        JsonNode counts = report.path("counts");
        assertThat(counts.path("created").asLong()).isEqualTo(1);
        assertThat(counts.path("updated").asLong()).isEqualTo(1);
        assertThat(counts.path("unchanged").asLong()).isEqualTo(38);
        assertThat(counts.path("archived").asLong()).isEqualTo(1);
        assertThat(counts.path("unarchived").asLong()).isZero();
        assertThat(listed(report, "created")).containsExactly(added.id);
        assertThat(listed(report, "updated")).containsExactly("dataset-00000");
        assertThat(listed(report, "unchanged")).hasSize(38);
        assertThat(listed(report, "archived")).containsExactly("dataset-00020");
        assertThat(report.path("unarchived").isArray()).isTrue();
        assertThat(second.output()).contains("1 created, 1 updated, 38 unchanged, 0 unarchived, 1 archived");
    }

    @Test
    void datasetsDroppedByAFilterChangeAreArchived() {
        world.catalog().get(7).inspire = true;
        world.serve(world.catalog());
        firstHarvest("--ods.inspire=true");
        assertThat(world.harvested()).containsKey("dataset-00007");

        HarvestRun second = harvestArchivingAtOnce(); // INSPIRE datasets filtered again

        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(archivedInUdata()).containsExactly("dataset-00007");
        JsonNode report = second.report();
        assertThat(listed(report, "filtered")).containsExactly("dataset-00007");
        assertThat(listed(report, "archived")).containsExactly("dataset-00007");
    }

    @Test
    void archiveMissingFalseArchivesNothing() {
        firstHarvest();
        removeFromCatalog("dataset-00010");

        HarvestRun second = harvestArchivingAtOnce("--harvest.archive-missing=false");

        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(archivedInUdata()).isEmpty();
        assertThat(world.udata().writeCount()).isZero();
        assertThat(second.report().path("archive").asString()).startsWith("disabled");
    }

    @Test
    void trialRunWithMaxItemsArchivesNothing() {
        firstHarvest();

        HarvestRun trial = harvestArchivingAtOnce("--harvest.max-items=10");

        assertThat(trial.exitCode()).as(trial.output()).isZero();
        assertThat(archivedInUdata()).isEmpty();
        assertThat(world.udata().writeCount()).isZero();
        assertThat(trial.report().path("archive").asString()).startsWith("skipped").contains("harvest.max-items");
    }

    @Test
    void trialRunResumedWithoutMaxItemsStillArchivesNothing() {
        firstHarvest();
        world.catalog().forEach(d -> d.title = d.title + " (v2)");
        world.serve(world.catalog());
        world.ods().alsoServeV21PagesEvery(world.catalog(), 10);
        // the first chunk of 10 commits (and with it the reader's limit), the second fails
        int[] puts = {0};
        world.udata().failWhen(r -> r.method().equals("PUT") && ++puts[0] > 12, 500, "{\"message\":\"down\"}");
        HarvestRun failed = harvestArchivingAtOnce("--harvest.chunk-size=10", "--harvest.max-items=25");
        assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);

        world.udata().clearFailures();
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
        world.catalog().forEach(d -> d.title = d.title + " (v2)");
        world.serve(world.catalog());
        world.ods().alsoServeV21PagesEvery(world.catalog(), 10);
        // udata fails for good after 20 updates: the harvest step fails half-way, in its third chunk
        int[] updates = {0};
        world.udata().failWhen(r -> r.method().equals("PUT") && r.body().contains("(v2)") && ++updates[0] > 20, 500,
                "{\"message\":\"Internal Server Error\"}");

        HarvestRun failed = harvestArchivingAtOnce("--harvest.chunk-size=10");

        assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
        assertThat(archivedInUdata()).isEmpty();
        assertThat(world.udata().requests()).noneMatch(r -> r.body().contains("\"archived\""));
        assertThat(failed.report().path("counts").path("archived").asLong()).isZero();
        assertThat(failed.report().path("archive").asString()).startsWith("not run");

        world.udata().clearFailures();
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
        world.ods().pageAnswers(100, world.ods().v21Body(world.catalog(), 100, 20));

        HarvestRun second = harvestArchivingAtOnce();

        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.report().path("counts").path("unchanged").asLong()).isEqualTo(120);
        assertThat(archivedInUdata()).isEmpty();
        assertThat(world.udata().writeCount()).isZero();
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
        List<CatalogGenerator.Dataset> after = new java.util.ArrayList<>(world.catalog());
        after.remove(50);
        world.ods().pageAnswers(100, world.ods().v21Body(after, 100, 100));

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
        world.catalog().get(12).title = ""; // unusable at the source now: rejected before udata
        world.catalog().get(13).title = "Titre refusé par udata";
        world.catalog().get(14).renameTo("nouveau-nom").title = ""; // renamed and unusable: known by its uid only
        world.serve(world.catalog());
        world.udata().failWhen(r -> r.method().equals("PUT") && r.body().contains("Titre refusé"), 400,
                "{\"message\":\"Validation error\",\"errors\":{\"title\":[\"Titre interdit\"]}}");

        HarvestRun second = harvestArchivingAtOnce();

        assertThat(second.exitCode()).as(second.output()).isEqualTo(3);
        assertThat(listed(second.report(), "rejected")).containsExactlyInAnyOrder("dataset-00012",
                "dataset-00013", "nouveau-nom");
        assertThat(archivedInUdata()).isEmpty();
        assertThat(second.report().path("counts").path("archived").asLong()).isZero();
    }

    // The grace period and the mass-archive guard (harvest.archive-after, harvest.confirm-archive)

    private static boolean isArchivePut(FakeUdata.Request r) {
        return r.method().equals("PUT") && r.body().contains("\"archived\":\"");
    }

    private static List<String> reasons(JsonNode report, String outcome) {
        List<String> reasons = new java.util.ArrayList<>();
        report.path(outcome).forEach(entry -> reasons.add(entry.path("reason").asString()));
        return reasons;
    }

    @Test
    void aDatasetMissingForLessThanTheGracePeriodIsNotArchivedAndComesBackWithoutAnyWrite() {
        firstHarvest();
        CatalogGenerator.Dataset comesBack = removeFromCatalog("dataset-00010");

        HarvestRun missing = world.harvest();

        assertThat(missing.exitCode()).as(missing.output()).isZero();
        assertThat(world.udata().writeCount()).isZero();
        assertThat(archivedInUdata()).isEmpty();
        JsonNode report = missing.report();
        assertThat(report.path("counts").path("missing").asLong()).isEqualTo(1);
        assertThat(listed(report, "missing")).containsExactly("dataset-00010");
        assertThat(reasons(report, "missing")).containsExactly("no longer in the catalog of 127.0.0.1; missing since "
                + DAY_ZERO + ", archived from 2026-12-08T08:00:00Z (harvest.archive-after=7d) unless it comes back");
        assertThat(missing.output()).contains("0 archived, 1 missing");

        world.clock().advance(Duration.ofDays(6));
        world.catalog().add(10, comesBack);
        world.serve(world.catalog());
        HarvestRun back = world.harvest();

        assertThat(back.exitCode()).as(back.output()).isZero();
        assertThat(world.udata().writeCount()).isZero();
        JsonNode counts = back.report().path("counts");
        assertThat(counts.path("unchanged").asLong()).isEqualTo(40);
        assertThat(counts.path("missing").asLong()).isZero();
        assertThat(counts.path("unarchived").asLong()).isZero();
    }

    @Test
    void aDatasetMissingFromEveryCompleteReadForTheGracePeriodIsArchivedAndTheReportSaysSinceWhen() {
        dataset10MissingSinceDayZero();
        world.clock().advance(Duration.ofDays(3));
        assertThat(world.harvest().exitCode()).isZero();
        assertThat(archivedInUdata()).isEmpty();
        world.clock().advance(Duration.ofDays(4));

        HarvestRun due = world.harvest();

        assertThat(due.exitCode()).as(due.output()).isZero();
        assertThat(archivedInUdata()).containsExactly("dataset-00010");
        assertThat(world.udata().requests()).filteredOn(ArchiveEndToEndTest::isArchivePut).hasSize(1);
        JsonNode report = due.report();
        assertThat(listed(report, "archived")).containsExactly("dataset-00010");
        assertThat(reasons(report, "archived"))
                .containsExactly("no longer in the catalog of 127.0.0.1; missing since " + DAY_ZERO);
        assertThat(report.path("counts").path("missing").asLong()).isZero();
    }

    @Test
    void aLostJobRepositoryStartsTheGracePeriodAgainFromTheFirstCompleteRunThatNoticesTheAbsence() {
        dataset10MissingSinceDayZero();
        world.clock().advance(Duration.ofDays(5));
        world.deleteDataDir();
        world.clock().advance(Duration.ofDays(3));

        HarvestRun afterLoss = world.harvest();

        assertThat(afterLoss.exitCode()).as(afterLoss.output()).isZero();
        assertThat(archivedInUdata()).isEmpty();
        assertThat(reasons(afterLoss.report(), "missing")).singleElement().asString()
                .contains("missing since 2026-12-09T08:00:00Z");
    }

    @Test
    void anEmptyCatalogArchivesNothingWithoutTheConfirmationAndEverythingWithIt() {
        firstHarvest();
        world.serve(List.of());

        HarvestRun held = world.harvest("--harvest.archive-after=0");

        assertThat(held.exitCode()).as(held.output()).isEqualTo(6);
        assertThat(world.udata().writeCount()).isZero();
        String sentence = "Nothing was archived: this run would archive 40 of the 40 datasets harvested from"
                + " 127.0.0.1, and the catalog read was empty";
        assertThat(held.output()).contains(sentence).contains("relaunch once with --harvest.confirm-archive=40.");
        JsonNode report = held.report();
        assertThat(report.path("exitCode").asInt()).isEqualTo(6);
        assertThat(report.path("archive").asString()).startsWith("held: " + sentence);
        assertThat(report.path("counts").path("missing").asLong()).isEqualTo(40);
        assertThat(report.path("counts").path("archived").asLong()).isZero();

        // a confirmation of another count, left over from another day, does not do
        HarvestRun stale = world.harvest("--harvest.archive-after=0", "--harvest.confirm-archive=39");
        assertThat(stale.exitCode()).as(stale.output()).isEqualTo(6);
        assertThat(stale.output()).contains("(harvest.confirm-archive=39 confirms 39, not 40)");
        assertThat(world.udata().writeCount()).isZero();

        HarvestRun confirmed = world.harvest("--harvest.archive-after=0", "--harvest.confirm-archive=40");

        assertThat(confirmed.exitCode()).as(confirmed.output()).isZero();
        assertThat(archivedInUdata()).hasSize(40);
        assertThat(confirmed.report().path("counts").path("archived").asLong()).isEqualTo(40);
        assertThat(confirmed.report().path("archive").asString()).isEqualTo("done");
    }

    @Test
    void aFilterTypoIsStoppedByTheGuard() {
        firstHarvest();
        // the portal knows no dataset with the keyword "trasnport"
        world.ods().server().stubFor(get(urlPathEqualTo(OdsPortalStub.V21_PATH))
                .withQueryParam("refine", matching("keyword:trasnport")).atPriority(1)
                .willReturn(OdsPortalStub.json(world.ods().v21Body(List.of(), 0, 100))));

        HarvestRun typo = world.harvest("--ods.refine.keyword=trasnport", "--harvest.archive-after=0");

        assertThat(typo.exitCode()).as(typo.output()).isEqualTo(6);
        assertThat(world.udata().writeCount()).isZero();
        assertThat(archivedInUdata()).isEmpty();
        assertThat(typo.output()).contains("would archive 40 of the 40 datasets")
                .contains("--harvest.confirm-archive=40");
        assertThat(reasons(typo.report(), "missing")).hasSize(40).allSatisfy(reason -> assertThat(reason)
                .startsWith("no longer in the catalog of 127.0.0.1 read with ods.refine.keyword=trasnport;"));
    }

    @Test
    void turningTheInspireFilterBackOnForManyDatasetsIsStoppedByTheGuard() {
        world.catalog().subList(0, 15).forEach(d -> d.inspire = true);
        world.serve(world.catalog());
        firstHarvest("--ods.inspire=true");

        HarvestRun filtered = world.harvest("--harvest.archive-after=0"); // INSPIRE datasets filtered out again

        assertThat(filtered.exitCode()).as(filtered.output()).isEqualTo(6);
        assertThat(world.udata().writeCount()).isZero();
        assertThat(filtered.output()).contains("would archive 15 of the 40 datasets harvested from 127.0.0.1, and"
                + " that is more than 20 % of them and more than 10");
        assertThat(reasons(filtered.report(), "missing")).hasSize(15)
                .allSatisfy(reason -> assertThat(reason).startsWith("filtered out by this run: INSPIRE metadata"));
    }

    @Test
    void anArchiveStepThatFailedInTheMiddleArchivesEachDatasetOnceWhenTheSameCommandIsRelaunched() {
        twoPageCatalog();
        firstHarvest();
        List<CatalogGenerator.Dataset> kept = new java.util.ArrayList<>(world.catalog().subList(0, 30));
        world.serve(kept);
        // udata goes down in the archive step's second batch of 100
        int[] archives = {0};
        world.udata().failWhen(r -> isArchivePut(r) && ++archives[0] > 110, 500, "{\"message\":\"down\"}");
        String[] command = {"--harvest.archive-after=0", "--harvest.confirm-archive=120"};

        HarvestRun failed = world.harvest(command);

        assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
        List<String> archivedBefore = archivedInUdata();
        assertThat(archivedBefore).hasSize(110);
        world.udata().clearFailures();
        world.udata().clearRequests();

        HarvestRun resumed = world.harvest(command);

        assertThat(resumed.exitCode()).as(resumed.output()).isZero();
        assertThat(resumed.report().path("run").asLong()).isEqualTo(failed.report().path("run").asLong());
        assertThat(archivedInUdata()).hasSize(120);
        List<FakeUdata.Request> archivePuts = world.udata().requests().stream()
                .filter(ArchiveEndToEndTest::isArchivePut).toList();
        assertThat(archivePuts).hasSize(10);
        Map<String, JsonNode> harvested = world.harvested();
        assertThat(archivePuts).noneMatch(r -> archivedBefore.stream()
                .anyMatch(id -> r.path().contains(harvested.get(id).path("id").asString())));
        assertThat(resumed.report().path("counts").path("archived").asLong()).isEqualTo(120);
        assertThat(reasons(resumed.report(), "archived")).hasSize(120)
                .allSatisfy(reason -> assertThat(reason).contains("missing since " + DAY_ZERO));
    }
}
