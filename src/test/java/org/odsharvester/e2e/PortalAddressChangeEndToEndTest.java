package org.odsharvester.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.odsharvester.report.HtmlReportWriter;
import org.odsharvester.report.HtmlReportWriterTest;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.odsharvester.support.HarvestHarness;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odsharvester.support.CatalogGenerator;
import org.odsharvester.support.HarvestRun;
import org.odsharvester.support.OdsPortalStub;
import tools.jackson.databind.JsonNode;

/**
 * A portal harvested under one address, then under another (issue 16): the operator started with
 * {@code *.opendatasoft.com} and switched to the portal's own domain, or the portal moved. The old address is the
 * world's stub on 127.0.0.1, the new one a second stub on 127.0.0.2 serving the same catalog: two
 * {@code harvest:domain} values for one portal, as {@code example.opendatasoft.com} and {@code data.example.org}.
 */
@ExtendWith(OutputCaptureExtension.class)
class PortalAddressChangeEndToEndTest {

    private static final int SIZE = 12;

    @RegisterExtension
    final HarvestHarness world = new HarvestHarness();
    /** The portal at its new address. */
    private OdsPortalStub moved;
    private List<CatalogGenerator.Dataset> catalog;

    @BeforeEach
    void start() {
        moved = new OdsPortalStub("127.0.0.2");
        catalog = world.ods().generator().datasets(SIZE);
    }

    @AfterEach
    void stop() {
        moved.close();
    }

    private void serveAtBothAddresses(boolean v21) {
        world.ods().serve(catalog, v21);
        moved.serve(catalog, v21);
    }

    private HarvestRun harvestAtTheNewAddress(String... extra) {
        List<String> options = new java.util.ArrayList<>(List.of("--ods.url=" + moved.url()));
        options.addAll(List.of(extra));
        return world.harvest(options.toArray(String[]::new));
    }

    private String previousUrls() {
        return "--ods.previous-urls=" + world.ods().url();
    }

    /** Udata id and resource ids by key, of each harvested dataset, by ODS slug. */
    private Map<String, String> udataIdsBySlug() {
        Map<String, String> ids = new HashMap<>();
        world.udata().datasets().forEach(d -> ids.put(d.path("extras").path("harvest:remote_id").asString(),
                d.path("id").asString()));
        return ids;
    }

    private Map<String, Map<String, String>> resourceIdsBySlug() {
        Map<String, Map<String, String>> ids = new HashMap<>();
        world.udata().datasets().forEach(d -> ids.put(d.path("extras").path("harvest:remote_id").asString(),
                HarvestHarness.resourceIdsByKey(d)));
        return ids;
    }

    private void firstHarvestAtTheOldAddress() {
        HarvestRun first = world.harvest();
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(world.harvested()).hasSize(SIZE);
        world.udata().clearRequests();
    }

    /** Every dataset is at the new address: domain, page and every resource URL; none left at the old one. */
    private void assertEverythingAtTheNewAddress() {
        assertThat(world.udata().datasets()).hasSize(SIZE).allSatisfy(d -> {
            JsonNode extras = d.path("extras");
            String slug = extras.path("harvest:remote_id").asString();
            assertThat(extras.path("harvest:domain").asString()).as(slug).isEqualTo("127.0.0.2");
            assertThat(extras.path("ods:url").asString()).as(slug)
                    .isEqualTo(moved.url() + "/explore/dataset/" + slug + "/");
            assertThat(d.path("resources")).as(slug).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.path("url").asString()).startsWith(moved.url() + "/"));
            assertThat(HarvestHarness.isArchived(d)).as(slug).isFalse();
        });
        assertThat(world.udata().datasetsWithExtra("harvest:domain", "127.0.0.1")).isEmpty();
    }

    @Test
    void withThePreviousAddressNamedTheSameUdataDatasetsAndResourcesMoveToTheNewAddress() {
        serveAtBothAddresses(true);
        firstHarvestAtTheOldAddress();
        Map<String, String> udataIds = udataIdsBySlug();
        Map<String, Map<String, String>> resourceIds = resourceIdsBySlug();
        // exports and attachments alike keep their ids
        assertThat(resourceIds.values()).anySatisfy(keys -> assertThat(keys).containsKey("attachment:notice_pdf"));

        HarvestRun moving = harvestAtTheNewAddress(previousUrls(), "--harvest.archive-after=0");

        assertThat(moving.exitCode()).as(moving.output()).isZero();
        assertThat(world.udata().requestCount("POST", "/")).isZero();
        assertThat(world.udata().requestCount("DELETE", "/")).isZero();
        assertEverythingAtTheNewAddress();
        assertThat(udataIdsBySlug()).isEqualTo(udataIds);
        assertThat(resourceIdsBySlug()).isEqualTo(resourceIds);
        JsonNode report = moving.report();
        assertThat(report.path("source").asString()).isEqualTo(moved.url());
        JsonNode counts = report.path("counts");
        assertThat(counts.path("updated").asLong()).isEqualTo(SIZE);
        assertThat(counts.path("created").asLong()).isZero();
        assertThat(counts.path("archived").asLong()).isZero();
        assertThat(counts.path("missing").asLong()).isZero();
        assertThat(counts.path("otherAddress").asLong()).isZero();
        assertThat(moving.output()).contains(SIZE + " of them harvested under a previous address (127.0.0.1)");

        // moved for good: the next run writes nothing, and archives what leaves the portal at its new address
        world.udata().clearRequests();
        HarvestRun next = harvestAtTheNewAddress(previousUrls());
        assertThat(next.exitCode()).as(next.output()).isZero();
        assertThat(next.report().path("counts").path("unchanged").asLong()).isEqualTo(SIZE);
        assertThat(world.udata().writeCount()).isZero();

        CatalogGenerator.Dataset gone = catalog.remove(3);
        moved.serve(catalog, true);
        HarvestRun withOneGone = harvestAtTheNewAddress("--harvest.archive-after=0");
        assertThat(withOneGone.exitCode()).as(withOneGone.output()).isZero();
        assertThat(HarvestHarness.listed(withOneGone.report(), "archived")).containsExactly(gone.id);
        assertThat(HarvestHarness.isArchived(world.udata().dataset(udataIds.get(gone.id)))).isTrue();
    }

    @Test
    void withoutTheOptionNothingIsCreatedTwiceAndTheRunSaysWhichAddressTheDatasetsCarry() throws IOException {
        serveAtBothAddresses(true);
        firstHarvestAtTheOldAddress();
        Map<String, String> udataIds = udataIdsBySlug();
        List<JsonNode> before = world.udata().datasets();

        HarvestRun switched = harvestAtTheNewAddress();

        assertThat(switched.exitCode()).as(switched.output()).isEqualTo(3);
        assertThat(world.udata().writeCount()).isZero();
        assertThat(world.udata().datasets()).hasSize(SIZE).containsExactlyInAnyOrderElementsOf(before);
        String sentence = SIZE + " datasets of the catalog are in udata already, harvested under another address of"
                + " the portal (" + SIZE + " from " + world.ods().url() + "), and nothing was written for them; if the"
                + " portal moved, relaunch with --ods.previous-urls=" + world.ods().url() + " to adopt them";
        assertThat(switched.output()).contains(sentence);
        JsonNode report = switched.report();
        assertThat(report.path("exitCode").asInt()).isEqualTo(3);
        assertThat(report.path("failure").asString()).contains(sentence);
        assertThat(report.path("counts").path("otherAddress").asLong()).isEqualTo(SIZE);
        assertThat(report.path("counts").path("created").asLong()).isZero();
        assertThat(report.path("counts").path("read").asLong()).isEqualTo(SIZE);
        assertThat(report.path("otherAddress")).hasSize(SIZE).allSatisfy(entry -> {
            String slug = entry.path("datasetId").asString();
            assertThat(entry.path("udataId").asString()).as(slug).isEqualTo(udataIds.get(slug));
            assertThat(entry.path("reason").asString()).as(slug).contains("harvested from " + world.ods().url())
                    .contains("same ods:dataset_uid").contains("ods.previous-urls");
        });
        String html = Files.readString(HtmlReportWriter.htmlPath(switched.reportPath()));
        assertThat(HtmlReportWriterTest.rows(html, "otherAddress")).hasSize(SIZE);

        // the operator follows the sentence: the same datasets move, none is created
        HarvestRun adopted = harvestAtTheNewAddress(previousUrls());
        assertThat(adopted.exitCode()).as(adopted.output()).isZero();
        assertThat(world.udata().requestCount("POST", "/")).isZero();
        assertEverythingAtTheNewAddress();
        assertThat(udataIdsBySlug()).isEqualTo(udataIds);
    }

    @Test
    void withTheV1ApiTheOldDatasetsAreFoundBySlugAndTheSentenceSaysSo() {
        serveAtBothAddresses(false);
        firstHarvestAtTheOldAddress();
        assertThat(world.udata().datasets()).allSatisfy(d -> assertThat(d.path("extras").has("ods:dataset_uid"))
                .isFalse());
        Map<String, String> udataIds = udataIdsBySlug();
        Map<String, Map<String, String>> resourceIds = resourceIdsBySlug();

        HarvestRun switched = harvestAtTheNewAddress();

        assertThat(switched.exitCode()).as(switched.output()).isEqualTo(3);
        assertThat(world.udata().writeCount()).isZero();
        assertThat(switched.output()).contains("all found by slug only (no ods:dataset_uid to compare, as with the"
                + " ODS API v1): check that they are the same datasets")
                .contains("--ods.previous-urls=" + world.ods().url());
        assertThat(switched.report().path("otherAddress")).hasSize(SIZE).allSatisfy(entry -> assertThat(
                entry.path("reason").asString()).contains("same slug only"));

        HarvestRun adopted = harvestAtTheNewAddress(previousUrls());

        assertThat(adopted.exitCode()).as(adopted.output()).isZero();
        assertThat(adopted.report().path("apiVersion").asString()).isEqualTo("v1");
        assertThat(world.udata().requestCount("POST", "/")).isZero();
        assertEverythingAtTheNewAddress();
        assertThat(udataIdsBySlug()).isEqualTo(udataIds);
        assertThat(resourceIdsBySlug()).isEqualTo(resourceIds);
        assertThat(adopted.report().path("counts").path("updated").asLong()).isEqualTo(SIZE);
    }

    @Test
    void aRunInterruptedAtTheOldAddressIsAbandonedNotResumedAndTheRunOfTheNewAddressIsTheOneResumed() {
        serveAtBothAddresses(true);
        // a resumed run reads on from its last committed chunk of 5
        world.ods().alsoServeV21PagesEvery(catalog, 5);
        moved.alsoServeV21PagesEvery(catalog, 5);
        AtomicInteger posts = new AtomicInteger();
        world.udata().failWhen(r -> r.method().equals("POST") && posts.incrementAndGet() > 5, 500,
                "{\"message\":\"down\"}");
        HarvestRun interrupted = world.harvest("--harvest.chunk-size=5");
        assertThat(interrupted.exitCode()).as(interrupted.output()).isEqualTo(1);
        world.udata().clearFailures();
        int createdAtTheOldAddress = world.udata().datasets().size();
        assertThat(createdAtTheOldAddress).isBetween(1, SIZE - 1);

        // the run of the new address is interrupted in turn, after it adopted what the old run wrote
        AtomicInteger moves = new AtomicInteger();
        world.udata().failWhen(r -> r.method().equals("POST") && moves.incrementAndGet() > 2, 500,
                "{\"message\":\"down\"}");
        HarvestRun movingInterrupted = harvestAtTheNewAddress(previousUrls(), "--harvest.chunk-size=5");
        assertThat(movingInterrupted.exitCode()).as(movingInterrupted.output()).isEqualTo(1);
        assertThat(movingInterrupted.output()).contains("Run 1 of " + world.ods().url() + " did not complete")
                .contains("it is marked abandoned").contains("Starting run 1 of " + moved.url());
        world.udata().clearFailures();

        HarvestRun resumed = harvestAtTheNewAddress(previousUrls(), "--harvest.chunk-size=5");

        assertThat(resumed.exitCode()).as(resumed.output()).isZero();
        assertThat(resumed.output()).contains("Resuming run 1 of " + moved.url())
                .doesNotContain("did not complete");
        assertThat(resumed.report().path("run").asLong()).isEqualTo(1);
        assertEverythingAtTheNewAddress();
        Map<String, Long> slugs = new HashMap<>();
        world.udata().datasets().forEach(d -> slugs.merge(d.path("extras").path("harvest:remote_id").asString(), 1L,
                Long::sum));
        assertThat(slugs).hasSize(SIZE).allSatisfy((slug, n) -> assertThat(n).as(slug).isEqualTo(1));
        JsonNode counts = resumed.report().path("counts");
        assertThat(counts.path("created").asLong() + counts.path("updated").asLong()
                + counts.path("unchanged").asLong()).isEqualTo(SIZE);

        // back at the old address by mistake: its abandoned run is not resumed, and nothing is written
        HarvestRun back = world.harvest();
        assertThat(back.exitCode()).as(back.output()).isEqualTo(3);
        assertThat(back.output()).contains("Starting run 2 of " + world.ods().url()).doesNotContain("Resuming");
        assertThat(back.report().path("counts").path("otherAddress").asLong()).isEqualTo(SIZE);
        assertEverythingAtTheNewAddress();
    }

    /** The second copies an earlier version made (issue 16: 4 datasets became 8) are folded into the first ones. */
    @Test
    void copiesMadeUnderTheNewAddressBeforeAreHeldWithoutTheOptionAndFoldedIntoTheOldDatasetsWithIt() {
        serveAtBothAddresses(true);
        firstHarvestAtTheOldAddress();
        Map<String, String> udataIds = udataIdsBySlug();
        // what a harvester that did not look at other addresses did: a second copy of every dataset
        udataIds.values().forEach(id -> world.udata().editDataset(id, d -> ((tools.jackson.databind.node.ObjectNode) d
                .get("extras")).remove("ods:url")));
        assertThat(harvestAtTheNewAddress().exitCode()).isZero();
        udataIds.forEach((slug, id) -> world.udata().editDataset(id, d -> ((tools.jackson.databind.node.ObjectNode) d
                .get("extras")).put("ods:url", world.ods().url() + "/explore/dataset/" + slug + "/")));
        assertThat(world.udata().datasets()).hasSize(2 * SIZE);
        world.udata().clearRequests();

        HarvestRun held = harvestAtTheNewAddress("--harvest.archive-after=0");

        assertThat(held.exitCode()).as(held.output()).isEqualTo(3);
        assertThat(world.udata().writeCount()).isZero(); // the copies are not archived either: still at the source
        assertThat(held.report().path("counts").path("otherAddress").asLong()).isEqualTo(SIZE);
        assertThat(held.report().path("counts").path("archived").asLong()).isZero();

        HarvestRun folded = harvestAtTheNewAddress(previousUrls(), "--harvest.archive-after=0");

        assertThat(folded.exitCode()).as(folded.output()).isZero();
        assertThat(world.udata().requestCount("POST", "/")).isZero();
        assertThat(world.udata().requestCount("DELETE", "/")).isEqualTo(SIZE);
        List<JsonNode> live = world.udata().datasets().stream().filter(d -> d.path("deleted").isNull()).toList();
        assertThat(live).hasSize(SIZE).allSatisfy(d -> {
            String slug = d.path("extras").path("harvest:remote_id").asString();
            assertThat(d.path("id").asString()).as(slug).isEqualTo(udataIds.get(slug));
            assertThat(d.path("extras").path("harvest:domain").asString()).as(slug).isEqualTo("127.0.0.2");
        });
        assertThat(folded.report().path("counts").path("archived").asLong()).isZero();
    }

    @Test
    void aDatasetDeletedInUdataUnderTheOldAddressStaysDeletedAfterTheMoveAlsoOncePurged() {
        serveAtBothAddresses(true);
        firstHarvestAtTheOldAddress();
        CatalogGenerator.Dataset deleted = catalog.get(4);
        world.udata().deleteDataset(world.byUid(deleted.uid).path("id").asString());
        assertThat(world.harvest().exitCode()).isZero(); // sees it deleted, remembers it
        world.udata().purgeDeleted();

        HarvestRun moving = harvestAtTheNewAddress(previousUrls());

        assertThat(moving.exitCode()).as(moving.output()).isZero();
        assertThat(world.udata().requestCount("POST", "/")).isZero();
        assertThat(world.udata().datasetsWithExtra("ods:dataset_uid", deleted.uid)).isEmpty();
        assertThat(world.udata().datasetsWithExtra("harvest:domain", "127.0.0.2")).hasSize(SIZE - 1);
        assertThat(moving.report().path("filtered")).singleElement()
                .satisfies(entry -> assertThat(entry.path("datasetId").asString()).isEqualTo(deleted.id));
    }

    @Test
    void aPreviousUrlThatIsOdsUrlItselfOrNoUrlEndsWithExit2BeforeAnythingIsDone() {
        serveAtBothAddresses(true);
        List<String> sentences = new ArrayList<>();
        for (String value : List.of(moved.url() + "/explore/", "ftp://old.example.org", "not a url")) {
            HarvestRun refused = harvestAtTheNewAddress("--ods.previous-urls=" + value);
            assertThat(refused.exitCode()).as(refused.output()).isEqualTo(2);
            sentences.add(refused.output());
        }
        assertThat(sentences.get(0)).contains("ods.previous-urls names " + moved.url() + ", which is ods.url itself");
        assertThat(sentences.get(1)).contains("ods.previous-urls must be an http(s) URL")
                .contains("'ftp://old.example.org'");
        assertThat(sentences.get(2)).contains("ods.previous-urls");
        assertThat(world.udata().requests()).isEmpty();
        assertThat(moved.server().getAllServeEvents()).isEmpty();
    }
}
