package org.odsharvester.mapping;

import java.util.regex.Pattern;

import com.vladsch.flexmark.html2md.converter.FlexmarkHtmlConverter;
import com.vladsch.flexmark.util.data.MutableDataSet;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * ODS descriptions (HTML) as udata descriptions (Markdown).
 * <ol>
 *   <li>Text without any tag is plain text: it is kept as it is (HTML entities such as {@code &amp;amp;}
 *       decoded), not escaped into Markdown.</li>
 *   <li>Otherwise the HTML is sanitised with jsoup: {@code script style iframe object embed noscript
 *       template svg math form…} are removed with their content, then only jsoup's {@link Safelist#relaxed()
 *       relaxed} tags survive, without {@code style}, {@code class} or event-handler ({@code onclick}…)
 *       attributes; links must be {@code http(s)}/{@code ftp}/{@code mailto} ({@code javascript:} links
 *       lose their target and become plain text); relative links are made absolute against the portal
 *       when a base URL is given. Empty paragraphs and blocks are removed: flexmark would turn each
 *       {@code <p></p>} into a literal {@code <br />}.</li>
 *   <li>flexmark's {@link FlexmarkHtmlConverter} writes the Markdown with ATX ({@code #}) headings.</li>
 *   <li>The result is trimmed, stray {@code <br />} lines are removed, and runs of 3+ blank lines
 *       are collapsed to one blank line.</li>
 * </ol>
 * Size bounds: at most {@value #MAX_INPUT_CHARS} characters of HTML are read (a 10 MB description is
 * cut, not parsed whole), at most {@value #MAX_CLEAN_HTML_CHARS} characters of sanitised HTML are
 * converted, and the Markdown is cut at {@code maxLength} (udata's limit is 100,000) on a word boundary
 * with a {@code …} marker.
 * <p>
 * Thread-safe: the converter and safelist are built once and never modified.
 */
public class HtmlToMarkdown {

    /** udata's {@code DESCRIPTION_SIZE_LIMIT}. */
    public static final int UDATA_DESCRIPTION_LIMIT = 100_000;
    /** HTML read at most; beyond that the source is cut before parsing. */
    static final int MAX_INPUT_CHARS = 2_000_000;
    /** Sanitised HTML handed to flexmark at most. */
    static final int MAX_CLEAN_HTML_CHARS = 400_000;

    private static final Pattern TAG = Pattern.compile("</?[a-zA-Z][a-zA-Z0-9]*(\\s[^>]*)?/?>|<!--");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});");
    private static final Pattern BR_LINE = Pattern.compile("(?m)^[ \\t]*<br\\s*/?>[ \\t]*$");
    private static final Pattern WHITESPACE_LINE = Pattern.compile("(?m)^[ \\t\\u00a0]+$");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");
    /** Hard-break spaces before a blank line break nothing: they are noise. */
    private static final Pattern SPACES_BEFORE_BLANK_LINE = Pattern.compile("[ \\t]+\\n\\n");
    private static final String DROPPED_WITH_CONTENT =
            "script, style, iframe, frame, frameset, object, embed, applet, noscript, template, svg, math, "
                    + "form, input, button, select, textarea, head, title, meta, link, base";
    private static final String BLOCKS_DROPPED_WHEN_EMPTY =
            "p, div, span, h1, h2, h3, h4, h5, h6, li, blockquote, pre, code, b, strong, i, em, u, a, font";

    private final int maxLength;
    private final FlexmarkHtmlConverter converter;
    private final Safelist safelist;

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
        this.converter = FlexmarkHtmlConverter.builder(options).build();
        this.safelist = Safelist.relaxed();
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
        String source = html.length() > MAX_INPUT_CHARS ? html.substring(0, MAX_INPUT_CHARS) : html;
        String markdown;
        if (!TAG.matcher(source).find()) {
            markdown = ENTITY.matcher(source).find() ? Parser.unescapeEntities(source, false) : source;
            markdown = markdown.replace("\r\n", "\n").replace('\r', '\n');
        } else {
            String clean = sanitise(source, baseUrl);
            if (clean.length() > MAX_CLEAN_HTML_CHARS) {
                clean = clean.substring(0, MAX_CLEAN_HTML_CHARS); // jsoup in flexmark closes what is left open
            }
            markdown = converter.convert(clean);
        }
        return cap(tidy(markdown));
    }

    private String sanitise(String html, String baseUrl) {
        Document dirty = Jsoup.parseBodyFragment(html, baseUrl == null ? "" : baseUrl);
        dirty.select(DROPPED_WITH_CONTENT).remove();
        Document clean = new Cleaner(safelist).clean(dirty);
        clean.select("img:not([src])").remove();
        removeEmptyBlocks(clean);
        clean.outputSettings().prettyPrint(false);
        return clean.body().html();
    }

    /** Empty blocks, deepest first (an empty span inside an empty p makes the p empty too). */
    private static void removeEmptyBlocks(Document document) {
        var candidates = document.body().select(BLOCKS_DROPPED_WHEN_EMPTY);
        for (int i = candidates.size() - 1; i >= 0; i--) {
            Element element = candidates.get(i);
            if (element.parent() != null && !element.hasText() && element.select("img, table, hr").isEmpty()) {
                element.remove();
            }
        }
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
