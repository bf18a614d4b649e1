package org.odsharvester.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.odsharvester.support.HarvestHarness;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odsharvester.support.CatalogGenerator;
import org.odsharvester.support.HarvestRun;
import org.odsharvester.support.OdsPortalStub;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Frequency, temporal coverage and the portal's dates end to end against the udata fake (issue 12, items 1, 2, 6
 * and 8): they arrive in udata as udata stores them, an unchanged portal then makes no write (also after the
 * index was rebuilt from udata), what a person set in udata where the source says nothing stays, and what the
 * source says replaces it.
 */
@ExtendWith(OutputCaptureExtension.class)
class FrequencyAndCoverageEndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    final HarvestHarness world = new HarvestHarness();
    private List<CatalogGenerator.Dataset> catalog;
    /** {@code metas.dcat} of the served datasets, by dataset id. */
    private final Map<String, ObjectNode> dcat = new HashMap<>();

    @BeforeEach
    void start() {
        catalog = world.ods().generator().datasets(6);
        template("dataset-00000").put("accrualperiodicity", "Mensuelle").put("temporal_coverage_start", "2013-01-01")
                .put("temporal_coverage_end", "2026-05-31").put("created", "2013-02-01").put("issued", "2013-03-01");
        template("dataset-00001")
                .put("accrualperiodicity", "http://publications.europa.eu/resource/authority/frequency/DAILY_2")
                .put("temporal_coverage_start", "2020-01-01T00:00:00+00:00");
        // a start after the end: udata swaps them, and so do we before sending
        template("dataset-00002").put("accrualperiodicity", "En continu").put("temporal_coverage_start", "2024-12-31")
                .put("temporal_coverage_end", "2015-01-01");
        template("dataset-00003").put("accrualperiodicity", "Selon l'actualité").put("temporal", "depuis 2010");
        template("dataset-00004").putNull("accrualperiodicity").putNull("temporal_coverage_start");
        // dataset-00005: no DCAT template at all
        serve();
    }

    private ObjectNode template(String datasetId) {
        return dcat.computeIfAbsent(datasetId, id -> JSON.createObjectNode());
    }

    private void serve() {
        world.ods().serveWithDcat(catalog, dcat);
    }

    private HarvestRun harvest() {
        return world.harvestCompletely();
    }

    private JsonNode udata(String datasetId) {
        return world.harvested().get(datasetId);
    }

    private static String coverage(JsonNode dataset) {
        JsonNode c = dataset.path("temporal_coverage");
        return c.isNull() || c.isMissingNode() ? null : c.path("start").asString() + "/" + c.path("end").asString("");
    }

    @Test
    void theFieldsArriveInUdataAndAnUnchangedPortalMakesNoWrite() {
        harvest();

        assertThat(udata("dataset-00000").path("frequency").asString()).isEqualTo("monthly");
        assertThat(coverage(udata("dataset-00000"))).isEqualTo("2013-01-01/2026-05-31");
        assertThat(udata("dataset-00001").path("frequency").asString()).isEqualTo("semidaily");
        assertThat(coverage(udata("dataset-00001"))).isEqualTo("2020-01-01/");
        assertThat(udata("dataset-00002").path("frequency").asString()).isEqualTo("continuous");
        assertThat(coverage(udata("dataset-00002"))).isEqualTo("2015-01-01/2024-12-31");
        for (String none : List.of("dataset-00003", "dataset-00004", "dataset-00005")) {
            assertThat(udata(none).path("frequency").asString()).as(none).isEqualTo("unknown");
            assertThat(coverage(udata(none))).as(none).isNull();
        }
        JsonNode extras = udata("dataset-00000").path("extras");
        CatalogGenerator.Dataset source = catalog.get(0);
        assertThat(extras.path("ods:modified").asString()).isEqualTo(source.modified);
        assertThat(extras.path("ods:metadata_processed").asString()).isEqualTo(source.metadataProcessed);
        assertThat(extras.path("ods:data_processed").asString()).isEqualTo(source.dataProcessed);
        assertThat(extras.path("dcat:created").asString()).isEqualTo("2013-02-01");
        assertThat(extras.path("dcat:issued").asString()).isEqualTo("2013-03-01");
        assertThat(udata("dataset-00005").path("extras").has("dcat:issued")).isFalse();

        world.assertAnUnchangedPortalMakesNoWriteAlsoAfterARebuild(6);
    }

    @Test
    void whatAPersonSetWhereTheSourceSaysNothingStaysAndWhatTheSourceSaysReplacesIt() {
        harvest();
        String handSet = udata("dataset-00004").path("id").asString();
        String replaced = udata("dataset-00000").path("id").asString();
        for (String id : List.of(handSet, replaced)) {
            world.udata().editDataset(id, d -> {
                d.put("frequency", "weekly");
                d.putObject("temporal_coverage").put("start", "2000-01-01").put("end", "2000-12-31");
            });
        }
        // a lost job repository: the index comes from udata, where the person's values now are
        world.deleteDataDir();
        world.udata().clearRequests();

        harvest();

        // read once to compare; nothing of ours differs for the dataset without values at the source
        assertThat(world.udata().requestCount("PUT", "/api/1/datasets/" + handSet + "/")).isZero();
        assertThat(world.udata().dataset(handSet).path("frequency").asString()).isEqualTo("weekly");
        assertThat(coverage(world.udata().dataset(handSet))).isEqualTo("2000-01-01/2000-12-31");
        assertThat(world.udata().requestCount("PUT", "/api/1/datasets/" + replaced + "/")).isEqualTo(1);
        assertThat(world.udata().dataset(replaced).path("frequency").asString()).isEqualTo("monthly");
        assertThat(coverage(world.udata().dataset(replaced))).isEqualTo("2013-01-01/2026-05-31");
        assertThat(world.udata().writeCount()).isEqualTo(1);

        // a change at the source of the dataset without values: its PUT keeps the person's frequency and coverage
        catalog.get(4).title = "Jeu de données 4, renommé";
        serve();
        world.udata().clearRequests();
        harvest();
        assertThat(world.udata().writeCount()).isEqualTo(1);
        JsonNode put = world.udata().requests().stream().filter(r -> r.method().equals("PUT")).findFirst()
                .orElseThrow().json();
        assertThat(put.has("frequency")).isFalse();
        assertThat(put.path("temporal_coverage").path("start").asString()).isEqualTo("2000-01-01");
        JsonNode after = world.udata().dataset(handSet);
        assertThat(after.path("title").asString()).isEqualTo("Jeu de données 4, renommé");
        assertThat(after.path("frequency").asString()).isEqualTo("weekly");
        assertThat(coverage(after)).isEqualTo("2000-01-01/2000-12-31");

        // the source gives it values: they replace the person's
        template("dataset-00004").put("accrualperiodicity", "Trimestrielle").put("temporal_coverage_start",
                "2019-01-01");
        serve();
        world.udata().clearRequests();
        harvest();
        assertThat(world.udata().writeCount()).isEqualTo(1);
        assertThat(world.udata().dataset(handSet).path("frequency").asString()).isEqualTo("quarterly");
        assertThat(coverage(world.udata().dataset(handSet))).isEqualTo("2019-01-01/");
        world.udata().clearRequests();
        harvest();
        assertThat(world.udata().writeCount()).isZero();
    }

    @Test
    void aV1PortalGivesThemThroughItsInteropMetas() {
        world.ods().serve(catalog, false);
        ObjectNode body = JSON.createObjectNode();
        body.put("nhits", catalog.size());
        ArrayNode datasets = body.putArray("datasets");
        for (CatalogGenerator.Dataset d : catalog) {
            ObjectNode item = world.ods().generator().v1(d);
            if (d.id.equals("dataset-00001")) {
                // as transparencia.sns.gov.pt sends it (ods-samples/05), plus a coverage
                item.putObject("interop_metas").putObject("dcat").put("accrualperiodicity", "Mensal")
                        .put("created", "2016-01-24T00:00:00+00:00").put("temporal_coverage_start", "2013-01-01");
            }
            datasets.add(item);
        }
        world.ods().server().stubFor(get(urlPathEqualTo(OdsPortalStub.V1_PATH)).withQueryParam("start", equalTo("0"))
                .withQueryParam("rows", equalTo("100")).willReturn(OdsPortalStub.json(body.toString())));

        harvest();

        JsonNode sns = udata("dataset-00001");
        assertThat(sns.path("frequency").asString()).isEqualTo("monthly");
        assertThat(coverage(sns)).isEqualTo("2013-01-01/");
        assertThat(sns.path("extras").path("dcat:created").asString()).isEqualTo("2016-01-24T00:00:00+00:00");
        assertThat(sns.path("extras").path("ods:metadata_processed").asString())
                .isEqualTo(catalog.get(1).metadataProcessed);
        world.udata().clearRequests();
        harvest();
        assertThat(world.udata().writeCount()).isZero();
    }

    @Test
    void aDryRunShowsTheNewFields() throws Exception {
        HarvestRun run = world.harvest("--harvest.dry-run=true");
        assertThat(run.exitCode()).as(run.output()).isZero();

        Map<String, JsonNode> lines = new HashMap<>();
        for (String line : Files.readAllLines(Path.of(run.report().path("dryRunPayloads").asString()))) {
            JsonNode payload = JSON.readTree(line);
            lines.put(payload.path("extras").path("harvest:remote_id").asString(), payload);
        }
        assertThat(lines.get("dataset-00000").path("frequency").asString()).isEqualTo("monthly");
        assertThat(coverage(lines.get("dataset-00000"))).isEqualTo("2013-01-01/2026-05-31");
        assertThat(lines.get("dataset-00000").path("extras").path("dcat:issued").asString()).isEqualTo("2013-03-01");
        assertThat(lines.get("dataset-00002").path("temporal_coverage").path("start").asString())
                .isEqualTo("2015-01-01");
        assertThat(lines.get("dataset-00003").path("frequency").asString()).isEqualTo("unknown");
        assertThat(lines.get("dataset-00003").has("temporal_coverage")).isFalse();
        assertThat(world.udata().writeCount()).isZero();
    }
}
