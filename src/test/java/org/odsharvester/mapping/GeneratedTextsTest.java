package org.odsharvester.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GeneratedTextsTest {

    @Test
    void titlesExportsInFrench() {
        GeneratedTexts fr = new GeneratedTexts("fr");

        assertThat(fr.exportTitle("csv")).isEqualTo("Export au format CSV");
        assertThat(fr.exportTitle("json")).isEqualTo("Export au format JSON");
        assertThat(fr.exportTitle("geojson")).isEqualTo("Export au format GeoJSON");
        assertThat(fr.exportTitle("shp")).isEqualTo("Export au format Shapefile");
    }

    @Test
    void titlesExportsInEnglish() {
        GeneratedTexts en = new GeneratedTexts("EN");

        assertThat(en.language()).isEqualTo("en");
        assertThat(en.exportTitle("csv")).isEqualTo("CSV format export");
        assertThat(en.exportTitle("json")).isEqualTo("JSON format export");
        assertThat(en.exportTitle("geojson")).isEqualTo("GeoJSON format export");
        assertThat(en.exportTitle("shp")).isEqualTo("Shapefile format export");
    }

    @Test
    void namesUntitledFilesNoTitleInBothLanguages() {
        assertThat(new GeneratedTexts("fr").untitled()).isEqualTo("No title");
        assertThat(new GeneratedTexts("en").untitled()).isEqualTo("No title");
    }

    @Test
    void refusesOtherLanguages() {
        assertThatThrownBy(() -> new GeneratedTexts("pt")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fr or en");
        assertThatThrownBy(() -> new GeneratedTexts(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
