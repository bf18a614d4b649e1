package org.odsharvester.ods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.odsharvester.support.CommandLineOptions;
import org.odsharvester.InvalidConfigurationException;

/** The {@code ods.*} options of SPEC §2 as Boot binds them from the command line. */
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
}
