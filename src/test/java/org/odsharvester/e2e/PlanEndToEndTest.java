package org.odsharvester.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.odsharvester.support.HarvestHarness.listed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.odsharvester.support.CatalogGenerator;
import org.odsharvester.support.HarvestHarness;
import org.odsharvester.support.HarvestRun;
import org.odsharvester.support.OdsPortalStub;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * Plan mode ({@code harvest.plan}), end to end: it reads the portal and udata, sends udata nothing that writes
 * (POST, PUT, DELETE counted on the fake), and reports what a real run would do in the report format of a run,
 * marked as a plan; the real run that follows does exactly that, and is the run it would have been without the plan.
 */
@ExtendWith(OutputCaptureExtension.class)
class PlanEndToEndTest {

    @RegisterExtension
    final HarvestHarness world = new HarvestHarness().serving(40);

    private void firstHarvest() {
        HarvestRun first = world.harvest("--harvest.archive-after=0");
        assertThat(first.exitCode()).as(first.output()).isZero();
        world.udata().clearRequests();
    }

    private HarvestRun plan(String... extra) {
        List<String> options = new ArrayList<>(List.of(extra));
        options.add(0, "--harvest.plan=true");
        HarvestRun plan = world.harvest(options.toArray(String[]::new));
        assertThat(world.udata().writeCount()).as("writes during the plan").isZero();
        return plan;
    }

    /** The portal answers a catalog read with {@code refine=keyword:transport} without datasets 3, 8, 15 and 27. */
    private List<String> refineLeavesOutFour() {
        List<String> left = List.of("dataset-00003", "dataset-00008", "dataset-00015", "dataset-00027");
        List<CatalogGenerator.Dataset> kept = world.catalog().stream().filter(d -> !left.contains(d.id)).toList();
        world.ods().server().stubFor(get(urlPathEqualTo(OdsPortalStub.V21_PATH))
                .withQueryParam("refine", matching("keyword:transport")).atPriority(1)
                .willReturn(OdsPortalStub.json(world.ods().v21Body(kept, 0, 100))));
        return left;
    }

    private static Map<String, String> reasons(JsonNode report, String outcome) {
        Map<String, String> reasons = new HashMap<>();
        report.path(outcome).forEach(e -> reasons.put(e.path("datasetId").asString(), e.path("reason").asString()));
        return reasons;
    }

    @Test
    void aFilterChangePreviewedListsExactlyWhatTheRunThenArchives() throws Exception {
        firstHarvest();
        List<String> filteredOut = refineLeavesOutFour();

        HarvestRun plan = plan("--ods.refine.keyword=transport", "--harvest.archive-after=0");

        assertThat(plan.exitCode()).as(plan.output()).isZero();
        JsonNode planned = plan.report();
        assertThat(planned.path("plan").asBoolean()).isTrue();
        assertThat(plan.reportPath().getFileName().toString()).startsWith("plan-");
        assertThat(listed(planned, "archived")).containsExactlyInAnyOrderElementsOf(filteredOut);
        assertThat(reasons(planned, "archived").values()).allSatisfy(reason -> assertThat(reason)
                .startsWith("would archive: no longer in the catalog of 127.0.0.1 read with ods.refine.keyword="
                        + "transport"));
        assertThat(listed(planned, "unchanged")).hasSize(36);
        assertThat(plan.output()).contains("This was a plan: nothing was written to udata")
                .contains("Plan (nothing written) of a harvest of ").contains("4 archived");
        Path html = plan.reportPath().resolveSibling(plan.reportPath().getFileName().toString()
                .replaceAll("\\.json$", ".html"));
        assertThat(Files.readString(html)).contains("Plan (nothing written) of a harvest of 127.0.0.1")
                .contains("nothing written to udata; each row says what a run would do");
        assertThat(world.harvested().values()).noneMatch(HarvestHarness::isArchived);

        HarvestRun real = world.harvest("--ods.refine.keyword=transport", "--harvest.archive-after=0");

        assertThat(real.exitCode()).as(real.output()).isZero();
        assertThat(listed(real.report(), "archived")).containsExactlyInAnyOrderElementsOf(listed(planned, "archived"));
        assertThat(world.harvested().entrySet().stream().filter(e -> HarvestHarness.isArchived(e.getValue()))
                .map(Map.Entry::getKey)).containsExactlyInAnyOrderElementsOf(filteredOut);
    }

    @Test
    void aPlanThatTheMassArchiveGuardWouldHoldSaysSoAndEndsWithExit0() {
        firstHarvest();
        // the portal knows no dataset with the keyword "trasnport"
        world.ods().server().stubFor(get(urlPathEqualTo(OdsPortalStub.V21_PATH))
                .withQueryParam("refine", matching("keyword:trasnport")).atPriority(1)
                .willReturn(OdsPortalStub.json(world.ods().v21Body(List.of(), 0, 100))));

        HarvestRun plan = plan("--ods.refine.keyword=trasnport", "--harvest.archive-after=0");

        assertThat(plan.exitCode()).as(plan.output()).isZero();
        assertThat(plan.report().path("failure").asString())
                .startsWith("A real run would archive nothing and end with exit 6: ")
                .contains("would archive 40 of the 40 datasets");
        assertThat(plan.report().path("counts").path("missing").asLong()).isEqualTo(40);
        assertThat(plan.report().path("counts").path("archived").asLong()).isZero();
    }

    @Test
    void theRunAfterAPlanIsTheRunItWouldHaveBeen() {
        HarvestRun first = world.harvest();
        assertThat(first.exitCode()).as(first.output()).isZero();
        world.udata().clearRequests();
        world.catalog().get(0).title = "Titre changé";
        CatalogGenerator.Dataset gone = world.catalog().remove(10);
        world.serve(world.catalog());

        // day zero: the plan sees dataset 10 missing, kept for the 7 days of the grace period
        HarvestRun plan = plan();
        assertThat(plan.exitCode()).as(plan.output()).isZero();
        assertThat(reasons(plan.report(), "missing").get(gone.id)).contains("missing since "
                + HarvestHarness.DAY_ZERO);
        assertThat(plan.report().path("run").asLong()).isEqualTo(1); // the plan's own numbering

        // three days later the first real run notices the absence: its grace period starts then, not at the plan
        world.clock().advance(Duration.ofDays(3));
        HarvestRun second = world.harvest();

        assertThat(second.exitCode()).as(second.output()).isZero();
        JsonNode report = second.report();
        assertThat(report.path("plan").isMissingNode()).isTrue();
        assertThat(report.path("run").asLong()).isEqualTo(2);
        assertThat(report.path("counts").path("updated").asLong()).isEqualTo(1);
        assertThat(report.path("counts").path("unchanged").asLong()).isEqualTo(38);
        assertThat(report.path("counts").path("created").asLong()).isZero();
        assertThat(reasons(report, "missing").get(gone.id)).contains("missing since "
                + HarvestHarness.DAY_ZERO.plus(Duration.ofDays(3)));
        assertThat(world.udata().requestCount("PUT", "/")).isEqualTo(1);
        assertThat(world.harvested().get("dataset-00000").path("title").asString()).isEqualTo("Titre changé");
    }

    @Test
    void aPlanThatFailedIsNotResumedByTheNextRun() {
        firstHarvest();
        world.udata().failWhen(r -> r.method().equals("GET") && r.path().startsWith("/api/1/datasets"), 500,
                "{\"message\":\"down\"}");
        HarvestRun failed = plan();
        assertThat(failed.exitCode()).as(failed.output()).isNotIn(0, 3);
        world.udata().clearFailures();

        HarvestRun next = world.harvest();

        assertThat(next.exitCode()).as(next.output()).isZero();
        assertThat(next.output()).doesNotContain("Resuming");
        assertThat(next.report().path("run").asLong()).isEqualTo(2);
        assertThat(next.report().path("counts").path("unchanged").asLong()).isEqualTo(40);
    }

    @Test
    void aPlanOnAnEmptyUdataListsCreatesAndAChangedDatasetItsChangedFields() {
        HarvestRun fresh = plan();

        assertThat(fresh.exitCode()).as(fresh.output()).isZero();
        assertThat(listed(fresh.report(), "created")).hasSize(40);
        // the organization has no contact point yet: each dataset names the one a run would create for its publisher
        assertThat(reasons(fresh.report(), "created").values())
                .containsOnly("would create; would create the contact points Ville de Test (publisher)");
        assertThat(world.udata().requestCount("POST", "/api/1/contacts/")).isZero();
        assertThat(world.harvested()).isEmpty();

        firstHarvest();
        world.catalog().get(4).title = "Un autre titre";
        world.catalog().get(5).keywords = new ArrayList<>(List.of("Transport", "Bus"));
        world.serve(world.catalog());

        HarvestRun changed = plan();

        assertThat(changed.exitCode()).as(changed.output()).isZero();
        assertThat(reasons(changed.report(), "updated")).containsOnly(
                Map.entry("dataset-00004", "would update: title"),
                Map.entry("dataset-00005", "would update: tags"));
        assertThat(world.byRemoteId("dataset-00004").path("title").asString()).isNotEqualTo("Un autre titre");
    }

    @Test
    void aDatasetThatWouldBeRejectedEndsThePlanWithExit3() {
        firstHarvest();
        world.catalog().get(6).title = " ";
        world.serve(world.catalog());

        HarvestRun plan = plan();

        assertThat(plan.exitCode()).as(plan.output()).isEqualTo(3);
        assertThat(HarvestHarness.rejections(plan.report())).containsOnly(
                Map.entry("dataset-00006", "dataset has no title"));
    }

    @Test
    void planAndDryRunTogetherAreRefused() {
        HarvestRun both = world.harvest("--harvest.plan=true", "--harvest.dry-run=true");

        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.output()).contains("harvest.plan and harvest.dry-run cannot be used together");
        world.assertNoRequestReachedEitherSystem();
    }
}
