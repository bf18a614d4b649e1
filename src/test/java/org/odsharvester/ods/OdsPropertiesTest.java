package org.odsharvester.ods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.odsharvester.InvalidConfigurationException;

/** {@code ods.previous-urls}: normalised like {@code ods.url}, and refused when it cannot name an old address. */
class OdsPropertiesTest {

    private static OdsProperties withPreviousUrls(String url, List<String> previousUrls) {
        return new OdsProperties(url, "auto", null, false, null, null, Duration.ofSeconds(1), Duration.ofSeconds(1), 1,
                Duration.ofMillis(1), previousUrls);
    }

    @Test
    void previousUrlsAreNormalisedLikeOdsUrlAndGiveTheirDomains() {
        OdsProperties ods = withPreviousUrls("https://data.example.org", List.of(" HTTPS://Example.OpenDataSoft.com/explore/ ",
                "https://example.opendatasoft.com", "", "http://data.example.org"));

        assertThat(ods.previousUrls()).containsExactly("https://example.opendatasoft.com", "http://data.example.org");
        // a change of scheme only: its datasets carry this domain already
        assertThat(ods.previousDomains()).containsExactly("example.opendatasoft.com");
        assertThat(withPreviousUrls("https://data.example.org", null).previousUrls()).isEmpty();
    }

    @Test
    void odsUrlItselfOrAnAddressThatIsNoHttpUrlIsRefused() {
        assertThatThrownBy(() -> withPreviousUrls("https://data.example.org", List.of("https://DATA.example.org/explore/")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("ods.previous-urls names https://data.example.org, which is ods.url itself: list only the"
                        + " addresses the portal had before ods.url");
        assertThatThrownBy(() -> withPreviousUrls("https://data.example.org", List.of("ftp://old.example.org")))
                .hasMessage("ods.previous-urls must be an http(s) URL such as https://data.example.org, not"
                        + " 'ftp://old.example.org'");
        assertThatThrownBy(() -> withPreviousUrls("https://data.example.org", List.of("old example")))
                .hasMessage("ods.previous-urls is not a valid URL: 'old example'");
    }
}
