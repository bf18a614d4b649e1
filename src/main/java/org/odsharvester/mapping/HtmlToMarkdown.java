package org.odsharvester.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.vladsch.flexmark.html2md.converter.FlexmarkHtmlConverter;
import com.vladsch.flexmark.util.data.MutableDataSet;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeTraversor;

/**
 * ODS descriptions (HTML) as udata descriptions (Markdown) that udata shows as the portal does.
 * <ol>
 *   <li>Text without any tag is plain text: it is kept as it is (HTML entities such as {@code &amp;amp;}
 *       decoded), not escaped into Markdown.</li>
 *   <li>Otherwise {@link SourceHtml} sanitises and reshapes the HTML (scripts, styles, Office clutter and
 *       inline styling dropped, relative links made absolute against the portal), {@link MarkdownEscaper}
 *       escapes the few characters that Markdown would misread, {@link InlineMarkdown} writes links, images,
 *       code and emphasis, and flexmark's {@link FlexmarkHtmlConverter} writes the blocks: paragraphs, ATX
 *       ({@code #}) headings, lists, quotes, tables, code blocks, line breaks.</li>
 *   <li>flexmark runs with its typography and escaping turned off ({@code TYPOGRAPHIC_QUOTES},
 *       {@code TYPOGRAPHIC_SMARTS} false, {@code SKIP_CHAR_ESCAPE} true): it would turn {@code « … – ’} into
 *       {@code << ... -- '} and escape every {@code < > & * [ ] | ~ ^}. The no-break space is hidden from it
 *       (it would write a space) and put back afterwards.</li>
 *   <li>The result is trimmed, stray {@code <br />} lines are removed, and runs of 3+ blank lines
 *       are collapsed to one blank line.</li>
 * </ol>
 * Size bounds: at most {@value #MAX_INPUT_CHARS} characters of HTML are read (a 10 MB description is
 * cut, not parsed whole), at most {@value #MAX_CONVERTED_TEXT_CHARS} characters of its text are converted, and
 * the Markdown is cut at {@code maxLength} (udata's limit is 100,000) on a word boundary with a {@code …} marker.
 * <p>
 * Thread-safe: the converter and the sanitiser are built once and never modified.
 */
public class HtmlToMarkdown {

    /** udata's {@code DESCRIPTION_SIZE_LIMIT}. */
    public static final int UDATA_DESCRIPTION_LIMIT = 100_000;
    /** HTML read at most; beyond that the source is cut before parsing. */
    static final int MAX_INPUT_CHARS = 2_000_000;
    /** Text of the sanitised HTML handed to flexmark at most: the Markdown is longer than its text, and cut at 100,000. */
    static final int MAX_CONVERTED_TEXT_CHARS = 150_000;

    private static final Pattern TAG = Pattern.compile("</?[a-zA-Z][a-zA-Z0-9]*(\\s[^>]*)?/?>|<!--");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});");
    private static final Pattern BR_LINE = Pattern.compile("(?m)^[ \\t]*<br\\s*/?>[ \\t]*$");
    private static final Pattern WHITESPACE_LINE = Pattern.compile("(?m)^[ \\t\\u00a0]+$");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");
    /** Hard-break spaces before a blank line break nothing: they are noise. */
    private static final Pattern SPACES_BEFORE_BLANK_LINE = Pattern.compile("[ \\t]+\\n\\n");
    /** Stands for the no-break space while flexmark writes (a Unicode noncharacter: never in real text). */
    private static final char NBSP_STAND_IN = '\uFDD6';
    /**
     * Our stand-ins, and halves of surrogate pairs (a broken emoji): no text, and udata could not store them
     * (they have no UTF-8).
     */
    private static final Pattern NOT_TEXT =
            Pattern.compile("[\\uFDD0-\\uFDD6]|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]");

    private final int maxLength;
    private final FlexmarkHtmlConverter converter;
    private final SourceHtml sourceHtml = new SourceHtml();

    /** Markdown capped at udata's limit. */
    public HtmlToMarkdown() {
        this(UDATA_DESCRIPTION_LIMIT);
    }

    /** @param maxLength the longest Markdown returned, in chars (at least 100) */
    public HtmlToMarkdown(int maxLength) {
        if (maxLength < 100) {
            throw new IllegalArgumentException("maxLength must be at least 100");
        }
        this.maxLength = maxLength;
        MutableDataSet options = new MutableDataSet();
        options.set(FlexmarkHtmlConverter.SETEXT_HEADINGS, false);
        options.set(FlexmarkHtmlConverter.OUTPUT_ATTRIBUTES_ID, false);
        options.set(FlexmarkHtmlConverter.OUTPUT_UNKNOWN_TAGS, false);
        options.set(FlexmarkHtmlConverter.RENDER_COMMENTS, false);
        options.set(FlexmarkHtmlConverter.TYPOGRAPHIC_QUOTES, false);
        options.set(FlexmarkHtmlConverter.TYPOGRAPHIC_SMARTS, false);
        options.set(FlexmarkHtmlConverter.SKIP_CHAR_ESCAPE, true);
        options.set(FlexmarkHtmlConverter.BR_AS_EXTRA_BLANK_LINES, false);
        this.converter = FlexmarkHtmlConverter.builder(options).build();
    }

    /** Markdown for this HTML, relative links dropped; empty (never null) for null or blank input. */
    public String convert(String html) {
        return convert(html, null);
    }

    /**
     * Markdown for this HTML.
     *
     * @param html    the ODS description, may be null
     * @param baseUrl the portal root, to make relative links absolute; null to drop relative links
     * @return the Markdown, trimmed, possibly empty, never null, at most {@code maxLength} chars
     */
    public String convert(String html, String baseUrl) {
        if (html == null || html.isBlank()) {
            return "";
        }
        String source = NOT_TEXT.matcher(cut(html, MAX_INPUT_CHARS)).replaceAll("");
        String markdown;
        if (!TAG.matcher(source).find()) {
            markdown = ENTITY.matcher(source).find() ? Parser.unescapeEntities(source, false) : source;
            markdown = markdown.replace("\r\n", "\n").replace('\r', '\n');
        } else {
            Element body = prepare(source, baseUrl);
            markdown = converter.convert(body.ownerDocument());
            markdown = InlineMarkdown.resolveMarks(markdown.replace(NBSP_STAND_IN, '\u00a0'));
        }
        return cap(tidy(markdown));
    }

    /** The tree flexmark converts: sanitised, escaped, inline elements written, bounded. */
    Element prepare(String html, String baseUrl) {
        Element body = sourceHtml.clean(NOT_TEXT.matcher(html).replaceAll(""), baseUrl, MAX_CONVERTED_TEXT_CHARS);
        MarkdownEscaper.escapeTree(body);
        InlineMarkdown.render(body);
        for (TextNode text : textNodes(body)) {
            // flexmark writes a no-break space as a space
            text.text(text.getWholeText().replace('\u00a0', NBSP_STAND_IN));
        }
        return body;
    }

    static List<TextNode> textNodes(Element root) {
        List<TextNode> texts = new ArrayList<>();
        NodeTraversor.traverse((node, depth) -> {
            if (node instanceof TextNode text) {
                texts.add(text);
            }
        }, root);
        return texts;
    }

    /** The first {@code length} chars, one less rather than half an emoji. */
    static String cut(String text, int length) {
        if (text.length() <= length) {
            return text;
        }
        int end = length > 0 && Character.isHighSurrogate(text.charAt(length - 1)) ? length - 1 : length;
        return text.substring(0, end);
    }

    private static String tidy(String markdown) {
        String text = BR_LINE.matcher(markdown).replaceAll("");
        text = WHITESPACE_LINE.matcher(text).replaceAll("");
        text = BLANK_LINES.matcher(text.strip()).replaceAll("\n\n");
        text = SPACES_BEFORE_BLANK_LINE.matcher(text).replaceAll("\n\n");
        return text;
    }

    private String cap(String markdown) {
        if (markdown.length() <= maxLength) {
            return markdown;
        }
        int end = maxLength - 1; // room for the ellipsis
        if (Character.isLowSurrogate(markdown.charAt(end))) {
            end--;
        }
        int space = markdown.lastIndexOf(' ', end);
        int newline = markdown.lastIndexOf('\n', end);
        int boundary = Math.max(space, newline);
        if (boundary > end - 200) {
            end = boundary;
        }
        return markdown.substring(0, end).stripTrailing() + "…";
    }
}
