package org.odsharvester.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.odsharvester.udata.FakeUdata;
import org.springframework.boot.test.system.CapturedOutput;
import tools.jackson.databind.JsonNode;

/**
 * The one harness of the end-to-end and process tests: an ODS portal stub and the udata fake on loopback, a
 * data directory, the argument list of a harvest of the one into the other, and the harvest run in this JVM
 * ({@link #harvest}) or as the packaged jar ({@link #launch}). Everything is stopped and deleted after each test.
 * <p>
 * Registered with {@code @RegisterExtension}; a class that runs the harvester in this JVM also has
 * {@code @ExtendWith(OutputCaptureExtension.class)}: the console output of each run is read from Boot's capture.
 * On an instance field the portal stub is made for each test; on a static field it is made once for the class
 * (for a catalog served once and a clean reference run in {@code @BeforeAll}), the rest per test.
 */
public final class HarvestHarness implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {

    /** The harvester's "now" at the start of each test: a test moves {@link #clock()} to let a period pass. */
    public static final Instant DAY_ZERO = Instant.parse("2026-12-01T08:00:00Z");
    private static final Duration PATIENCE = Duration.ofMinutes(2);
    /**
     * The portal's dataservice is off unless a test turns it on ({@code --udata.dataservice=true}): the tests of
     * the other rules count udata's writes, and its own (one per created or archived dataset) would blur them.
     */
    public static final String NO_DATASERVICE = "--udata.dataservice=false";

    private final Supplier<FakeUdata> udataFactory;
    private int catalogSize;
    private List<CatalogGenerator.Dataset> catalog;
    private OdsPortalStub ods;
    private boolean odsPerTest;
    private FakeUdata udata;
    private SettableClock clock;
    private Path work;
    private CapturedOutput output;
    private final List<HarvesterProcess> started = new ArrayList<>();

    public HarvestHarness() {
        this(FakeUdata::new);
    }

    /** With udata made by {@code udataFactory} (another API key, for instance). */
    public HarvestHarness(Supplier<FakeUdata> udataFactory) {
        this.udataFactory = udataFactory;
    }

    /** The portal serves a generated catalog of this many datasets (v2.1) at the start of each test. */
    public HarvestHarness serving(int datasets) {
        catalogSize = datasets;
        return this;
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public void beforeAll(ExtensionContext context) {
        ods = new OdsPortalStub();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ods.close();
        ods = null;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (ods == null) {
            ods = new OdsPortalStub();
            odsPerTest = true;
        }
        if (catalogSize > 0) {
            serveANewCatalog(catalogSize);
        }
        udata = udataFactory.get();
        clock = new SettableClock(DAY_ZERO);
        work = Files.createTempDirectory("harvest-");
        Files.createDirectories(dataDir());
        Method capture = HarvestHarness.class.getDeclaredMethod("capture", CapturedOutput.class);
        try {
            context.getExecutableInvoker().invoke(capture, this);
        } catch (ParameterResolutionException noCapture) {
            output = null; // a class that only launches the jar reads the output of the process instead
        }
    }

    /** Called with Boot's capture of this test's output (resolved by OutputCaptureExtension). */
    private void capture(CapturedOutput captured) {
        output = captured;
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        started.forEach(HarvesterProcess::destroyIfAlive);
        started.clear();
        udata.close();
        if (odsPerTest) {
            ods.close();
            ods = null;
            odsPerTest = false;
        }
        deleteRecursively(work);
    }

    // ------------------------------------------------------------------ the two systems and the data directory

    public OdsPortalStub ods() {
        return ods;
    }

    public FakeUdata udata() {
        return udata;
    }

    /** The catalog of {@link #serving}, for a test to change and {@link #serve} again. */
    public List<CatalogGenerator.Dataset> catalog() {
        return catalog;
    }

    public SettableClock clock() {
        return clock;
    }

    /** This test's folder: the data directory and the output of launched processes are in it. */
    public Path workDir() {
        return work;
    }

    /** {@code --harvest.data-dir} of every run unless the options name another. */
    public Path dataDir() {
        return work.resolve("data");
    }

    /** Serves a newly generated catalog of this many datasets: {@link #catalog()} from now on. */
    public List<CatalogGenerator.Dataset> serveANewCatalog(int datasets) {
        catalog = ods.generator().datasets(datasets);
        serve(catalog);
        return catalog;
    }

    /** Serves this catalog through the v2.1 API. */
    public void serve(List<CatalogGenerator.Dataset> catalog) {
        ods.serve(catalog, true);
    }

    /** Deletes everything under the data directory: job repository, index, outcomes, reports. */
    public void deleteDataDir() {
        deleteRecursively(dataDir());
        try {
            Files.createDirectories(dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ running the harvester

    /**
     * Harvests the portal stub into the udata fake in this JVM: its URL, API key and organization and the data
     * directory, then {@code extra} (an option in {@code extra} replaces the one it would have had).
     */
    public HarvestRun harvest(String... extra) {
        return run(withDefaults(List.of("--ods.url=" + ods.url(), "--udata.url=" + udata.url(),
                "--udata.api-key=" + udata.apiKey(), "--udata.organization=" + udata.organization(), NO_DATASERVICE),
                extra));
    }

    /** {@link #harvest}, asserting that the run ended with exit 0 (its output is the failure message). */
    public HarvestRun harvestCompletely(String... extra) {
        HarvestRun run = harvest(extra);
        assertThat(run.exitCode()).as(run.output()).isZero();
        return run;
    }

    /** Runs the harvester in this JVM with only these options (and the data directory unless one is given). */
    public HarvestRun run(String... options) {
        return run(withDefaults(List.of(), options));
    }

    private HarvestRun run(List<String> options) {
        return HarvestRun.of(dataDirOf(options), clock, options, output);
    }

    /**
     * Launches the packaged jar as a scheduler does, the udata key in the environment ({@code UDATA_API_KEY}) as
     * the README says, its output in {@code <workDir>/<name>.out}; stopped after the test if still running.
     */
    public HarvesterProcess launch(String name, String... extra) {
        return launchWithEnvironment(name, Map.of(), extra);
    }

    /** The same, with these environment variables too. */
    public HarvesterProcess launchWithEnvironment(String name, Map<String, String> environment, String... extra) {
        Map<String, String> all = new TreeMap<>(environment);
        all.put("UDATA_API_KEY", udata.apiKey());
        return launch(name, withDefaults(List.of("--ods.url=" + ods.url(), "--udata.url=" + udata.url(),
                "--udata.organization=" + udata.organization(), NO_DATASERVICE), extra), all);
    }

    /** Launches the packaged jar with exactly these options and environment variables. */
    public HarvesterProcess launch(String name, List<String> options, Map<String, String> environment) {
        HarvesterProcess process = HarvesterProcess.start(work, name, options, environment);
        started.add(process);
        return process;
    }

    /**
     * The state of a udata of its own after a harvest of the portal without any fault: what a test's runs must
     * end as. Made with a udata fake and a data directory of its own, so that it can run in {@code @BeforeAll}.
     */
    public UdataState cleanRunState(String... extra) throws IOException {
        Path cleanDir = Files.createTempDirectory("clean-harvest-");
        try (FakeUdata reference = new FakeUdata()) {
            List<String> options = withDefaults(cleanDir, List.of("--ods.url=" + ods.url(),
                    "--udata.url=" + reference.url(), "--udata.api-key=" + reference.apiKey(),
                    "--udata.organization=" + reference.organization(), NO_DATASERVICE), extra);
            HarvestRun run = HarvestRun.of(cleanDir, new SettableClock(DAY_ZERO), options, null);
            assertThat(run.exitCode()).as("the clean reference run (its output is on the console)").isZero();
            return UdataState.of(reference);
        } finally {
            deleteRecursively(cleanDir);
        }
    }

    /** {@code defaults}, each replaced by the option of the same key in {@code extra}, then the rest of extra. */
    private List<String> withDefaults(List<String> defaults, String... extra) {
        return withDefaults(dataDir(), defaults, extra);
    }

    private static List<String> withDefaults(Path dataDir, List<String> defaults, String... extra) {
        List<String> options = new ArrayList<>();
        List<String> all = new ArrayList<>(defaults);
        all.add("--harvest.data-dir=" + dataDir);
        for (String option : all) {
            String key = option.substring(0, option.indexOf('=') + 1);
            if (Stream.of(extra).noneMatch(e -> e.startsWith(key))) {
                options.add(option);
            }
        }
        options.addAll(List.of(extra));
        return options;
    }

    private static Path dataDirOf(List<String> options) {
        return options.stream().filter(o -> o.startsWith("--harvest.data-dir=")).reduce((a, b) -> b)
                .map(o -> Path.of(o.substring("--harvest.data-dir=".length()))).orElseThrow();
    }

    // ------------------------------------------------------------------ waiting

    /** Waits until udata holds {@code count} datasets; fails after two minutes, telling where the process is. */
    public void awaitDatasetsInUdata(int count, Object whatIsRunning) {
        await().alias(count + " datasets in udata while " + whatIsRunning).atMost(PATIENCE)
                .until(() -> udata.datasets().size() >= count);
    }

    /** Waits until udata answered every request it received (a killed client leaves some being processed). */
    public void awaitUdataIdle() {
        await().alias("udata idle").atMost(Duration.ofSeconds(30)).until(() -> udata.requestsInFlight() == 0);
    }

    /**
     * Waits until every run lease in this job repository has been silent for longer than {@code staleAfter}
     * (and half a second): a process killed just after a heartbeat leaves a lease fresh for that long, and a
     * launch meant to take it over would still find it held.
     */
    public static void awaitRunLeasesStale(String jdbcUrl, String user, Duration staleAfter) {
        await().alias("the run leases of " + jdbcUrl + " stale").atMost(staleAfter.plusSeconds(30))
                .until(() -> System.currentTimeMillis() - lastHeartbeatMillis(jdbcUrl, user)
                        > staleAfter.toMillis() + 500);
    }

    private static long lastHeartbeatMillis(String jdbcUrl, String user) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, "");
                ResultSet rows = connection.createStatement().executeQuery(
                        "SELECT MAX(HEARTBEAT_AT) FROM HARVEST_RUN_LOCK")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the run leases of " + jdbcUrl, e);
        }
    }

    // ------------------------------------------------------------------ what udata and the job repository hold

    /** The udata datasets this source made, by {@code harvest:remote_id}; fails on a duplicate. */
    public Map<String, JsonNode> harvested() {
        return udata.datasetsWithExtra("harvest:domain", "127.0.0.1").stream().collect(Collectors.toMap(
                d -> d.path("extras").path("harvest:remote_id").asString(), d -> d, (a, b) -> {
                    throw new AssertionError("two udata datasets for " + a.path("extras"));
                }, TreeMap::new));
    }

    /** The udata dataset holding this source uid; fails when there is not exactly one. */
    public JsonNode byUid(String uid) {
        return only("ods:dataset_uid", uid);
    }

    /** The udata dataset made from this source dataset id; fails when there is not exactly one. */
    public JsonNode byRemoteId(String remoteId) {
        return only("harvest:remote_id", remoteId);
    }

    private JsonNode only(String extra, String value) {
        List<JsonNode> found = udata.datasetsWithExtra(extra, value);
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " udata datasets carry " + extra + " " + value);
        }
        return found.get(0);
    }

    /**
     * The udata requests received since the last {@link FakeUdata#clearRequests()}, by kind: {@code GET me},
     * {@code GET organization}, {@code GET licenses}, {@code GET list}, {@code GET dataset}, {@code POST}, {@code PUT},
     * {@code DELETE}.
     */
    public Map<String, Integer> udataRequestsByKind() {
        Map<String, Integer> counts = new TreeMap<>();
        for (FakeUdata.Request r : udata.requests()) {
            counts.merge(kind(r), 1, Integer::sum);
        }
        return counts;
    }

    private static String kind(FakeUdata.Request r) {
        if (!r.method().equals("GET")) {
            return r.method();
        } else if (r.path().equals("/api/1/me/")) {
            return "GET me";
        } else if (r.path().startsWith("/api/1/organizations/")) {
            return "GET organization";
        } else if (r.path().equals("/api/1/datasets/licenses/")) {
            return "GET licenses";
        } else if (r.path().equals("/api/1/datasets/")) {
            return "GET list";
        } else if (r.path().startsWith("/api/1/datasets/")) {
            return "GET dataset";
        }
        return "GET " + r.path();
    }

    /** The ODS requests received since the last reset, by {@code <path> limit=<limit>}. */
    public Map<String, Integer> odsRequestsByKind() {
        Map<String, Integer> counts = new TreeMap<>();
        ods.server().getAllServeEvents().forEach(event -> {
            var request = event.getRequest();
            String limit = request.queryParameter("limit").isPresent() ? request.queryParameter("limit").firstValue()
                    : request.queryParameter("rows").isPresent() ? request.queryParameter("rows").firstValue() : "-";
            String path = request.getUrl().replaceAll("\\?.*", "");
            counts.merge(path + " limit=" + limit, 1, Integer::sum);
        });
        return counts;
    }

    /** Job executions in the data directory's job repository (0 when the harvester never created it). */
    public int jobExecutions() {
        if (Stream.of("properties", "script", "log").noneMatch(ext -> Files.exists(dataDir().resolve("jobrepo." + ext)))) {
            return 0;
        }
        try (Connection c = DriverManager.getConnection("jdbc:hsqldb:file:" + dataDir().resolve("jobrepo")
                + ";ifexists=true;shutdown=true", "SA", "");
                ResultSet rows = c.createStatement().executeQuery("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION")) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the job repository in " + dataDir(), e);
        }
    }

    /** udata goes down for good after {@code created} creations: each further one answers HTTP 500. */
    public void udataFailsAfterCreations(int created) {
        AtomicInteger creations = new AtomicInteger();
        udata.failWhen(request -> isDatasetCreation(request) && creations.incrementAndGet() > created, 500,
                "{\"message\":\"Internal Server Error\"}");
    }

    /** A dataset creation: a harvest also POSTs the organization's contact points. */
    public static boolean isDatasetCreation(FakeUdata.Request request) {
        return request.method().equals("POST") && request.path().equals("/api/1/datasets/");
    }

    /**
     * Harvests the unchanged portal twice more, the second time with the data directory deleted (the index rebuilt
     * from udata alone): each run writes nothing, reads no dataset and finds all {@code count} unchanged.
     */
    public void assertAnUnchangedPortalMakesNoWriteAlsoAfterARebuild(int count) {
        for (boolean rebuild : new boolean[] {false, true}) {
            if (rebuild) {
                deleteDataDir();
            }
            udata.clearRequests();
            HarvestRun run = harvest();
            String which = rebuild ? "after the index was rebuilt from udata" : "with the index";
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(udata.writeCount()).as(which).isZero();
            assertThat(udataRequestsByKind()).as(which).doesNotContainKey("GET dataset");
            assertThat(run.report().path("counts").path("unchanged").asLong()).as(which).isEqualTo(count);
        }
    }

    /** Neither the ODS portal stub nor udata received any request. */
    public void assertNoRequestReachedEitherSystem() {
        assertThat(ods.server().getAllServeEvents()).as("requests to the ODS portal").isEmpty();
        assertThat(udata.requests()).as("requests to udata").isEmpty();
    }

    /** udata holds {@code count} source datasets of harvesters, each once; returns what it holds. */
    public UdataState assertEachSourceDatasetOnce(int count) {
        UdataState state = UdataState.of(udata);
        assertThat(state.duplicates()).as("datasets present more than once").isEmpty();
        assertThat(state.copies()).hasSize(count);
        return state;
    }

    /** udata ends as the clean run left its own: each source dataset once, with the same content. */
    public UdataState assertEndsAsACleanRun(UdataState clean) {
        UdataState state = UdataState.of(udata);
        assertThat(state.duplicates()).as("datasets present more than once").isEmpty();
        assertThat(state.content()).isEqualTo(clean.content());
        return state;
    }

    /**
     * The same after a relaunch: and the datasets that were there before it keep their udata ids and resource
     * ids.
     */
    public void assertEndsAsACleanRun(UdataState clean, UdataState beforeRelaunch) {
        assertThat(assertEndsAsACleanRun(clean).idsChangedSince(beforeRelaunch))
                .as("udata ids changed by the relaunch").isEmpty();
    }

    // ------------------------------------------------------------------ reading a report and a dataset

    /** The rejected datasets of a report: dataset id (or {@code #position}) → reason. */
    public static Map<String, String> rejections(JsonNode report) {
        Map<String, String> reasons = new TreeMap<>();
        report.path("rejected").forEach(r -> reasons.put(r.path("datasetId").asString(), r.path("reason").asString()));
        return reasons;
    }

    /** Dataset ids (ODS) listed under one outcome of a report, e.g. {@code "archived"}. */
    public static List<String> listed(JsonNode report, String outcome) {
        List<String> ids = new ArrayList<>();
        report.path(outcome).forEach(entry -> ids.add(entry.path("datasetId").asString()));
        return ids;
    }

    /** The resources of a udata dataset: {@code ods:resource_key} (or {@code (hand-made)}) → udata resource id. */
    public static Map<String, String> resourceIdsByKey(JsonNode dataset) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (JsonNode resource : dataset.path("resources")) {
            ids.put(resource.path("extras").path("ods:resource_key").asString("(hand-made)"),
                    resource.path("id").asString());
        }
        return ids;
    }

    public static boolean isArchived(JsonNode dataset) {
        return !dataset.path("archived").isNull() && !dataset.path("archived").isMissingNode();
    }

    private static void deleteRecursively(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
