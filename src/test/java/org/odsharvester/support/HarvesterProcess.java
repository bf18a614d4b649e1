package org.odsharvester.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged jar ({@code target/ods-harvester.jar}, given by failsafe as {@code harvester.jar}) run as a
 * child JVM, the way cron runs it: its exit status, everything it printed, its report, and signals (SIGTERM
 * with {@link #terminate()}, SIGKILL with {@link #kill()}). The benchmark launches it the same way and measures
 * it from outside.
 */
public record HarvesterProcess(Process process, Path outputFile) {

    private static final Duration MAX_RUN = Duration.ofMinutes(3);
    private static final Pattern REPORT = Pattern.compile("Report: (\\S+\\.json)");

    /** The jar failsafe built; fails clearly when run outside failsafe. */
    public static Path jar() {
        String jar = System.getProperty("harvester.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("system property harvester.jar must name the packaged jar (run with"
                    + " ./mvnw verify), not " + jar);
        }
        return Path.of(jar);
    }

    /**
     * Starts {@code java -jar ods-harvester.jar <args>} as the process tests do: the jar failsafe built, a small
     * heap and a quick start (the harvest itself is light), retries waiting 10 ms instead of seconds; these
     * environment variables added (keys go there, as the README says), output (stdout and stderr) captured in
     * {@code <workDir>/<name>.out}.
     */
    public static HarvesterProcess start(Path workDir, String name, List<String> args, Map<String, String> env) {
        List<String> all = new ArrayList<>(args);
        all.add("--ods.retry-delay=10ms");
        all.add("--udata.retry-delay=10ms");
        return start(jar(), List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), all, env, workDir,
                name);
    }

    /** Starts {@code java <jvmOptions> -jar <jar> <args>} in {@code workDir}, its output in {@code <name>.out}. */
    public static HarvesterProcess start(Path jar, List<String> jvmOptions, List<String> args, Map<String, String> env,
            Path workDir, String name) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        return start(command, env, workDir, workDir.resolve(name + ".out"));
    }

    /** Starts this command in {@code directory} with these environment variables added, its output in {@code output}. */
    public static HarvesterProcess start(List<String> command, Map<String, String> env, Path directory,
            Path output) {
        try {
            Files.createDirectories(directory);
            Files.createDirectories(output.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).redirectInput(
                            ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(env);
            return new HarvesterProcess(builder.start(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the end (at most three minutes) and returns the exit status. */
    public int exitCode() {
        return awaitExit(MAX_RUN);
    }

    /** Waits for the end, at most {@code max}, and returns the exit status. */
    public int awaitExit(Duration max) {
        try {
            if (!process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the harvester did not end within " + max + ":\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** SIGTERM, as a scheduler cancelling the job or a host shutting down sends it. */
    public void terminate() {
        process.destroy();
    }

    /** SIGKILL: no shutdown hook, no finally, nothing. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Everything printed so far. */
    public String output() {
        try {
            return Files.exists(outputFile) ? Files.readString(outputFile, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON report whose path it printed ({@code Report: <path>}); fails when it printed none. */
    public JsonNode report() {
        Matcher m = REPORT.matcher(output());
        if (!m.find()) {
            throw new AssertionError("no report printed:\n" + output());
        }
        return JsonMapper.builder().build().readTree(Path.of(m.group(1)).toFile());
    }

    /** Stops it if a failed test left it running. */
    public void destroyIfAlive() {
        if (process.isAlive()) {
            kill();
        }
    }

    @Override
    public String toString() {
        return "harvester pid " + pid() + (process.isAlive() ? " (running)" : " (exit " + process.exitValue() + ")")
                + "\n" + output();
    }
}
