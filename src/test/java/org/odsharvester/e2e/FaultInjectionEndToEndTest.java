package org.odsharvester.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odsharvester.support.Await;
import org.odsharvester.support.CatalogGenerator;
import org.odsharvester.support.HarvestRun;
import org.odsharvester.support.OdsPortalStub;
import org.odsharvester.support.UdataState;
import org.odsharvester.udata.FakeUdata;
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
class FaultInjectionEndToEndTest {

    private static final int DATASETS = 250;
    private static final String QUOTA_BODY = "{\"errorcode\": 10002, \"reset_time\": \"2026-03-02T00:00:00Z\","
            + " \"limit_time_unit\": \"day\", \"call_limit\": 10000,"
            + " \"error\": \"Too many requests on the domain. Please contact the domain administrator.\"}";

    private static OdsPortalStub ods;
    private static List<CatalogGenerator.Dataset> catalog;
    /** udata after a harvest without any fault: what every faulty run must end as. */
    private static UdataState clean;

    @TempDir
    Path dataDir;

    private FakeUdata udata;
    /** Exit codes of this test's runs, in order: printed with the final state for the measured table. */
    private final List<Integer> exits = new ArrayList<>();

    @BeforeAll
    static void cleanRun(@TempDir Path cleanDataDir) {
        ods = new OdsPortalStub();
        catalog = ods.generator().datasets(DATASETS);
        catalog.get(7).inspire = true;
        catalog.get(8).hasRecords = false;
        catalog.get(8).attachments.clear();
        ods.serve(catalog, true);
        try (FakeUdata reference = new FakeUdata()) {
            HarvestRun run = harvest(cleanDataDir, reference);
            assertThat(run.exitCode()).as(run.output()).isZero();
            clean = UdataState.of(reference);
        }
        assertThat(clean.copies()).hasSize(DATASETS - 2);
    }

    @AfterAll
    static void stopPortal() {
        ods.close();
    }

    @BeforeEach
    void start() {
        ods.serve(catalog, true);
        udata = new FakeUdata();
    }

    @AfterEach
    void stop(org.junit.jupiter.api.TestInfo test) {
        UdataState end = UdataState.of(udata);
        System.out.printf("MEASURED %s: exit codes %s; udata ends with %d source datasets, %d duplicated, content %s"
                + " a clean run's%n", test.getTestMethod().orElseThrow().getName(), exits, end.copies().size(),
                end.duplicates().size(), end.content().equals(clean.content()) ? "equal to" : "different from");
        udata.close();
    }

    private static HarvestRun harvest(Path dataDir, FakeUdata udata, String... extra) {
        return harvest(dataDir, udata.url(), udata, extra);
    }

    private static HarvestRun harvest(Path dataDir, String udataUrl, FakeUdata udata, String... extra) {
        // chunks of one page: a fault on a page leaves the pages before it committed, which these tests count
        List<String> args = new ArrayList<>(List.of("--ods.url=" + ods.url(), "--udata.url=" + udataUrl,
                "--udata.api-key=" + udata.apiKey(), "--udata.organization=" + udata.organization(),
                "--harvest.chunk-size=100"));
        args.addAll(List.of(extra));
        return HarvestRun.of(dataDir, args);
    }

    private HarvestRun harvest(String... extra) {
        HarvestRun run = harvest(dataDir, udata, extra);
        exits.add(run.exitCode());
        return run;
    }

    /** The page at {@code offset} answers this until the catalog is served again. */
    private static void odsPageAnswers(int offset, ResponseDefinitionBuilder answer) {
        ods.server().stubFor(ods.v21Page(offset, 100).atPriority(1).willReturn(answer));
    }

    /** Every request to the v2.1 catalog (the probe included) answers this. */
    private static void odsCatalogAnswers(ResponseDefinitionBuilder answer) {
        ods.server().stubFor(get(urlPathEqualTo(OdsPortalStub.V21_PATH)).atPriority(1).willReturn(answer));
    }

    /** The fault is gone: the same command again must resume the same run and end as a clean run. */
    private void relaunchEndsAsACleanRun(UdataState beforeRelaunch, long expectedRun) {
        ods.serve(catalog, true);
        udata.clearFailures();

        HarvestRun resumed = harvest();

        assertThat(resumed.exitCode()).as(resumed.output()).isZero();
        assertThat(resumed.report().path("run").asLong()).isEqualTo(expectedRun);
        assertEndsAsACleanRun(beforeRelaunch);
    }

    private void assertEndsAsACleanRun(UdataState beforeRelaunch) {
        UdataState state = UdataState.of(udata);
        assertThat(state.duplicates()).as("datasets present more than once").isEmpty();
        assertThat(state.content()).isEqualTo(clean.content());
        assertThat(state.idsChangedSince(beforeRelaunch)).as("udata ids changed by the relaunch").isEmpty();
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
        assertEndsAsACleanRun(UdataState.of(udata));
    }

    @Test
    void odsServerErrorForGoodFailsWithExit1AndTheRelaunchResumes() {
        odsPageAnswers(100, aResponse().withStatus(503).withBody("<html>Service Unavailable</html>"));

        HarvestRun failed = harvest();

        assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
        assertThat(failed.output()).contains("answered HTTP 503", "gave up after 4 attempts",
                "relaunch the same command to resume");
        UdataState partial = UdataState.of(udata);
        assertThat(partial.copies()).hasSize(98); // the first chunk, committed
        relaunchEndsAsACleanRun(partial, 1);
    }

    @Test
    void odsTimeoutFailsWithExit1AfterRetriesAndTheRelaunchResumes() {
        odsPageAnswers(200, OdsPortalStub.json(ods.v21Body(catalog, 200, 100)).withFixedDelay(3_000));

        HarvestRun failed = harvest("--ods.read-timeout=300ms");

        assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
        assertThat(failed.output()).contains("did not answer", "relaunch the same command to resume");
        UdataState partial = UdataState.of(udata);
        assertThat(partial.copies()).hasSize(198);
        relaunchEndsAsACleanRun(partial, 1);
    }

    @Test
    void odsConnectionResetFailsWithExit1AfterRetriesAndTheRelaunchResumes() {
        odsPageAnswers(100, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        HarvestRun failed = harvest();

        assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
        assertThat(failed.output()).contains("did not answer");
        UdataState partial = UdataState.of(udata);
        assertThat(partial.copies()).hasSize(98);
        relaunchEndsAsACleanRun(partial, 1);
    }

    @Test
    void odsQuotaMidRunStopsWithExit5AndTheResetTimeAndTheRelaunchResumes() {
        odsPageAnswers(200, aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                .withBody(QUOTA_BODY));

        HarvestRun stopped = harvest();

        assertThat(stopped.exitCode()).as(stopped.output()).isEqualTo(5);
        assertThat(stopped.output()).contains("API quota is exhausted", "it resets at 2026-03-02T00:00:00Z",
                "relaunch the same command after that");
        assertThat(ods.server().findAll(getRequestedFor(urlPathEqualTo(OdsPortalStub.V21_PATH))
                .withQueryParam("offset", equalTo("200")))).as("a quota answer is not retried").hasSize(1);
        UdataState partial = UdataState.of(udata);
        assertThat(partial.copies()).hasSize(198);
        relaunchEndsAsACleanRun(partial, 1);
    }

    @Test
    void odsQuotaAtStartStopsWithExit5BeforeAnythingIsWritten() {
        odsCatalogAnswers(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                .withBody(QUOTA_BODY));

        HarvestRun stopped = harvest();

        assertThat(stopped.exitCode()).as(stopped.output()).isEqualTo(5);
        assertThat(stopped.output()).contains("it resets at 2026-03-02T00:00:00Z");
        assertThat(udata.writeCount()).isZero();
        relaunchEndsAsACleanRun(UdataState.of(udata), 1);
    }

    @Test
    void odsRefusingAccessAtStartEndsWithExit2AndASentenceAboutTheKey() {
        odsCatalogAnswers(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"message\": \"Authentication required\"}"));

        HarvestRun refused = harvest();

        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(2);
        assertThat(refused.output()).contains("the portal is private or restricted", "--ods.api-key");
        assertThat(udata.writeCount()).isZero();

        odsCatalogAnswers(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                .withBody("{\"message\": \"Invalid API key\"}"));
        HarvestRun keyRefused = harvest("--ods.api-key=revoked-key");

        assertThat(keyRefused.exitCode()).as(keyRefused.output()).isEqualTo(2);
        assertThat(keyRefused.output()).contains("rejected the API key set in ods.api-key").doesNotContain("revoked-key");
        assertThat(udata.writeCount()).isZero();
        relaunchEndsAsACleanRun(UdataState.of(udata), 1);
    }

    @Test
    void odsRefusingAccessMidRunEndsWithExit2AndTheRelaunchResumes() {
        odsPageAnswers(100, aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                .withBody("{\"message\": \"Forbidden\"}"));

        HarvestRun refused = harvest("--ods.api-key=key-of-a-deleted-account");

        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(2);
        assertThat(refused.output()).contains("rejected the API key set in ods.api-key")
                .doesNotContain("key-of-a-deleted-account");
        UdataState partial = UdataState.of(udata);
        assertThat(partial.copies()).hasSize(98);
        relaunchEndsAsACleanRun(partial, 1);
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
        assertEndsAsACleanRun(UdataState.of(udata));
    }

    @Test
    void aUdataTimeoutOnACreationThatUdataCompletedLeavesNoDuplicateAfterTheNextRun() {
        // udata does the work but answers after the client gave up: the retry may make a second dataset
        udata.stallNext(request -> request.method().equals("POST"), 3, Duration.ofMillis(1_500));

        HarvestRun run = harvest("--udata.read-timeout=400ms");

        assertThat(run.exitCode()).as(run.output()).isZero();
        Await.until("udata idle", Duration.ofSeconds(30), () -> udata.requestsInFlight() == 0, () -> "");
        UdataState afterRun = UdataState.of(udata);
        assertThat(afterRun.copies().keySet()).isEqualTo(clean.copies().keySet());
        assertThat(afterRun.duplicates()).as("at most the three stalled creations").hasSizeLessThanOrEqualTo(3);

        // the next run's index rebuild deletes the younger copies
        HarvestRun next = harvest();

        assertThat(next.exitCode()).as(next.output()).isZero();
        UdataState state = UdataState.of(udata);
        assertThat(state.duplicates()).isEmpty();
        assertThat(state.content()).isEqualTo(clean.content());
        assertThat(udata.requestCount("DELETE", "/api/1/datasets/")).isEqualTo(afterRun.duplicates().size());
    }

    @Test
    void udataServerErrorsForGoodFailWithExit1AndTheRelaunchResumes() {
        AtomicInteger posts = new AtomicInteger();
        udata.failWhen(request -> isCreation(request) && posts.incrementAndGet() > 130, 500,
                "{\"message\": \"Internal Server Error\"}");

        HarvestRun failed = harvest();

        assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
        assertThat(failed.output()).contains("answered HTTP 500", "relaunch the same command to resume");
        UdataState partial = UdataState.of(udata);
        assertThat(partial.copies()).hasSize(130);
        relaunchEndsAsACleanRun(partial, 1);
    }

    @Test
    void udataUnreachableMidRunFailsWithExit1AndTheRelaunchResumes() {
        AtomicInteger posts = new AtomicInteger();
        // after 150 creations udata goes dark: no request gets an answer any more
        udata.dropNext(request -> (isCreation(request) ? posts.incrementAndGet() : posts.get()) > 150,
                Integer.MAX_VALUE);

        HarvestRun failed = harvest();

        assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
        assertThat(failed.output()).contains("did not answer", "relaunch the same command to resume");
        UdataState partial = UdataState.of(udata);
        assertThat(partial.copies()).hasSize(150);
        relaunchEndsAsACleanRun(partial, 1);
    }

    @Test
    void udataInReadOnlyModeStopsTheRunWithExit1AndTheRelaunchResumes() {
        AtomicInteger posts = new AtomicInteger();
        udata.failWhen(request -> (isCreation(request) ? posts.incrementAndGet() : posts.get()) > 120,
                423, "{\"message\": \"The site is in read-only mode\"}");

        HarvestRun failed = harvest();

        assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
        assertThat(failed.output()).contains("is in read-only mode (HTTP 423)");
        UdataState partial = UdataState.of(udata);
        assertThat(partial.copies()).hasSize(120);
        relaunchEndsAsACleanRun(partial, 1);
    }

    @Test
    void udataRevokingTheKeyMidRunStopsTheRunWithExit2AndTheRelaunchResumes() {
        AtomicInteger posts = new AtomicInteger();
        udata.failWhen(request -> (isCreation(request) ? posts.incrementAndGet() : posts.get()) > 120,
                401, "{\"message\": \"Invalid API token\"}");

        HarvestRun refused = harvest();

        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(2);
        assertThat(refused.output()).contains("udata rejected the API key").doesNotContain(udata.apiKey());
        UdataState partial = UdataState.of(udata);
        assertThat(partial.copies()).hasSize(120);
        relaunchEndsAsACleanRun(partial, 1);
    }

    @Test
    void udataUnreachableAtStartFailsWithExit1AndOneSentence() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        HarvestRun failed = harvest(dataDir, "http://127.0.0.1:" + closedPort, udata);
        exits.add(failed.exitCode());

        assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
        assertThat(failed.output()).contains("udata http://127.0.0.1:" + closedPort + " did not answer GET /api/1/me/",
                "relaunch the same command");
        relaunchEndsAsACleanRun(UdataState.of(udata), 1);
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
        assertEndsAsACleanRun(state);
    }

    // ------------------------------------------------------------------ the source's data

    @Test
    void unusableDatasetsAreRejectedWithTheirReasonAndTheRunGoesOn() {
        List<String> pages = brokenCatalogPages();
        for (int offset = 0; offset < DATASETS; offset += 100) {
            odsPageAnswers(offset, OdsPortalStub.json(pages.get(offset / 100)));
        }

        HarvestRun run = harvest();

        assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
        Map<String, String> reasons = rejections(run.report());
        assertThat(reasons).containsOnly(
                Map.entry("#11", "dataset has no dataset_id"),
                Map.entry("dataset-00012", "dataset has no title"),
                Map.entry("dataset-00013", "title is not a text (OBJECT)"),
                Map.entry("#115", "catalog item is not a JSON object"),
                Map.entry("dataset-00216", "dataset has no title"));
        UdataState state = UdataState.of(udata);
        assertThat(state.duplicates()).isEmpty();
        assertThat(state.copies()).hasSize(DATASETS - 2 - 5);
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
        List<String> pages = brokenCatalogPages();
        for (int offset = 0; offset < DATASETS; offset += 100) {
            odsPageAnswers(offset, OdsPortalStub.json(pages.get(offset / 100)));
        }

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
        UdataState state = UdataState.of(udata);
        assertThat(state.duplicates()).isEmpty();
        assertThat(state.copies()).hasSize(DATASETS - 2 - 5);
        assertThat(state.idsChangedSince(partial)).isEmpty();
    }

    @Test
    void aSkipLimitOfZeroToleratesNoRejection() {
        List<String> pages = brokenCatalogPages();
        for (int offset = 0; offset < DATASETS; offset += 100) {
            odsPageAnswers(offset, OdsPortalStub.json(pages.get(offset / 100)));
        }

        HarvestRun failed = harvest("--harvest.skip-limit=0");

        assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
        assertThat(failed.output()).contains("More than 0 datasets were rejected");
    }

    /** The catalog's pages with five broken items: no id, no title, a title object, not an object, an empty title. */
    private static List<String> brokenCatalogPages() {
        List<String> pages = new ArrayList<>();
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
            pages.add(page.toString());
        }
        return pages;
    }

    private static Map<String, String> rejections(JsonNode report) {
        Map<String, String> reasons = new java.util.TreeMap<>();
        report.path("rejected").forEach(r -> reasons.put(r.path("datasetId").asString(), r.path("reason").asString()));
        return reasons;
    }

    // ------------------------------------------------------------------ job repository

    @Test
    void aCorruptedJobRepositoryFailsWithExit1AndOneSentenceBeforeAnythingIsWritten() throws IOException {
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve("jobrepo.properties"), "version=2.7.3\nmodified=no\n");
        Files.writeString(dataDir.resolve("jobrepo.script"), "THIS IS NOT AN HSQLDB SCRIPT\n\u0000\u0001garbage\n");

        HarvestRun failed = harvest();

        assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
        assertThat(failed.output()).contains("The job repository failed", "harvest.data-dir");
        assertThat(udata.writeCount()).isZero();
    }

    /** A dataset creation (a harvest also creates the organization's contact points, by another POST). */
    private static boolean isCreation(org.odsharvester.udata.FakeUdata.Request request) {
        return request.method().equals("POST") && request.path().equals("/api/1/datasets/");
    }
}
