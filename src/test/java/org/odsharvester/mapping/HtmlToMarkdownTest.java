package org.odsharvester.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class HtmlToMarkdownTest {

    private final HtmlToMarkdown converter = new HtmlToMarkdown();

    @Test
    void dropsScriptsStylesAndTheirContent() {
        String markdown = converter.convert("<p>Avant<script>alert('x')</script></p>"
                + "<style>p { color: red }</style><p>Après</p>");

        assertThat(markdown).isEqualTo("Avant\n\nAprès");
    }

    @Test
    void dropsEventHandlersStyleAttributesAndJavascriptLinks() {
        String markdown = converter.convert("<p onclick=\"steal()\" style=\"color:red\" class=\"x\">"
                + "<a href=\"javascript:alert(1)\" onmouseover=\"x()\">Cliquez</a> et "
                + "<a href=\"https://example.org/doc\">la doc</a></p>");

        assertThat(markdown).isEqualTo("Cliquez et [la doc](https://example.org/doc)")
                .doesNotContain("javascript", "steal", "onclick", "color");
    }

    @Test
    void dropsIframesObjectsAndEmbedsWithTheirContent() {
        String markdown = converter.convert("<p>Carte :</p><iframe src=\"https://evil.example\">fallback</iframe>"
                + "<object data=\"x.swf\"><param name=\"a\" value=\"b\">Flash</object><embed src=\"x.swf\">"
                + "<noscript>no js</noscript><p>Fin</p>");

        assertThat(markdown).isEqualTo("Carte :\n\nFin");
    }

    @Test
    void leavesNoBrArtefactForEmptyParagraphs() {
        String markdown = converter.convert("<p>Un</p><p></p><p><br></p><p><span style=\"x\"> </span></p>"
                + "<p>&nbsp;</p><div></div><p>Deux</p>");

        assertThat(markdown).isEqualTo("Un\n\nDeux").doesNotContain("<br");
    }

    @Test
    void convertsTheRealV1DescriptionWithItsStyles() {
        String markdown = converter.convert(Samples.v1Transparencia().descriptionHtml());

        assertThat(markdown).isEqualTo("""
                Monitorização mensal da taxa de mortalidade por AVC Isquémico e Hemorrágico, nos 30 dias \
                subsequentes ao episódio, discriminada por entidade de saúde.

                **Observações:**

                Os dados relativos ao mês n-2, publicados até ao último dia útil do mês n, têm caráter \
                provisório, sujeitos a eventuais atualizações.""");
    }

    @Test
    void writesAtxHeadingsListsAndLinks() {
        String markdown = converter.convert(Samples.v21Single().descriptionHtml());

        assertThat(markdown)
                .contains("#### Sources and Contributions")
                .doesNotContain("----")
                .contains("* **Sources** : GeoNames is aggregating over hundred different "
                        + "[data sources](http://www.geonames.org/data-sources.html).")
                .contains("**Enrichment:**\n\n* add country name");
    }

    @Test
    void writesAtxHeadingsForEveryLevel() {
        assertThat(converter.convert("<h1>Un</h1><h2>Deux</h2><p>x</p>")).isEqualTo("# Un\n\n## Deux\n\nx");
    }

    @Test
    void dropsCommentsAndImagesWithoutAWebSource() {
        String markdown = converter.convert("<!-- note interne --><p>Texte</p>"
                + "<img src=\"data:image/png;base64,AAAA\" alt=\"inline\"><img src=\"https://x.org/i.png\" alt=\"ok\">");

        assertThat(markdown).isEqualTo("Texte\n![ok](https://x.org/i.png)");
    }

    @Test
    void keepsLineBreaksButNoTrailingSpacesBeforeAParagraphBreak() {
        assertThat(converter.convert("<p>a<br>b<br><br>c</p>")).isEqualTo("a  \nb\n\nc");
    }

    @Test
    void makesRelativeLinksAbsoluteAgainstThePortal() {
        String html = "<p>Voir <a href=\"/explore/dataset/autre/\">l'autre jeu</a>.</p>";

        assertThat(converter.convert(html, "https://data.example.org"))
                .isEqualTo("Voir [l'autre jeu](https://data.example.org/explore/dataset/autre/).");
        assertThat(converter.convert(html)).isEqualTo("Voir l'autre jeu.");
    }

    @Test
    void keepsPlainTextAsItIs() {
        String text = "Données 2024 * provisoires * : voir le_fichier_joint.\nDeuxième ligne";

        assertThat(converter.convert(text)).isEqualTo(text);
        assertThat(converter.convert("  AT&T et 3 < 4  ")).isEqualTo("AT&T et 3 < 4");
        assertThat(converter.convert("Caf&eacute; &amp; th&eacute;")).isEqualTo("Café & thé");
    }

    @Test
    void collapsesThreeOrMoreBlankLines() {
        assertThat(converter.convert("Un\n\n\n\n\nDeux\n \n\t\n\nTrois")).isEqualTo("Un\n\nDeux\n\nTrois");
    }

    @Test
    void returnsEmptyForNothing() {
        assertThat(converter.convert(null)).isEmpty();
        assertThat(converter.convert("  ")).isEmpty();
        assertThat(converter.convert("<p></p><script>x()</script>")).isEmpty();
    }

    @Test
    void handlesATenMegabyteDescriptionWithinBounds() {
        StringBuilder html = new StringBuilder(10_500_000);
        for (int line = 0; html.length() < 10_000_000; line++) {
            html.append("<p style=\"margin: 0cm 0cm 12pt; font-family: Arial\"><span>Ligne de données numéro ")
                    .append(line).append(" avec <b>du gras</b>.</span></p>");
        }

        long start = System.nanoTime();
        String markdown = converter.convert(html.toString());
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(markdown).hasSizeLessThanOrEqualTo(HtmlToMarkdown.UDATA_DESCRIPTION_LIMIT)
                .hasSizeGreaterThan(90_000)
                .startsWith("Ligne de données numéro 0 avec **du gras**.")
                .endsWith("…")
                .doesNotContain("style", "<span");
        assertThat(took).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void capsTheMarkdownOnAWordBoundary() {
        HtmlToMarkdown small = new HtmlToMarkdown(120);

        String markdown = small.convert("<p>" + "mot ".repeat(100) + "</p>");

        assertThat(markdown).hasSizeLessThanOrEqualTo(120).endsWith("mot…");
    }
}
