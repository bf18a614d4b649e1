package org.odsharvester.mapping;

import org.jsoup.select.Evaluator;
import org.jsoup.select.Selector;

/**
 * The CSS selectors of the description clean-up, each parsed once. {@code Element.select(String)} parses its
 * query on every call, and the profile of a 5,000-dataset harvest put a tenth of the harvester's CPU in that
 * parsing alone (jsoup clears a parse buffer each time). jsoup documents an {@link Evaluator} as thread-safe and
 * reusable across documents ({@code Selector.evaluatorOf}).
 */
final class HtmlSelectors {

    static final Evaluator DROPPED_WITH_CONTENT = of(
            "script, style, iframe, frame, frameset, object, embed, applet, noscript, template, svg, math, "
                    + "form, input, button, select, textarea, head, title, meta, link, base, o|p, xml");
    static final Evaluator DROPPED_WHEN_EMPTY = of(
            "p, div, h1, h2, h3, h4, h5, h6, li, ul, ol, blockquote, pre, code, b, strong, i, em, del, s, strike, "
                    + "sub, sup, a, dl, dt, dd");
    static final Evaluator STYLED = of("[style]");
    static final Evaluator STYLED_SPANS = of("span[style]");
    static final Evaluator WORD_LIST_PARAGRAPHS = of("[style~=(?i)mso-list\\s*:\\s*l\\d]");
    /** In-page or empty: made absolute, they would point at the portal. */
    static final Evaluator IN_PAGE_OR_EMPTY_LINKS = of("a[href^=#], a[href~=^\\s*$]");
    static final Evaluator IMAGES_WITHOUT_SOURCE = of("img:not([src])");
    /** Wrappers without a Markdown equivalent. */
    static final Evaluator UNWRAPPED = of("a:not([href]), span, u, small, cite, q");
    static final Evaluator BREAKS_IN_HEADINGS = of("h1 br, h2 br, h3 br, h4 br, h5 br, h6 br");
    static final Evaluator BREAKS_IN_CELLS = of("td br, th br");
    static final Evaluator BREAKS = of("br");
    /** What makes a block worth keeping without text. */
    static final Evaluator TEXTLESS_CONTENT = of("img, table, hr");
    static final Evaluator PREFORMATTED = of("pre");
    static final Evaluator CODE = of("pre, code");
    static final Evaluator ANY = of("*");
    static final Evaluator ANY_BUT_BREAKS = of("*:not(br)");
    static final Evaluator DEFINITION_LISTS = of("dl");
    static final Evaluator DEFINITION_TERMS_AND_DESCRIPTIONS = of("dt, dd");
    static final Evaluator TABLES = of("table");
    static final Evaluator CAPTIONS = of("caption");
    static final Evaluator ROWS = of("tr");
    static final Evaluator CELLS = of("td, th");
    static final Evaluator HEADER_CELLS = of("th");
    static final Evaluator CHILD_DATA_CELLS = of("> td");
    static final Evaluator CHILD_CELLS = of("> td, > th");

    private HtmlSelectors() {
    }

    /** Any of these tags. */
    static Evaluator anyOf(String... tags) {
        return of(String.join(", ", tags));
    }

    private static Evaluator of(String css) {
        return Selector.evaluatorOf(css);
    }
}
