package org.odsharvester.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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

        // an image beside a block is a paragraph of its own
        assertThat(markdown).isEqualTo("Texte\n\n![ok](https://x.org/i.png)");
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

        String markdown = converter.convert(html.toString());

        assertThat(markdown).hasSizeLessThanOrEqualTo(HtmlToMarkdown.UDATA_DESCRIPTION_LIMIT)
                .hasSizeGreaterThan(90_000)
                .startsWith("Ligne de données numéro 0 avec **du gras**.")
                .endsWith("…")
                .doesNotContain("style", "<span");
        // the bound on the work: flexmark is handed this much text at most (escapes and emphasis marks
        // included: at most one per character), whatever the source's size
        assertThat(converter.prepare(html.toString(), null).text())
                .hasSizeLessThanOrEqualTo(2 * HtmlToMarkdown.MAX_CONVERTED_TEXT_CHARS)
                .hasSizeGreaterThan(HtmlToMarkdown.UDATA_DESCRIPTION_LIMIT);
    }

    @Test
    void capsTheMarkdownOnAWordBoundary() {
        HtmlToMarkdown small = new HtmlToMarkdown(120);

        String markdown = small.convert("<p>" + "mot ".repeat(100) + "</p>");

        assertThat(markdown).hasSizeLessThanOrEqualTo(120).endsWith("mot…");
    }
    @Test
    void keepsTheTypographyOfTheRealParisDescriptions() {
        String embellir = converter.convert(Samples.parisExport().get(0).descriptionHtml(), Samples.PARIS);
        String murs = converter.convert(Samples.parisExport().get(1).descriptionHtml(), Samples.PARIS);

        assertThat(embellir)
                .contains("« Embellir votre quartier », portée par la Ville de Paris")
                .contains("nouveaux aménagements vélo… Les idées")
                .contains("le maximum d’interventions dans un temps maîtrisé")
                .contains("\"Embellir votre quartier : République-Saint-Ambroise (11e)\"")
                .doesNotContain("\\<", "<<", "...", "d'interventions");
        assertThat(murs)
                .contains("re- projeté en RGF93.CC49 puis en RGF93 – Lambert 93 (WKID 2154)")
                .contains("(Occupation du domaine public – CITé)")
                .doesNotContain("--", "\\");
    }

    @Test
    void keepsEveryCharacterOfTheText() {
        String markdown = converter.convert("<p>«&nbsp;Embellir&nbsp;» … ’ ‘ “ ” – — é ç ñ ß Ελληνικά العربية 中文 🚲 🌳"
                + " a\u00a0: b&nbsp;! 50&#8239;%</p>");

        assertThat(markdown).isEqualTo("«\u00a0Embellir\u00a0» … ’ ‘ “ ” – — é ç ñ ß Ελληνικά العربية 中文 🚲 🌳"
                + " a\u00a0: b\u00a0! 50\u202f%");
    }

    @Test
    void joinsTheLinesOfASourceParagraphAsABrowserShowsThem() {
        // udata shows every new line of a paragraph as a line break: the source's wrapping must not become one
        String murs = converter.convert(Samples.parisExport().get(1).descriptionHtml(), Samples.PARIS);

        assertThat(murs).contains("est destiné à l'instruction technique des projets sur la voie publique, "
                + "conformément au règlement de voirie en vigueur.");
        assertThat(converter.convert("<p>une\n  phrase\r\n\tsur trois lignes</p>")).isEqualTo("une phrase sur trois lignes");
    }

    @Test
    void escapesLineStartsThatMarkdownWouldReadAsBlocks() {
        String markdown = converter.convert("<p># 12 rue</p><p>1. pas une liste</p><p>2024) année</p><p>- tiret</p>"
                + "<p>+ plus</p><p>* étoile</p><p>&gt; pas une citation</p><p>===</p><p>a<br>- après un saut</p>"
                + "<ul><li>1. dans une liste</li></ul>");

        assertThat(markdown).isEqualTo("""
                \\# 12 rue

                1\\. pas une liste

                2024\\) année

                \\- tiret

                \\+ plus

                \\* étoile

                \\> pas une citation

                \\===

                a \s
                \\- après un saut

                * 1\\. dans une liste""".replace(" \\s\n", "  \n"));
    }

    @Test
    void escapesNothingThatMarkdownReadsAsText() {
        String text = "Le n° 12 # rue - voir 1. et 2) ; 3 < 4 > 2 ; AT&T ; 5 * 3 ; le_fichier_joint ; C:\\Données ; 100 % !";

        assertThat(converter.convert("<p>" + text.replace("&", "&amp;").replace("<", "&lt;") + "</p>")).isEqualTo(text);
    }

    @Test
    void escapesWhatWouldStartInlineMarkdown() {
        String markdown = converter.convert("<p>la balise &lt;div&gt;, [note], `code`, *gras*, _souligné_, ~barré~,"
                + " &amp;eacute;, fin\\</p><table><tr><th>a|b</th></tr></table>");

        assertThat(markdown).startsWith("la balise \\<div>, \\[note\\], \\`code\\`, \\*gras\\*, \\_souligné\\_, \\~barré\\~,"
                + " \\&eacute;, fin\\\\").contains("| a\\|b |");
    }

    @Test
    void writesEmphasisWithoutChangingTheTextAroundIt() {
        assertThat(converter.convert("<p>un <i>mot</i>, <b>gras </b>suivi et <b><i>les deux</i></b> !</p>"))
                .isEqualTo("un *mot*, **gras** suivi et ***les deux*** !");
        // "texte**«gras»**suite" would show its asterisks: CommonMark does not open emphasis there
        assertThat(converter.convert("<p>texte<b>«gras»</b>suite et l’<b>« open data »</b></p>"))
                .isEqualTo("texte<strong>«gras»</strong>suite et l’**« open data »**");
        assertThat(converter.convert("<p><b>gras<br>encore</b> <s>barré</s> m<sup>2</sup> CO<sub>2</sub></p>"))
                .isEqualTo("**gras**  \n**encore** ~~barré~~ m<sup>2</sup> CO<sub>2</sub>");
    }

    @Test
    void writesTablesWithAHeaderRowAndOneLinePerCell() {
        String markdown = converter.convert(Samples.descriptionHtml("tables.html"));

        assertThat(markdown).contains("""
                |     Champ     |  Type  |              Description              |
                |---------------|--------|---------------------------------------|
                | `id_compteur` | texte  | Identifiant du compteur \\| unique     |
                | sum_counts    | entier | Comptage horaire<br>(vélos par heure) |
                | date          | date   | Date et heure<br>en heure locale      |
                """).contains("""
                | **Année** | Nombre |
                |---------|--------|
                | 2023    | 1 204  |""");
        assertThat(converter.convert("<table><caption>Effectifs</caption><tr><th>A</th></tr>"
                + "<tr><td colspan=\"2\">large</td><td>c</td></tr></table>"))
                .isEqualTo("""
                        Effectifs

                        |   A   |   |   |
                        |-------|---|---|
                        | large |   | c |""");
    }

    @Test
    void writesNestedListsHeadingsQuotesAndCode() {
        String markdown = converter.convert(Samples.descriptionHtml("lists-and-code.html"), "https://opendata.example.org");

        assertThat(markdown).isEqualTo("""
                ## Contenu

                Le jeu de données comprend :

                * **les sites** de comptage, avec :
                  * leur [localisation](https://opendata.example.org/explore/dataset/sites/)
                  * la date d’installation
                * les *comptages* horaires

                ### Méthode

                1. Collecte des données brutes
                2. Contrôle qualité :
                   1. détection des pannes
                   2. correction des doublons
                3. Publication quotidienne

                Requête d’exemple : `refine=annee:2024`

                ```
                curl "https://opendata.example.org/api/explore/v2.1/catalog/datasets/comptages/records?limit=20"
                # le résultat est en JSON
                ```

                > Les données de l’année en cours sont provisoires.""");
    }

    @Test
    void makesPortalLinksAndImagesAbsoluteKeepsMailtoDropsScriptsAndAnchors() {
        String markdown = converter.convert(Samples.descriptionHtml("links.html"), "https://opendata.example.org");

        assertThat(markdown).isEqualTo("""
                Voir aussi le jeu [Comptage vélo - Compteurs](https://opendata.example.org/explore/dataset/\
                comptage-velo-compteurs/information/?disjunctive.id_compteur) et la \
                [documentation](https://opendata.example.org/pages/documentation/).

                ![Schéma des compteurs](https://opendata.example.org/assets/theme_image/schema_compteurs.png)

                Contact : [opendata@example.org](mailto:opendata@example.org), ou le formulaire en ligne, plus bas \
                la licence.

                Site de la Ville : <https://www.example.org/pages/velo>""");
    }

    @Test
    void writesLinkTargetsThatMarkdownCannotMisread() {
        assertThat(converter.convert("<p><a href=\"https://x.org/a b(1)\" title='Le \"guide\"'>guide</a></p>"))
                .isEqualTo("[guide](https://x.org/a%20b%281%29 \"Le \\\"guide\\\"\")");
    }

    @Test
    void leavesNoTraceOfAWordPaste() {
        String markdown = converter.convert(Samples.descriptionHtml("word-paste.html"));

        assertThat(markdown).isEqualTo("""
                **Objet du jeu de données**

                Ce jeu recense les équipements sportifs de la commune.

                * gymnases
                  * salles multisports
                * piscines

                1. Télécharger le fichier
                2. L’ouvrir dans un tableur

                Mise à jour\u00a0: annuelle.""");
    }

    @Test
    void leavesNoTraceOfLibreOfficeHtml() {
        String markdown = converter.convert(Samples.descriptionHtml("libreoffice.html"));

        assertThat(markdown).isEqualTo("""
                **Périmètre**

                Les arrêtés de circulation pris par la commune depuis 2019, *hors* arrêtés temporaires.

                <https://www.example.org/arretes>""");
    }

    @Test
    void removesTheOfficeClutterOfTheRealParisDescription() {
        String murs = converter.convert(Samples.parisExport().get(1).descriptionHtml(), Samples.PARIS);

        assertThat(murs).doesNotContain("<o:p", "Mso", "lang=", "<span", "<br", "\n\u00a0\n")
                .contains("**Le Plan de Voirie de Paris :**\n\nLe Plan de Voirie de Paris (PVP)")
                .endsWith("par messagerie à l’adresse suivante : [pvp.dvd@paris.fr](mailto:pvp.dvd@paris.fr).");
    }
    @Test
    void keepsTextBesideBlocksAsParagraphsAndNestedEmphasisOnce() {
        assertThat(converter.convert("<p>un</p>deux<ul><li>trois</li></ul>quatre"))
                .isEqualTo("un\n\ndeux\n\n* trois\n\nquatre");
        assertThat(converter.convert("<p><b>gras <strong>encore</strong></b> <s>a<del>b</del></s></p>"))
                .isEqualTo("**gras encore** ~~ab~~");
    }

    @Test
    void leavesNoEmphasisOfSpacesAlone() {
        assertThat(converter.convert("<p>Le <b>Plan</b><strong>&nbsp;</strong><i> </i>de Paris</p>"))
                .isEqualTo("Le **Plan**\u00a0 de Paris");
    }

    @Test
    void dropsEmptyLinksAndHalvesOfBrokenCharacters() {
        // an empty href made absolute would be the portal's home page; half an emoji cannot be stored by udata
        assertThat(converter.convert("<p><a href=\"\">vide</a> et <a href=\" \">blanc</a> 🚲\ud83d</p>", "https://data.example.org"))
                .isEqualTo("vide et blanc 🚲");
    }

    @Test
    void oneConverterGivesTheSameMarkdownOnSeveralThreadsAtOnce() throws Exception {
        // the selectors are parsed once and shared by every thread that maps (HtmlSelectors)
        List<String> descriptions = new ArrayList<>();
        Samples.parisExport().forEach(dataset -> descriptions.add(dataset.descriptionHtml()));
        descriptions.add(Samples.v1Transparencia().descriptionHtml());
        descriptions.add("<table><tr><td>a<br>b</td><td><img src=\"/x.png\"></td></tr><tr><td>c</td></tr></table>");
        descriptions.add("<h2>Titre<br>suite</h2><dl><dt>Terme</dt><dd>Déf</dd></dl><pre><b>code</b>\n x</pre>");
        descriptions.add("<p class=\"MsoListParagraph\" style=\"mso-list:l0 level1 lfo1\"><span style=\"mso-list:"
                + "Ignore\">1.</span> un</p><p style=\"mso-list:l0 level2 lfo1\"><span style=\"mso-list:Ignore\">o"
                + "</span> deux</p><div>texte<p>bloc</p><b><strong>gras</strong></b> <a href=\"#ici\">ici</a></div>");
        List<String> expected = descriptions.stream().map(html -> converter.convert(html, Samples.PARIS)).toList();

        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(threads.submit(() -> {
                    List<String> last = List.of();
                    for (int round = 0; round < 10; round++) {
                        last = descriptions.stream().map(html -> converter.convert(html, Samples.PARIS)).toList();
                        assertThat(last).isEqualTo(expected);
                    }
                    return last;
                }));
            }
            for (Future<List<String>> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(expected);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(expected).allSatisfy(markdown -> assertThat(markdown).isNotBlank());
    }
}
