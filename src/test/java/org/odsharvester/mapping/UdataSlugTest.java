package org.odsharvester.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The one slugifier, against udata's documented cases and python-slugify's own behaviour (every
 * expected value below is what {@code slugify(value.lower())} of python-slugify 9 with text-unidecode
 * answers).
 */
class UdataSlugTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            l'eau                          | l-eau
            œuvre                          | oeuvre
            Straße                         | strasse
            1,5                            | 15
            1,000,000 habitants            | 1000000-habitants
            '1, 5'                         | 1-5
            'a,1'                          | a-1
            '9,a'                          | 9-a
            'Open Data, 2024!'             | open-data-2024
            '1,5,x,2'                      | 15-x-2
            l’eau potable                  | leau-potable
            Œuvres d’art                   | oeuvres-dart
            '  Qualité de l''air  '        | qualite-de-l-air
            a'b'c                          | a-b-c
            --A__B--                       | a-b
            Ærø                            | aero
            đ ł ø æ ð þ ı                  | d-l-o-ae-d-th-i
            ſ ĸ ŋ ħ ŧ                      | s-k-ng-h-t
            € ° © ® ×                      | eur-deg-c-r-x
            Москва                         | moskva
            Ελλάδα                         | ellada
            北京                            | bei-jing
            İstanbul                       | istanbul
            ﬁ                              | fi
            x²                             | x2
            ½                              | 1-2
            Ⅻ                              | xii
            😀 smile                       | smile
            –—                             | ''
            """)
    void slugifiesLikePythonSlugify(String value, String slug) {
        assertThat(UdataSlug.slug(value)).isEqualTo(slug == null ? "" : slug);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            caf&eacute;                    | cafe
            &Eacute;t&eacute;              | e-te
            a&amp;b                        | a-b
            a&#39;b                        | ab
            a&#x27;b                       | ab
            x&#9999999999;y&#65;           | x-9999999999-y-65
            """)
    void decodesHtmlEntitiesAfterTransliterationAsPythonSlugifyDoes(String value, String slug) {
        assertThat(UdataSlug.slug(value)).isEqualTo(slug);
    }

    @Test
    void aSlugIsItsOwnSlug() {
        for (String slug : new String[] {"l-eau", "oeuvres-dart", "1000000-habitants", "moskva", "a-b"}) {
            assertThat(UdataSlug.slug(slug)).isEqualTo(slug);
        }
    }

    @Test
    void theBoundedSlugStartsLikeTheWholeOne() {
        String value = "Données d'été, 1,5 km ".repeat(40);
        String whole = UdataSlug.slug(value);

        String bounded = UdataSlug.slug(value, 96);

        assertThat(bounded.length()).isGreaterThanOrEqualTo(96);
        assertThat(whole).startsWith(bounded);
    }

    @Test
    void readsOnlyAPrefixOfAHugeValue() {
        int readable = 10_000;
        CharSequence huge = new CharSequence() {
            private final String word = "Données ";

            @Override
            public int length() {
                return 8_000_000;
            }

            @Override
            public char charAt(int index) {
                if (index >= readable) {
                    throw new AssertionError("read character " + index);
                }
                return word.charAt(index % word.length());
            }

            @Override
            public CharSequence subSequence(int start, int end) {
                StringBuilder out = new StringBuilder();
                for (int i = start; i < end; i++) {
                    out.append(charAt(i));
                }
                return out.toString();
            }

            @Override
            public String toString() {
                return subSequence(0, length()).toString();
            }
        };

        assertThat(UdataSlug.slug(huge, 96)).startsWith("donnees-donnees").hasSizeGreaterThanOrEqualTo(96);
    }
}
