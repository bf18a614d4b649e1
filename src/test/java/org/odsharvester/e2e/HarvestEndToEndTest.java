package org.odsharvester.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.odsharvester.support.HarvestHarness.resourceIdsByKey;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.odsharvester.support.CatalogGenerator;
import org.odsharvester.support.HarvestHarness;
import org.odsharvester.support.HarvestRun;
import org.odsharvester.support.OdsPortalStub;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole job, through the real entry point, against an ODS portal stub and a stateful udata fake
 * on loopback: first harvest, re-harvest after changes, INSPIRE on and off, both API versions, a dry
 * run, and a run that fails half-way then resumes. (A dataset udata refuses: FaultInjectionEndToEndTest.)
 */
@ExtendWith(OutputCaptureExtension.class)
class HarvestEndToEndTest {

    @RegisterExtension
    final HarvestHarness world = new HarvestHarness().serving(250);

    private List<CatalogGenerator.Dataset> catalog;

    @BeforeEach
    void oneWithInspireMetadataAndOneWithoutData() {
        catalog = world.catalog();
        catalog.get(7).inspire = true;
        catalog.get(8).hasRecords = false; // no records, no attachment: filtered as "no data"
        catalog.get(8).attachments.clear();
    }

    private HarvestRun harvest(String... extra) {
        return world.harvest(extra);
    }

    private List<?> catalogPagesAskedAt(int offset) {
        return world.ods().server().findAll(getRequestedFor(urlPathMatching(".*/catalog/datasets"))
                .withQueryParam("offset", equalTo(String.valueOf(offset))));
    }

    @Test
    void firstHarvestCreatesEveryEligibleDatasetWithItsResourcesAndExtras() {
        world.serve(catalog);

        HarvestRun run = harvest();

        assertThat(run.exitCode()).as(run.output()).isZero();
        Map<String, JsonNode> datasets = world.harvested();
        assertThat(datasets).hasSize(248).doesNotContainKeys("dataset-00007", "dataset-00008");

        JsonNode geoWithAttachment = datasets.get("dataset-00000");
        assertThat(geoWithAttachment.path("title").asString()).isEqualTo("Jeu de données 0");
        assertThat(geoWithAttachment.path("organization").toString()).contains(world.udata().organization());
        assertThat(geoWithAttachment.path("license").asString()).isEqualTo("fr-lo");
        assertThat(geoWithAttachment.path("description").asString()).contains("**test**");
        JsonNode extras = geoWithAttachment.path("extras");
        assertThat(extras.path("harvest:remote_id").asString()).isEqualTo("dataset-00000");
        assertThat(extras.path("harvest:domain").asString()).isEqualTo("127.0.0.1");
        assertThat(extras.path("ods:dataset_uid").asString()).isEqualTo(catalog.get(0).uid);
        assertThat(extras.path("ods:url").asString()).isEqualTo(world.ods().url() + "/explore/dataset/dataset-00000/");
        assertThat(extras.path("ods:geo").asBoolean()).isTrue();
        List<String> keys = new ArrayList<>();
        geoWithAttachment.path("resources").forEach(r -> keys.add(r.path("extras").path("ods:resource_key").asString()));
        assertThat(keys).containsExactly("export:csv", "export:json", "export:geojson", "export:shp",
                "attachment:notice_pdf");
        assertThat(geoWithAttachment.path("resources").get(0).path("url").asString())
                .isEqualTo(world.ods().url() + "/api/explore/v2.1/catalog/datasets/dataset-00000/exports/csv");
        assertThat(geoWithAttachment.path("resources").get(4).path("url").asString())
                .isEqualTo(world.ods().url() + "/api/v2/catalog/datasets/dataset-00000/attachments/notice_pdf");

        JsonNode plain = datasets.get("dataset-00001");
        assertThat(resourceIdsByKey(plain)).containsOnlyKeys("export:csv", "export:json");
        assertThat(plain.path("tags").toString()).contains("transport", "velo", "mobilite", "transports");

        JsonNode report = run.report();
        assertThat(report.path("counts").path("read").asLong()).isEqualTo(250);
        assertThat(report.path("counts").path("created").asLong()).isEqualTo(248);
        assertThat(report.path("counts").path("filtered").asLong()).isEqualTo(2);
        assertThat(report.path("apiVersion").asString()).isEqualTo("v2.1");
        assertThat(report.path("filtered").toString()).contains("dataset-00007", "INSPIRE", "dataset-00008");
        assertThat(run.output()).contains("Report: " + world.dataDir().resolve("reports"));
        assertThat(metric(report, "ods.harvester.datasets", "created")).isEqualTo(248);
        assertThat(metric(report, "ods.harvester.datasets", "filtered")).isEqualTo(2);
        assertThat(report.path("metrics").toString()).contains("spring.batch.job", "spring.batch.item.read");
    }

    /** The count of a meter in the report's metrics snapshot, selected by its outcome tag. */
    private static double metric(JsonNode report, String name, String outcome) {
        for (JsonNode meter : report.path("metrics")) {
            if (meter.path("name").asString().equals(name) && meter.path("outcome").asString().equals(outcome)) {
                return meter.path("count").asDouble();
            }
        }
        throw new AssertionError("no meter " + name + "{outcome=" + outcome + "} in " + report.path("metrics"));
    }

    @Test
    void secondHarvestUpdatesInPlaceKeepingDatasetAndResourceIds() {
        world.serve(catalog);
        assertThat(harvest().exitCode()).isZero();
        Map<String, JsonNode> before = world.harvested();

        catalog.get(1).title = "Nouveau titre";
        catalog.get(5).attachments.clear();
        world.serve(catalog);
        world.udata().clearRequests();
        HarvestRun second = harvest();

        assertThat(second.exitCode()).as(second.output()).isZero();
        Map<String, JsonNode> after = world.harvested();
        assertThat(after).hasSize(248);
        assertThat(world.udata().requestCount("POST", "/api/1/datasets/")).isZero();
        assertThat(world.udata().requestCount("PUT", "/api/1/datasets/")).isEqualTo(2);
        for (String id : before.keySet()) {
            assertThat(after.get(id).path("id").asString()).isEqualTo(before.get(id).path("id").asString());
        }
        assertThat(after.get("dataset-00001").path("title").asString()).isEqualTo("Nouveau titre");
        assertThat(resourceIdsByKey(after.get("dataset-00001"))).isEqualTo(resourceIdsByKey(before.get("dataset-00001")));
        Map<String, String> fiveBefore = resourceIdsByKey(before.get("dataset-00005"));
        fiveBefore.remove("attachment:notice_pdf");
        assertThat(resourceIdsByKey(after.get("dataset-00005"))).isEqualTo(fiveBefore);
        JsonNode counts = second.report().path("counts");
        assertThat(counts.path("updated").asLong()).isEqualTo(2);
        assertThat(counts.path("unchanged").asLong()).isEqualTo(246);
        assertThat(counts.path("created").asLong()).isZero();
    }

    @Test
    void inspireDatasetsAreHarvestedWhenAsked() {
        world.serve(catalog);

        HarvestRun run = harvest("--ods.inspire=true");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(world.harvested()).hasSize(249).containsKey("dataset-00007");
    }

    @Test
    void legacyV1PortalIsHarvestedWithV1Urls() {
        world.ods().serve(catalog, false);

        HarvestRun run = harvest();

        assertThat(run.exitCode()).as(run.output()).isZero();
        Map<String, JsonNode> datasets = world.harvested();
        assertThat(datasets).hasSize(248).doesNotContainKey("dataset-00007");
        JsonNode first = datasets.get("dataset-00000");
        assertThat(first.path("extras").has("ods:dataset_uid")).isFalse();
        assertThat(first.path("resources").get(0).path("url").asString()).isEqualTo(world.ods().url()
                + "/explore/dataset/dataset-00000/download?format=csv&timezone=Europe/Berlin&use_labels_for_header=false");
        assertThat(first.path("resources").get(4).path("url").asString())
                .isEqualTo(world.ods().url() + "/api/datasets/1.0/dataset-00000/attachments/notice_pdf");
        assertThat(run.report().path("apiVersion").asString()).isEqualTo("v1");
    }

    @Test
    void aDryRunWritesNothingToUdataAndThePayloadsGoToAJsonlFileNextToTheReport() throws Exception {
        world.serve(catalog);

        HarvestRun run = world.run("--ods.url=" + world.ods().url(), "--harvest.dry-run=true");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(world.udata().requests()).isEmpty();
        Path payloads = Path.of(run.report().path("dryRunPayloads").asString());
        assertThat(payloads.getFileName().toString()).endsWith(".jsonl");
        assertThat(payloads.getParent()).isEqualTo(run.reportPath().getParent());
        List<String> lines = Files.readAllLines(payloads);
        assertThat(lines).hasSize(248);
        JsonNode first = JsonMapper.builder().build().readTree(lines.get(0));
        assertThat(first.path("title").asString()).isEqualTo("Jeu de données 0");
        assertThat(first.path("extras").path("harvest:remote_id").asString()).isEqualTo("dataset-00000");
        assertThat(run.report().path("counts").path("dryRun").asLong()).isEqualTo(248);
    }

    @Test
    void relaunchingTheSameCommandAfterExit1ResumesTheRunSoNoDatasetIsCreatedTwiceAndNoneIsLost() {
        world.serve(catalog);
        world.udataFailsAfterCreations(120);

        HarvestRun failed = harvest();

        assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
        assertThat(world.udata().datasets()).hasSizeBetween(100, 120);
        assertThat(failed.output()).contains("relaunch the same command");

        world.udata().clearFailures();
        HarvestRun resumed = harvest();

        assertThat(resumed.exitCode()).as(resumed.output()).isZero();
        world.assertEachSourceDatasetOnce(248);
        assertThat(resumed.report().path("run").asLong()).isEqualTo(1);
        assertThat(resumed.report().path("counts").path("created").asLong()).isEqualTo(248);
    }

    @Test
    void chunksLargerThanAPageAreReadAheadAndResumeAfterTheLastCommittedOne() {
        world.serve(catalog);
        world.ods().alsoServeV21PagesEvery(catalog, 150);
        world.udataFailsAfterCreations(180);

        HarvestRun failed = harvest("--harvest.chunk-size=150");

        assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
        assertThat(world.udata().datasets()).hasSizeBetween(148, 180);
        assertThat(catalogPagesAskedAt(200))
                .as("the pages of the next chunk were fetched ahead, each once").hasSize(1);

        world.udata().clearFailures();
        HarvestRun resumed = harvest("--harvest.chunk-size=150");

        assertThat(resumed.exitCode()).as(resumed.output()).isZero();
        world.assertEachSourceDatasetOnce(248);
        assertThat(catalogPagesAskedAt(150))
                .as("the relaunch resumed after the committed chunk").hasSize(1);
    }

    @Test
    void afterACompletedRunTheSameCommandStartsANewHarvest() {
        world.serve(catalog);
        assertThat(harvest().exitCode()).isZero();

        HarvestRun next = harvest();

        assertThat(next.exitCode()).isZero();
        assertThat(next.report().path("run").asLong()).isEqualTo(2);
        assertThat(next.report().path("counts").path("unchanged").asLong()).isEqualTo(248);
    }

    @Test
    void aRunIsIdentifiedByTheNormalisedOdsUrlSoARelaunchWithExploreAppendedResumesTheSameRun() {
        // GIVEN a run that failed half-way (udata down after 120 creations)
        world.serve(catalog);
        world.udataFailsAfterCreations(120);
        assertThat(harvest().exitCode()).isEqualTo(1);
        world.udata().clearFailures();

        // WHEN the operator relaunches it with the portal's address as the browser shows it
        HarvestRun resumed = harvest("--ods.url=" + world.ods().url() + "/explore/");

        // THEN it is the same run, resumed, not a new one
        assertThat(resumed.exitCode()).as(resumed.output()).isZero();
        assertThat(resumed.output()).contains("Resuming run 1");
        assertThat(resumed.report().path("run").asLong()).isEqualTo(1);
        assertThat(resumed.report().path("source").asString()).isEqualTo(world.ods().url());
        world.assertEachSourceDatasetOnce(248);
    }

    @Test
    void odsRefineFacetOptionsOnTheCommandLineAreSentAsRefineFacetValueInV21() {
        // GIVEN a v2.1 portal
        world.serve(catalog);

        // WHEN the command line filters on two facets: a comma-separated list, and a value holding a comma
        // given in the indexed form (a comma in the plain form separates values)
        HarvestRun run = world.run("--ods.url=" + world.ods().url(), "--harvest.dry-run=true",
                "--ods.refine.keyword=transport,vélo", "--ods.refine.theme[0]=Transports, mobilité");

        // THEN each page of the catalog is asked for with each value as one refine parameter, intact
        assertThat(run.exitCode()).as(run.output()).isZero();
        List<LoggedRequest> pages = world.ods().server().findAll(getRequestedFor(urlPathEqualTo(OdsPortalStub.V21_PATH))
                .withQueryParam("offset", matching("\\d+")));
        assertThat(pages).hasSize(3).allSatisfy(page -> assertThat(page.queryParameter("refine").values())
                .containsExactlyInAnyOrder("keyword:transport", "keyword:vélo", "theme:Transports, mobilité"));
    }
}
