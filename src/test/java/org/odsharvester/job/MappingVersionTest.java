package org.odsharvester.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MappingVersionTest {

    private static Map<String, String> options(String language) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("harvest.language", language);
        options.put("ods.url", "https://data.example.org");
        return options;
    }

    @Test
    void theSameHarvesterAndOptionsAreTheSameVersionInAnyOrder() {
        Map<String, String> reversed = new LinkedHashMap<>();
        reversed.put("ods.url", "https://data.example.org");
        reversed.put("harvest.language", "fr");
        assertThat(MappingVersion.of("ods-harvester/1.0", options("fr")))
                .isEqualTo(MappingVersion.of("ods-harvester/1.0", reversed));
    }

    @Test
    void anOptionOrAHarvesterUpgradeIsAnotherVersion() {
        String fr = MappingVersion.of("ods-harvester/1.0", options("fr"));
        assertThat(MappingVersion.of("ods-harvester/1.0", options("en"))).isNotEqualTo(fr);
        assertThat(MappingVersion.of("ods-harvester/1.1", options("fr"))).isNotEqualTo(fr);
    }
}
