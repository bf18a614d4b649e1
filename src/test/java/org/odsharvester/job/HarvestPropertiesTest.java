package org.odsharvester.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.odsharvester.support.CommandLineOptions;
import org.odsharvester.InvalidConfigurationException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The options of {@code harvest.*} as Spring binds them from the command line. */
class HarvestPropertiesTest {

    private static HarvestProperties bind(Map<String, String> options) {
        return new Binder(new MapConfigurationPropertySource(options)).bindOrCreate("harvest", HarvestProperties.class);
    }

    /** As the application gets them: {@code --key=value} arguments, through Boot's binder. */
    private static HarvestProperties fromCommandLine(String... args) {
        return CommandLineOptions.bind("harvest", HarvestProperties.class, args);
    }

    /** SPEC §2: harvest.language, the language of generated texts, fr or en, fr by default. */
    @Test
    void harvestLanguageIsAnOptionFrOrEnAndFrByDefault() {
        assertThat(fromCommandLine("--harvest.language=en").language()).isEqualTo("en");
        assertThat(fromCommandLine("--harvest.language=FR").language()).isEqualTo("fr");
        assertThat(fromCommandLine().language()).isEqualTo("fr");
        assertThatThrownBy(() -> fromCommandLine("--harvest.language=de")).rootCause()
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("harvest.language must be fr or en, not 'de'");
    }

    /** SPEC §2: harvest.default-license, the udata license id used when none can be guessed, lov2 by default. */
    @Test
    void harvestDefaultLicenseIsAnOptionAndLov2ByDefault() {
        assertThat(fromCommandLine("--harvest.default-license=cc-by").defaultLicense()).isEqualTo("cc-by");
        assertThat(fromCommandLine().defaultLicense()).isEqualTo("lov2");
        assertThat(fromCommandLine("--harvest.default-license=").defaultLicense()).isEqualTo("lov2");
    }

    @Test
    void archiveOptionsDefaultToUdatasGracePeriodAndTheGuardsThresholds() {
        HarvestProperties harvest = bind(Map.of());

        assertThat(harvest.archiveAfter()).isEqualTo(Duration.ofDays(7));
        assertThat(harvest.archiveGuardPercent()).isEqualTo(20);
        assertThat(harvest.archiveGuardMinimum()).isEqualTo(10);
        assertThat(harvest.confirmArchive()).isNull();
    }

    @Test
    void archiveOptionsAreReadFromTheCommandLine() {
        HarvestProperties harvest = bind(Map.of("harvest.archive-after", "0", "harvest.archive-guard-percent", "50",
                "harvest.archive-guard-minimum", "3", "harvest.confirm-archive", "42"));

        assertThat(harvest.archiveAfter()).isZero();
        assertThat(harvest.archiveGuardPercent()).isEqualTo(50);
        assertThat(harvest.archiveGuardMinimum()).isEqualTo(3);
        assertThat(harvest.confirmArchive()).isEqualTo(42L);
    }

    @Test
    void archiveOptionsOutOfRangeAreRefusedWithTheOptionsName() {
        assertThatThrownBy(() -> bind(Map.of("harvest.archive-after", "-1d")))
                .hasRootCauseInstanceOf(InvalidConfigurationException.class).rootCause()
                .hasMessageStartingWith("harvest.archive-after must be zero or more");
        assertThatThrownBy(() -> bind(Map.of("harvest.archive-guard-percent", "120"))).rootCause()
                .hasMessageStartingWith("harvest.archive-guard-percent must be between 0 and 100");
        assertThatThrownBy(() -> bind(Map.of("harvest.confirm-archive", "0"))).rootCause()
                .hasMessageStartingWith("harvest.confirm-archive must be the number of datasets");
    }

    /** udata counts its grace period in days: a bare 7 must not become 7 milliseconds (no grace at all). */
    @Test
    void aPlainNumberOfArchiveAfterIsDaysAndOtherUnitsStillWork() {
        assertThat(bind(Map.of("harvest.archive-after", "7")).archiveAfter()).isEqualTo(Duration.ofDays(7));
        assertThat(bind(Map.of("harvest.archive-after", "36h")).archiveAfter()).isEqualTo(Duration.ofHours(36));
    }
}
