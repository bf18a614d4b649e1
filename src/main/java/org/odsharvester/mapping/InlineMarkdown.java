package org.odsharvester.mapping;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Writes the inline elements of an (escaped) HTML tree as Markdown text, leaving blocks to flexmark: links,
 * images, code, {@code sup}/{@code sub} (kept as HTML, which udata allows) and emphasis.
 * <p>
 * flexmark would pad emphasis with spaces ({@code <i>it</i>,} gives {@code *it* ,}), changing the text. Here
 * emphasis is written as marks ({@link #MARKS}) first; once the whole Markdown is known, {@link #resolveMarks}
 * writes each pair as {@code **}/{@code *}/{@code ~~} where CommonMark's flanking rules let it read as emphasis
 * there, and as {@code <strong>}/{@code <em>}/{@code <del>} where they do not ({@code l’<b>«x»</b>}).
 */
final class InlineMarkdown {

    /** Unicode noncharacters (never in interchanged text): open/close strong, em, del. */
    static final String MARKS = "\uFDD0\uFDD1\uFDD2\uFDD3\uFDD4\uFDD5";
    private static final String[] DELIMITERS = {"**", "**", "*", "*", "~~", "~~"};
    private static final String[] TAGS = {"<strong>", "</strong>", "<em>", "</em>", "<del>", "</del>"};
    private static final Pattern AUTOLINKABLE = Pattern.compile("(?i)(https?|ftp)://[^\\s<>\\p{Cntrl}]+");
    private static final Pattern LEADING_SPACE = Pattern.compile("^[ \\t\\u00a0]+");
    private static final Pattern TRAILING_SPACE = Pattern.compile("[ \\t\\u00a0]+$");

    private InlineMarkdown() {
    }

    /** Replaces every inline element of {@code root} by its Markdown, innermost first. */
    static void render(Element root) {
        List<Element> inline = new ArrayList<>();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element && isRendered(element.normalName())
                        && element.parent() != null && element.parent().closest(HtmlSelectors.CODE) == null) {
                    inline.add(element);
                }
            }
        }, root);
        for (Element element : inline) {
            if (element.parent() != null) {
                renderOne(element);
            }
        }
        for (Element br : root.select(HtmlSelectors.BREAKS_IN_CELLS)) {
            br.replaceWith(new TextNode("<br>")); // a table cell is one line: its breaks are HTML
        }
    }

    private static boolean isRendered(String tag) {
        return switch (tag) {
            case "a", "img", "code", "b", "strong", "i", "em", "del", "s", "strike", "sup", "sub" -> true;
            default -> false;
        };
    }

    private static void renderOne(Element element) {
        String tag = element.normalName();
        if (!tag.equals("img") && !tag.equals("code") && !element.select(HtmlSelectors.ANY).stream().skip(1)
                .allMatch(child -> child.normalName().equals("br"))) {
            element.unwrap(); // holds a block (or something unexpected): its text stays, unformatted
            return;
        }
        String markdown = switch (tag) {
            case "img" -> image(element);
            case "code" -> code(element.wholeText());
            case "a" -> link(element);
            case "b", "strong" -> marked(inner(element), 0);
            case "i", "em" -> marked(inner(element), 2);
            case "del", "s", "strike" -> marked(inner(element), 4);
            default -> "<" + tag + ">" + inner(element) + "</" + tag + ">"; // sup, sub
        };
        element.replaceWith(new TextNode(markdown));
    }

    private static String inner(Element element) {
        StringBuilder text = new StringBuilder();
        for (Node child : element.childNodes()) {
            if (child instanceof TextNode textNode) {
                text.append(textNode.getWholeText());
            }
        }
        return text.toString();
    }

    /** Space inside the emphasis goes outside it: {@code ** x**} is no emphasis. */
    private static String marked(String inner, int mark) {
        String lead = leading(inner);
        if (lead.length() == inner.length()) {
            return inner; // nothing but spaces: nothing to emphasise
        }
        String trail = trailing(inner);
        String core = inner.substring(lead.length(), inner.length() - trail.length());
        return lead + MARKS.charAt(mark) + core + MARKS.charAt(mark + 1) + trail;
    }

    private static String link(Element a) {
        String inner = inner(a);
        String lead = leading(inner);
        String trail = trailing(inner);
        if (lead.length() == inner.length()) {
            return inner; // a link with no text shows nothing
        }
        String text = inner.substring(lead.length(), inner.length() - trail.length());
        String href = a.attr("href");
        if (a.text().strip().equals(href) && AUTOLINKABLE.matcher(href).matches() && !a.hasAttr("title")) {
            return lead + "<" + href + ">" + trail;
        }
        return lead + "[" + text + "](" + destination(href) + title(a) + ")" + trail;
    }

    private static String image(Element img) {
        String alt = img.attr("alt").replaceAll("[ \\t\\n\\r\\f]+", " ").strip();
        boolean inCell = img.closest(HtmlSelectors.CELLS) != null;
        return "![" + MarkdownEscaper.escapeInline(alt, inCell) + "](" + destination(img.attr("src")) + title(img)
                + ")";
    }

    /** A code span: fenced by one backtick more than the longest run inside, padded when it starts or ends with one. */
    private static String code(String text) {
        if (text.isBlank()) {
            return text;
        }
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        boolean pad = text.startsWith("`") || text.endsWith("`") || text.startsWith(" ") && text.endsWith(" ");
        return pad ? fence + " " + text + " " + fence : fence + text + fence;
    }

    /** Link destinations cannot hold spaces, unbalanced parentheses or angle brackets; a backslash would escape. */
    private static String destination(String url) {
        StringBuilder out = new StringBuilder(url.length() + 8);
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            switch (c) {
                case ' ' -> out.append("%20");
                case '(' -> out.append("%28");
                case ')' -> out.append("%29");
                case '<' -> out.append("%3C");
                case '>' -> out.append("%3E");
                case '\\' -> out.append("%5C");
                default -> {
                    if (c >= ' ' && c != 0x7f) {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static String title(Element element) {
        String title = element.attr("title").replaceAll("[ \\t\\n\\r\\f]+", " ").strip();
        if (title.isEmpty()) {
            return "";
        }
        return " \"" + title.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String leading(String text) {
        var m = LEADING_SPACE.matcher(text);
        return m.find() ? m.group() : "";
    }

    private static String trailing(String text) {
        var m = TRAILING_SPACE.matcher(text);
        return m.find() ? m.group() : "";
    }

    /**
     * Writes each pair of marks of this Markdown as Markdown emphasis where it reads as such, as HTML elsewhere.
     * Adjacent marks form one delimiter run ({@code <b><i>x</i></b>} gives {@code ***x***}); a run that mixes
     * openers and closers or {@code *} and {@code ~}, or that CommonMark would not see as flanking, is HTML.
     */
    static String resolveMarks(String markdown) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < markdown.length(); i++) {
            if (MARKS.indexOf(markdown.charAt(i)) >= 0) {
                positions.add(i);
            }
        }
        if (positions.isEmpty()) {
            return markdown;
        }
        int count = positions.size();
        int[] pair = new int[count];
        Deque<Integer> open = new ArrayDeque<>();
        for (int k = 0; k < count; k++) {
            pair[k] = k;
            int mark = MARKS.indexOf(markdown.charAt(positions.get(k)));
            if (mark % 2 == 0) {
                open.push(k);
            } else if (!open.isEmpty() && MARKS.indexOf(markdown.charAt(positions.get(open.peek()))) == mark - 1) {
                int opener = open.pop();
                pair[k] = opener;
                pair[opener] = k;
            }
        }
        boolean[] html = new boolean[count];
        for (int k = 0; k < count; k++) {
            html[k] = pair[k] == k; // unpaired (never expected): HTML, harmless
        }
        boolean changed = true;
        for (int round = 0; changed && round <= count; round++) {
            changed = false;
            int start = 0;
            while (start < count) {
                int end = start;
                while (end + 1 < count && positions.get(end + 1) == positions.get(end) + 1) {
                    end++;
                }
                changed |= checkRun(markdown, positions, html, pair, start, end);
                start = end + 1;
            }
        }
        StringBuilder out = new StringBuilder(markdown.length() + count * 4);
        int last = 0;
        for (int k = 0; k < count; k++) {
            int at = positions.get(k);
            int mark = MARKS.indexOf(markdown.charAt(at));
            out.append(markdown, last, at).append(html[k] ? TAGS[mark] : DELIMITERS[mark]);
            last = at + 1;
        }
        return out.append(markdown, last, markdown.length()).toString();
    }

    /** Checks each stretch of Markdown delimiters in the run of marks start..end; true when one became HTML. */
    private static boolean checkRun(String markdown, List<Integer> positions, boolean[] html, int[] pair, int start,
            int end) {
        boolean changed = false;
        int k = start;
        while (k <= end) {
            if (html[k]) {
                k++;
                continue;
            }
            int stretchEnd = k;
            while (stretchEnd + 1 <= end && !html[stretchEnd + 1]) {
                stretchEnd++;
            }
            int before = k > start ? '>' : codePointBefore(markdown, positions.get(start));
            int after = stretchEnd < end ? '<' : codePointAfter(markdown, positions.get(end));
            boolean consistent = true;
            int firstMark = MARKS.indexOf(markdown.charAt(positions.get(k)));
            for (int j = k; j <= stretchEnd; j++) {
                int mark = MARKS.indexOf(markdown.charAt(positions.get(j)));
                consistent &= mark % 2 == firstMark % 2 && (mark >= 4) == (firstMark >= 4);
            }
            boolean opening = firstMark % 2 == 0;
            boolean flanking = opening ? leftFlanking(before, after) : rightFlanking(before, after);
            if (!consistent || !flanking) {
                for (int j = k; j <= stretchEnd; j++) {
                    html[j] = true;
                    html[pair[j]] = true;
                }
                changed = true;
            }
            k = stretchEnd + 1;
        }
        return changed;
    }

    private static int codePointBefore(String text, int index) {
        return index == 0 ? '\n' : text.codePointBefore(index);
    }

    private static int codePointAfter(String text, int index) {
        return index + 1 >= text.length() ? '\n' : text.codePointAt(index + 1);
    }

    /**
     * CommonMark's left-flanking delimiter run. Symbols (emoji, €…) count as punctuation since CommonMark 0.31
     * and not before: a run must flank under both readings, whichever the renderer follows.
     */
    static boolean leftFlanking(int before, int after) {
        return left(before, after, true) && left(before, after, false);
    }

    static boolean rightFlanking(int before, int after) {
        return right(before, after, true) && right(before, after, false);
    }

    private static boolean left(int before, int after, boolean symbols) {
        return !isWhitespace(after) && (!isPunctuation(after, symbols) || isWhitespace(before)
                || isPunctuation(before, symbols));
    }

    private static boolean right(int before, int after, boolean symbols) {
        return !isWhitespace(before) && (!isPunctuation(before, symbols) || isWhitespace(after)
                || isPunctuation(after, symbols));
    }

    private static boolean isWhitespace(int c) {
        return c == '\t' || c == '\n' || c == '\f' || c == '\r' || Character.getType(c) == Character.SPACE_SEPARATOR;
    }

    private static boolean isPunctuation(int c, boolean symbols) {
        if (c < 128) {
            return "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".indexOf(c) >= 0;
        }
        return switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION -> true;
            case Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL,
                    Character.OTHER_SYMBOL -> symbols;
            default -> false;
        };
    }
}
