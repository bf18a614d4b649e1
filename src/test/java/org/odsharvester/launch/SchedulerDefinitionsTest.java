package org.odsharvester.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odsharvester.report.HtmlReportWriter;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scheduler definitions in jobs/ do with each exit code what the README says: Control-M reruns after a
 * failure (RerunLimit and Action:Rerun) without being cyclic; Kubernetes ends the Job as succeeded on 3 and 4
 * (a wrapper maps them to 0, since no podFailurePolicy action can), fails it on 2 and retries 1, 5 and 143; and
 * every file says what each code leads to.
 */
class SchedulerDefinitionsTest {

    private static final Path CONTROL_M = Path.of("jobs/control-m/ods-harvester-jobs.json");
    private static final Path KUBERNETES = Path.of("jobs/kubernetes/cronjob.yaml");
    private static final Path CRONTAB = Path.of("jobs/crontab.example");

    /** The harvester's codes (ExitCode) and the JVM's status after the graceful stop on SIGTERM. */
    private static final List<Integer> CODES = List.of(0, 1, 2, 3, 4, 5, 6, 143);

    // ---------------------------------------------------------------- Control-M

    private static JsonNode controlMJob() throws IOException {
        JsonNode folder = JsonMapper.builder().build().readTree(Files.readString(CONTROL_M)).path("ODS-HARVESTER");
        assertThat(folder.path("Type").asString()).isEqualTo("Folder");
        JsonNode job = folder.path("HARVEST-OPENDATA-PARIS");
        assertThat(job.path("Type").asString()).isEqualTo("Job:Command");
        return job;
    }

    /** Every property name anywhere in the document, with its value. */
    private static void collect(JsonNode node, List<Map.Entry<String, JsonNode>> into) {
        for (Map.Entry<String, JsonNode> property : node.properties()) {
            into.add(property);
            collect(property.getValue(), into);
        }
    }

    @Test
    void controlMIsNotCyclicAndLimitsItsReruns() throws IOException {
        List<Map.Entry<String, JsonNode>> all = new ArrayList<>();
        collect(JsonMapper.builder().build().readTree(Files.readString(CONTROL_M)), all);
        // "Rerun" (and its interval and specific-time forms) makes a job or folder cyclic: it runs again and
        // again whatever its status, a new harvest each time.
        assertThat(all).extracting(Map.Entry::getKey)
                .doesNotContain("Rerun", "RerunIntervals", "RerunSpecificTimes");

        JsonNode limit = controlMJob().path("RerunLimit");
        assertThat(limit.isObject()).as("RerunLimit on the job").isTrue();
        assertThat(Integer.parseInt(limit.path("Times").asString())).isPositive();
        assertThat(Integer.parseInt(limit.path("Every").asString())).isPositive();
        assertThat(limit.path("Units").asString()).isIn("Minutes", "Hours", "Days");
    }

    @Test
    void controlMActsOnEachExitCode() throws IOException {
        Map<Integer, Set<String>> actions = new TreeMap<>();
        for (Map.Entry<String, JsonNode> property : controlMJob().properties()) {
            JsonNode block = property.getValue();
            if (!block.path("Type").asString("").equals("If:CompletionStatus")) {
                continue;
            }
            Set<String> types = new TreeSet<>();
            for (JsonNode action : block.values()) {
                if (action.isObject()) {
                    types.add(action.path("Type").asString());
                }
            }
            Set<String> previous = actions.put(Integer.parseInt(block.path("CompletionStatus").asString()), types);
            assertThat(previous).as("one If block per exit code").isNull();
        }

        assertThat(actions).isEqualTo(Map.of(
                0, Set.of("Action:SetToOK"),
                1, Set.of("Action:Rerun"),
                2, Set.of("Action:SetToNotOK", "Action:Mail"),
                3, Set.of("Action:SetToOK", "Action:Mail"),
                4, Set.of("Action:SetToOK"),
                5, Set.of("Action:Rerun", "Action:Mail"),
                6, Set.of("Action:SetToNotOK", "Action:Mail"),
                143, Set.of("Action:SetToNotOK", "Action:Mail")));
    }

    @Test
    void controlMDescriptionSaysWhatEachExitCodeLeadsTo() throws IOException {
        assertDocumentsEveryCode(CONTROL_M, controlMJob().path("Description").asString());
    }

    // ---------------------------------------------------------------- Kubernetes

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object node, String what) {
        assertThat(node).as(what).isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }

    private static Map<String, Object> map(Map<String, Object> node, String... keys) {
        Map<String, Object> at = node;
        for (String key : keys) {
            at = asMap(at.get(key), key);
        }
        return at;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> node, String key) {
        assertThat(node.get(key)).as(key).isInstanceOf(List.class);
        return (List<Object>) node.get(key);
    }

    private static Map<String, Object> cronJob() throws IOException {
        try (Reader reader = Files.newBufferedReader(KUBERNETES, StandardCharsets.UTF_8)) {
            for (Object document : new Yaml().loadAll(reader)) {
                if (document instanceof Map<?, ?> resource && "CronJob".equals(resource.get("kind"))) {
                    return asMap(document, "CronJob");
                }
            }
        }
        throw new AssertionError("no CronJob in " + KUBERNETES);
    }

    private static Map<String, Object> jobSpec() throws IOException {
        return map(cronJob(), "spec", "jobTemplate", "spec");
    }

    private static Map<String, Object> harvesterContainer() throws IOException {
        Map<String, Object> podSpec = map(jobSpec(), "template", "spec");
        assertThat(podSpec.get("restartPolicy")).as("podFailurePolicy needs restartPolicy Never").isEqualTo("Never");
        for (Object container : list(podSpec, "containers")) {
            Map<String, Object> c = asMap(container, "container");
            if ("harvester".equals(c.get("name"))) {
                return c;
            }
        }
        throw new AssertionError("no container named harvester");
    }

    /** The container's shell script: command ["/bin/sh", "-c"] and the script as its one argument. */
    private static String wrapper() throws IOException {
        Map<String, Object> container = harvesterContainer();
        assertThat(container.get("command")).as("the exit-code wrapper runs in sh")
                .isEqualTo(List.of("/bin/sh", "-c"));
        List<Object> args = list(container, "args");
        assertThat(args).hasSize(1);
        return (String) args.get(0);
    }

    @Test
    void podFailurePolicyFailsOn2CountsFailuresAndNeverSees3Or4() throws IOException {
        Map<Integer, String> actionByCode = new TreeMap<>();
        for (Object r : list(map(jobSpec(), "podFailurePolicy"), "rules")) {
            Map<String, Object> rule = asMap(r, "podFailurePolicy rule");
            String action = (String) rule.get("action");
            if (!rule.containsKey("onExitCodes")) {
                assertThat(rule).as("a rule on pod conditions, not exit codes").containsKey("onPodConditions");
                continue;
            }
            Map<String, Object> onExitCodes = map(rule, "onExitCodes");
            assertThat(onExitCodes.get("containerName")).isEqualTo("harvester");
            // NotIn would match 3 and 4 too.
            assertThat(onExitCodes.get("operator")).isEqualTo("In");
            assertThat(action).as("Ignore on an exit code starts a replacement pod at once").isNotEqualTo("Ignore");
            for (Object code : list(onExitCodes, "values")) {
                // Rules are evaluated in order: the first one that matches a code decides.
                actionByCode.putIfAbsent((Integer) code, action);
            }
        }

        assertThat(actionByCode).containsEntry(2, "FailJob")
                .containsEntry(6, "FailJob")
                .containsEntry(1, "Count")
                .containsEntry(5, "Count")
                .containsEntry(143, "Count")
                // the wrapper turns them into 0; a rule on them would retry a completed run or loop on the lease
                .doesNotContainKeys(3, 4);
        assertThat((Integer) jobSpec().get("backoffLimit")).isPositive();
    }

    @Test
    void theWrapperEndsTheJobAsSucceededOn3And4AndPassesEveryOtherCodeOn(@TempDir Path dir) throws Exception {
        String script = wrapper();
        fakeJava(dir);
        Map<Integer, Integer> expected = Map.of(0, 0, 1, 1, 2, 2, 3, 0, 4, 0, 5, 5, 6, 6, 143, 143);
        for (int code : CODES) {
            Process process = start(dir, script, Map.of("FAKE_EXIT", Integer.toString(code)));
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("wrapper status for exit " + code + "; output: " + output)
                    .isEqualTo(expected.get(code));
            if (code == 3 || code == 4) {
                assertThat(output).as("says what happened").contains("exit " + code);
            }
        }
        assertThat(Files.readString(dir.resolve("args"))).contains("-jar /opt/ods-harvester/ods-harvester.jar");
    }

    @Test
    void theWrapperPassesSigtermOnToJavaAndEndsWithItsStatus(@TempDir Path dir) throws Exception {
        fakeJava(dir);
        Process process = start(dir, wrapper(), Map.of("FAKE_WAIT", "1"));
        await().alias("the fake java to start in " + dir).atMost(Duration.ofSeconds(20))
                .until(() -> Files.exists(dir.resolve("started")));
        // the wrapper sets its trap right after starting java: wait until the shell catches SIGTERM
        await().alias("the wrapper (pid " + process.pid() + ") to trap SIGTERM").atMost(Duration.ofSeconds(20))
                .until(() -> catchesSigterm(process.pid()));
        List<ProcessHandle> java = process.descendants().toList();
        try {
            process.destroy(); // SIGTERM to the shell, as the kubelet sends it to the container's PID 1

            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            // A shell that does not pass SIGTERM on dies of it at once (status 143 too) and leaves java running,
            // which then never stops at a chunk boundary: the kubelet kills it after the grace period.
            assertThat(dir.resolve("got-term")).as("java received SIGTERM").exists();
            assertThat(process.exitValue()).as("java's status after its graceful stop, counted and retried")
                    .isEqualTo(143);
        } finally {
            java.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** A java on the PATH that records its arguments and exits $FAKE_EXIT, or waits for SIGTERM. */
    private static void fakeJava(Path dir) throws IOException {
        Path java = dir.resolve("java");
        Files.writeString(java, """
                #!/bin/sh
                echo "$@" > args
                if [ -n "$FAKE_WAIT" ]; then
                  trap 'echo term > got-term; exit 143' TERM
                  : > started
                  i=0
                  while [ "$i" -lt 600 ]; do sleep 0.05; i=$((i + 1)); done
                  exit 99
                fi
                exit "$FAKE_EXIT"
                """);
        assertThat(java.toFile().setExecutable(true)).isTrue();
    }

    private static Process start(Path dir, String script, Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", script).directory(dir.toFile())
                .redirectErrorStream(true);
        builder.environment().put("PATH", dir + ":" + System.getenv("PATH"));
        builder.environment().putAll(env);
        return builder.start();
    }

    // ---------------------------------------------------------------- the HTML report in the mails

    /** Where the example source's last HTML report is: its data directory's reports/latest.html. */
    private static String latestHtmlReport() throws IOException {
        Properties source = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("jobs/sources/opendata-paris.properties"))) {
            source.load(reader);
        }
        return source.getProperty("harvest.data-dir") + "/reports/" + HtmlReportWriter.LATEST;
    }

    @Test
    void controlMsMailsAfterARunLinkTheRunsHtmlReport() throws IOException {
        String latest = latestHtmlReport();
        int mails = 0;
        for (Map.Entry<String, JsonNode> block : controlMJob().properties()) {
            int code = block.getKey().startsWith("CompletionStatus_")
                    ? Integer.parseInt(block.getValue().path("CompletionStatus").asString()) : -1;
            for (JsonNode action : block.getValue()) {
                if (code != 2 && action.path("Type").asString().equals("Action:Mail")) {
                    // exit 2 stops before the run: there is no report to link
                    assertThat(action.path("Message").asString()).as("mail on exit " + code).contains(latest);
                    mails++;
                }
            }
        }
        assertThat(mails).isEqualTo(4); // exits 3, 5, 6 and 143
    }

    @Test
    void cronMailsTheHtmlReportWhenTheRunDoesNotEndWithExit0() throws IOException {
        List<String> lines = Files.readAllLines(CRONTAB).stream()
                .filter(l -> l.contains("jobs/ods-harvester.sh ") && !l.strip().startsWith("#")).toList();

        assertThat(lines).singleElement().asString().contains(" 2>&1 || mail ").contains("-A " + latestHtmlReport());
    }

    // ---------------------------------------------------------------- every file says it

    @Test
    void kubernetesAndCronDefinitionsSayWhatEachExitCodeLeadsTo() throws IOException {
        for (Path file : List.of(KUBERNETES, CRONTAB)) {
            StringBuilder comments = new StringBuilder();
            for (String line : Files.readAllLines(file)) {
                if (line.strip().startsWith("#")) {
                    comments.append(line).append('\n');
                }
            }
            assertDocumentsEveryCode(file, comments.toString());
        }
    }

    private static void assertDocumentsEveryCode(Path file, String text) {
        for (int code : CODES) {
            assertThat(Pattern.compile("\\bexit " + code + ": \\S").matcher(text).find())
                    .as(file + " says what exit " + code + " leads to (\"exit " + code + ": ...\")")
                    .isTrue();
        }
    }

    /** Whether the process has a handler for SIGTERM: bit 15 of SigCgt in Linux's /proc/<pid>/status. */
    private static boolean catchesSigterm(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("SigCgt:")) {
                    return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & (1L << 14)) != 0;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
