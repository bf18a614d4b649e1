package org.odsharvester.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The HTML report rendered from a hand-built run: counts, tables, links, history, escaping, no external resource. */
public class HtmlReportWriterTest {

    private static final String SOURCE = "https://data.example.org";
    private static final String TARGET = "https://www.data.gouv.fr";

    private static RunSummary summary(String target, Map<Outcome, Long> counts) {
        return new RunSummary(SOURCE, "v2.1", target, "org-1", 7, 70, 701, "COMPLETED", 3, null, "done",
                "linked 2 dataset(s)", Instant.parse("2026-12-01T08:00:00Z"), Instant.parse("2026-12-01T08:03:05Z"), counts,
                Map.of("excluded", 1L));
    }

    private static Map<Outcome, Long> counts() {
        Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            counts.put(o, 0L);
        }
        counts.put(Outcome.CREATED, 5L);
        counts.put(Outcome.UPDATED, 1L);
        counts.put(Outcome.UNCHANGED, 30L);
        counts.put(Outcome.FILTERED, 1L);
        counts.put(Outcome.REJECTED, 2L);
        counts.put(Outcome.ARCHIVED, 1L);
        return counts;
    }

    private static final Map<Outcome, List<DatasetOutcome>> ROWS = Map.of(
            Outcome.REJECTED, List.of(
                    new DatasetOutcome("bad-title", "da_1", Outcome.REJECTED,
                            "udata refused: title <script>alert('x')</script> & more", null),
                    new DatasetOutcome("#12", null, Outcome.REJECTED, "no dataset id", null)),
            Outcome.FILTERED, List.of(new DatasetOutcome("inspire-one", "da_2", Outcome.FILTERED, "excluded", "u2")),
            Outcome.ARCHIVED, List.of(new DatasetOutcome("gone one", "da_3", Outcome.ARCHIVED, "absent", "u3")),
            Outcome.UPDATED, List.of(new DatasetOutcome("renamed", "da_4", Outcome.UPDATED, null, "u4")));

    private static String render(RunSummary summary, List<RunHistory.Entry> history) throws IOException {
        StringWriter out = new StringWriter();
        new HtmlReportWriter().render(summary, "harvest-x.json", history,
                (outcome, limit, action) -> ROWS.getOrDefault(outcome, List.of()).stream().limit(limit).forEach(action), out);
        return out.toString();
    }

    /** The rows of the table under {@code <section id="name">}, each as its cells' text with the tags kept. */
    public static List<String> rows(String html, String section) {
        Matcher m = Pattern.compile("<section id=\"" + section + "\">(.*?)</section>", Pattern.DOTALL).matcher(html);
        assertThat(m.find()).as("section " + section).isTrue();
        return Pattern.compile("<tr[^>]*>(.*?)</tr>", Pattern.DOTALL).matcher(m.group(1)).results()
                .map(r -> r.group(1)).filter(r -> !r.contains("<th")).toList();
    }

    @Test
    void countsAreBarsOfTheChart() throws IOException {
        String html = render(summary(TARGET, counts()), List.of());

        Map<String, String> bars = new java.util.LinkedHashMap<>();
        Pattern.compile("<g class=\"bar\" data-name=\"([^\"]+)\" data-value=\"(\\d+)\"").matcher(html).results()
                .forEach(r -> bars.put(r.group(1), r.group(2)));
        assertThat(bars).containsExactly(Map.entry("read", "39"), Map.entry("created", "5"),
                Map.entry("updated", "1"), Map.entry("unchanged", "30"), Map.entry("unarchived", "0"),
                Map.entry("archived", "1"), Map.entry("missing", "0"), Map.entry("filtered", "1"),
                Map.entry("rejected", "2"));
        // the largest count fills the bar width, the others are in proportion
        assertThat(html).contains("data-name=\"read\" data-value=\"39\"><text x=\"0\" y=\"17\">read</text>"
                + "<rect x=\"88\" y=\"2\" width=\"260\"");
        assertThat(html).contains("data-name=\"unchanged\" data-value=\"30\"><text x=\"0\" y=\"89\">unchanged</text>"
                + "<rect x=\"88\" y=\"74\" width=\"200\"");
    }

    @Test
    void theArchivingAndTheDataserviceAreSaid() throws IOException {
        String html = render(summary(TARGET, counts()), List.of());

        assertThat(html).contains("<dt>Archiving</dt><dd>done</dd>")
                .contains("<dt>Dataservice</dt><dd>linked 2 dataset(s)</dd>");
    }

    @Test
    void tablesLinkEachDatasetToThePortalAndToUdata() throws IOException {
        String html = render(summary(TARGET, counts()), List.of());

        assertThat(rows(html, "rejected")).containsExactly(
                "<td><a href=\"https://data.example.org/explore/dataset/bad-title/\">bad-title</a></td><td>da_1</td>"
                        + "<td></td><td>udata refused: title &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"
                        + "</td>",
                "<td>#12</td><td></td><td></td><td>no dataset id</td>");
        assertThat(rows(html, "filtered")).containsExactly(
                "<td><a href=\"https://data.example.org/explore/dataset/inspire-one/\">inspire-one</a></td>"
                        + "<td>da_2</td><td><a href=\"https://www.data.gouv.fr/datasets/u2/\">u2</a></td>"
                        + "<td>excluded</td>");
        assertThat(rows(html, "archived")).containsExactly(
                "<td><a href=\"https://data.example.org/explore/dataset/gone%20one/\">gone one</a></td><td>da_3</td>"
                        + "<td><a href=\"https://www.data.gouv.fr/datasets/u3/\">u3</a></td><td>absent</td>");
        assertThat(rows(html, "updated")).containsExactly(
                "<td><a href=\"https://data.example.org/explore/dataset/renamed/\">renamed</a></td><td>da_4</td>"
                        + "<td><a href=\"https://www.data.gouv.fr/datasets/u4/\">u4</a></td><td></td>");
        assertThat(html).contains("<section id=\"missing\">\n<h2>Missing (0)</h2>\n<p>None.</p>");
    }

    @Test
    void aDryRunHasNoUdataColumnNorUpdatedTable() throws IOException {
        Map<Outcome, Long> counts = counts();
        counts.put(Outcome.DRY_RUN, 36L);
        String html = render(summary("dry-run", counts), List.of());

        assertThat(rows(html, "filtered")).containsExactly(
                "<td><a href=\"https://data.example.org/explore/dataset/inspire-one/\">inspire-one</a></td>"
                        + "<td>da_2</td><td>excluded</td>");
        assertThat(html).doesNotContain("<section id=\"updated\">", "datasets/u2");
        assertThat(html).contains("data-name=\"dryRun\" data-value=\"36\"");
    }

    @Test
    void theHistoryShowsEachRunWithItsCountsAndTheCurrentOneMarked() throws IOException {
        List<RunHistory.Entry> history = List.of(
                new RunHistory.Entry(7, 701, TARGET, "COMPLETED", Instant.parse("2026-12-01T08:00:00Z"),
                        Instant.parse("2026-12-01T08:03:05Z"), 3,
                        Map.of("read", 39L, "created", 5L, "rejected", 2L), "/r/7.json"),
                new RunHistory.Entry(6, 650, TARGET, "FAILED", Instant.parse("2026-11-30T08:00:00Z"),
                        Instant.parse("2026-11-30T09:02:03Z"), null, Map.of(), null));

        List<String> rows = rows(render(summary(TARGET, counts()), history), "history");

        assertThat(rows).containsExactly(
                "<td class=\"n\">7</td><td class=\"n\">701</td><td>COMPLETED</td><td class=\"n\">3</td>"
                        + "<td>2026-12-01 08:00:00</td><td class=\"n\">3m05s</td><td class=\"n\">39</td>"
                        + "<td class=\"n\">5</td><td class=\"n\">0</td><td class=\"n\">0</td><td class=\"n\">0</td>"
                        + "<td class=\"n\">0</td><td class=\"n\">2</td>",
                "<td class=\"n\">6</td><td class=\"n\">650</td><td>FAILED</td><td class=\"n\">-</td>"
                        + "<td>2026-11-30 08:00:00</td><td class=\"n\">1h02m03s</td><td class=\"n\">-</td>"
                        + "<td class=\"n\">-</td><td class=\"n\">-</td><td class=\"n\">-</td><td class=\"n\">-</td>"
                        + "<td class=\"n\">-</td><td class=\"n\">-</td>");
        assertThat(render(summary(TARGET, counts()), history)).contains("<tr class=\"current\"><td class=\"n\">7</td>");
    }

    @Test
    void everyTextFromOutsideIsEscapedAndNothingIsFetched() throws IOException {
        RunSummary summary = new RunSummary(SOURCE, "v2.1", TARGET, "<org>", 7, 70, 701, "FAILED", 1,
                "udata said <b>\"no\"</b>", "not run: <x>", "not run: <y>", Instant.parse("2026-12-01T08:00:00Z"),
                Instant.parse("2026-12-01T08:00:01Z"), counts(), Map.of());

        String html = render(summary, List.of());

        assertThat(html).doesNotContain("<script", "<b>", "<org>", "<x>");
        assertThat(html).contains("udata said &lt;b&gt;&quot;no&quot;&lt;/b&gt;", "&lt;org&gt;", "not run: &lt;x&gt;");
        assertExternalLinksAreDatasetsOnly(html);
        assertThat(html).contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    }

    @Test
    void aLongTableStopsAtTheLimitAndSaysHowManyMore() throws IOException {
        Map<Outcome, Long> counts = counts();
        counts.put(Outcome.UPDATED, HtmlReportWriter.MAX_ROWS + 3L);
        StringWriter out = new StringWriter();
        new HtmlReportWriter().render(summary(TARGET, counts), "x.json", List.of(), (outcome, limit, action) -> {
            assertThat(limit).isEqualTo(HtmlReportWriter.MAX_ROWS);
            if (outcome == Outcome.UPDATED) {
                for (int i = 0; i < limit; i++) {
                    action.accept(new DatasetOutcome("d" + i, null, outcome, null, "u" + i));
                }
            }
        }, out);

        List<String> rows = rows(out.toString(), "updated");
        assertThat(rows).hasSize(HtmlReportWriter.MAX_ROWS + 1);
        assertThat(rows.get(rows.size() - 1)).contains("… and 3 more: the JSON report lists them all.");
    }

    /** No script, no style sheet or image fetched: the only http(s) references are the dataset links. */
    public static void assertExternalLinksAreDatasetsOnly(String html) {
        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<link")
                .doesNotContainIgnoringCase("<img").doesNotContainIgnoringCase("src=")
                .doesNotContainIgnoringCase("url(").doesNotContainIgnoringCase("@import");
        Pattern.compile("href=\"([^\"]*)\"").matcher(html).results().map(r -> r.group(1)).forEach(href ->
                assertThat(href).matches("https?://[^/]+/(explore/dataset|datasets)/[^/\"]+/"));
    }
}
