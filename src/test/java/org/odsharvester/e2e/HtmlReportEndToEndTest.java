package org.odsharvester.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.odsharvester.report.HtmlReportWriter;
import org.odsharvester.support.HarvestHarness;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odsharvester.guard.DataDirLock;
import org.odsharvester.report.HtmlReportWriterTest;
import org.odsharvester.support.CatalogGenerator;
import org.odsharvester.support.HarvestRun;
import tools.jackson.databind.JsonNode;

/**
 * The HTML report of real runs: a first harvest, then a second one where one dataset is renamed, one is refused by
 * udata with a message carrying markup, and one is filtered out (and so archived). The HTML written next to the JSON
 * report shows the same counts and datasets, links each to the portal and to udata, lists both runs, fetches nothing
 * and escapes what came from outside; {@code harvest.history} prints the same runs from the job repository.
 */
@ExtendWith(OutputCaptureExtension.class)
class HtmlReportEndToEndTest {

    private static final String MARKUP = "<script>alert(1)</script>";

    @RegisterExtension
    final HarvestHarness world = new HarvestHarness();
    private List<CatalogGenerator.Dataset> catalog;
    private HarvestRun first;
    private HarvestRun second;

    @BeforeEach
    void twoRuns() {
        catalog = world.ods().generator().datasets(12);
        catalog.get(7).inspire = true;
        world.serve(catalog);
        first = world.harvest("--ods.inspire=true", "--harvest.archive-after=0");
        assertThat(first.exitCode()).as(first.output()).isZero();

        catalog.get(1).title = "Jeu de données 1, renommé";
        catalog.get(3).title = "Jeu " + MARKUP;
        world.serve(catalog);
        world.udata().failWhen(r -> r.method().equals("PUT") && r.body() != null && r.body().contains("alert(1)"), 400,
                "{\"errors\":{\"title\":[\"Titre refusé : " + MARKUP + "\"]}}");
        second = world.harvest("--harvest.archive-after=0"); // INSPIRE datasets filtered again
        assertThat(second.exitCode()).as(second.output()).isEqualTo(3);
    }

    /** The reports directory's HTML file of the newest JSON report, whose path the run printed. */
    private Path htmlReport(HarvestRun run) {
        Matcher m = Pattern.compile("HTML report: (\\S+\\.html)").matcher(run.output());
        assertThat(m.find()).as(run.output()).isTrue();
        Path html = Path.of(m.group(1));
        Matcher json = Pattern.compile("Report: (\\S+)\\.json").matcher(run.output());
        assertThat(json.find()).isTrue();
        assertThat(html).isEqualTo(Path.of(json.group(1) + ".html")).exists();
        return html;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theLastRunsHtmlReportIsAlsoAtAFixedPathThatADryRunOrAPlanLeavesAlone() {
        // GIVEN two runs; THEN latest.html is the second's page
        Path secondPage = htmlReport(second);
        Path latest = secondPage.resolveSibling(HtmlReportWriter.LATEST);
        assertThat(read(latest)).isEqualTo(read(secondPage)).isNotEqualTo(read(htmlReport(first)));

        // WHEN a dry run follows; THEN its page is written, latest.html still shows the last real run
        HarvestRun dryRun = world.harvest("--harvest.dry-run=true");
        assertThat(dryRun.exitCode()).as(dryRun.output()).isZero();
        assertThat(read(htmlReport(dryRun))).contains("dry run");
        assertThat(read(latest)).isEqualTo(read(secondPage));

        // WHEN a plan follows; THEN the same: a plan wrote nothing either
        HarvestRun plan = world.harvest("--harvest.plan=true", "--harvest.archive-after=0");
        assertThat(read(htmlReport(plan))).contains("Plan (nothing written)");
        assertThat(read(latest)).isEqualTo(read(secondPage));
        assertThat(latest.resolveSibling(HtmlReportWriter.LATEST + ".partial")).doesNotExist();
    }

    @Test
    void theHtmlReportShowsTheCountsAndLinksEachDatasetToThePortalAndToUdata() {
        String html = read(htmlReport(second));
        JsonNode report = second.report();

        for (String count : List.of("read", "created", "updated", "unchanged", "archived", "filtered", "rejected")) {
            assertThat(html).contains("data-name=\"" + count + "\" data-value=\""
                    + report.path("counts").path(count).asLong() + "\"");
        }
        assertThat(html).contains("data-name=\"read\" data-value=\"12\"", "data-name=\"updated\" data-value=\"1\"",
                "data-name=\"rejected\" data-value=\"1\"", "data-name=\"archived\" data-value=\"1\"");

        assertThat(rows(html, "updated")).containsExactly(row("dataset-00001", catalog.get(1).uid,
                world.byUid(catalog.get(1).uid).path("id").asString(), null));
        assertThat(rows(html, "archived")).containsExactly(row("dataset-00007", catalog.get(7).uid,
                world.byUid(catalog.get(7).uid).path("id").asString(), report.path("archived").get(0).path("reason")
                        .asString(null)));
        JsonNode filtered = report.path("filtered").get(0);
        assertThat(rows(html, "filtered")).containsExactly(row("dataset-00007", catalog.get(7).uid,
                filtered.path("udataId").asString(null), filtered.path("reason").asString(null)));
        JsonNode rejected = report.path("rejected").get(0);
        assertThat(rejected.path("reason").asString()).contains(MARKUP);
        assertThat(rows(html, "rejected")).containsExactly(row("dataset-00003", catalog.get(3).uid,
                rejected.path("udataId").asString(null), rejected.path("reason").asString()));
    }

    @Test
    void theHtmlReportListsBothRunsFromTheJobRepository() {
        List<List<String>> history = rows(read(htmlReport(second)), "history").stream()
                .map(HtmlReportEndToEndTest::cells).toList();

        // run, execution, status, exit, start, duration, read, created, updated, unchanged, archived, filtered, rejected
        assertThat(history).hasSize(2);
        assertThat(history.get(0)).startsWith("2").containsSubsequence("COMPLETED", "3")
                .endsWith("12", "0", "1", "9", "1", "1", "1");
        assertThat(history.get(1)).startsWith("1").containsSubsequence("COMPLETED", "0")
                .endsWith("12", "12", "0", "0", "0", "0", "0");
        assertThat(history.get(0).get(1)).isEqualTo(executionId(second));
        assertThat(history.get(1).get(1)).isEqualTo(executionId(first));

        // the first run's report knew only itself
        assertThat(rows(read(htmlReport(first)), "history")).hasSize(1);
    }

    @Test
    void aResumedRunHasALinePerExecutionInTheHistory() {
        catalog.get(2).title = "Jeu de données 2, renommé";
        world.serve(catalog);
        world.udata().clearFailures();
        world.udata().failWhen(r -> r.method().equals("PUT"), 500, "{\"message\":\"down\"}");
        HarvestRun failed = world.harvest("--harvest.archive-after=0");
        assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
        world.udata().clearFailures();

        HarvestRun resumed = world.harvest("--harvest.archive-after=0");

        assertThat(resumed.exitCode()).as(resumed.output()).isZero();
        List<List<String>> history = rows(read(htmlReport(resumed)), "history").stream()
                .map(HtmlReportEndToEndTest::cells).toList();
        // run, execution, status, exit
        assertThat(history).extracting(row -> row.subList(0, 4)).containsExactly(
                List.of("3", executionId(resumed), "COMPLETED", "0"),
                List.of("3", executionId(failed), "FAILED", "1"),
                List.of("2", executionId(second), "COMPLETED", "3"),
                List.of("1", executionId(first), "COMPLETED", "0"));
    }

    @Test
    void theHtmlReportFetchesNothingAndEscapesWhatCameFromOutside() {
        String html = read(htmlReport(second));

        HtmlReportWriterTest.assertExternalLinksAreDatasetsOnly(html);
        assertThat(html).doesNotContain(MARKUP).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(html).contains("<meta name=\"viewport\"");
    }

    @Test
    void historyListsTheLastRunsOfTheSourceFromTheJobRepositoryAndExitsZero() {
        world.udata().clearRequests();
        world.ods().server().resetRequests();

        HarvestRun history = world.run("--ods.url=" + world.ods().url(), "--harvest.history=5");

        assertThat(history.exitCode()).as(history.output()).isZero();
        assertThat(world.udata().requests()).isEmpty();
        assertThat(world.ods().server().getAllServeEvents()).isEmpty();
        List<String> lines = Arrays.stream(history.output().split("\n"))
                .filter(l -> l.matches("\\s*\\d+\\s+\\d+\\s+[A-Z]+.*")).toList();
        assertThat(lines).hasSize(2);
        String reportOfSecond = jsonReportPath(second);
        assertThat(lines.get(0).trim().split("\\s+")).startsWith("2",
                executionId(second), "COMPLETED");
        assertThat(lines.get(0)).contains(" 3  " + world.udata().url() + "  " + reportOfSecond);
        assertThat(lines.get(0).trim().split("\\s+")).containsSequence("12", "0", "1", "9", "1", "0", "1", "1", "3");
        assertThat(lines.get(1).trim().split("\\s+")).startsWith("1",
                executionId(first), "COMPLETED")
                .containsSequence("12", "12", "0", "0", "0", "0", "0", "0", "0");
        assertThat(lines.get(1)).endsWith(jsonReportPath(first));

        HarvestRun one = world.run("--ods.url=" + world.ods().url(), "--harvest.history=1");
        assertThat(one.output().lines().filter(l -> l.matches("\\s*\\d+\\s+\\d+\\s+[A-Z]+.*"))).hasSize(1);
        HarvestRun other = world.run("--ods.url=https://other.example.org",
                "--harvest.history=5");
        assertThat(other.exitCode()).isZero();
        assertThat(other.output()).contains("Last 0 runs of https://other.example.org", "(none)");
    }

    @Test
    void theHelpNamesTheHistoryOption() {
        String help = org.odsharvester.launch.HelpText.text(org.odsharvester.launch.OptionCatalog.load());

        assertThat(help).containsPattern("--harvest\\.history=N +prints the last N runs of the")
                .contains("HSQLDB file or PostgreSQL");
    }

    @Test
    void historyOfAnHsqldbFileInUseIsRefusedWithExit4AndTheHolder() {
        try (DataDirLock held = DataDirLock.acquire(world.dataDir(), "pid 4242 on the night host")) {
            HarvestRun history = world.run("--ods.url=" + world.ods().url(),
                    "--harvest.history=5");

            assertThat(history.exitCode()).as(history.output()).isEqualTo(4);
            assertThat(history.output()).contains("pid 4242 on the night host").doesNotContain("Last ");
        }
    }

    @Test
    void aHeadlessBrowserDrawsTheReport() throws Exception {
        String browser = browser();
        assumeTrue(browser != null, "no chromium or chromium-browser on PATH");
        Path html = htmlReport(second);
        Path png = world.dataDir().resolve("report.png");

        // a phone-sized window: the page must fit without a desktop layout
        Process process = new ProcessBuilder(browser, "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--force-device-scale-factor=1", "--window-size=412,1400",
                "--screenshot=" + png, html.toUri().toString()).redirectErrorStream(true)
                .redirectOutput(world.dataDir().resolve("browser.log").toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("browser still running").isTrue();

        assertThat(png).exists();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(412);
        Set<Integer> colors = new HashSet<>();
        boolean rejectedBar = false;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                colors.add(rgb);
                rejectedBar |= rgb == 0xce0500;
            }
        }
        assertThat(colors.size()).as("distinct colours").isGreaterThan(10);
        assertThat(rejectedBar).as("the rejected bar of the SVG chart is drawn").isTrue();
        // for a person to look at (target/ is not committed)
        Files.createDirectories(Path.of("target"));
        Files.copy(png, Path.of("target", "html-report-e2e.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(html, Path.of("target", "html-report-e2e.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static String browser() {
        for (String name : List.of("chromium", "chromium-browser")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name).toString();
                }
            }
        }
        return null;
    }

    /** From the report's name the run printed ({@link HarvestRun#report()} reads the newest of the directory). */
    private String executionId(HarvestRun run) {
        Matcher m = Pattern.compile("-exec(\\d+)-").matcher(jsonReportPath(run));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private String jsonReportPath(HarvestRun run) {
        Matcher json = Pattern.compile("Report: (\\S+\\.json)").matcher(run.output());
        assertThat(json.find()).isTrue();
        return json.group(1);
    }

    private static List<String> rows(String html, String section) {
        return HtmlReportWriterTest.rows(html, section);
    }

    /** A table row as the report writes it: ODS link, uid, udata link, reason. */
    private String row(String datasetId, String uid, String udataId, String reason) {
        return "<td><a href=\"" + world.ods().url() + "/explore/dataset/" + datasetId + "/\">" + datasetId + "</a></td>"
                + "<td>" + uid + "</td><td>"
                + (udataId == null ? "" : "<a href=\"" + world.udata().url() + "/datasets/" + udataId + "/\">" + udataId
                        + "</a>")
                + "</td><td>" + escaped(reason) + "</td>";
    }

    private static String escaped(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }

    private static List<String> cells(String row) {
        List<String> cells = new ArrayList<>();
        Pattern.compile("<td[^>]*>(.*?)</td>").matcher(row).results().forEach(r -> cells.add(r.group(1)));
        return cells;
    }
}
