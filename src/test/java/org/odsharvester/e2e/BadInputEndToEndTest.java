package org.odsharvester.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.odsharvester.support.HarvestHarness.rejections;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.odsharvester.support.CatalogGenerator;
import org.odsharvester.support.HarvestHarness;
import org.odsharvester.support.HarvestRun;
import org.odsharvester.support.UdataState;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bad input from the portal, through the whole job: each case ends in a defined outcome — the dataset
 * normalised, or rejected with its reason while the run goes on, or (when a whole page cannot be read) the
 * run failed with one sentence and resumed by the relaunch — never a crashed run nor a wrong dataset.
 */
@ExtendWith(OutputCaptureExtension.class)
class BadInputEndToEndTest {

    private static final int DATASETS = 120;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    final HarvestHarness world = new HarvestHarness().serving(DATASETS);

    private HarvestRun harvest() {
        // chunks of one page: a bad page leaves the pages before it committed, which these tests count
        return world.harvest("--harvest.chunk-size=100");
    }

    /** Serves the catalog with {@code edit} applied to the items, by position (0-based). */
    private void serveEdited(BiConsumer<Integer, ArrayNode> edit) {
        for (int offset = 0; offset < DATASETS; offset += 100) {
            ObjectNode page = (ObjectNode) JSON.readTree(world.ods().v21Body(world.catalog(), offset, 100));
            ArrayNode results = (ArrayNode) page.path("results");
            for (int i = 0; i < results.size(); i++) {
                edit.accept(offset + i, results);
            }
            world.ods().pageAnswers(offset, page.toString());
        }
    }

    private static ObjectNode meta(ArrayNode results, int position) {
        return (ObjectNode) results.get(position % 100).path("metas").path("default");
    }

    @Test
    void aPageThatIsNotJsonFailsTheRunWithOneSentenceAndTheRelaunchResumes() {
        world.ods().pageAnswers(100, "{\"total_count\": 120, \"results\": [{\"dataset_id\": \"dataset-00100\", ");

        HarvestRun failed = harvest();

        assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
        assertThat(failed.output()).contains("with a body that is not JSON", "relaunch the same command to resume");
        assertThat(UdataState.of(world.udata()).copies()).hasSize(100);

        world.serve(world.catalog());
        HarvestRun resumed = harvest();
        assertThat(resumed.exitCode()).as(resumed.output()).isZero();
        assertThat(resumed.report().path("run").asLong()).isEqualTo(1);
        world.assertEachSourceDatasetOnce(DATASETS);
    }

    @Test
    void aJsonArrayWhereThePageObjectWasExpectedFailsTheRunWithOneSentenceAndTheRelaunchResumes() {
        world.ods().pageAnswers(100, "[{\"dataset_id\": \"dataset-00100\"}]");

        HarvestRun failed = harvest();

        assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
        assertThat(failed.output()).contains("without the results array and total_count of the Explore API v2.1");

        world.serve(world.catalog());
        HarvestRun resumed = harvest();
        assertThat(resumed.exitCode()).as(resumed.output()).isZero();
        world.assertEachSourceDatasetOnce(DATASETS);
    }

    @Test
    void oddItemsAreNormalisedOrRejectedWithTheirReasonAndTheRunGoesOn() {
        String tenMegabytes = "Données de comptage des vélos. ".repeat(340_000);
        serveEdited((position, results) -> {
            switch (position) {
                case 3 -> { // strings where lists are expected
                    meta(results, position).put("keyword", "Vélo");
                    meta(results, position).put("theme", "Mobilité, Transports");
                    ((ObjectNode) results.get(position)).put("features", "geo");
                    ((ObjectNode) results.get(position)).put("attachments", "notice.pdf");
                }
                case 4 -> meta(results, position).put("modified", "31/12/2024 à midi");
                case 5 -> meta(results, position).put("title", "");
                case 6 -> meta(results, position).put("description", tenMegabytes);
                case 9 -> meta(results, position).put("references", "délibération n°12 <javascript:alert(1)> http://");
                case 10 -> meta(results, position).put("description", "<script>alert(1)</script><style>p{color:red}"
                        + "</style><p onmouseover=\"steal()\">Comptages <a href=\"javascript:alert(2)\" onclick=\"x()\">"
                        + "horaires</a> et <a href=\"https://example.org/doc\">documentation</a>.</p>");
                case 11 -> results.set(position % 100, JsonNodeFactory.instance.arrayNode().add("dataset-00011"));
                case 12 -> meta(results, position).putObject("title").put("fr", "Titre");
                default -> {
                }
            }
        });

        HarvestRun run = harvest();

        assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
        assertThat(rejections(run.report())).containsOnly(
                Map.entry("dataset-00005", "dataset has no title"),
                Map.entry("#12", "catalog item is not a JSON object"),
                Map.entry("dataset-00012", "title is not a text (OBJECT)"));
        world.assertEachSourceDatasetOnce(DATASETS - 3);

        JsonNode lists = world.byRemoteId("dataset-00003");
        assertThat(lists.path("tags").toString()).contains("velo", "mobilite", "transports");
        assertThat(lists.path("extras").path("ods:geo").asBoolean()).isTrue();
        List<String> keys = new ArrayList<>();
        lists.path("resources").forEach(r -> keys.add(r.path("extras").path("ods:resource_key").asString()));
        assertThat(keys).containsExactly("export:csv", "export:json", "export:geojson", "export:shp");

        assertThat(world.byRemoteId("dataset-00004").path("title").asString()).isEqualTo("Jeu de données 4");

        String description = world.byRemoteId("dataset-00006").path("description").asString();
        assertThat(description).hasSizeLessThanOrEqualTo(100_000).startsWith("Données de comptage").endsWith("…");

        assertThat(world.byRemoteId("dataset-00009").path("extras").path("ods:reference").asString())
                .isEqualTo("délibération n°12 <javascript:alert(1)> http://");

        String sanitised = world.byRemoteId("dataset-00010").path("description").asString();
        assertThat(sanitised).contains("Comptages", "horaires", "[documentation](https://example.org/doc)")
                .doesNotContain("alert", "script", "color:red", "steal", "onclick", "onmouseover", "javascript:");
    }

    @Test
    void aDatasetListedTwiceInOneCatalogIsOneDatasetInUdataHoldingItsLastOccurrence() {
        CatalogGenerator.Dataset again = new CatalogGenerator.Dataset(20);
        again.title = "Jeu de données 20, relu plus loin";
        List<CatalogGenerator.Dataset> withDuplicate = new ArrayList<>(world.catalog());
        withDuplicate.set(110, again); // the same dataset_id and dataset_uid at positions 21 and 111
        world.ods().serve(withDuplicate, true);

        HarvestRun run = harvest();

        assertThat(run.exitCode()).as(run.output()).isZero();
        UdataState state = UdataState.of(world.udata());
        assertThat(state.duplicates()).isEmpty();
        assertThat(state.copies()).hasSize(DATASETS - 1).doesNotContainKey("dataset-00110");
        assertThat(world.byRemoteId("dataset-00020").path("title").asString()).isEqualTo("Jeu de données 20, relu plus loin");
        assertThat(world.udata().requestCount("POST", "/api/1/datasets/")).isEqualTo(DATASETS - 1);
    }
}
