package org.odsharvester.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.odsharvester.ods.OdsProperties;

/** SPEC §2 Restart semantics: a run is identified by the normalised ods.url, udata.url and organization. */
class RunParametersTest {

    private static RunParameters identity(String odsUrl) {
        OdsProperties ods = new OdsProperties(odsUrl, "auto", null, false, Map.of(), Map.of(), Duration.ofSeconds(1),
                Duration.ofSeconds(1), 1, Duration.ofMillis(1), List.of());
        return new RunParameters(ods.url(), "https://www.data.gouv.fr", "org-1", 0, null);
    }

    @Test
    void aRelaunchWithExploreAppendedToOdsUrlNamesTheSameRun() {
        RunParameters first = identity("https://data.example.org");
        RunParameters relaunch = identity("https://data.example.org/explore/");

        assertThat(relaunch.sourceKey()).isEqualTo(first.sourceKey());
        assertThat(relaunch.toJobParameters()).isEqualTo(first.toJobParameters());
        assertThat(identity("https://other.example.org").sourceKey()).isNotEqualTo(first.sourceKey());
    }
}
