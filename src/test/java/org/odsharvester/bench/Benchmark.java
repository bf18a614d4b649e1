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

import org.odsharvester.support.GeneratedOdsPortal;
import org.odsharvester.udata.FakeUdata;

/**
 * The performance benchmark ({@code bench/run.sh}): the packaged harvester against loopback stubs with the
 * latency of real servers, on a generated portal.
 * <p>
 * Scenarios: a first harvest at the default concurrency, a re-harvest of the unchanged portal, a first
 * harvest at concurrency 1, the old plugin's request pattern, and (with {@code --big}) a first harvest of a
 * much larger portal with a 256 MB heap. Each prints medians over its runs: start-up (launch → first request),
 * harvest time (first request → exit), total, datasets/s, the ideal bound
 * {@code max(pages × ODS latency, udata writes × udata latency / concurrency)} and efficiency = bound / harvest
 * time, and memory (peak heap, heap after GC, peak RSS).
 * <p>
 * Options ({@code --name=value}): {@code size} (5000), {@code runs} (3), {@code slow-runs} (1, for the two
 * sequential scenarios), {@code legacy-size} (1000: the old pattern is strictly sequential, so its rate over
 * a sample projects linearly), {@code ods-latency-ms} (50), {@code udata-latency-ms} (20), {@code scenarios}
 * (default,reharvest,c1,legacy), {@code big} (false), {@code big-size} (50000), {@code big-xmx} (256m),
 * {@code jvm-options} (none, space-separated, for the harvester), {@code harvester-args} (more options of the
 * harvester, space-separated), {@code thread-cpu} (print the harvester's CPU by thread), {@code jar}
 * (target/ods-harvester.jar).
 */
public final class Benchmark {

    private static final int PAGE = 100;
    private static final int DEFAULT_CONCURRENCY = 8;

    private final Map<String, String> options;
    private final int size;
    private final int runs;
    private final int slowRuns;
    private final int legacySize;
    private final Duration odsLatency;
    private final Duration udataLatency;
    private final Set<String> scenarios;
    private final List<String> jvmOptions;
    private final ProcessMeter harvester;
    private final Path workDir;
    private final List<Row> rows = new ArrayList<>();

    private Benchmark(Map<String, String> options) throws IOException {
        this.options = options;
        size = Integer.parseInt(options.getOrDefault("size", "5000"));
        runs = Integer.parseInt(options.getOrDefault("runs", "3"));
        slowRuns = Integer.parseInt(options.getOrDefault("slow-runs", "1"));
        legacySize = Math.min(size, Integer.parseInt(options.getOrDefault("legacy-size", "1000")));
        odsLatency = Duration.ofMillis(Long.parseLong(options.getOrDefault("ods-latency-ms", "50")));
        udataLatency = Duration.ofMillis(Long.parseLong(options.getOrDefault("udata-latency-ms", "20")));
        scenarios = new LinkedHashSet<>(Arrays.asList(
                options.getOrDefault("scenarios", "default,reharvest,c1,legacy").split(",")));
        String jvm = options.getOrDefault("jvm-options", "").trim();
        jvmOptions = jvm.isEmpty() ? List.of() : List.of(jvm.split("\\s+"));
        Path jar = Path.of(options.getOrDefault("jar", "target/ods-harvester.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar + " does not exist: build it first (./mvnw -q package -DskipTests)");
        }
        harvester = new ProcessMeter(jar);
        workDir = Path.of("target", "bench",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))).toAbsolutePath();
        Files.createDirectories(workDir);
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
            double boundSeconds) {

        double harvestSeconds() {
            return m.harvestNanos() / 1e9;
        }
    }

    /** A printed line: medians over the runs of one scenario. */
    private record Row(String scenario, List<Run> runs, String note) {
    }

    private void runMainScenarios() throws Exception {
        try (GeneratedOdsPortal ods = new GeneratedOdsPortal(size); FakeUdata udata = new FakeUdata()) {
            ods.setKeepQueries(false);
            udata.setRecordRequests(false);
            List<Run> first = new ArrayList<>();
            List<Run> again = new ArrayList<>();
            if (scenarios.contains("default") || scenarios.contains("reharvest")) {
                for (int r = 1; r <= runs; r++) {
                    Path dataDir = freshDir("default-" + r);
                    resetUdata(udata);
                    Run run = harvest(ods, udata, dataDir, DEFAULT_CONCURRENCY, jvmOptions, "default-" + r);
                    check(udata.datasetCount() == size, "the first harvest left " + udata.datasetCount()
                            + " datasets in udata, not " + size);
                    first.add(run);
                    if (scenarios.contains("reharvest")) {
                        Run re = harvest(ods, udata, dataDir, DEFAULT_CONCURRENCY, jvmOptions, "reharvest-" + r);
                        check(re.writes() == 0, "the re-harvest of an unchanged portal wrote " + re.writes()
                                + " times to udata");
                        again.add(re);
                    }
                }
                if (scenarios.contains("default")) {
                    rows.add(new Row("first harvest, concurrency " + DEFAULT_CONCURRENCY + " (default)", first, ""));
                }
                if (scenarios.contains("reharvest")) {
                    rows.add(new Row("re-harvest, unchanged portal", again, ""));
                }
            }
            if (scenarios.contains("c1")) {
                List<Run> sequential = new ArrayList<>();
                for (int r = 1; r <= slowRuns; r++) {
                    resetUdata(udata);
                    sequential.add(harvest(ods, udata, freshDir("c1-" + r), 1, jvmOptions, "c1-" + r));
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
        try (GeneratedOdsPortal ods = new GeneratedOdsPortal(bigSize); FakeUdata udata = new FakeUdata()) {
            ods.setKeepQueries(false);
            udata.setRecordRequests(false);
            resetUdata(udata);
            Run run = harvest(ods, udata, freshDir("big"), DEFAULT_CONCURRENCY, jvm, "big");
            check(udata.datasetCount() == bigSize, "the big harvest left " + udata.datasetCount()
                    + " datasets in udata, not " + bigSize);
            check(ods.refusedCount() == 0, "the portal refused " + ods.refusedCount() + " requests");
            rows.add(new Row("first harvest of " + String.format(Locale.ROOT, "%,d", bigSize) + " datasets, -Xmx"
                    + xmx, List.of(run), "past the 10,000 paging ceiling: highest offset+limit asked "
                    + ods.highestWindow()));
        }
    }

    private Row legacy(GeneratedOdsPortal ods, FakeUdata udata) throws Exception {
        List<Run> legacyRuns = new ArrayList<>();
        for (int r = 1; r <= slowRuns; r++) {
            resetUdata(udata);
            ods.setLatency(odsLatency);
            udata.setLatency(udataLatency);
            ods.clearRequests();
            LegacyPluginPattern pattern = new LegacyPluginPattern(ods.url(), udata.url(), udata.apiKey(),
                    udata.organization());
            long start = System.nanoTime();
            int written = pattern.harvest(legacySize);
            long nanos = System.nanoTime() - start;
            check(written == legacySize, "the old pattern wrote " + written + " datasets");
            // projected to the whole portal: the pattern is strictly sequential, so time is linear in datasets
            long projected = nanos * size / legacySize;
            ProcessMeter.Measurement m = new ProcessMeter.Measurement(0, 0, projected, projected, -1, -1, -1,
                    -1, null, Map.of());
            legacyRuns.add(new Run(size, 1, m, udata.methodCount("POST"), ods.requestCount(), Double.NaN));
            System.out.printf(Locale.ROOT, "  old plugin pattern run %d: %d datasets in %.1f s (%.1f datasets/s)%n", r,
                    legacySize, nanos / 1e9, legacySize / (nanos / 1e9));
        }
        String note = legacySize == size ? "measured on the whole portal"
                : String.format(Locale.ROOT, "measured on the first %,d datasets, projected to %,d", legacySize, size);
        return new Row("old plugin pattern (page of 50, GET + write per dataset, sequential)", legacyRuns, note);
    }

    private Run harvest(GeneratedOdsPortal ods, FakeUdata udata, Path dataDir, int concurrency, List<String> jvm,
            String label) throws Exception {
        ods.setLatency(odsLatency);
        udata.setLatency(udataLatency);
        ods.clearRequests();
        udata.clearRequests();
        List<String> arguments = new ArrayList<>(List.of("--ods.url=" + ods.url(), "--udata.url=" + udata.url(),
                "--udata.organization=" + udata.organization(), "--harvest.data-dir=" + dataDir,
                "--harvest.concurrency=" + concurrency));
        String extra = options.getOrDefault("harvester-args", "").trim();
        if (!extra.isEmpty()) {
            arguments.addAll(List.of(extra.split("\\s+")));
        }
        long stubCpuBefore = ownCpuNanos();
        ProcessMeter.Measurement m = harvester.run(jvm, arguments, Map.of("UDATA_API_KEY", udata.apiKey()),
                workDir.resolve(label + "-process"),
                () -> firstNonZero(ods.firstRequestNanos(), udata.firstRequestNanos()));
        if (m.exitCode() != 0) {
            throw new IllegalStateException("the harvester exited with " + m.exitCode() + " (" + label + "):\n"
                    + ProcessMeter.tail(m.log(), 30));
        }
        int writes = udata.methodCount("POST") + udata.methodCount("PUT") + udata.methodCount("DELETE");
        int pages = (ods.size() + PAGE - 1) / PAGE;
        double bound = Math.max(pages * odsLatency.toNanos() / 1e9,
                writes * udataLatency.toNanos() / 1e9 / concurrency);
        Run run = new Run(ods.size(), concurrency, m, writes, ods.requestCount(), bound);
        System.out.printf(Locale.ROOT, "  %-12s start-up %.2f s, harvest %.2f s, efficiency %.2f, CPU %.1f s (stubs"
                + " %.1f s), peak RSS %s, load %s%n", label, m.startupNanos() / 1e9, run.harvestSeconds(),
                bound / run.harvestSeconds(), m.cpuNanos() / 1e9, (ownCpuNanos() - stubCpuBefore) / 1e9,
                megabytes(m.peakRssBytes()), loadAverage());
        if (Boolean.parseBoolean(options.getOrDefault("thread-cpu", "false"))) {
            m.cpuByThread().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                    .forEach(e -> System.out.printf(Locale.ROOT, "      %-28s %6.1f s%n", e.getKey(), e.getValue() / 1e9));
        }
        return run;
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
        System.out.printf(Locale.ROOT, "Machine: %d CPUs%s, %s RAM, %s %s; JDK %s (%s)%n", cpus,
                model.isEmpty() ? "" : " (" + model + ")", memory, System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("java.version"), System.getProperty("java.vm.name"));
        System.out.printf(Locale.ROOT, "Portal: %,d generated datasets; ODS latency %d ms per page of %d, udata"
                + " latency %d ms per request; harvester: %s; work directory %s%n", size, odsLatency.toMillis(), PAGE,
                udataLatency.toMillis(), jvmOptions.isEmpty() ? "java -jar, default JVM options"
                        : "java " + String.join(" ", jvmOptions) + " -jar", workDir);
        System.out.printf(Locale.ROOT, "Medians of %d runs (concurrency 1 and the old pattern: %d)%n%n", runs, slowRuns);
    }

    private void printTable() {
        System.out.println();
        System.out.println("Results (medians). start-up: launch to the first request; harvest: first request to exit;"
                + " total: launch to exit; datasets/s: over the total; bound: max(pages x ODS latency, udata writes x"
                + " udata latency / concurrency); efficiency: bound / harvest; CPU: the harvester's, user + system;"
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
