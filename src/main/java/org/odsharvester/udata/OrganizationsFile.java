package org.odsharvester.udata;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.odsharvester.InvalidConfigurationException;

/**
 * The file of {@code udata.organizations-file}: which udata organization publishes the datasets of each ODS
 * {@code publisher}. A text file a data team edits by hand, UTF-8, one {@code publisher = organization} per line
 * (the organization by id or slug, like {@code udata.organization}); blank lines and lines starting with {@code #}
 * are ignored. A line is split at its last {@code =}: a publisher's name may hold one, an organization id or slug
 * never does. Publishers match {@link #key forgivingly}: surrounding whitespace, runs of inner whitespace and case do
 * not matter. Every problem (no file, not UTF-8, a line without {@code =} or with an empty side, an organization
 * with a space, a publisher listed twice) is one sentence naming the file and the line (exit 2).
 *
 * @param path  the file, as given
 * @param lines its mappings, in file order
 */
public record OrganizationsFile(Path path, List<Line> lines) {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /**
     * One mapping.
     *
     * @param number       the line number in the file (1 for the first)
     * @param publisher    the publisher as written, surrounding whitespace removed
     * @param organization the organization id or slug as written
     */
    public record Line(int number, String publisher, String organization) {
    }

    public OrganizationsFile {
        lines = List.copyOf(lines);
    }

    /** The publisher as matched: whitespace runs as one space, none around, lower case (the file's and ODS's alike). */
    public static String key(String publisher) {
        return publisher == null ? null
                : WHITESPACE.matcher(publisher.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
    }

    /** Reads and checks the file; an {@link InvalidConfigurationException} naming the file and line otherwise. */
    public static OrganizationsFile read(Path path) {
        List<String> text;
        try {
            text = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw invalid(path, "does not exist");
        } catch (CharacterCodingException e) {
            throw invalid(path, "is not UTF-8 text");
        } catch (IOException e) {
            throw invalid(path, "cannot be read (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
        List<Line> lines = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < text.size(); i++) {
            int number = i + 1;
            String raw = i == 0 && text.get(i).startsWith("\uFEFF") ? text.get(i).substring(1) : text.get(i);
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int equals = line.lastIndexOf('=');
            if (equals < 0) {
                throw invalid(path, number, "expected 'publisher = organization id or slug', found '" + line + "'");
            }
            String publisher = line.substring(0, equals).strip();
            String organization = line.substring(equals + 1).strip();
            if (publisher.isEmpty()) {
                throw invalid(path, number, "no publisher before '='");
            }
            if (organization.isEmpty()) {
                throw invalid(path, number, "no organization after '=' for publisher '" + publisher + "'");
            }
            if (WHITESPACE.matcher(organization).find()) {
                throw invalid(path, number, "'" + organization + "' is no organization id or slug (it has a space)");
            }
            Integer earlier = seen.putIfAbsent(key(publisher), number);
            if (earlier != null) {
                throw invalid(path, number, "publisher '" + publisher + "' is listed already on line " + earlier
                        + " (case and spaces do not count)");
            }
            lines.add(new Line(number, publisher, organization));
        }
        return new OrganizationsFile(path, lines);
    }

    private static InvalidConfigurationException invalid(Path path, String what) {
        return new InvalidConfigurationException("The organizations file " + path + " (udata.organizations-file) "
                + what + ".");
    }

    private static InvalidConfigurationException invalid(Path path, int line, String what) {
        return new InvalidConfigurationException("The organizations file " + path + " (udata.organizations-file),"
                + " line " + line + ": " + what + ".");
    }
}
