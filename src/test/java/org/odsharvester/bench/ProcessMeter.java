package org.odsharvester.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.odsharvester.support.HarvesterProcess;

/**
 * Measures a launch of the packaged jar ({@link HarvesterProcess}, as an operator runs it) from outside: launch
 * to first request (start-up), first request to exit (the harvest), peak resident memory (Linux {@code VmHWM},
 * polled) and heap occupancy (from the JVM's own GC log).
 */
final class ProcessMeter {

    private static final Pattern GC_LINE = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\(");
    private static final Pattern EXIT_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");
    /** USER_HZ, 100 on every Linux the JDK runs on. */
    private static final long TICKS_PER_SECOND = 100;
    private static final Pattern HWM = Pattern.compile("VmHWM:\\s+(\\d+) kB");
    /** A benchmark run may be long (a large portal): the bound only stops a hung one. */
    private static final Duration MAX_RUN = Duration.ofHours(6);

    /**
     * What one launch measured; times in nanoseconds, sizes in bytes (-1 when unknown). {@code startupCpuNanos}:
     * the CPU used up to the first request (within a poll interval of 20 ms).
     */
    record Measurement(int exitCode, long startupNanos, long harvestNanos, long totalNanos, long peakRssBytes,
            long peakHeapBytes, long maxHeapAfterGcBytes, long cpuNanos, long startupCpuNanos, Path log,
            Map<String, Long> cpuByThread) {
    }

    private final Path jar;
    private final Path launcher;
    private final Path installDir;

    /** Runs {@code java <options> -jar <jar>}. */
    ProcessMeter(Path jar) {
        this(jar, null, null);
    }

    /**
     * Runs {@code sh <launcher>} in {@code installDir} (which holds the jar), as the scheduler definitions do;
     * {@code null}: {@code java -jar} as above. The launcher execs java, so its process is the harvester's.
     */
    ProcessMeter(Path jar, Path launcher, Path installDir) {
        this.jar = jar;
        this.launcher = launcher;
        this.installDir = installDir;
    }

    /** Whether the harvester runs through the schedulers' launcher. */
    boolean throughLauncher() {
        return launcher != null;
    }

    /** One launch through the launcher with these options, waited for: what prepares its fast start. */
    int launchOnce(List<String> arguments, Path output) {
        return HarvesterProcess.start(launcherCommand(arguments), Map.of(), installDir, output).awaitExit(MAX_RUN);
    }

    private List<String> launcherCommand(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("sh", launcher.toString()));
        command.addAll(arguments);
        return command;
    }

    /**
     * Runs the jar and waits for it.
     *
     * @param firstRequest the {@link System#nanoTime()} of the first request the stubs received (0 if none)
     */
    Measurement run(List<String> jvmOptions, List<String> arguments, Map<String, String> environment, Path workDir,
            LongSupplier firstRequest) throws InterruptedException {
        Path gcLog = workDir.resolve("gc.log");
        String gcLogging = "-Xlog:gc=info,gc+heap+exit=info:file=" + gcLog;
        long launch = System.nanoTime();
        HarvesterProcess process;
        if (launcher == null) {
            List<String> jvm = new ArrayList<>(jvmOptions);
            jvm.add(gcLogging);
            process = HarvesterProcess.start(jar, jvm, arguments, environment, workDir, "harvester");
        } else {
            // the launcher's JVM options are its own unless some were given; the GC log goes through the java
            // launcher's own variable, which adds to them
            Map<String, String> env = new java.util.HashMap<>(environment);
            if (!jvmOptions.isEmpty()) {
                env.put("JAVA_OPTS", String.join(" ", jvmOptions));
            }
            env.put("JDK_JAVA_OPTIONS", gcLogging);
            process = HarvesterProcess.start(launcherCommand(arguments), env, installDir,
                    workDir.resolve("harvester.out"));
        }
        AtomicLong hwmKb = new AtomicLong(-1);
        AtomicLong cpuTicks = new AtomicLong(-1);
        AtomicLong startupTicks = new AtomicLong(-1);
        Map<String, Long> threadTicks = new java.util.concurrent.ConcurrentHashMap<>();
        Thread poller = new Thread(() -> poll(process, hwmKb, cpuTicks, startupTicks, firstRequest, threadTicks), "process-poller");
        poller.setDaemon(true);
        poller.start();
        int exit = process.awaitExit(MAX_RUN);
        long end = System.nanoTime();
        poller.join(1000);
        long first = firstRequest.getAsLong();
        long startup = first == 0 ? -1 : first - launch;
        long harvest = first == 0 ? end - launch : end - first;
        long[] heap = heapFromGcLog(gcLog);
        return new Measurement(exit, startup, harvest, end - launch, hwmKb.get() < 0 ? -1 : hwmKb.get() * 1024,
                heap[0], heap[1], cpuTicks.get() < 0 ? -1 : cpuTicks.get() * 1_000_000_000L / TICKS_PER_SECOND,
                startupTicks.get() < 0 ? -1 : startupTicks.get() * 1_000_000_000L / TICKS_PER_SECOND,
                process.outputFile(), cpuByThreadKind(threadTicks));
    }

    /**
     * VmHWM only grows: the last value read before the process ends is its peak. Same for the CPU time
     * (user + system, fields 14 and 15 of {@code /proc/<pid>/stat}), missing at most the last poll interval.
     */
    private static void poll(HarvesterProcess process, AtomicLong hwmKb, AtomicLong cpuTicks, AtomicLong startupTicks,
            LongSupplier firstRequest, Map<String, Long> threadTicks) {
        Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
        Path stat = Path.of("/proc", String.valueOf(process.pid()), "stat");
        Path tasks = Path.of("/proc", String.valueOf(process.pid()), "task");
        for (int round = 0; process.isAlive(); round++) {
            if (round % 10 == 0) {
                pollThreads(tasks, threadTicks);
            }
            try {
                Matcher m = HWM.matcher(Files.readString(status));
                if (m.find()) {
                    hwmKb.set(Long.parseLong(m.group(1)));
                }
                String line = Files.readString(stat);
                String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                cpuTicks.set(ticks);
                if (startupTicks.get() < 0 && firstRequest.getAsLong() != 0) {
                    startupTicks.set(ticks);
                }
            } catch (IOException | RuntimeException gone) {
                return; // the process ended, or not Linux
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** CPU ticks of each thread, by thread id and name (threads come and go: the last value of each counts). */
    private static void pollThreads(Path tasks, Map<String, Long> threadTicks) {
        try (java.util.stream.Stream<Path> ids = Files.list(tasks)) {
            for (Path task : ids.toList()) {
                try {
                    String line = Files.readString(task.resolve("stat"));
                    String name = line.substring(line.indexOf('(') + 1, line.lastIndexOf(')'));
                    String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
                    threadTicks.put(task.getFileName() + " " + name,
                            Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                } catch (IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended, or not Linux
        }
    }

    /** CPU nanoseconds by kind of thread (digits of names dropped: all writer threads together). */
    private static Map<String, Long> cpuByThreadKind(Map<String, Long> threadTicks) {
        Map<String, Long> byKind = new java.util.TreeMap<>();
        threadTicks.forEach((key, ticks) -> byKind.merge(key.substring(key.indexOf(' ') + 1).replaceAll("(?<=[-#])\\d+", "N"),
                ticks * 1_000_000_000L / TICKS_PER_SECOND, Long::sum));
        return byKind;
    }

    /** {peak heap used (before a GC, or at exit), highest occupancy right after a GC}; -1 when unknown. */
    private static long[] heapFromGcLog(Path gcLog) {
        long peak = -1;
        long afterGc = -1;
        if (!Files.exists(gcLog)) {
            return new long[] {peak, afterGc};
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(gcLog, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new long[] {peak, afterGc};
        }
        for (String line : lines) {
            Matcher gc = GC_LINE.matcher(line);
            if (gc.find() && line.contains("Pause")) {
                peak = Math.max(peak, bytes(gc.group(1), gc.group(2)));
                afterGc = Math.max(afterGc, bytes(gc.group(3), gc.group(4)));
            }
            Matcher exit = EXIT_USED.matcher(line);
            if (exit.find()) {
                peak = Math.max(peak, Long.parseLong(exit.group(1)) * 1024);
            }
        }
        return new long[] {peak, afterGc};
    }

    private static long bytes(String value, String unit) {
        long n = Long.parseLong(value);
        return switch (unit) {
            case "K" -> n * 1024;
            case "M" -> n * 1024 * 1024;
            default -> n * 1024 * 1024 * 1024;
        };
    }

    /** The last lines of the harvester's output, to explain a failed launch. */
    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
