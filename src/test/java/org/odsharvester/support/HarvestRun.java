package org.odsharvester.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.odsharvester.OdsHarvesterApplication;
import org.springframework.boot.test.system.CapturedOutput;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One run of the harvester's real entry point in this JVM, as the command line would launch it: its exit code,
 * what it printed (stdout and stderr) and the report it wrote in its data directory. Made by
 * {@link HarvestHarness}.
 */
public record HarvestRun(int exitCode, String output, Path dataDir) {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final Pattern EXECUTION = Pattern.compile("-exec(\\d+)-");

    /**
     * Runs with these options ({@code --harvest.data-dir=<dataDir>} among them), the harvester's "now" taken from
     * {@code clock}; what it printed is read from {@code captured} (Boot's capture of the test's output, null when
     * there is none), retries waiting 10 ms instead of seconds.
     */
    static HarvestRun of(Path dataDir, Clock clock, List<String> options, CapturedOutput captured) {
        List<String> all = new ArrayList<>(options);
        all.add("--ods.retry-delay=10ms");
        all.add("--udata.retry-delay=10ms");
        int before = captured == null ? 0 : captured.getAll().length();
        int code = OdsHarvesterApplication.run(
                List.of(context -> context.getBeanFactory().registerSingleton("clock", clock)),
                all.toArray(String[]::new));
        String output = captured == null
                ? "(output not captured: the test class needs @ExtendWith(OutputCaptureExtension.class))"
                : captured.getAll().substring(before);
        return new HarvestRun(code, output, dataDir);
    }

    /** The newest JSON report under {@code <data-dir>/reports/}. */
    public JsonNode report() {
        return MAPPER.readTree(reportPath().toFile());
    }

    /** The path of the newest JSON report: reports are named {@code harvest-<host>-run<N>-exec<M>-<time>.json}. */
    public Path reportPath() {
        try (Stream<Path> files = Files.list(dataDir.resolve("reports"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .max(Comparator.comparingLong(HarvestRun::executionNumber))
                    .orElseThrow(() -> new AssertionError("no report written in " + dataDir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long executionNumber(Path report) {
        Matcher m = EXECUTION.matcher(report.getFileName().toString());
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n" + output;
    }
}
