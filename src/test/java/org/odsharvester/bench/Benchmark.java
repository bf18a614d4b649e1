package org.odsharvester.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

import org.odsharvester.support.CatalogGenerator;
import org.odsharvester.support.GeneratedOdsPortal;
import org.odsharvester.udata.FakeUdata;

/**
 * The performance benchmark ({@code bench/run.sh}): the packaged harvester against loopback stubs with the
 * latency of real servers, on a generated portal.
 * <p>
 * The portal looks like a real one ({@link CatalogGenerator#makeRealistic}: French HTML descriptions with
 * entities, lists and links, five fields, 35 % geographic, attachments on 15 %, dates with microseconds shared
 * by groups of datasets); its udata, {@link FakeUdata}, answers a creation (201) and an update (200) with the
 * whole dataset, as udata does.
 * <p>
 * Scenarios: {@code cpu}, a first harvest with no latency injected (CPU-bound: CPU per 1,000 datasets and per
 * dataset); {@code default}, a first harvest at the default concurrency with LAN-like latencies;
 * {@code reharvest}, a re-harvest of the unchanged portal (the nightly path: one listing of the catalog, nothing
 * fetched by id); {@code changed50}, a re-harvest after 50 datasets of the portal were republished (their
 * {@code metadata_processed} moved: 50 fetched by id and updated, nothing else written); {@code internet}, a first harvest with internet-like
 * latencies (300 ms per ODS page, 150 ms per udata request; target efficiency 0.9); {@code c1}, a first harvest
 * at concurrency 1; {@code legacy}, the old plugin's request pattern; and (with {@code --big}) a first harvest of
 * a much larger portal with a 256 MB heap. Each prints medians over its runs: start-up (launch → first request),
 * harvest time (first request → exit), total, datasets/s, the latency bound and efficiency = bound / harvest
 * time, CPU, memory (peak heap, heap after GC, peak RSS), and the requests sent to ODS and to udata by kind.
 * The latency bound is the least wall time the I/O allows the harvester as it is built: its ODS pages come one
 * after the other (the prefetch overlaps them with writing, one request at a time), and udata's requests
 * {@code concurrency} at a time after the first page: {@code max(ODS requests × ODS latency, ODS latency +
 * ceil(udata requests / concurrency) × udata latency)}.
 * <p>
 * Options ({@code --name=value}): {@code size} (5000), {@code runs} (5), {@code slow-runs} (1, for the two
 * sequential scenarios), {@code legacy-size} (1000: the old pattern is strictly sequential, so its rate over
 * a sample projects linearly), {@code ods-latency-ms} (50), {@code udata-latency-ms} (20),
 * {@code internet-ods-latency-ms} (300), {@code internet-udata-latency-ms} (150), {@code scenarios}
 * (cpu,default,reharvest,internet,c1,legacy), {@code portal} (realistic, or plain for the tests' generated
 * datasets), {@code big} (false), {@code big-size} (50000), {@code big-xmx} (256m),
 * {@code jvm-options} (none, space-separated, for the harvester), {@code harvester-args} (more options of the
 * harvester, space-separated), {@code thread-cpu} (print the harvester's CPU by thread), {@code jar}
 * (target/ods-harvester.jar), {@code launcher} (false; true: the harvester is installed in a directory of its own
 * and launched by {@code jobs/ods-harvester.sh}, as the scheduler definitions do, its fast start prepared before
 * the first scenario; {@code jvm-options} then become its {@code JAVA_OPTS}).
 */
public final class Benchmark {

    private static final int PAGE = 100;
    private static final int DEFAULT_CONCURRENCY = 8;
    private static final double INTERNET_TARGET = 0.9;

    private final Map<String, String> options;
    private final int size;
    private final int runs;
    private final int slowRuns;
    private final int legacySize;
    private final Duration odsLatency;
    private final Duration udataLatency;
    private final Duration internetOdsLatency;
    private final Duration internetUdataLatency;
    private final boolean realistic;
    private final Set<String> scenarios;
    private final List<String> jvmOptions;
    private final ProcessMeter harvester;
    private final Path workDir;
    private final List<Row> rows = new ArrayList<>();

    private Benchmark(Map<String, String> options) throws IOException {
        this.options = options;
        size = Integer.parseInt(options.getOrDefault("size", "5000"));
        runs = Integer.parseInt(options.getOrDefault("runs", "5"));
        slowRuns = Integer.parseInt(options.getOrDefault("slow-runs", "1"));
        legacySize = Math.min(size, Integer.parseInt(options.getOrDefault("legacy-size", "1000")));
        odsLatency = Duration.ofMillis(Long.parseLong(options.getOrDefault("ods-latency-ms", "50")));
        udataLatency = Duration.ofMillis(Long.parseLong(options.getOrDefault("udata-latency-ms", "20")));
        internetOdsLatency = Duration.ofMillis(Long.parseLong(options.getOrDefault("internet-ods-latency-ms", "300")));
        internetUdataLatency = Duration.ofMillis(Long.parseLong(options.getOrDefault("internet-udata-latency-ms",
                "150")));
        String portal = options.getOrDefault("portal", "realistic");
        if (!portal.equals("realistic") && !portal.equals("plain")) {
            throw new IllegalArgumentException("--portal is realistic or plain, not " + portal);
        }
        realistic = portal.equals("realistic");
        scenarios = new LinkedHashSet<>(Arrays.asList(
                options.getOrDefault("scenarios", "cpu,default,reharvest,changed50,internet,c1,legacy").split(",")));
        Set<String> known = Set.of("cpu", "default", "reharvest", "changed50", "internet", "c1", "legacy");
        for (String scenario : scenarios) {
            if (!known.contains(scenario)) {
                throw new IllegalArgumentException("unknown scenario " + scenario + ", known: " + known);
            }
        }
        String jvm = options.getOrDefault("jvm-options", "").trim();
        jvmOptions = jvm.isEmpty() ? List.of() : List.of(jvm.split("\\s+"));
        Path jar = Path.of(options.getOrDefault("jar", "target/ods-harvester.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar + " does not exist: build it first (./mvnw -q package -DskipTests)");
        }
        workDir = Path.of("target", "bench",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))).toAbsolutePath();
        Files.createDirectories(workDir);
        if (Boolean.parseBoolean(options.getOrDefault("launcher", "false"))) {
            // installed as the README says: the jar in a directory, launched by jobs/ods-harvester.sh from there
            Path install = Files.createDirectories(workDir.resolve("install"));
            Files.copy(jar, install.resolve("ods-harvester.jar"));
            harvester = new ProcessMeter(jar, Path.of("jobs/ods-harvester.sh").toAbsolutePath(), install);
        } else {
            harvester = new ProcessMeter(jar);
        }
    }

    /** The launcher's first launch prepares its fast start (once per jar): done before any scenario is timed. */
    private void prepareLauncher() {
        if (!harvester.throughLauncher()) {
            return;
        }
        long start = System.nanoTime();
        int exit = harvester.launchOnce(List.of("--help"), workDir.resolve("launcher-preparation.out"));
        check(exit == 0, "jobs/ods-harvester.sh --help exited with " + exit + ": see "
                + workDir.resolve("launcher-preparation.out"));
        System.out.printf(Locale.ROOT, "Launcher: jobs/ods-harvester.sh prepared its fast start in %.1f s (once per"
                + " jar and JDK; not in the figures below)%n%n", (System.nanoTime() - start) / 1e9);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new java.util.HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("options are --name=value, not " + arg);
            }
            int eq = arg.indexOf('=');
            options.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "true" : arg.substring(eq + 1));
        }
        Benchmark benchmark = new Benchmark(options);
        benchmark.printMachine();
        benchmark.prepareLauncher();
        benchmark.runMainScenarios();
        if (Boolean.parseBoolean(options.getOrDefault("big", "false"))) {
            benchmark.runBig();
        }
        benchmark.printTable();
        System.exit(0); // the stubs' server threads are daemons, but the HTTP client's selector may linger
    }

    // ------------------------------------------------------------------ scenarios

    /** One measured run of a scenario. */
    private record Run(int datasets, int concurrency, ProcessMeter.Measurement m, int writes, int odsRequests,
            double boundSeconds, Map<String, Integer> odsKinds, Map<String, Integer> udataKinds) {

        int udataRequests() {
            return udataKinds.values().stream().mapToInt(Integer::intValue).sum();
        }

        double harvestSeconds() {
            return m.harvestNanos() / 1e9;
        }
    }

    /** A printed line: medians over the runs of one scenario. */
    private record Row(String scenario, List<Run> runs, String note) {
    }

    /** The latencies a scenario injects. */
    private record Latencies(Duration ods, Duration udata) {
    }

    private Latencies lan() {
        return new Latencies(odsLatency, udataLatency);
    }

    private GeneratedOdsPortal portal(int datasets) {
        GeneratedOdsPortal ods = new GeneratedOdsPortal(datasets);
        ods.setKeepQueries(false);
        if (realistic) {
            ods.setCustomizer(CatalogGenerator::makeRealistic);
        }
        return ods;
    }

    private void runMainScenarios() throws Exception {
        try (GeneratedOdsPortal ods = portal(size); FakeUdata udata = new FakeUdata()) {
            udata.setRecordRequests(false);
            if (scenarios.contains("cpu")) {
                List<Run> cpu = new ArrayList<>();
                Latencies none = new Latencies(Duration.ZERO, Duration.ZERO);
                for (int r = 1; r <= runs; r++) {
                    resetUdata(udata);
                    cpu.add(firstHarvest(ods, udata, none, DEFAULT_CONCURRENCY, "cpu-" + r));
                }
                double cpuSeconds = median(cpu, run -> run.m().cpuNanos() / 1e9);
                double startupCpu = median(cpu, run -> run.m().startupCpuNanos() / 1e9);
                rows.add(new Row("first harvest, no latency (CPU-bound)", cpu, String.format(Locale.ROOT,
                        "CPU: %.2f s per 1,000 datasets, %.2f ms per dataset (the harvester's, user + system, all"
                        + " threads, JIT included, start-up's too); %.1f s of it before the first request, %.2f ms"
                        + " per dataset after it", cpuSeconds * 1000 / size, cpuSeconds * 1000 / size, startupCpu,
                        (cpuSeconds - startupCpu) * 1000 / size)));
            }
            List<Run> first = new ArrayList<>();
            List<Run> again = new ArrayList<>();
            List<Run> changed = new ArrayList<>();
            boolean reharvests = scenarios.contains("reharvest") || scenarios.contains("changed50");
            if (scenarios.contains("default") || reharvests) {
                for (int r = 1; r <= runs; r++) {
                    Path dataDir = freshDir("default-" + r);
                    resetUdata(udata);
                    Run run = harvest(ods, udata, lan(), dataDir, DEFAULT_CONCURRENCY, jvmOptions, "default-" + r);
                    check(udata.datasetCount() == size, "the first harvest left " + udata.datasetCount()
                            + " datasets in udata, not " + size);
                    first.add(run);
                    if (reharvests) {
                        // the first re-harvest lists the catalog (the first run of a source is a full pass)
                        Run re = harvest(ods, udata, lan(), dataDir, DEFAULT_CONCURRENCY, jvmOptions,
                                "reharvest-" + r);
                        check(re.writes() == 0, "the re-harvest of an unchanged portal wrote " + re.writes()
                                + " times to udata");
                        again.add(re);
                    }
                    if (scenarios.contains("changed50")) {
                        // 50 datasets spread over the catalog, other ones at each run
                        for (int i = 0; i < 50; i++) {
                            ods.republish((i * (size / 50) + r) % size);
                        }
                        Run re = harvest(ods, udata, lan(), dataDir, DEFAULT_CONCURRENCY, jvmOptions,
                                "changed50-" + r);
                        check(udata.methodCount("PUT") == 50 && re.writes() == 50, "the re-harvest after 50"
                                + " datasets changed wrote " + re.writes() + " times to udata, not 50 PUTs");
                        changed.add(re);
                    }
                }
                if (scenarios.contains("default")) {
                    rows.add(new Row("first harvest, concurrency " + DEFAULT_CONCURRENCY + " (default)", first, ""));
                }
                if (scenarios.contains("reharvest")) {
                    rows.add(new Row("re-harvest, unchanged portal", again, ioNote(again)));
                }
                if (scenarios.contains("changed50")) {
                    rows.add(new Row("re-harvest, 50 datasets changed", changed, ioNote(changed)));
                }
            }
            if (scenarios.contains("internet")) {
                List<Run> internet = new ArrayList<>();
                Latencies far = new Latencies(internetOdsLatency, internetUdataLatency);
                for (int r = 1; r <= runs; r++) {
                    resetUdata(udata);
                    internet.add(firstHarvest(ods, udata, far, DEFAULT_CONCURRENCY, "internet-" + r));
                }
                double efficiency = median(internet, run -> run.boundSeconds() / run.harvestSeconds());
                rows.add(new Row(String.format(Locale.ROOT, "first harvest, internet (ODS %d ms, udata %d ms)",
                        internetOdsLatency.toMillis(), internetUdataLatency.toMillis()), internet,
                        String.format(Locale.ROOT, "efficiency %.2f against a target of %.2f: %s", efficiency,
                                INTERNET_TARGET, efficiency >= INTERNET_TARGET ? "met" : "NOT met")));
            }
            if (scenarios.contains("c1")) {
                List<Run> sequential = new ArrayList<>();
                for (int r = 1; r <= slowRuns; r++) {
                    resetUdata(udata);
                    sequential.add(harvest(ods, udata, lan(), freshDir("c1-" + r), 1, jvmOptions, "c1-" + r));
                }
                rows.add(new Row("first harvest, concurrency 1", sequential, ""));
            }
            if (scenarios.contains("legacy")) {
                rows.add(legacy(ods, udata));
            }
        }
    }

    private void runBig() throws Exception {
        int bigSize = Integer.parseInt(options.getOrDefault("big-size", "50000"));
        String xmx = options.getOrDefault("big-xmx", "256m");
        List<String> jvm = new ArrayList<>(jvmOptions);
        jvm.add("-Xmx" + xmx);
        try (GeneratedOdsPortal ods = portal(bigSize); FakeUdata udata = new FakeUdata()) {
            udata.setRecordRequests(false);
            resetUdata(udata);
            Run run = harvest(ods, udata, lan(), freshDir("big"), DEFAULT_CONCURRENCY, jvm, "big");
            check(udata.datasetCount() == bigSize, "the big harvest left " + udata.datasetCount()
                    + " datasets in udata, not " + bigSize);
            check(ods.refusedCount() == 0, "the portal refused " + ods.refusedCount() + " requests");
            rows.add(new Row("first harvest of " + String.format(Locale.ROOT, "%,d", bigSize) + " datasets, -Xmx"
                    + xmx, List.of(run), bigSize > GeneratedOdsPortal.MAX_WINDOW
                            ? "past the 10,000 paging ceiling: highest offset+limit asked " + ods.highestWindow()
                            : ""));
        }
    }

    private Row legacy(GeneratedOdsPortal ods, FakeUdata udata) throws Exception {
        List<Run> legacyRuns = new ArrayList<>();
        for (int r = 1; r <= slowRuns; r++) {
            resetUdata(udata);
            ods.setLatency(odsLatency);
            udata.setLatency(udataLatency);
            ods.clearRequests();
            udata.clearRequests();
            LegacyPluginPattern pattern = new LegacyPluginPattern(ods.url(), udata.url(), udata.apiKey(),
                    udata.organization());
            long start = System.nanoTime();
            int written = pattern.harvest(legacySize);
            long nanos = System.nanoTime() - start;
            check(written == legacySize, "the old pattern wrote " + written + " datasets");
            // projected to the whole portal: the pattern is strictly sequential, so time is linear in datasets
            long projected = nanos * size / legacySize;
            ProcessMeter.Measurement m = new ProcessMeter.Measurement(0, 0, projected, projected, -1, -1, -1,
                    -1, -1, null, Map.of());
            legacyRuns.add(new Run(size, 1, m, udata.methodCount("POST"), ods.requestCount(), Double.NaN,
                    ods.requestKinds(), udata.requestKinds()));
            System.out.printf(Locale.ROOT, "  old plugin pattern run %d: %d datasets in %.1f s (%.1f datasets/s)%n", r,
                    legacySize, nanos / 1e9, legacySize / (nanos / 1e9));
        }
        String note = legacySize == size ? "measured on the whole portal"
                : String.format(Locale.ROOT, "measured on the first %,d datasets, projected to %,d", legacySize, size);
        return new Row("old plugin pattern (page of 50, GET + write per dataset, sequential)", legacyRuns, note);
    }

    /** A first harvest into an emptied udata, checked to have created every dataset. */
    private Run firstHarvest(GeneratedOdsPortal ods, FakeUdata udata, Latencies latencies, int concurrency,
            String label) throws Exception {
        Run run = harvest(ods, udata, latencies, freshDir(label), concurrency, jvmOptions, label);
        check(udata.datasetCount() == ods.size(), "the first harvest (" + label + ") left " + udata.datasetCount()
                + " datasets in udata, not " + ods.size());
        return run;
    }

    private Run harvest(GeneratedOdsPortal ods, FakeUdata udata, Latencies latencies, Path dataDir, int concurrency,
            List<String> jvm, String label) throws Exception {
        ods.setLatency(latencies.ods());
        udata.setLatency(latencies.udata());
        ods.clearRequests();
        udata.clearRequests();
        List<String> arguments = new ArrayList<>(List.of("--ods.url=" + ods.url(), "--udata.url=" + udata.url(),
                "--udata.organization=" + udata.organization(), "--harvest.data-dir=" + dataDir,
                "--harvest.concurrency=" + concurrency));
        arguments.addAll(harvesterArguments());
        long stubCpuBefore = ownCpuNanos();
        ProcessMeter.Measurement m = harvester.run(jvm, arguments, Map.of("UDATA_API_KEY", udata.apiKey()),
                workDir.resolve(label + "-process"),
                () -> firstNonZero(ods.firstRequestNanos(), udata.firstRequestNanos()));
        if (m.exitCode() != 0) {
            throw new IllegalStateException("the harvester exited with " + m.exitCode() + " (" + label + "):\n"
                    + ProcessMeter.tail(m.log(), 30));
        }
        int writes = udata.methodCount("POST") + udata.methodCount("PUT") + udata.methodCount("DELETE");
        Map<String, Integer> odsKinds = ods.requestKinds();
        Map<String, Integer> udataKinds = udata.requestKinds();
        int udataRequests = udataKinds.values().stream().mapToInt(Integer::intValue).sum();
        double bound = latencyBound(ods.requestCount(), udataRequests, concurrency, latencies);
        Run run = new Run(ods.size(), concurrency, m, writes, ods.requestCount(), bound, odsKinds, udataKinds);
        System.out.printf(Locale.ROOT, "  %-12s start-up %.2f s, harvest %.2f s, %s, CPU %.1f s (%.1f s before the"
                + " first request; stubs %.1f s), peak RSS %s, load %s%n", label, m.startupNanos() / 1e9,
                run.harvestSeconds(), Double.isNaN(bound) ? "no latency bound" : String.format(Locale.ROOT,
                        "bound %.2f s, efficiency %.2f", bound, bound / run.harvestSeconds()), m.cpuNanos() / 1e9,
                m.startupCpuNanos() / 1e9,
                (ownCpuNanos() - stubCpuBefore) / 1e9, megabytes(m.peakRssBytes()), loadAverage());
        System.out.println("      requests to ODS:   " + kinds(odsKinds));
        System.out.println("      requests to udata: " + kinds(udataKinds));
        if (Boolean.parseBoolean(options.getOrDefault("thread-cpu", "false"))) {
            m.cpuByThread().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                    .forEach(e -> System.out.printf(Locale.ROOT, "      %-28s %6.1f s%n", e.getKey(), e.getValue() / 1e9));
        }
        return run;
    }

    /**
     * The least wall time the injected latencies allow this harvester: its ODS pages are read one after the other
     * (the prefetch thread fetches one at a time), and udata's requests, {@code concurrency} at a time, cannot start
     * before the first page has come. NaN without latency (nothing to compare with).
     */
    static double latencyBound(int odsRequests, int udataRequests, int concurrency, Latencies latencies) {
        if (latencies.ods().isZero() && latencies.udata().isZero()) {
            return Double.NaN;
        }
        double ods = latencies.ods().toNanos() / 1e9;
        double udata = latencies.udata().toNanos() / 1e9;
        long udataRounds = (udataRequests + concurrency - 1) / concurrency;
        return Math.max(odsRequests * ods, (odsRequests > 0 ? ods : 0) + udataRounds * udata);
    }

    /**
     * The I/O bound of a re-harvest, where almost nothing is written: every request but the per-dataset ones is sent
     * one at a time (the checks at start, the index rebuild's listing of udata, the ODS probe, listing and fetches), so
     * they add up; the per-dataset ones (GET, PUT, POST of a dataset) go {@code concurrency} at a time.
     */
    static double sequentialBound(Map<String, Integer> odsKinds, Map<String, Integer> udataKinds, int concurrency,
            Latencies latencies) {
        double ods = latencies.ods().toNanos() / 1e9;
        double udata = latencies.udata().toNanos() / 1e9;
        long odsRequests = odsKinds.values().stream().mapToLong(Integer::longValue).sum();
        long perDataset = udataKinds.entrySet().stream().filter(e -> e.getKey().contains("/api/1/datasets/{id}/")
                || e.getKey().startsWith("POST /api/1/datasets/")).mapToLong(Map.Entry::getValue).sum();
        long sequential = udataKinds.values().stream().mapToLong(Integer::longValue).sum() - perDataset;
        return odsRequests * ods + sequential * udata + Math.ceil((double) perDataset / concurrency) * udata;
    }

    /** The harvest time against {@link #sequentialBound}, and what the goals of issue 13 ask. */
    private String ioNote(List<Run> re) {
        double bound = median(re, run -> sequentialBound(run.odsKinds(), run.udataKinds(), run.concurrency(), lan()));
        double harvest = median(re, Run::harvestSeconds);
        double cpu = median(re, run -> run.m().cpuNanos() / 1e9);
        double afterStart = median(re, run -> (run.m().cpuNanos() - run.m().startupCpuNanos()) / 1e9);
        int odsRequests = (int) median(re, Run::odsRequests);
        return String.format(Locale.ROOT, "I/O bound with the sequential requests added up: %.2f s; harvest / bound"
                + " = %.2f (goal <= 1.3); ODS requests %d (goal for an unchanged portal <= 3); CPU %.1f s, of which"
                + " %.1f s after the first request (goal <= 3 s)", bound, harvest / bound, odsRequests, cpu,
                afterStart);
    }

    /** {@code 5,003: POST /api/1/datasets/ 5,000, GET /api/1/me/ 1, …}, the most frequent first. */
    private static String kinds(Map<String, Integer> kinds) {
        int total = kinds.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%,d", total));
        String separator = ": ";
        for (Map.Entry<String, Integer> e : kinds.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).toList()) {
            text.append(separator).append(e.getKey()).append(String.format(Locale.ROOT, " %,d", e.getValue()));
            separator = ", ";
        }
        return text.toString();
    }

    /** The median count of each kind of request over the runs (a kind missing from a run counts 0 there). */
    private static Map<String, Integer> medianKinds(List<Run> runs, java.util.function.Function<Run, Map<String, Integer>> of) {
        Set<String> all = new java.util.TreeSet<>();
        runs.forEach(run -> all.addAll(of.apply(run).keySet()));
        Map<String, Integer> medians = new java.util.TreeMap<>();
        for (String kind : all) {
            medians.put(kind, (int) Math.round(median(runs, run -> of.apply(run).getOrDefault(kind, 0))));
        }
        return medians;
    }

    /** CPU time of this JVM (the stubs), to tell how much of the machine they took. */
    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The 1-minute load average, to tell a busy machine from a slow harvester. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static long firstNonZero(long a, long b) {
        if (a == 0) {
            return b;
        }
        return b == 0 ? a : Math.min(a, b);
    }

    private static void resetUdata(FakeUdata udata) {
        udata.reset();
        udata.setRecordRequests(false);
    }

    private Path freshDir(String name) throws IOException {
        Path dir = workDir.resolve(name);
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return dir;
    }

    private static void check(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalStateException("benchmark run is wrong: " + problem);
        }
    }

    // ------------------------------------------------------------------ output

    private void printMachine() throws IOException {
        int cpus = Runtime.getRuntime().availableProcessors();
        String model = "";
        String memory = "";
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.exists(cpuinfo)) {
            model = Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("");
            memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> String.format(Locale.ROOT, "%.1f GiB",
                            Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0))
                    .orElse("");
        }
        System.out.printf(Locale.ROOT, "Machine: %d CPUs%s, %s RAM, %s %s (%s); JDK %s (%s %s)%n", cpus,
                model.isEmpty() ? "" : " (" + model + ")", memory, System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("os.arch"), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), System.getProperty("java.vm.version"));
        System.out.printf(Locale.ROOT, "Load average before the runs: %s (other work on the machine skews every"
                + " figure)%n", loadAverage());
        System.out.printf(Locale.ROOT, "Harvester: %s (%s); the stubs' JVM: %s%n",
                harvester.throughLauncher() ? "jobs/ods-harvester.sh (the schedulers' launcher: "
                        + (jvmOptions.isEmpty() ? "its recommended JVM options" : "JAVA_OPTS="
                                + String.join(" ", jvmOptions)) + ", classes mapped from its class data archive)"
                : jvmOptions.isEmpty() ? "java -jar, the JVM's default options"
                        : "java " + String.join(" ", jvmOptions) + " -jar",
                harvesterArguments().isEmpty() ? "default harvester options" : String.join(" ", harvesterArguments()),
                String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()));
        System.out.printf(Locale.ROOT, "Portal: %,d generated datasets (%s), pages of %d; latencies: ODS %d ms per"
                + " page and udata %d ms per request (default, reharvest, c1, legacy), none (cpu), ODS %d ms and"
                + " udata %d ms (internet); work directory %s%n", size, realistic ? "realistic: HTML descriptions"
                + " with entities, lists and links, 5 fields, 35 % geographic, attachments on 15 %, dates with"
                + " microseconds shared by 3 datasets" : "plain: the tests' datasets", PAGE, odsLatency.toMillis(),
                udataLatency.toMillis(), internetOdsLatency.toMillis(), internetUdataLatency.toMillis(), workDir);
        System.out.printf(Locale.ROOT, "Medians of %d runs (concurrency 1 and the old pattern: %d)%n%n", runs, slowRuns);
    }

    private List<String> harvesterArguments() {
        String extra = options.getOrDefault("harvester-args", "").trim();
        return extra.isEmpty() ? List.of() : List.of(extra.split("\\s+"));
    }

    private void printTable() {
        System.out.println();
        System.out.println("Results (medians). start-up: launch to the first request; harvest: first request to exit;"
                + " total: launch to exit; datasets/s: over the total; bound: the latency bound, max(ODS requests x ODS"
                + " latency, ODS latency + ceil(udata requests / concurrency) x udata latency); efficiency: bound / harvest; CPU: the harvester's, user + system;"
                + " heap pk: peak heap used, heap GC: largest heap left after a collection, RSS pk: peak resident");
        String format = "%-58s %4s %8s %8s %8s %10s %8s %6s %6s %7s %7s %7s %7s%n";
        System.out.printf(Locale.ROOT, format, "scenario", "runs", "start-up", "harvest", "total", "datasets/s",
                "bound", "effic.", "writes", "CPU", "heap pk", "heap GC", "RSS pk");
        Double defaultTotal = null;
        Double defaultHarvest = null;
        Double legacyTotal = null;
        for (Row row : rows) {
            List<Run> r = row.runs();
            double startup = median(r, run -> run.m().startupNanos() / 1e9);
            double harvest = median(r, Run::harvestSeconds);
            double total = median(r, run -> run.m().totalNanos() / 1e9);
            double bound = median(r, Run::boundSeconds);
            int datasets = r.get(0).datasets();
            boolean legacy = row.scenario().startsWith("old plugin");
            System.out.printf(Locale.ROOT, format, row.scenario(), r.size(),
                    legacy ? "-" : seconds(startup), seconds(harvest), seconds(total),
                    String.format(Locale.ROOT, "%.0f", datasets / total), Double.isNaN(bound) ? "-" : seconds(bound),
                    Double.isNaN(bound) ? "-" : String.format(Locale.ROOT, "%.2f", bound / harvest),
                    String.valueOf((int) median(r, Run::writes)),
                    legacy ? "-" : String.format(Locale.ROOT, "%.0f s", median(r, run -> run.m().cpuNanos() / 1e9)),
                    megabytes((long) median(r, run -> run.m().peakHeapBytes())),
                    megabytes((long) median(r, run -> run.m().maxHeapAfterGcBytes())),
                    megabytes((long) median(r, run -> run.m().peakRssBytes())));
            if (!row.note().isEmpty()) {
                System.out.println("    " + row.note());
            }
            System.out.println("    requests to ODS:   " + kinds(medianKinds(r, Run::odsKinds)));
            System.out.println("    requests to udata: " + kinds(medianKinds(r, Run::udataKinds)));
            if (row.scenario().contains("(default)")) {
                defaultTotal = total;
                defaultHarvest = harvest;
            }
            if (legacy) {
                legacyTotal = total;
            }
        }
        if (defaultTotal != null && legacyTotal != null) {
            // the old pattern runs in this JVM: it has no start-up of its own, so both ratios are printed
            System.out.printf(Locale.ROOT, "%nSpeed-up over the old plugin's pattern, %,d datasets: %.1fx first request"
                    + " to end (like for like), %.1fx with the harvester's JVM start-up added%n", size,
                    legacyTotal / defaultHarvest, legacyTotal / defaultTotal);
        }
    }

    private static double median(List<Run> runs, ToDoubleFunction<Run> metric) {
        double[] values = runs.stream().mapToDouble(metric).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    private static String seconds(double s) {
        return Double.isNaN(s) || s < 0 ? "-" : String.format(Locale.ROOT, "%.2f s", s);
    }

    private static String megabytes(long bytes) {
        return bytes < 0 ? "-" : String.format(Locale.ROOT, "%d MB", Math.round(bytes / 1024.0 / 1024.0));
    }
}
