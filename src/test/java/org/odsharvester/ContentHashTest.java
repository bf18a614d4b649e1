package org.odsharvester;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class ContentHashTest {

    private static final String DESCRIPTION = "<p>Liste des équipements sportifs de la ville, mise à jour chaque"
            + " semaine. <a href=\"https://example.org/doc\">Documentation</a></p><ul><li>piscines</li></ul>";

    @Test
    void theSameContentHasTheSameHashInSixteenHexDigits() {
        assertThat(ContentHash.of(DESCRIPTION)).isEqualTo(ContentHash.of(new String(DESCRIPTION)))
                .isEqualTo(ContentHash.of(DESCRIPTION.getBytes(StandardCharsets.UTF_8))).matches("[0-9a-f]{16}");
    }

    @Test
    void distinctTextsOneEditApartHaveDistinctHashes() {
        // each character replaced, dropped or doubled: what a person editing a description by hand does
        Set<String> texts = new HashSet<>(Set.of(DESCRIPTION));
        for (int i = 0; i < DESCRIPTION.length(); i++) {
            char c = DESCRIPTION.charAt(i);
            String before = DESCRIPTION.substring(0, i);
            texts.add(before + (c == 'x' ? 'y' : 'x') + DESCRIPTION.substring(i + 1));
            texts.add(before + DESCRIPTION.substring(i + 1));
            texts.add(before + c + DESCRIPTION.substring(i));
        }
        Set<String> hashes = texts.stream().map(ContentHash::of).collect(Collectors.toSet());

        assertThat(texts).hasSizeGreaterThan(2 * DESCRIPTION.length());
        assertThat(hashes).hasSameSizeAs(texts);
    }

    @Test
    void bothHalvesDependOnTheContent() {
        String a = ContentHash.of("a");
        String b = ContentHash.of("b");
        assertThat(a.substring(0, 8)).isNotEqualTo(b.substring(0, 8));
        assertThat(a.substring(8)).isNotEqualTo(b.substring(8));
    }
}
