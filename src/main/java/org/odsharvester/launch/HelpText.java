package org.odsharvester.launch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.odsharvester.launch.OptionCatalog.Option;

/**
 * What {@code --help} prints: the options and the exit codes. The option lines are generated from
 * {@link OptionCatalog}, the list that start-up accepts, so help and accepted keys cannot disagree.
 */
public final class HelpText {

    private HelpText() {
    }

    public static boolean requested(String[] args) {
        return Arrays.stream(args).anyMatch(a -> a.equals("--help") || a.equals("-h"));
    }

    /** The help, its option lines generated from the same catalog that start-up accepts. */
    public static String text(OptionCatalog catalog) {
        return """
                ods-harvester: copies the dataset metadata of an Opendatasoft portal into a udata portal.

                Usage:
                  java -jar ods-harvester.jar --ods.url=https://data.example.org \\
                       --udata.url=https://www.data.gouv.fr --udata.organization=<org id>   # key from UDATA_API_KEY

                Options (also as environment variables, Spring style: ODS_URL, UDATA_API_KEY, HARVEST_DRY_RUN...,
                or in a file loaded with --spring.config.additional-location=file:...; any other ods.*, udata.* or
                harvest.* key is refused):
                %s
                  --spring.datasource.url=URL        job repository database, e.g. jdbc:postgresql://host/db
                                                     (+ --spring.datasource.username / password; default HSQLDB file in data-dir)

                Exit codes:
                  0  completed; every eligible dataset is in udata
                  1  failed; relaunch the same command: it resumes from the last committed chunk
                  2  invalid arguments or configuration; nothing was done
                  3  completed, but some datasets were rejected, or held back because udata has them under another
                     address of the portal (see ods.previous-urls); the report lists each with its reason
                  4  another run for the same source and target is in progress
                  5  the ODS portal's API quota is exhausted; relaunch after the reset time printed
                  6  completed, but the mass-archive guard archived nothing; fix the filters, or relaunch once
                     with harvest.confirm-archive set to the count its message gives

                The report of each run is written under <harvest.data-dir>/reports/ (path printed at the end), as JSON
                and as a self-contained HTML page next to it. To list the last runs of a source from the job repository
                (HSQLDB file or PostgreSQL, as for a run): the same options plus harvest.history=N (see above).
                """.formatted(optionLines(catalog));
    }

    private static final int KEY_COLUMN = 37;
    private static final int WIDTH = 116;

    /** One line (or more, wrapped) per option: {@code --key=VALUE  description (default x)}. */
    static String optionLines(OptionCatalog catalog) {
        List<String> lines = new ArrayList<>();
        for (Option option : catalog.options()) {
            String usage = "  --" + option.displayKey() + "=" + placeholder(option);
            String text = option.description() + (option.defaultValue() == null ? "" : " (default " + option.defaultValue() + ")");
            lines.addAll(wrap(usage, text));
        }
        return String.join("\n", lines);
    }

    /** What the value looks like: by type, and for text by what the key names. */
    private static String placeholder(Option option) {
        return switch (option.type()) {
            case "java.lang.Boolean" -> "true|false";
            case "java.lang.Integer", "java.lang.Long" -> "N";
            case "java.time.Duration" -> "DURATION";
            case "java.nio.file.Path" -> option.key().endsWith("-file") ? "FILE" : "DIR";
            default -> option.isMap() ? "V[,V]" : textPlaceholder(option.key());
        };
    }

    private static String textPlaceholder(String key) {
        if (key.endsWith("url")) {
            return "URL";
        }
        if (key.endsWith("api-key")) {
            return "KEY";
        }
        return key.endsWith("organization") ? "ID" : "TEXT";
    }

    private static List<String> wrap(String usage, String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(usage.length() + 1 < KEY_COLUMN ? pad(usage, KEY_COLUMN) : usage + " ");
        for (String word : text.split(" ")) {
            if (line.length() + word.length() > WIDTH && line.length() > KEY_COLUMN) {
                lines.add(line.toString().stripTrailing());
                line = new StringBuilder(pad("", KEY_COLUMN));
            }
            line.append(word).append(' ');
        }
        lines.add(line.toString().stripTrailing());
        return lines;
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(1, width - s.length()));
    }
}
