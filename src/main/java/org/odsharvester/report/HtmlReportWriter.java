package org.odsharvester.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.odsharvester.job.RunParameters;
import org.springframework.web.util.UriUtils;

/**
 * Writes the HTML report of a run next to its JSON report: the counts as a bar chart, the last runs of the same
 * source and target, and the rejected, filtered, archived, missing and updated datasets with links to the portal and
 * to udata. One self-contained file (inline CSS and SVG, no script, nothing fetched) so that it opens from a mail
 * attachment or a file share, on a phone too. Every text is escaped: titles, ids and udata's messages come from
 * outside.
 */
public class HtmlReportWriter {

    /** Rows per table: the JSON report lists them all; a mail attachment need not. */
    public static final int MAX_ROWS = 500;

    /** The tables, in the order an operator reads them: what needs a decision first. */
    static final List<Outcome> TABLES = List.of(Outcome.REJECTED, Outcome.OTHER_ADDRESS, Outcome.FILTERED,
            Outcome.ARCHIVED, Outcome.MISSING, Outcome.UPDATED);

    /** The first {@code limit} datasets of one outcome, in dataset order ({@link OutcomeQueries#forEach}, run bound). */
    @FunctionalInterface
    public interface Rows {
        void forEach(Outcome outcome, long limit, Consumer<DatasetOutcome> action);
    }

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:72rem;\
            padding:0 .75rem 2rem;color:#1b1b1b;line-height:1.4}
            h1{font-size:1.3rem;margin:1rem 0 .25rem;overflow-wrap:anywhere}
            h2{font-size:1.1rem;margin:1.5rem 0 .5rem;border-bottom:1px solid #ddd}
            .status{display:inline-block;padding:.1rem .5rem;border-radius:.25rem;font-weight:600;color:#fff}
            .ok{background:#18753c}.warn{background:#b34000}.bad{background:#ce0500}
            dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .75rem;margin:.5rem 0}
            dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}
            .scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
            table{border-collapse:collapse;width:100%;font-size:.9rem}
            th,td{border-bottom:1px solid #e5e5e5;padding:.25rem .4rem;text-align:left;vertical-align:top}
            td{overflow-wrap:break-word}#history td{white-space:nowrap}th{background:#f6f6f6}td.n,th.n{text-align:right;white-space:nowrap}
            tr.current td{background:#fff8e1}
            svg{max-width:36rem;width:100%;height:auto}
            svg text{font-size:13px;fill:#1b1b1b}
            .more{font-style:italic;color:#555}
            @media (max-width:40rem){body{font-size:.95rem}dl{grid-template-columns:1fr}dt{margin-top:.3rem}}
            """;

    /** The HTML report of a JSON report: same name, {@code .html}. */
    public static Path htmlPath(Path jsonReport) {
        String name = jsonReport.getFileName().toString();
        return jsonReport.resolveSibling((name.endsWith(".json") ? name.substring(0, name.length() - 5) : name)
                + ".html");
    }

    /**
     * The copy of the last run's HTML report, beside the reports: a fixed path a scheduler's mail can link to or
     * attach (a dry run does not replace it).
     */
    public static final String LATEST = "latest.html";

    /** Writes the HTML report next to {@code jsonReport}, and as {@link #LATEST} there, and returns its path. */
    public Path write(RunSummary summary, Path jsonReport, List<RunHistory.Entry> history, Rows rows) {
        Path path = htmlPath(jsonReport);
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(path, StandardCharsets.UTF_8))) {
            render(summary, jsonReport.getFileName().toString(), history, rows, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + path + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("cannot write the report " + path + ": " + e.getMessage(), e.getCause());
        }
        if (RunParameters.DRY_RUN_TARGET.equals(summary.target()) || RunParameters.isPlan(summary.target())) {
            return path; // latest.html is the last run's: a dry run or a plan wrote nothing
        }
        // copied then renamed: a mail sent while the next run writes never attaches half a page
        Path latest = path.resolveSibling(LATEST);
        Path partial = path.resolveSibling(LATEST + ".partial");
        try {
            Files.copy(path, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, latest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + latest + ": " + e.getMessage(), e);
        }
    }

    /** Renders the report to {@code out}; the tables are streamed from {@code rows}. */
    public void render(RunSummary summary, String jsonName, List<RunHistory.Entry> history, Rows rows, Writer out)
            throws IOException {
        boolean dryRun = RunParameters.DRY_RUN_TARGET.equals(summary.target());
        boolean plan = RunParameters.isPlan(summary.target());
        String title = (plan ? "Plan (nothing written) of a harvest of " : "Harvest of ") + host(summary.source())
                + ", run " + summary.run() + ": "
                + summary.status().toLowerCase(Locale.ROOT) + " (exit " + summary.exitCode() + ")";
        out.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
        out.write(esc(title));
        out.write("</title>\n<style>\n" + CSS + "</style>\n</head>\n<body>\n");
        out.write("<h1>" + esc(title) + "</h1>\n");
        out.write("<p><span class=\"status " + statusClass(summary.exitCode()) + "\">"
                + esc(summary.status() + " · exit " + summary.exitCode()) + "</span></p>\n");
        if (summary.failure() != null) {
            out.write("<p id=\"failure\">" + esc(summary.failure()) + "</p>\n");
        }
        out.write("<dl>\n");
        definition(out, "Source", summary.source() + " (ODS API " + summary.apiVersion() + ")");
        definition(out, "Target", dryRun ? "dry run: nothing written to udata"
                : plan ? "plan of a run into " + udataUrl(summary.target())
                        + ": nothing written to udata; each row says what a run would do"
                : summary.target());
        definition(out, "Organization", summary.organization());
        definition(out, "Run", summary.run() + " (job execution " + summary.executionId() + ")");
        definition(out, "Start", RunHistory.time(summary.start()) + " UTC");
        definition(out, "End", RunHistory.time(summary.end()) + " UTC ("
                + RunHistory.duration(Duration.between(summary.start(), summary.end())) + ")");
        if (summary.archive() != null) {
            definition(out, "Archiving", summary.archive());
        }
        if (summary.dataservice() != null) {
            definition(out, "Dataservice", summary.dataservice());
        }
        definition(out, "JSON report", jsonName);
        out.write("</dl>\n");
        countsChart(out, summary, dryRun);
        history(out, history, summary.executionId());
        for (Outcome outcome : TABLES) {
            // datasets held as harvested under another address: a table only on the night it happens
            boolean shown = outcome == Outcome.OTHER_ADDRESS ? summary.count(outcome) > 0
                    : !(dryRun && outcome == Outcome.UPDATED);
            if (shown) {
                table(out, summary, outcome, rows, dryRun);
            }
        }
        out.write("</body>\n</html>\n");
    }

    private static void definition(Writer out, String term, String value) throws IOException {
        out.write("<dt>" + esc(term) + "</dt><dd>" + esc(value) + "</dd>\n");
    }

    private static String statusClass(int exitCode) {
        return switch (exitCode) {
            case 0 -> "ok";
            case 3, 6 -> "warn";
            default -> "bad";
        };
    }

    private static final int BAR_LEFT = 88;
    private static final int BAR_WIDTH = 260;
    private static final int ROW = 24;

    /** One horizontal bar per count, scaled to the largest. */
    private static void countsChart(Writer out, RunSummary summary, boolean dryRun) throws IOException {
        List<Outcome> shown = new ArrayList<>(dryRun
                ? List.of(Outcome.DRY_RUN, Outcome.FILTERED, Outcome.REJECTED)
                : List.of(Outcome.CREATED, Outcome.UPDATED, Outcome.UNCHANGED, Outcome.UNARCHIVED, Outcome.ARCHIVED,
                        Outcome.MISSING, Outcome.FILTERED, Outcome.REJECTED));
        if (summary.count(Outcome.OTHER_ADDRESS) > 0) {
            shown.add(Outcome.OTHER_ADDRESS);
        }
        long max = Math.max(1, summary.read());
        for (Outcome outcome : shown) {
            max = Math.max(max, summary.count(outcome));
        }
        int height = ROW * (shown.size() + 1) + 4;
        out.write("<section id=\"counts\">\n<h2>Counts</h2>\n");
        out.write("<svg viewBox=\"0 0 400 " + height + "\" role=\"img\""
                + " aria-label=\"datasets by outcome\">\n");
        int y = 2;
        bar(out, "read", summary.read(), max, y, "#6a6af4");
        for (Outcome outcome : shown) {
            y += ROW;
            bar(out, ReportWriter.propertyName(outcome), summary.count(outcome), max, y, color(outcome));
        }
        out.write("</svg>\n</section>\n");
    }

    private static void bar(Writer out, String label, long value, long max, int y, String color) throws IOException {
        long width = value == 0 ? 0 : Math.max(2, Math.round((double) value * BAR_WIDTH / max));
        out.write("<g class=\"bar\" data-name=\"" + esc(label) + "\" data-value=\"" + value + "\">"
                + "<text x=\"0\" y=\"" + (y + 15) + "\">" + esc(label) + "</text>"
                + "<rect x=\"" + BAR_LEFT + "\" y=\"" + y + "\" width=\"" + width + "\" height=\"" + (ROW - 6)
                + "\" fill=\"" + color + "\"/>"
                + "<text x=\"" + (BAR_LEFT + width + 6) + "\" y=\"" + (y + 15) + "\">" + value + "</text></g>\n");
    }

    private static String color(Outcome outcome) {
        return switch (outcome) {
            case CREATED -> "#18753c";
            case UPDATED -> "#0063cb";
            case UNCHANGED, DRY_RUN -> "#929292";
            case UNARCHIVED -> "#009081";
            case ARCHIVED -> "#b34000";
            case MISSING -> "#c3992a";
            case FILTERED -> "#6e445a";
            case REJECTED -> "#ce0500";
            case OTHER_ADDRESS -> "#7f5a00";
        };
    }

    private static final List<String> HISTORY_COUNTS = List.of("read", "created", "updated", "unchanged", "archived",
            "filtered", "rejected");

    private static void history(Writer out, List<RunHistory.Entry> history, long currentExecution) throws IOException {
        out.write("<section id=\"history\">\n<h2>Last runs of this source and target</h2>\n");
        if (history.isEmpty()) {
            out.write("<p>None in the job repository.</p>\n</section>\n");
            return;
        }
        out.write("<div class=\"scroll\"><table>\n<thead><tr><th class=\"n\">run</th><th class=\"n\">execution</th>"
                + "<th>status</th><th class=\"n\">exit</th><th>start (UTC)</th><th class=\"n\">duration</th>");
        for (String count : HISTORY_COUNTS) {
            out.write("<th class=\"n\">" + count + "</th>");
        }
        out.write("</tr></thead>\n<tbody>\n");
        for (RunHistory.Entry entry : history) {
            out.write(entry.executionId() == currentExecution ? "<tr class=\"current\">" : "<tr>");
            out.write("<td class=\"n\">" + entry.run() + "</td><td class=\"n\">" + entry.executionId() + "</td><td>"
                    + esc(entry.status()) + "</td><td class=\"n\">"
                    + (entry.exitCode() == null ? "-" : entry.exitCode()) + "</td><td>"
                    + esc(RunHistory.time(entry.start())) + "</td><td class=\"n\">"
                    + (entry.duration() == null ? "-" : RunHistory.duration(entry.duration())) + "</td>");
            for (String count : HISTORY_COUNTS) {
                out.write("<td class=\"n\">" + (entry.counts().isEmpty() ? "-" : entry.count(count)) + "</td>");
            }
            out.write("</tr>\n");
        }
        out.write("</tbody>\n</table></div>\n</section>\n");
    }

    private static void table(Writer out, RunSummary summary, Outcome outcome, Rows rows, boolean dryRun)
            throws IOException {
        String name = ReportWriter.propertyName(outcome);
        long count = summary.count(outcome);
        out.write("<section id=\"" + name + "\">\n<h2>" + capitalized(name) + " (" + count + ")</h2>\n");
        if (count == 0) {
            out.write("<p>None.</p>\n</section>\n");
            return;
        }
        out.write("<div class=\"scroll\"><table>\n<thead><tr><th>ODS dataset</th><th>uid</th>"
                + (dryRun ? "" : "<th>udata</th>") + "<th>reason</th></tr></thead>\n<tbody>\n");
        rows.forEach(outcome, MAX_ROWS, entry -> {
            try {
                out.write(row(summary, entry, dryRun));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (count > MAX_ROWS) {
            out.write("<tr><td class=\"more\" colspan=\"4\">… and " + (count - MAX_ROWS)
                    + " more: the JSON report lists them all.</td></tr>\n");
        }
        out.write("</tbody>\n</table></div>\n</section>\n");
    }

    /** The udata address of a run's target; a plan's target is {@code plan:<udata url>}. */
    private static String udataUrl(String target) {
        return RunParameters.isPlan(target)
                ? target.substring(RunParameters.PLAN_PREFIX.length()) : target;
    }

    private static String row(RunSummary summary, DatasetOutcome entry, boolean dryRun) {
        StringBuilder row = new StringBuilder("<tr><td>");
        String id = entry.datasetId();
        if (id != null && !id.startsWith("#") && !id.startsWith("(no id)")) {
            row.append(link(summary.source() + "/explore/dataset/" + segment(id) + "/", id));
        } else {
            row.append(esc(id));
        }
        row.append("</td><td>").append(esc(entry.datasetUid())).append("</td>");
        if (!dryRun) {
            row.append("<td>");
            if (entry.udataId() != null) {
                row.append(link(udataUrl(summary.target()) + "/datasets/" + segment(entry.udataId()) + "/", entry.udataId()));
            }
            row.append("</td>");
        }
        return row.append("<td>").append(esc(entry.reason())).append("</td></tr>\n").toString();
    }

    private static String link(String url, String text) {
        return "<a href=\"" + esc(url) + "\">" + esc(text) + "</a>";
    }

    private static String segment(String value) {
        return UriUtils.encodePathSegment(value, StandardCharsets.UTF_8);
    }

    private static String capitalized(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static String host(String url) {
        try {
            String host = java.net.URI.create(url).getHost();
            return host == null ? url : host;
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    /** Text and attribute values: the five characters that could end an element or an attribute. */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
