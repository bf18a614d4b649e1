package org.odsharvester.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.odsharvester.support.OdsSamples;

/**
 * What udata shows of our Markdown is what the portal shows of its HTML: the Markdown is rendered by a CommonMark
 * renderer set up like udata's front end ({@link VisibleContent#ofMarkdown}) and compared with the source HTML:
 * the same text, the same blocks, the same emphasised words, the same links and images.
 */
class DescriptionRenderingTest {

    private static final String PORTAL = "https://opendata.example.org";
    private final HtmlToMarkdown converter = new HtmlToMarkdown();

    static Stream<Arguments> realAndWrittenDescriptions() {
        Stream<Arguments> recorded = Stream.of(
                Arguments.of("02 geonames (v2.1 example)", Samples.v21Single().descriptionHtml(), Samples.EXAMPLE_PORTAL),
                Arguments.of("01 world boundaries (v2.1 example)", Samples.v21CatalogList().get(0).descriptionHtml(),
                        Samples.EXAMPLE_PORTAL),
                Arguments.of("05 transparencia.sns.gov.pt (v1)", Samples.v1Transparencia().descriptionHtml(), Samples.SNS),
                Arguments.of("08 data.opendatasoft.com (v2.0)", OdsSamples.json(OdsSamples.V20_OPENDATASOFT)
                        .get("datasets").get(0).get("dataset").get("metas").get("default").get("description").asString(),
                        "https://data.opendatasoft.com"));
        Stream<Arguments> paris = Samples.parisExport().stream()
                .map(d -> Arguments.of("04 opendata.paris.fr " + d.datasetId(), d.descriptionHtml(), Samples.PARIS));
        Stream<Arguments> written = Stream.of("typography.html", "tables.html", "lists-and-code.html", "links.html",
                "libreoffice.html").map(name -> Arguments.of(name, Samples.descriptionHtml(name), PORTAL));
        return Stream.concat(Stream.concat(recorded, paris), written);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realAndWrittenDescriptions")
    void showsTheTextOfTheSource(String name, String html, String portal) {
        VisibleContent source = VisibleContent.ofHtml(withoutScriptLinks(html), portal);
        VisibleContent shown = VisibleContent.ofMarkdown(converter.convert(html, portal));

        assertThat(shown.text()).isEqualTo(source.text());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realAndWrittenDescriptions")
    void showsTheStructureOfTheSource(String name, String html, String portal) {
        VisibleContent source = VisibleContent.ofHtml(withoutScriptLinks(html), portal);
        VisibleContent shown = VisibleContent.ofMarkdown(converter.convert(html, portal));

        assertThat(shown.blocks()).as("blocks").isEqualTo(source.blocks());
        assertThat(shown.emphasisWords()).as("emphasis").isEqualTo(source.emphasisWords());
        assertThat(shown.links()).as("links and images").isEqualTo(source.links());
    }

    @Test
    void showsAWordPasteAsTheListsWordShowed() {
        VisibleContent shown = VisibleContent.ofMarkdown(converter.convert(Samples.descriptionHtml("word-paste.html")));

        assertThat(shown.blocks()).containsExactly("p", "p", "ul@1", "li@1", "ul@2", "li@2", "li@1", "ol@1", "li@1",
                "li@1", "p");
        assertThat(shown.text()).isEqualTo("Objet du jeu de données Ce jeu recense les équipements sportifs de la "
                + "commune. gymnases salles multisports piscines Télécharger le fichier L’ouvrir dans un tableur "
                + "Mise à jour\u00a0: annuelle.");
    }

    @Test
    void showsEmphasisThatCommonMarkCannotOpenAsHtmlEmphasis() {
        String html = "<p>texte<b>«gras»</b>suite, l’<b>« open data »</b>, atualizações<i>…</i> et <b><i>tout</i></b></p>";

        VisibleContent shown = VisibleContent.ofMarkdown(converter.convert(html));

        assertThat(shown.emphasisWords()).isEqualTo(VisibleContent.ofHtml(html, "").emphasisWords());
        assertThat(shown.text()).isEqualTo("texte«gras»suite, l’« open data », atualizações… et tout");
    }

    /** A {@code javascript:} link keeps its text, not its target (it is no link in udata). */
    private static String withoutScriptLinks(String html) {
        return html.replaceAll("href=\"javascript:[^\"]*\"", "").replaceAll("href=\"#[^\"]*\"", "");
    }
}
