package org.odsharvester.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.odsharvester.support.HarvestHarness;
import org.odsharvester.support.HarvesterProcess;

/**
 * {@code jobs/ods-harvester.sh}, the schedulers' launcher, with the packaged jar as an operator installs it: the
 * first launch extracts the jar and records a class data sharing archive, the harvest runs with its classes
 * mapped from that archive, later launches reuse it, a changed jar (or JDK) prepares it again, and a failed
 * preparation leaves the run to the jar itself. The exit code is the harvester's.
 */
class FastStartLauncherIT {

    private static final Path SCRIPT = Path.of("jobs/ods-harvester.sh").toAbsolutePath();
    /** -Xshare:on: the JVM refuses to start when the archive cannot be used, instead of starting without it. */
    private static final String STRICT_SHARING = "-Xshare:on -XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

    @RegisterExtension
    final HarvestHarness world = new HarvestHarness().serving(5);

    @TempDir
    Path install;

    private record Launch(int exitCode, String output) {
    }

    private Launch launch(Map<String, String> environment, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of("sh", SCRIPT.toString()));
        command.addAll(List.of(options));
        Map<String, String> env = new HashMap<>(environment);
        env.put("UDATA_API_KEY", world.udata().apiKey());
        HarvesterProcess process = HarvesterProcess.start(command, env, install,
                Files.createTempFile(install, "launch-", ".out"));
        int exitCode = process.awaitExit(Duration.ofMinutes(3));
        return new Launch(exitCode, process.output());
    }

    private String[] harvestOptions() {
        return new String[] {"--ods.url=" + world.ods().url(), "--udata.url=" + world.udata().url(),
                "--udata.organization=" + world.udata().organization(), HarvestHarness.NO_DATASERVICE,
                "--harvest.data-dir=" + install.resolve("data")};
    }

    private void installTheJar() throws IOException {
        Files.copy(HarvesterProcess.jar(), install.resolve("ods-harvester.jar"));
    }

    @Test
    void theFirstLaunchPreparesTheArchiveAndTheHarvestRunsWithItsClassesMapped() throws Exception {
        installTheJar();

        // ODS_HARVESTER_JAR is the launcher's own: not passed on to the harvester, which warns about an ODS_*
        // variable that is none of its options
        Launch first = launch(Map.of("JAVA_OPTS", STRICT_SHARING + " -Xlog:class+load=info:file="
                + install.resolve("classes.log"), "ODS_HARVESTER_JAR", "ods-harvester.jar"), harvestOptions());

        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).doesNotContain("ODS_HARVESTER_JAR");
        assertThat(first.output()).contains("preparing the fast start");
        assertThat(install.resolve("fast-start/ods-harvester.jsa")).isRegularFile();
        assertThat(install.resolve("fast-start/lib")).isDirectory();
        world.assertEachSourceDatasetOnce(5);
        // the JVM names where each class came from: ours from the archive recorded at the first launch
        assertThat(Files.readString(install.resolve("classes.log")))
                .contains("org.odsharvester.OdsHarvesterApplication source: shared objects file (top)");
        assertThat(install.resolve("fast-start.lock")).doesNotExist();
        try (var left = Files.list(install)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".fast-start."));
        }
    }

    @Test
    void laterLaunchesReuseTheArchiveAndAChangedJarPreparesItAgain() throws Exception {
        installTheJar();
        assertThat(launch(Map.of("JAVA_OPTS", STRICT_SHARING), "--help").exitCode()).isZero();
        Path archive = install.resolve("fast-start/ods-harvester.jsa");
        FileTime recorded = Files.getLastModifiedTime(archive);

        // the java launcher's note about JDK_JAVA_OPTIONS is no change of JDK
        Launch typo = launch(Map.of("JAVA_OPTS", STRICT_SHARING, "JDK_JAVA_OPTIONS", "-Dlaunch.note=" + recorded),
                "--harvest.dry-runn=true");

        assertThat(typo.exitCode()).as("the harvester's own exit code: " + typo.output()).isEqualTo(2);
        assertThat(typo.output()).doesNotContain("preparing").contains("did you mean `harvest.dry-run`?");
        assertThat(Files.getLastModifiedTime(archive)).isEqualTo(recorded);

        // what a new jar (or JDK) does: the stamp no longer matches
        Files.writeString(install.resolve("fast-start/stamp"), "an earlier jar\n");
        Launch upgraded = launch(Map.of("JAVA_OPTS", STRICT_SHARING), "--help");

        assertThat(upgraded.exitCode()).as(upgraded.output()).isZero();
        assertThat(upgraded.output()).contains("preparing the fast start");
        assertThat(Files.readString(install.resolve("fast-start/stamp"))).doesNotContain("an earlier jar");
        assertThat(install.resolve("fast-start.previous/ods-harvester.jsa")).isRegularFile();
    }

    @Test
    void aFailedPreparationLeavesTheRunToTheJar() throws Exception {
        installTheJar();
        // a java that cannot extract (as with a jar that is not a Spring Boot jar) but runs the harvester
        Path java = install.resolve("java-without-extract");
        Files.writeString(java, """
                #!/bin/sh
                if [ "$1" = -Djarmode=tools ]; then echo "extraction refused" >&2; exit 1; fi
                exec java "$@"
                """);
        assertThat(java.toFile().setExecutable(true)).isTrue();

        Launch run = launch(Map.of("JAVA", java.toString()), harvestOptions());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("could not extract ods-harvester.jar").contains("extraction refused")
                .contains("running from ods-harvester.jar");
        assertThat(install.resolve("fast-start")).doesNotExist();
        assertThat(install.resolve("fast-start.lock")).doesNotExist();
        world.assertEachSourceDatasetOnce(5);
    }

    @Test
    void withoutTheJarItSaysWhereItLookedAndExits2() throws Exception {
        Launch run = launch(Map.of(), "--help");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("ods-harvester.jar not found in " + install.toRealPath());
    }
}
