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

/**
 * The packaged jar ({@code target/ods-harvester.jar}, given by failsafe as {@code harvester.jar}) run as a
 * child JVM, the way cron runs it: its exit status, everything it printed, and signals (SIGTERM with
 * {@link #terminate()}, SIGKILL with {@link #kill()}).
 */
public final class HarvesterProcess {

    private static final Duration MAX_RUN = Duration.ofMinutes(3);

    private final Process process;
    private final Path output;

    private HarvesterProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

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
     * Starts {@code java -jar ods-harvester.jar <args>}, with these environment variables added (keys go there,
     * as the README says), output (stdout and stderr) captured in {@code <workDir>/<name>.out}.
     */
    public static HarvesterProcess start(Path workDir, String name, List<String> args, Map<String, String> env) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // a small heap and a quick start: the harvest itself is light
        command.addAll(List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar",
                jar().toString()));
        command.addAll(args);
        command.add("--ods.retry-delay=10ms");
        command.add("--udata.retry-delay=10ms");
        try {
            Files.createDirectories(workDir);
            Path output = workDir.resolve(name + ".out");
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
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
        try {
            if (!process.waitFor(MAX_RUN.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the harvester did not end within " + MAX_RUN + ":\n" + output());
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
            return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
