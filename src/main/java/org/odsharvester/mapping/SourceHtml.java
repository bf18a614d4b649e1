package org.odsharvester.mapping;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.jsoup.select.Evaluator;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * The portal's description HTML, sanitised and reshaped into what has a Markdown equivalent.
 * <ol>
 *   <li>Dropped with their content: scripts, styles, frames, objects, forms and the like; every comment
 *       (Word's conditional comments {@code <!--[if gte mso 9]>…<![endif]-->} included); Word's {@code <o:p>};
 *       what the source hides ({@code display:none}, {@code mso-hide:all}).</li>
 *   <li>Word list paragraphs ({@code mso-list:l0 level1}) become real lists, their typed bullets dropped.</li>
 *   <li>jsoup's {@link Safelist#relaxed() relaxed} tags survive (plus {@code del s hr}), without {@code style},
 *       {@code class} or event attributes; links must be {@code http(s)}, {@code ftp} or {@code mailto}
 *       ({@code javascript:} ones lose their target), relative links and images are made absolute against the
 *       portal (dropped without one), {@code #anchor} links become text.</li>
 *   <li>Reshaped: wrappers without Markdown ({@code span u small cite q}) unwrapped, and emphasis or headings
 *       nested in their own kind; text whitespace collapsed as a browser shows it (not in {@code pre}, and never
 *       the no-break space); text beside blocks made a paragraph; empty blocks removed; tables
 *       given a header row and one line per cell; {@code <br>} moved out of inline elements (Markdown cannot
 *       break inside emphasis or link text reliably); {@code pre} made plain text.</li>
 * </ol>
 * Thread-safe: the safelist is built once and never modified.
 */
final class SourceHtml {

    private static final Set<String> BLOCKS = Set.of("body", "p", "div", "ul", "ol", "li", "h1", "h2", "h3", "h4",
            "h5", "h6", "blockquote", "pre", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "dl",
            "dt", "dd", "hr", "section", "article", "header", "footer", "aside", "nav", "figure", "figcaption",
            "address", "center", "main");
    private static final Set<String> INLINE_FORMATTING = Set.of("a", "b", "strong", "i", "em", "del", "s",
            "strike", "sub", "sup", "code");
    private static final Pattern HIDDEN = Pattern.compile("(?i)display\\s*:\\s*none|mso-hide\\s*:\\s*all");
    private static final Pattern WORD_SPACER = Pattern.compile("(?i)mso-(spacerun|tab-count)");
    private static final Pattern WORD_LIST_ITEM = Pattern.compile("(?i)mso-list\\s*:\\s*(l\\d+)\\s+level(\\d+)");
    private static final Pattern WORD_LIST_BULLET = Pattern.compile("(?i)mso-list\\s*:\\s*ignore");
    private static final Pattern ORDERED_BULLET = Pattern.compile("\\(?[0-9a-zA-Z]{1,4}[.)]");
    /** What a browser collapses; the no-break space (U+00A0) is not part of it. */
    private static final Pattern COLLAPSIBLE_SPACE = Pattern.compile("[ \\t\\n\\r\\f]+");
    private static final int MAX_COLSPAN = 50;
    private static final List<Evaluator> NESTING_KINDS = List.of(HtmlSelectors.anyOf("b", "strong"),
            HtmlSelectors.anyOf("i", "em"), HtmlSelectors.anyOf("del", "s", "strike"), HtmlSelectors.anyOf("a"),
            HtmlSelectors.anyOf("h1", "h2", "h3", "h4", "h5", "h6"), HtmlSelectors.anyOf("sup"),
            HtmlSelectors.anyOf("sub"), HtmlSelectors.anyOf("code"));
    /** Blocks that hold blocks and may hold loose text beside them. */
    private static final Evaluator CONTAINERS = HtmlSelectors.anyOf("body", "div", "blockquote", "section",
            "article", "header", "footer", "aside", "nav", "figure", "main", "center", "address");

    private final Safelist safelist = Safelist.relaxed().addTags("del", "s", "hr");

    static boolean isBlock(String tag) {
        return BLOCKS.contains(tag);
    }

    /**
     * @param html    the description as the portal sent it
     * @param baseUrl the portal root, to make relative links absolute; null to drop them
     * @param maxText text kept at most, in chars: what follows is removed before any reshaping
     * @return the body of a new document, ready for {@link MarkdownEscaper} and {@link InlineMarkdown}
     */
    Element clean(String html, String baseUrl, int maxText) {
        Document dirty = Jsoup.parseBodyFragment(html, baseUrl == null ? "" : baseUrl);
        Element source = dirty.body();
        source.select(HtmlSelectors.DROPPED_WITH_CONTENT).remove();
        NodeTraversor.filter((node, depth) -> node instanceof Comment ? NodeFilter.FilterResult.REMOVE
                : NodeFilter.FilterResult.CONTINUE, source);
        for (Element element : source.select(HtmlSelectors.STYLED)) {
            String style = element.attr("style");
            if (HIDDEN.matcher(style).find()) {
                element.remove();
            } else if (element.normalName().equals("span") && WORD_SPACER.matcher(style).find()) {
                element.replaceWith(new TextNode(" "));
            }
        }
        rebuildWordLists(source);
        source.select(HtmlSelectors.IN_PAGE_OR_EMPTY_LINKS).unwrap();

        Element body = new Cleaner(safelist).clean(dirty).body();
        keepTextUpTo(body, maxText);
        body.select(HtmlSelectors.IMAGES_WITHOUT_SOURCE).remove();
        body.select(HtmlSelectors.UNWRAPPED).unwrap();
        mergeAdjacentText(body);
        collapseWhitespace(body);
        unwrapNested(body);
        wrapLooseText(body); // first: an empty block between two texts still parts them
        removeEmptyBlocks(body);
        shapePreformatted(body);
        shapeDefinitionLists(body);
        shapeTables(body);
        for (Element br : body.select(HtmlSelectors.BREAKS_IN_HEADINGS)) {
            br.replaceWith(new TextNode(" "));
        }
        hoistLineBreaks(body);
        removeEdgeLineBreaks(body);
        return body;
    }

    /**
     * Word marks each list item as a paragraph with {@code mso-list:l<list> level<n>} and types its bullet in a
     * span marked {@code mso-list:Ignore}; consecutive such paragraphs become one (nested) list.
     */
    private static void rebuildWordLists(Element root) {
        Set<Element> done = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Element first : root.select(HtmlSelectors.WORD_LIST_PARAGRAPHS)) {
            if (done.contains(first) || first.parent() == null) {
                continue;
            }
            List<Element> run = new ArrayList<>();
            String wordList = listId(first);
            for (Element item = first; item != null && level(item) > 0 && listId(item).equals(wordList);
                    item = item.nextElementSibling()) {
                run.add(item);
            }
            done.addAll(run);
            Deque<Element> lists = new ArrayDeque<>();
            Deque<Integer> levels = new ArrayDeque<>();
            Element top = null;
            for (Element item : run) {
                int level = level(item);
                StringBuilder bullet = new StringBuilder();
                for (Element span : item.select(HtmlSelectors.STYLED_SPANS)) {
                    if (WORD_LIST_BULLET.matcher(span.attr("style")).find() && span.parent() != null) {
                        bullet.append(span.text().strip());
                        span.remove();
                    }
                }
                while (!levels.isEmpty() && levels.peek() > level) {
                    levels.pop();
                    lists.pop();
                }
                if (lists.isEmpty() || levels.peek() < level) {
                    Element list = new Element(ORDERED_BULLET.matcher(bullet).matches() ? "ol" : "ul");
                    if (lists.isEmpty()) {
                        top = list;
                    } else {
                        Element lastItem = lists.peek().children().last();
                        (lastItem == null ? lists.peek() : lastItem).appendChild(list);
                    }
                    lists.push(list);
                    levels.push(level);
                }
                lists.peek().appendElement("li").appendChildren(new ArrayList<>(item.childNodes()));
            }
            first.before(top);
            run.forEach(Element::remove);
        }
    }

    private static int level(Element element) {
        Matcher matcher = WORD_LIST_ITEM.matcher(element.attr("style"));
        return matcher.find() ? Integer.parseInt(matcher.group(2)) : 0;
    }

    /** Word's list id ({@code l0}, {@code l1}…): consecutive paragraphs of two lists are two lists. */
    private static String listId(Element element) {
        Matcher matcher = WORD_LIST_ITEM.matcher(element.attr("style"));
        return matcher.find() ? matcher.group(1).toLowerCase(Locale.ROOT) : "";
    }

    /** Removes the text beyond {@code limit} characters, and everything after it. */
    private static void keepTextUpTo(Element root, int limit) {
        int kept = 0;
        for (TextNode text : HtmlToMarkdown.textNodes(root)) {
            kept += text.getWholeText().length();
            if (kept > limit) {
                String whole = text.getWholeText();
                text.text(HtmlToMarkdown.cut(whole, whole.length() - (kept - limit)));
                for (Node node = text; node != null && node != root; node = node.parent()) {
                    Element parent = (Element) node.parent();
                    // one rebuild instead of removing thousands of siblings one by one (each reindexes the rest)
                    List<Node> before = new ArrayList<>(parent.childNodes().subList(0, node.siblingIndex() + 1));
                    parent.empty();
                    parent.appendChildren(before);
                }
                return;
            }
        }
    }

    /**
     * Bold in bold, a heading in a heading and the like add nothing a reader sees; in Markdown they would
     * ({@code ******}, {@code ### ###}).
     */
    private static void unwrapNested(Element root) {
        for (Evaluator any : NESTING_KINDS) {
            for (Element element : root.select(any)) {
                Element parent = element.parent();
                if (parent != null && parent.closest(any) != null) {
                    element.unwrap();
                }
            }
        }
    }

    /**
     * Text beside blocks ({@code <p>a</p>b}) is a paragraph of its own in a browser; flexmark would join it to
     * the block before. Each run of such inline content becomes a paragraph.
     */
    private static void wrapLooseText(Element root) {
        for (Element container : root.select(CONTAINERS)) {
            if (container.children().stream().noneMatch(child -> isBlock(child.normalName()))) {
                continue;
            }
            List<Node> run = new ArrayList<>();
            for (Node child : new ArrayList<>(container.childNodes())) {
                if (child instanceof Element element && isBlock(element.normalName())) {
                    wrap(run);
                } else {
                    run.add(child);
                }
            }
            wrap(run);
        }
    }

    private static void wrap(List<Node> run) {
        boolean visible = run.stream().anyMatch(node -> node instanceof TextNode text
                ? !text.text().replace('\u00a0', ' ').isBlank() : node instanceof Element && !node.nodeName().equals("br"));
        if (visible) {
            Element paragraph = new Element("p");
            run.get(0).before(paragraph);
            paragraph.appendChildren(run);
        }
        run.clear();
    }

    /** Text split by unwrapped tags is one text again (escaping then sees its real neighbours). */
    private static void mergeAdjacentText(Element root) {
        for (Element element : root.getAllElements()) {
            TextNode previous = null;
            for (Node child : new ArrayList<>(element.childNodes())) {
                if (child instanceof TextNode text) {
                    if (previous == null) {
                        previous = text;
                    } else {
                        previous.text(previous.getWholeText() + text.getWholeText());
                        text.remove();
                    }
                } else {
                    previous = null;
                }
            }
        }
    }

    private static void collapseWhitespace(Element root) {
        for (Element element : root.getAllElements()) {
            if (element.closest(HtmlSelectors.PREFORMATTED) == null) {
                for (TextNode text : element.textNodes()) {
                    collapse(text);
                }
            }
        }
    }

    private static void collapse(TextNode text) {
        String whole = text.getWholeText();
        String collapsed = COLLAPSIBLE_SPACE.matcher(whole).replaceAll(" ");
        if (!collapsed.equals(whole)) {
            text.text(collapsed);
        }
    }

    /** Empty blocks, deepest first (an empty span inside an empty p makes the p empty too). */
    private static void removeEmptyBlocks(Element root) {
        var candidates = root.select(HtmlSelectors.DROPPED_WHEN_EMPTY);
        for (int i = candidates.size() - 1; i >= 0; i--) {
            Element element = candidates.get(i);
            if (element.parent() != null && element.wholeText().replace('\u00a0', ' ').isBlank()
                    && element.select(HtmlSelectors.TEXTLESS_CONTENT).isEmpty()) {
                if (INLINE_FORMATTING.contains(element.normalName())) {
                    element.unwrap(); // its space stays: "<b>a</b><i>&nbsp;</i>b" is not "ab"
                } else {
                    element.remove();
                }
            }
        }
    }

    /** Preformatted text is literal in Markdown: only its text and line breaks stay. */
    private static void shapePreformatted(Element root) {
        for (Element pre : root.select(HtmlSelectors.PREFORMATTED)) {
            for (Element inside : pre.select(HtmlSelectors.ANY_BUT_BREAKS)) {
                if (inside != pre) {
                    inside.unwrap();
                }
            }
        }
    }

    /** Markdown has no definition lists: terms and definitions become paragraphs. */
    private static void shapeDefinitionLists(Element root) {
        root.select(HtmlSelectors.DEFINITION_TERMS_AND_DESCRIPTIONS).tagName("p");
        root.select(HtmlSelectors.DEFINITION_LISTS).unwrap();
    }

    /**
     * A Markdown table needs a header row, one line per cell and the same number of cells in each row: a caption
     * becomes a paragraph before the table, the first row becomes the header when there is none, blocks in a
     * cell become lines of it, a cell spanning columns is followed by empty ones.
     */
    private static void shapeTables(Element root) {
        var tables = root.select(HtmlSelectors.TABLES);
        for (int t = tables.size() - 1; t >= 0; t--) {
            Element table = tables.get(t);
            if (table.parent() == null) {
                continue;
            }
            if (table.closest(HtmlSelectors.CELLS) != null) {
                continue; // flattened with its cell below
            }
            for (Element caption : table.select(HtmlSelectors.CAPTIONS)) {
                table.before(new Element("p").appendChildren(new ArrayList<>(caption.childNodes())));
                caption.remove();
            }
            Element firstRow = table.selectFirst(HtmlSelectors.ROWS);
            if (firstRow != null && table.select(HtmlSelectors.HEADER_CELLS).isEmpty()) {
                firstRow.select(HtmlSelectors.CHILD_DATA_CELLS).tagName("th");
            }
            for (Element cell : table.select(HtmlSelectors.CELLS)) {
                if (cell.parent() == null) {
                    continue; // a cell of a table nested in a cell, flattened with it
                }
                flattenCell(cell);
                int span = Math.min(parse(cell.attr("colspan")), MAX_COLSPAN);
                for (int i = 1; i < span; i++) {
                    cell.after(new Element(cell.normalName()));
                }
                cell.removeAttr("colspan").removeAttr("rowspan");
            }
            int widest = 0;
            for (Element row : table.select(HtmlSelectors.ROWS)) {
                widest = Math.max(widest, row.select(HtmlSelectors.CHILD_CELLS).size());
            }
            int headerCells = firstRow == null ? widest : firstRow.select(HtmlSelectors.CHILD_CELLS).size();
            for (int i = headerCells; i < widest; i++) {
                firstRow.appendElement("th"); // GFM drops the cells of a row beyond the header's
            }
        }
    }

    private static void flattenCell(Element cell) {
        var blocks = cell.select(HtmlSelectors.ANY);
        for (int i = blocks.size() - 1; i >= 1; i--) { // index 0 is the cell itself
            Element block = blocks.get(i);
            if (isBlock(block.normalName()) && block.parent() != null) {
                if (block.nextSibling() != null && !block.normalName().matches("ul|ol|table|thead|tbody|tfoot")) {
                    block.after(new Element("br"));
                }
                block.unwrap();
            }
        }
    }

    private static int parse(String number) {
        try {
            return Math.max(1, Integer.parseInt(number.strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** {@code <b>a<br>b</b>} becomes {@code <b>a</b><br><b>b</b>}, up to the nearest block. */
    private static void hoistLineBreaks(Element root) {
        for (Element br : root.select(HtmlSelectors.BREAKS)) {
            Element parent = br.parent();
            while (parent != null && INLINE_FORMATTING.contains(parent.normalName())) {
                Element after = parent.shallowClone();
                List<Node> following = new ArrayList<>();
                for (Node next = br.nextSibling(); next != null; next = next.nextSibling()) {
                    following.add(next);
                }
                after.appendChildren(following);
                parent.after(br);
                br.after(after);
                parent = br.parent();
            }
        }
        removeEmptyBlocks(root);
    }

    /** A line break at the very start or end of a block shows nothing in a browser; in Markdown it would. */
    private static void removeEdgeLineBreaks(Element root) {
        var breaks = root.select(HtmlSelectors.BREAKS);
        for (Element br : breaks) { // leading ones first: each removal makes the next one leading
            if (inTextBlock(br) && onlyBlankBefore(br)) {
                br.remove();
            }
        }
        for (int i = breaks.size() - 1; i >= 0; i--) {
            Element br = breaks.get(i);
            if (br.parent() != null && inTextBlock(br) && onlyBlankAfter(br)) {
                br.remove();
            }
        }
    }

    private static boolean inTextBlock(Element br) {
        Element block = br.parent();
        return block != null && isBlock(block.normalName()) && !block.normalName().equals("pre");
    }

    private static boolean onlyBlankBefore(Node node) {
        for (Node n = node.previousSibling(); n != null; n = n.previousSibling()) {
            if (!(n instanceof TextNode text && text.isBlank())) {
                return false;
            }
        }
        return true;
    }

    private static boolean onlyBlankAfter(Node node) {
        for (Node n = node.nextSibling(); n != null; n = n.nextSibling()) {
            if (!(n instanceof TextNode text && text.isBlank())) {
                return false;
            }
        }
        return true;
    }
}
