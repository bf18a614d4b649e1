package org.odsharvester.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.odsharvester.support.HarvestHarness.isDatasetCreation;
import static org.odsharvester.support.HarvestHarness.rejections;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.odsharvester.support.CatalogGenerator;
import org.odsharvester.support.HarvestHarness;
import org.odsharvester.support.HarvestRun;
import org.odsharvester.support.OdsPortalStub;
import org.odsharvester.support.UdataState;
import org.odsharvester.udata.FakeUdata;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * One test per row of the error table (README "Errors and retries"): the fault is injected into the ODS stub
 * or the fake udata during a real harvest (the real entry point, in this JVM), the exit code is checked, then
 * the fault is cleared and the same command relaunched where the table says so, and udata must end as a
 * clean run leaves it: the same datasets with the same content, each once, and the datasets created before
 * the fault keep their udata ids and resource ids.
 * <p>
 * The catalog holds 250 datasets read in pages and chunks of 100, two of them filtered (INSPIRE, no data),
 * so a fault on the page at offset 100 or 200 strikes mid-run, after committed chunks.
 */
@ExtendWith(OutputCaptureExtension.class)
class FaultInjectionEndToEndTest {

    private static final int DATASETS = 250;
    /** Chunks of one page: a fault on a page leaves the pages before it committed, which these tests count. */
    private static final String CHUNK_OF_ONE_PAGE = "--harvest.chunk-size=100";
    private static final String QUOTA_BODY = "{\"errorcode\": 10002, \"reset_time\": \"2026-03-02T00:00:00Z\","
            + " \"limit_time_unit\": \"day\", \"call_limit\": 10000,"
            + " \"error\": \"Too many requests on the domain. Please contact the domain administrator.\"}";

    @RegisterExtension
    static final HarvestHarness world = new HarvestHarness();

    private static OdsPortalStub ods;
    private static List<CatalogGenerator.Dataset> catalog;
    /** udata after a harvest without any fault: what every faulty run must end as. */
    private static UdataState clean;

    private FakeUdata udata;
    /** Exit codes of this test's runs, in order: printed with the final state for the measured table. */
    private final List<Integer> exits = new ArrayList<>();

    @BeforeAll
    static void cleanRun() throws IOException {
        ods = world.ods();
        catalog = ods.generator().datasets(DATASETS);
        catalog.get(7).inspire = true;
        catalog.get(8).hasRecords = false;
        catalog.get(8).attachments.clear();
        ods.serve(catalog, true);
        clean = world.cleanRunState(CHUNK_OF_ONE_PAGE);
        assertThat(clean.copies()).hasSize(DATASETS - 2);
    }

    @BeforeEach
    void start() {
        ods.serve(catalog, true);
        udata = world.udata();
    }

    @AfterEach
    void measure(TestInfo test) {
        UdataState end = UdataState.of(udata);
        System.out.printf("MEASURED %s: exit codes %s; udata ends with %d source datasets, %d duplicated, content %s"
                + " a clean run's%n", test.getTestMethod().orElseThrow().getName(), exits, end.copies().size(),
                end.duplicates().size(), end.content().equals(clean.content()) ? "equal to" : "different from");
    }

    private HarvestRun harvest(String... extra) {
        List<String> options = new ArrayList<>(List.of(CHUNK_OF_ONE_PAGE));
        options.addAll(List.of(extra));
        HarvestRun run = world.harvest(options.toArray(String[]::new));
        exits.add(run.exitCode());
        return run;
    }

    /** Every request to the v2.1 catalog (the probe included) answers this. */
    private static void odsCatalogAnswers(ResponseDefinitionBuilder answer) {
        ods.server().stubFor(get(urlPathEqualTo(OdsPortalStub.V21_PATH)).atPriority(1).willReturn(answer));
    }

    /**
     * The run ended with this exit code, saying so in these words, before writing anything to udata; once the
     * fault is gone, the same command harvests everything, as the first run.
     */
    private void endsBeforeAnyWriteThenTheRelaunchHarvests(HarvestRun run, int exitCode, String... sentences) {
        assertThat(run.exitCode()).as(run.output()).isEqualTo(exitCode);
        assertThat(run.output()).contains(sentences);
        assertThat(udata.writeCount()).isZero();
        relaunchEndsAsACleanRun(UdataState.of(udata), 1);
    }

    /**
     * The run ended with this exit code, saying so in these words, after committing chunks of {@code committed}
     * datasets; once the fault is gone, the same command resumes the same run and ends as a clean run.
     */
    private void endsWithThenTheRelaunchResumes(HarvestRun run, int exitCode, int committed, String... sentences) {
        assertThat(run.exitCode()).as(run.output()).isEqualTo(exitCode);
        assertThat(run.output()).contains(sentences);
        theRelaunchResumesAfterTheCommittedChunks(committed);
    }

    /**
     * udata holds the datasets of the chunks committed before the fault; once the fault is gone, the same command
     * resumes the same run and ends as a clean run.
     */
    private void theRelaunchResumesAfterTheCommittedChunks(int committed) {
        UdataState partial = UdataState.of(udata);
        assertThat(partial.copies()).as("datasets of the committed chunks").hasSize(committed);
        relaunchEndsAsACleanRun(partial, 1);
    }

    /** After {@code created} creations, udata answers every request with this status and body. */
    private void udataAnswersEveryRequestAfterCreations(int created, int status, String body) {
        AtomicInteger posts = new AtomicInteger();
        udata.failWhen(request -> (isDatasetCreation(request) ? posts.incrementAndGet() : posts.get()) > created,
                status, body);
    }

    /** The fault is gone: the same command again must resume the same run and end as a clean run. */
    private void relaunchEndsAsACleanRun(UdataState beforeRelaunch, long expectedRun) {
        ods.serve(catalog, true);
        udata.clearFailures();

        HarvestRun resumed = harvest();

        assertThat(resumed.exitCode()).as(resumed.output()).isZero();
        assertThat(resumed.report().path("run").asLong()).isEqualTo(expectedRun);
        world.assertEndsAsACleanRun(clean, beforeRelaunch);
    }

    // ------------------------------------------------------------------ ODS portal

    @Test
    void odsServerErrorsAreRetriedAndTheRunCompletes() {
        String scenario = "flaky page";
        ods.server().stubFor(ods.v21Page(100, 100).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .atPriority(1).willReturn(aResponse().withStatus(503)).willSetStateTo("failed once"));
        ods.server().stubFor(ods.v21Page(100, 100).inScenario(scenario).whenScenarioStateIs("failed once")
                .atPriority(1).willReturn(aResponse().withStatus(502)).willSetStateTo("recovered"));

        HarvestRun run = harvest();

        assertThat(run.exitCode()).as(run.output()).isZero();
        world.assertEndsAsACleanRun(clean);
    }

    @Test
    void odsServerErrorForGoodFailsWithExit1AndTheRelaunchResumes() {
        ods.pageAnswers(100, aResponse().withStatus(503).withBody("<html>Service Unavailable</html>"));

        HarvestRun failed = harvest();

        endsWithThenTheRelaunchResumes(failed, 1, 98, "answered HTTP 503", "gave up after 4 attempts",
                "relaunch the same command to resume");
    }

    @Test
    void odsTimeoutFailsWithExit1AfterRetriesAndTheRelaunchResumes() {
        ods.pageAnswers(200, OdsPortalStub.json(ods.v21Body(catalog, 200, 100)).withFixedDelay(3_000));

        HarvestRun failed = harvest("--ods.read-timeout=300ms");

        endsWithThenTheRelaunchResumes(failed, 1, 198, "did not answer", "relaunch the same command to resume");
    }

    @Test
    void odsConnectionResetFailsWithExit1AfterRetriesAndTheRelaunchResumes() {
        ods.pageAnswers(100, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        HarvestRun failed = harvest();

        endsWithThenTheRelaunchResumes(failed, 1, 98, "did not answer");
    }

    @Test
    void odsQuotaMidRunStopsWithExit5AndTheResetTimeAndTheRelaunchResumes() {
        ods.pageAnswers(200, aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                .withBody(QUOTA_BODY));

        HarvestRun stopped = harvest();

        assertThat(stopped.exitCode()).as(stopped.output()).isEqualTo(5);
        assertThat(stopped.output()).contains("API quota is exhausted", "it resets at 2026-03-02T00:00:00Z",
                "relaunch the same command after that");
        assertThat(ods.server().findAll(getRequestedFor(urlPathEqualTo(OdsPortalStub.V21_PATH))
                .withQueryParam("offset", equalTo("200")))).as("a quota answer is not retried").hasSize(1);
        theRelaunchResumesAfterTheCommittedChunks(198);
    }

    @Test
    void odsQuotaAtStartStopsWithExit5BeforeAnythingIsWritten() {
        odsCatalogAnswers(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                .withBody(QUOTA_BODY));

        HarvestRun stopped = harvest();

        endsBeforeAnyWriteThenTheRelaunchHarvests(stopped, 5, "it resets at 2026-03-02T00:00:00Z");
    }

    @Test
    void aPrivatePortalRefusingAccessAtStartEndsWithExit2AndASentenceAboutTheKey() {
        odsCatalogAnswers(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"message\": \"Authentication required\"}"));

        HarvestRun refused = harvest();

        endsBeforeAnyWriteThenTheRelaunchHarvests(refused, 2, "the portal is private or restricted", "--ods.api-key");
    }

    @Test
    void odsRejectingTheKeyAtStartEndsWithExit2AndASentenceAboutTheKeyWithoutIt() {
        odsCatalogAnswers(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                .withBody("{\"message\": \"Invalid API key\"}"));

        HarvestRun refused = harvest("--ods.api-key=revoked-key");

        assertThat(refused.output()).doesNotContain("revoked-key");
        endsBeforeAnyWriteThenTheRelaunchHarvests(refused, 2, "rejected the API key set in ods.api-key");
    }

    @Test
    void odsRefusingAccessMidRunEndsWithExit2AndTheRelaunchResumes() {
        ods.pageAnswers(100, aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                .withBody("{\"message\": \"Forbidden\"}"));

        HarvestRun refused = harvest("--ods.api-key=key-of-a-deleted-account");

        assertThat(refused.output()).doesNotContain("key-of-a-deleted-account");
        endsWithThenTheRelaunchResumes(refused, 2, 98, "rejected the API key set in ods.api-key");
    }

    // ------------------------------------------------------------------ udata

    @Test
    void udataServerErrorsAndTooManyRequestsAreRetriedAndTheRunCompletes() {
        udata.failNext(2, 503);
        AtomicInteger posts = new AtomicInteger();
        udata.failWhen(request -> request.method().equals("POST") && !request.body().contains("Jeu de données 120\"")
                && posts.incrementAndGet() % 50 == 0, 502, "{\"message\": \"Bad Gateway\"}");
        // a proxy in front of udata limiting the rate: creation and listing wait for its Retry-After
        udata.failNextWhen(request -> request.body().contains("Jeu de données 120\""), 2, 429,
                Map.of("Retry-After", "1"));
        udata.failNextWhen(request -> request.method().equals("GET") && request.path().equals("/api/1/datasets/"),
                1, 429, Map.of("Retry-After", "1"));

        HarvestRun run = harvest();

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(udata.requests()).filteredOn(r -> r.body().contains("Jeu de données 120\"")).hasSize(3);
        world.assertEndsAsACleanRun(clean);
    }

    @Test
    void aUdataTimeoutOnACreationThatUdataCompletedLeavesNoDuplicateAfterTheNextRun() {
        // udata does the work but answers after the client gave up: the retry may make a second dataset
        udata.stallNext(request -> request.method().equals("POST"), 3, Duration.ofMillis(1_500));

        HarvestRun run = harvest("--udata.read-timeout=400ms");

        assertThat(run.exitCode()).as(run.output()).isZero();
        world.awaitUdataIdle();
        UdataState afterRun = UdataState.of(udata);
        assertThat(afterRun.copies().keySet()).isEqualTo(clean.copies().keySet());
        assertThat(afterRun.duplicates()).as("at most the three stalled creations").hasSizeLessThanOrEqualTo(3);

        // the next run's index rebuild deletes the younger copies
        HarvestRun next = harvest();

        assertThat(next.exitCode()).as(next.output()).isZero();
        world.assertEndsAsACleanRun(clean);
        assertThat(udata.requestCount("DELETE", "/api/1/datasets/")).isEqualTo(afterRun.duplicates().size());
    }

    @Test
    void udataServerErrorsForGoodFailWithExit1AndTheRelaunchResumes() {
        world.udataFailsAfterCreations(130);

        HarvestRun failed = harvest();

        endsWithThenTheRelaunchResumes(failed, 1, 130, "answered HTTP 500", "relaunch the same command to resume");
    }

    @Test
    void udataUnreachableMidRunFailsWithExit1AndTheRelaunchResumes() {
        AtomicInteger posts = new AtomicInteger();
        // after 150 creations udata goes dark: no request gets an answer any more
        udata.dropNext(request -> (isDatasetCreation(request) ? posts.incrementAndGet() : posts.get()) > 150,
                Integer.MAX_VALUE);

        HarvestRun failed = harvest();

        endsWithThenTheRelaunchResumes(failed, 1, 150, "did not answer", "relaunch the same command to resume");
    }

    @Test
    void udataInReadOnlyModeStopsTheRunWithExit1AndTheRelaunchResumes() {
        udataAnswersEveryRequestAfterCreations(120, 423, "{\"message\": \"The site is in read-only mode\"}");

        HarvestRun failed = harvest();

        endsWithThenTheRelaunchResumes(failed, 1, 120, "is in read-only mode (HTTP 423)");
    }

    @Test
    void udataRevokingTheKeyMidRunStopsTheRunWithExit2AndTheRelaunchResumes() {
        udataAnswersEveryRequestAfterCreations(120, 401, "{\"message\": \"Invalid API token\"}");

        HarvestRun refused = harvest();

        assertThat(refused.output()).doesNotContain(udata.apiKey());
        endsWithThenTheRelaunchResumes(refused, 2, 120, "udata rejected the API key");
    }

    @Test
    void udataUnreachableAtStartFailsWithExit1AndOneSentence() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        HarvestRun failed = harvest("--udata.url=http://127.0.0.1:" + closedPort);

        endsBeforeAnyWriteThenTheRelaunchHarvests(failed, 1,
                "udata http://127.0.0.1:" + closedPort + " did not answer GET /api/1/me/", "relaunch the same command");
    }

    @Test
    void aDatasetUdataRefusesIsRejectedWithUdatasMessageAndTheRunGoesOn() {
        udata.failWhen(request -> request.method().equals("POST") && request.body().contains("Jeu de données 42\""),
                400, "{\"message\": \"Validation error\", \"errors\": {\"title\": [\"Titre interdit\"]}}");

        HarvestRun run = harvest();

        assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
        JsonNode rejected = run.report().path("rejected");
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).path("datasetId").asString()).isEqualTo("dataset-00042");
        assertThat(rejected.get(0).path("reason").asString()).isEqualTo("title: Titre interdit");
        UdataState state = UdataState.of(udata);
        assertThat(state.copies()).hasSize(DATASETS - 3).doesNotContainKey("dataset-00042");

        // udata accepts it again: the next run (a new one: the rejected run completed) adds it
        udata.clearFailures();
        HarvestRun next = harvest();
        assertThat(next.exitCode()).as(next.output()).isZero();
        assertThat(next.report().path("run").asLong()).isEqualTo(2);
        world.assertEndsAsACleanRun(clean, state);
    }

    // ------------------------------------------------------------------ the source's data

    @Test
    void unusableDatasetsAreRejectedWithTheirReasonAndTheRunGoesOn() {
        serveTheCatalogWithFiveBrokenItems();

        HarvestRun run = harvest();

        assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
        Map<String, String> reasons = rejections(run.report());
        assertThat(reasons).containsOnly(
                Map.entry("#11", "dataset has no dataset_id"),
                Map.entry("dataset-00012", "dataset has no title"),
                Map.entry("dataset-00013", "title is not a text (OBJECT)"),
                Map.entry("#115", "catalog item is not a JSON object"),
                Map.entry("dataset-00216", "dataset has no title"));
        UdataState state = world.assertEachSourceDatasetOnce(DATASETS - 2 - 5);
        assertThat(state.content()).allSatisfy((id, content) -> assertThat(content).isEqualTo(clean.content().get(id)));

        // relaunched: a new run (the first completed), the same rejections, nothing twice
        HarvestRun again = harvest();
        assertThat(again.exitCode()).as(again.output()).isEqualTo(3);
        assertThat(rejections(again.report())).isEqualTo(reasons);
        assertThat(UdataState.of(udata).duplicates()).isEmpty();
        assertThat(UdataState.of(udata).idsChangedSince(state)).isEmpty();
    }

    @Test
    void moreRejectionsThanTheSkipLimitFailWithExit1AndASentenceSayingSo() {
        serveTheCatalogWithFiveBrokenItems();

        HarvestRun failed = harvest("--harvest.skip-limit=3");

        assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
        assertThat(failed.output()).contains("More than 3 datasets were rejected (harvest.skip-limit=3)",
                "#115: catalog item is not a JSON object", "raise harvest.skip-limit");
        UdataState partial = UdataState.of(udata);
        assertThat(partial.copies()).hasSize(98 - 3); // the first chunk and its three rejections

        // relaunched with room for them: the same run resumes and completes with its rejections
        HarvestRun resumed = harvest("--harvest.skip-limit=10");
        assertThat(resumed.exitCode()).as(resumed.output()).isEqualTo(3);
        assertThat(resumed.report().path("run").asLong()).isEqualTo(1);
        assertThat(rejections(resumed.report())).hasSize(5);
        UdataState state = world.assertEachSourceDatasetOnce(DATASETS - 2 - 5);
        assertThat(state.idsChangedSince(partial)).isEmpty();
    }

    @Test
    void aSkipLimitOfZeroToleratesNoRejection() {
        serveTheCatalogWithFiveBrokenItems();

        HarvestRun failed = harvest("--harvest.skip-limit=0");

        assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
        assertThat(failed.output()).contains("More than 0 datasets were rejected");
    }

    /** The catalog with five broken items: no id, no title, a title object, not an object, an empty title. */
    private static void serveTheCatalogWithFiveBrokenItems() {
        for (int offset = 0; offset < DATASETS; offset += 100) {
            JsonNode page = tools.jackson.databind.json.JsonMapper.builder().build()
                    .readTree(ods.v21Body(catalog, offset, 100));
            tools.jackson.databind.node.ArrayNode results = (tools.jackson.databind.node.ArrayNode) page.path("results");
            if (offset == 0) {
                ((tools.jackson.databind.node.ObjectNode) results.get(10)).remove("dataset_id");
                ((tools.jackson.databind.node.ObjectNode) results.get(12).path("metas").path("default")).remove("title");
                ((tools.jackson.databind.node.ObjectNode) results.get(13).path("metas").path("default"))
                        .putObject("title").put("fr", "Titre");
            }
            if (offset == 100) {
                results.set(14, tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add("dataset-00114"));
            }
            if (offset == 200) {
                ((tools.jackson.databind.node.ObjectNode) results.get(16).path("metas").path("default"))
                        .put("title", "   ");
            }
            ods.pageAnswers(offset, page.toString());
        }
    }

    // ------------------------------------------------------------------ job repository

    @Test
    void aCorruptedJobRepositoryFailsWithExit1AndOneSentenceBeforeAnythingIsWritten() throws IOException {
        Path dataDir = world.dataDir();
        Files.writeString(dataDir.resolve("jobrepo.properties"), "version=2.7.3\nmodified=no\n");
        Files.writeString(dataDir.resolve("jobrepo.script"), "THIS IS NOT AN HSQLDB SCRIPT\n\u0000\u0001garbage\n");

        HarvestRun failed = harvest();

        assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
        assertThat(failed.output()).contains("The job repository failed", "harvest.data-dir");
        assertThat(udata.writeCount()).isZero();
    }
}
