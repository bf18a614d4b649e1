package org.odsharvester.ods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.odsharvester.support.CommandLineOptions;
import org.odsharvester.InvalidConfigurationException;

/** The {@code ods.*} options of SPEC §2 as Boot binds them from the command line, and {@code ods.previous-urls}. */
class OdsPropertiesTest {

    private static OdsProperties fromCommandLine(String... args) {
        return CommandLineOptions.bind("ods", OdsProperties.class, args);
    }

    /** SPEC §2: trailing slashes and paths like /explore/ are normalised away. */
    @Test
    void odsUrlTrailingSlashesAndPathsLikeExploreAreNormalisedAway() {
        assertThat(fromCommandLine("--ods.url=https://data.example.org/").url()).isEqualTo("https://data.example.org");
        assertThat(fromCommandLine("--ods.url=https://data.example.org/explore/").url())
                .isEqualTo("https://data.example.org");
        assertThat(fromCommandLine("--ods.url=https://Data.Example.org/explore/dataset/velos/?q=x#top").url())
                .isEqualTo("https://data.example.org");
        assertThat(fromCommandLine("--ods.url= HTTP://data.example.org:8443// ").url())
                .isEqualTo("http://data.example.org:8443");
    }

    @Test
    void odsUrlMustBeAnHttpUrl() {
        assertThatThrownBy(() -> fromCommandLine("--ods.url=ftp://data.example.org")).rootCause()
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("ods.url must be an http(s) URL such as https://data.example.org, not 'ftp://data.example.org'");
        assertThatThrownBy(() -> fromCommandLine()).rootCause().isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("ods.url is required");
    }

    /** SPEC §2: not *.opendatasoft.com when the portal has its own domain: warn when it looks like that. */
    @Test
    void anOdsUrlOnOpendatasoftComIsWarnedAbout() {
        OdsProperties platform = fromCommandLine("--ods.url=https://paris.opendatasoft.com/explore/");

        assertThat(platform.looksLikePlatformDomain()).isTrue();
        assertThat(platform.platformDomainWarning()).isEqualTo("ods.url https://paris.opendatasoft.com is an"
                + " *.opendatasoft.com address; if the portal has its own domain, use that one so that links in udata"
                + " point to the public portal");
    }

    @Test
    void anOdsUrlOnItsOwnDomainIsNotWarnedAbout() {
        assertThat(fromCommandLine("--ods.url=https://opendata.paris.fr").platformDomainWarning()).isNull();
        assertThat(fromCommandLine("--ods.url=https://opendatasoft.com.example.org").platformDomainWarning()).isNull();
    }

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
