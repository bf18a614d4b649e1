package org.odsharvester.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.odsharvester.ods.OdsDataset;

class TagNormalizerTest {

    private final TagNormalizer normalizer = new TagNormalizer();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Mobilité et Espace Public      | mobilite-et-espace-public
            ISO-3 code                     | iso-3-code
            l'eau potable                  | l-eau-potable
            l’eau potable                  | leau-potable
            snake_case_value               | snake-case-value
            '  --Déchets   ménagers!!-- '  | dechets-menagers
            Œuvres d'art & Patrimoine      | oeuvres-d-art-patrimoine
            Straße                         | strasse
            Łódź                           | lodz
            CO² émissions                  | co2-emissions
            1/2 journée                    | 1-2-journee
            """)
    void slugifiesLikeUdata(String value, String tag) {
        assertThat(normalizer.normalizeOne(value)).isEqualTo(tag);
    }

    @Test
    void keepsKeywordsWholeAndSplitsThemesOnCommas() {
        List<String> tags = normalizer.normalize(
                List.of("Transport, mobilité", "Vélo"),
                List.of("Administration, Government, Public finances, Citizenship", "Environnement"));

        assertThat(tags).containsExactly("administration", "citizenship", "environnement", "government",
                "public-finances", "transport-mobilite", "velo");
    }

    @Test
    void deduplicatesAfterNormalisationAndSorts() {
        List<String> tags = normalizer.normalize(List.of("Vélo", "velo", "VÉLO ", "Zoo", "abc"),
                List.of("vélo,ZOO"));

        assertThat(tags).containsExactly("abc", "velo", "zoo");
    }

    @Test
    void dropsTagsShorterThanThreeCharacters() {
        assertThat(normalizer.normalizeOne("IT")).isNull();
        assertThat(normalizer.normalizeOne("é!")).isNull();
        assertThat(normalizer.normalizeOne("???")).isNull();
        assertThat(normalizer.normalize(List.of("IT", "BTP", "  "), List.of("a, b, EAU"))).containsExactly("btp", "eau");
    }

    @Test
    void cutsA120CharacterTagAt96WithoutTrailingDash() {
        String word = "abcdefghijk "; // 12 chars a word: the 96th character of the slug is a separator
        String value = word.repeat(10) + "z";
        assertThat(value).hasSize(121);
        assertThat(UdataSlug.slug(value).charAt(95)).isEqualTo('-');

        String tag = normalizer.normalizeOne(value);

        assertThat(tag).hasSize(95).doesNotEndWith("-")
                .isEqualTo("abcdefghijk-".repeat(7) + "abcdefghijk");
    }

    @Test
    void cutsA120CharacterWordAt96() {
        assertThat(normalizer.normalizeOne("x".repeat(120))).isEqualTo("x".repeat(96));
        assertThat(normalizer.normalizeOne("y".repeat(96))).isEqualTo("y".repeat(96));
    }

    @Test
    void aHugeKeywordGivesATagOf96Characters() {
        String huge = "Données ".repeat(1_000_000);

        String tag = normalizer.normalizeOne(huge);

        assertThat(tag).hasSizeLessThanOrEqualTo(96).startsWith("donnees-donnees").doesNotEndWith("-");
    }

    @Test
    void transliteratesOtherScriptsAsUdataDoes() {
        assertThat(normalizer.normalizeOne("Москва city")).isEqualTo("moskva-city");
        assertThat(normalizer.normalizeOne("東京")).isEqualTo("dong-jing");
    }

    @Test
    void producesTagsThatUdataLeavesUnchanged() {
        List<String> tags = normalizer.normalize(List.of("Démocratie participative", "11e", "arrondissement",
                "comptage vélo", "IoT"), List.of("Mobilité et Espace Public"));

        assertThat(tags).allSatisfy(tag -> {
            assertThat(tag).matches("[a-z0-9]+(-[a-z0-9]+)*").hasSizeBetween(3, 96);
            assertThat(normalizer.normalizeOne(tag)).isEqualTo(tag);
        });
        assertThat(tags).contains("11e", "democratie-participative", "comptage-velo", "iot");
    }

    @Test
    void takesAV1KeywordGivenAsAStringAsOneKeyword() {
        OdsDataset dataset = Samples.v1("""
                {"datasetid": "s", "has_records": true,
                 "metas": {"title": "S", "keyword": "Santé publique", "theme": "Santé, Social"}}""");

        assertThat(normalizer.normalize(dataset.keywords(), dataset.themes()))
                .containsExactly("sante", "sante-publique", "social");
    }

    @Test
    void handlesTheRealV1ListKeywords() {
        OdsDataset dataset = Samples.v1Transparencia();

        assertThat(normalizer.normalize(dataset.keywords(), dataset.themes()))
                .containsExactly("avc", "cuidados-hospitalares", "mortalidade", "qualidade");
    }

    @Test
    void ignoresNullsAndEmptyLists() {
        assertThat(normalizer.normalize(null, null)).isEmpty();
        assertThat(normalizer.normalize(List.of(), java.util.Arrays.asList((String) null))).isEmpty();
        assertThat(normalizer.normalizeOne(null)).isNull();
    }
}
