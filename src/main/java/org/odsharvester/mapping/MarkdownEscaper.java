package org.odsharvester.mapping;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Backslash-escapes the text of an HTML tree so that CommonMark (and GFM, as udata renders it) reads it as the
 * same text, and escapes nothing else: typography, accents and other non-ASCII characters are never touched, and
 * an ASCII character is escaped only where it could start Markdown syntax.
 * <ul>
 *   <li>anywhere: {@code `}, {@code [}, {@code ]}; {@code *} and {@code ~} unless between spaces; {@code _}
 *       unless inside a word or between spaces; {@code <} before a letter, {@code /}, {@code !} or {@code ?}
 *       (an HTML tag or an autolink); {@code &} that reads as an entity; {@code \} before punctuation;
 *       {@code |} in table cells;</li>
 *   <li>at the start of a line (of a block, or after a {@code <br>}): a heading {@code #}, a quote {@code >},
 *       a list item, rule or heading underline {@code - + * _ =}, a number followed by {@code .} or
 *       {@code )}.</li>
 * </ul>
 * Where a text node ends, what follows is unknown, so a character escaped "unless between spaces" is escaped.
 * Text inside {@code pre} and {@code code} is left alone (Markdown code is literal).
 */
final class MarkdownEscaper {

    private static final Pattern ENTITY_AFTER_AMPERSAND =
            Pattern.compile("#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[a-zA-Z][a-zA-Z0-9]{0,31};");
    private static final Pattern ORDERED_LIST_START = Pattern.compile("^[0-9]{1,9}(?=[.)]([ \\t]|$))");
    private static final Pattern HEADING_START = Pattern.compile("^#{1,6}([ \\t]|$)");
    private static final String ASCII_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private MarkdownEscaper() {
    }

    /** Escapes every text node of {@code root} in place (see the class comment). */
    static void escapeTree(Element root) {
        NodeTraversor.traverse(new Visitor(), root);
    }

    /** Escapes one piece of inline text with no known neighbours (an image's alt text, say). */
    static String escapeInline(String text, boolean inTableCell) {
        return escape(text, false, inTableCell);
    }

    private static final class Visitor implements NodeVisitor {
        private boolean lineStart = true;
        private int literalDepth;
        private int cellDepth;

        @Override
        public void head(Node node, int depth) {
            if (node instanceof TextNode text) {
                if (literalDepth > 0) {
                    return;
                }
                String whole = text.getWholeText();
                if (!whole.isBlank()) {
                    text.text(escape(whole, lineStart, cellDepth > 0));
                    lineStart = false;
                }
            } else if (node instanceof Element element) {
                String tag = element.normalName();
                if (tag.equals("pre") || tag.equals("code")) {
                    literalDepth++;
                }
                if (tag.equals("td") || tag.equals("th")) {
                    cellDepth++;
                }
                if (tag.equals("br") || SourceHtml.isBlock(tag)) {
                    lineStart = true;
                } else if (tag.equals("img")) {
                    lineStart = false;
                }
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (node instanceof Element element) {
                String tag = element.normalName();
                if (tag.equals("pre") || tag.equals("code")) {
                    literalDepth--;
                    lineStart = false;
                }
                if (tag.equals("td") || tag.equals("th")) {
                    cellDepth--;
                }
                if (SourceHtml.isBlock(tag)) {
                    lineStart = true;
                }
            }
        }
    }

    private static String escape(String text, boolean atLineStart, boolean inTableCell) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        int start = 0;
        if (atLineStart) {
            while (start < text.length() && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
                out.append(text.charAt(start++));
            }
            start = escapeLineStart(text, start, out);
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            char before = i > 0 ? text.charAt(i - 1) : 0;
            char after = i + 1 < text.length() ? text.charAt(i + 1) : 0;
            boolean escaped = switch (c) {
                case '`', '[', ']' -> true;
                case '*', '~' -> !(isSpace(before) && isSpace(after));
                case '_' -> !(isSpace(before) && isSpace(after))
                        && !(Character.isLetterOrDigit(before) && Character.isLetterOrDigit(after));
                case '<' -> after == 0 || Character.isLetter(after) || after == '/' || after == '!' || after == '?';
                case '&' -> ENTITY_AFTER_AMPERSAND.matcher(text).region(i + 1, text.length()).lookingAt();
                case '\\' -> after == 0 || ASCII_PUNCTUATION.indexOf(after) >= 0;
                case '|' -> inTableCell;
                default -> false;
            };
            if (escaped) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Escapes what would make a line a heading, quote, list or rule; returns where the rest begins. */
    private static int escapeLineStart(String text, int start, StringBuilder out) {
        if (start >= text.length()) {
            return start;
        }
        String rest = text.substring(start);
        char first = rest.charAt(0);
        char second = rest.length() > 1 ? rest.charAt(1) : 0;
        boolean blockMarker = "-+=*_".indexOf(first) >= 0 && (second == 0 || isSpace(second) || second == first);
        if (first == '>' || blockMarker || HEADING_START.matcher(rest).lookingAt()) {
            out.append('\\').append(first);
            return start + 1;
        }
        Matcher number = ORDERED_LIST_START.matcher(rest);
        if (number.lookingAt()) {
            out.append(rest, 0, number.end()).append('\\').append(rest.charAt(number.end()));
            return start + number.end() + 1;
        }
        return start;
    }

    /** A space, a tab, or the unknown beyond the text node (0 stands for "outside", taken as not a space). */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }
}
