package org.odsharvester.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.odsharvester.OdsHarvesterApplication;
import org.odsharvester.udata.FakeUdata;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the harvester's real entry point in this JVM, as the command line would, and keeps the exit
 * code, the console output and the report it wrote.
 */
public final class HarvestRun {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final int exitCode;
    private final String output;
    private final Path dataDir;

    private HarvestRun(int exitCode, String output, Path dataDir) {
        this.exitCode = exitCode;
        this.output = output;
        this.dataDir = dataDir;
    }

    /** Harvests {@code ods} into {@code udata} (its URL, API key and organization), with more options. */
    public static HarvestRun of(Path dataDir, OdsPortalStub ods, FakeUdata udata, String... extra) {
        return of(dataDir, Clock.systemUTC(), ods, udata, extra);
    }

    /** The same, with the harvester's "now" taken from {@code clock}. */
    public static HarvestRun of(Path dataDir, Clock clock, OdsPortalStub ods, FakeUdata udata, String... extra) {
        List<String> args = new ArrayList<>(List.of("--ods.url=" + ods.url(), "--udata.url=" + udata.url(),
                "--udata.api-key=" + udata.apiKey(), "--udata.organization=" + udata.organization()));
        args.addAll(List.of(extra));
        return of(dataDir, clock, args);
    }

    /** Runs with these arguments; {@code --harvest.data-dir} must be among them. */
    public static HarvestRun of(Path dataDir, List<String> args) {
        return of(dataDir, Clock.systemUTC(), args);
    }

    /** The same, with the harvester's "now" taken from {@code clock}. */
    public static synchronized HarvestRun of(Path dataDir, Clock clock, List<String> args) {
        List<String> all = new ArrayList<>(args);
        all.add("--harvest.data-dir=" + dataDir);
        all.add("--ods.retry-delay=10ms");
        all.add("--udata.retry-delay=10ms");
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream tee = new PrintStream(new TeeStream(captured, originalOut), true);
        System.setOut(tee);
        System.setErr(tee);
        int code;
        try {
            code = OdsHarvesterApplication.run(
                    List.of(context -> context.getBeanFactory().registerSingleton("clock", clock)),
                    all.toArray(String[]::new));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        return new HarvestRun(code, captured.toString(java.nio.charset.StandardCharsets.UTF_8), dataDir);
    }

    public int exitCode() {
        return exitCode;
    }

    public String output() {
        return output;
    }

    /** The newest JSON report under {@code <data-dir>/reports/}. */
    public JsonNode report() {
        try (Stream<Path> files = Files.list(dataDir.resolve("reports"))) {
            Path newest = files.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .max(java.util.Comparator.comparingLong(HarvestRun::executionNumber))
                    .orElseThrow(() -> new AssertionError("no report written in " + dataDir));
            return MAPPER.readTree(newest.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reports are named {@code harvest-<host>-run<N>-exec<M>-<time>.json}; the latest execution wins. */
    private static long executionNumber(Path report) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("-exec(\\d+)-").matcher(report.getFileName().toString());
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n" + output;
    }

    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
