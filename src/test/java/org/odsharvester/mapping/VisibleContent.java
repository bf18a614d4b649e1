package org.odsharvester.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * What a reader sees of an HTML page, to compare the portal's description with what udata shows of our Markdown:
 * the text (whitespace collapsed as a browser does, the no-break space kept, blank lines left out), the blocks in
 * order (paragraphs, headings, lists and their depth, tables, quotes, code), the text of each kind of emphasis,
 * and the links and images with their targets.
 * <p>
 * {@link #ofMarkdown} renders like udata's front end: CommonMark with GFM tables and strikethrough, and a line
 * break for each new line in a paragraph (udata's {@code remark-breaks}, mistune's {@code hard_wrap}).
 */
record VisibleContent(String text, List<String> blocks, TreeMap<String, String> emphasis, List<String> links) {

    private static final Set<String> INVISIBLE = Set.of("script", "style", "noscript", "template", "iframe",
            "object", "embed", "head", "title", "meta", "link", "xml");
    private static final Parser MARKDOWN = Parser.builder()
            .extensions(List.of(TablesExtension.create(), StrikethroughExtension.create())).build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder()
            .extensions(List.of(TablesExtension.create(), StrikethroughExtension.create()))
            .softbreak("<br>\n").build();

    static String render(String markdown) {
        return HTML.render(MARKDOWN.parse(markdown));
    }

    static VisibleContent ofMarkdown(String markdown) {
        return ofHtml(render(markdown), "");
    }

    /** @param baseUrl what relative links are resolved against ("" to leave them out, as the harvester does) */
    static VisibleContent ofHtml(String html, String baseUrl) {
        Element body = Jsoup.parseBodyFragment(html, baseUrl).body();
        Collector collector = new Collector();
        NodeTraversor.traverse(collector, body);
        collector.endSegment();
        return new VisibleContent(String.join(" ", collector.segments), collector.blocks, collector.emphasis,
                collector.links);
    }

    private static final class Collector implements NodeVisitor {
        final List<String> segments = new ArrayList<>();
        final List<String> blocks = new ArrayList<>();
        final TreeMap<String, String> emphasis = new TreeMap<>();
        final List<String> links = new ArrayList<>();
        private final StringBuilder segment = new StringBuilder();
        private int hidden;
        private int listDepth;

        @Override
        public void head(Node node, int depth) {
            if (node instanceof TextNode text && hidden == 0) {
                segment.append(text.getWholeText());
                Element parent = text.parent();
                for (Element e = parent; e != null; e = e.parent()) {
                    String kind = emphasisKind(e.normalName());
                    if (kind != null) {
                        emphasis.merge(kind, text.getWholeText(), String::concat);
                    }
                }
            } else if (node instanceof Element element) {
                String tag = element.normalName();
                if (INVISIBLE.contains(tag)) {
                    hidden++;
                    return;
                }
                if (hidden > 0) {
                    return;
                }
                String kind = emphasisKind(tag);
                if (kind != null) {
                    emphasis.merge(kind, " ", String::concat); // emphasis split by a line break is the same
                }
                if (tag.equals("br") || SourceHtml.isBlock(tag)) {
                    endSegment();
                    for (Element e = element.parent(); e != null; e = e.parent()) {
                        String around = emphasisKind(e.normalName());
                        if (around != null) {
                            emphasis.merge(around, " ", String::concat);
                        }
                    }
                }
                if (tag.equals("a") && !element.absUrl("href").isEmpty() && !element.text().isBlank()) {
                    String link = "a " + element.absUrl("href");
                    if (links.isEmpty() || !links.get(links.size() - 1).equals(link)) {
                        links.add(link);
                    }
                } else if (tag.equals("img") && !element.absUrl("src").isEmpty()) {
                    links.add("img " + element.absUrl("src") + " " + element.attr("alt"));
                }
                switch (tag) {
                    case "ul", "ol" -> blocks.add(tag + "@" + ++listDepth);
                    case "li" -> blocks.add("li@" + listDepth);
                    case "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "blockquote", "pre" -> blocks.add(tag);
                    case "th", "td" -> blocks.add("cell");
                    case "p" -> { // a table cell is one Markdown line: its paragraphs are lines of it
                        if ((!isBlank(element.wholeText()) || !element.select("img").isEmpty())
                                && element.closest("td, th") == null) {
                            blocks.add(tag);
                        }
                    }
                    default -> {
                    }
                }
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (node instanceof Element element) {
                String tag = element.normalName();
                if (INVISIBLE.contains(tag)) {
                    hidden--;
                } else if (hidden == 0 && SourceHtml.isBlock(tag)) {
                    endSegment();
                    if (tag.equals("ul") || tag.equals("ol")) {
                        listDepth--;
                    }
                }
            }
        }

        void endSegment() {
            String text = collapse(segment.toString());
            if (!isBlank(text)) {
                segments.add(text);
            }
            segment.setLength(0);
        }
    }

    private static String emphasisKind(String tag) {
        return switch (tag) {
            case "b", "strong" -> "strong";
            case "i", "em" -> "em";
            case "del", "s", "strike" -> "del";
            case "code" -> "code";
            default -> null;
        };
    }

    /** Emphasis text compared as words: where the portal put a space inside or outside the bold does not show. */
    TreeMap<String, String> emphasisWords() {
        TreeMap<String, String> words = new TreeMap<>();
        emphasis.forEach((kind, text) -> {
            String collapsed = collapse(text).replaceAll("^[ \u00a0]+|[ \u00a0]+$", "");
            if (!isBlank(collapsed)) {
                words.put(kind, collapsed);
            }
        });
        return words;
    }

    private static String collapse(String text) {
        return text.replaceAll("[ \\t\\n\\r\\f]+", " ").strip();
    }

    private static boolean isBlank(String text) {
        return text.replace('\u00a0', ' ').isBlank();
    }
}
