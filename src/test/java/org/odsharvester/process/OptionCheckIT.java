package org.odsharvester.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.odsharvester.launch.OptionCatalog;
import org.odsharvester.support.HarvestHarness;
import org.odsharvester.support.HarvesterProcess;

/**
 * The option check as the packaged jar does it (the option metadata must be inside the jar), with real
 * environment variables, which a test in the same JVM cannot set.
 */
class OptionCheckIT {

    @RegisterExtension
    final HarvestHarness world = new HarvestHarness().serving(5);

    @Test
    void theJarsHelpListsEveryOptionOfTheCatalog() {
        HarvesterProcess run = world.launch("help", List.of("--help"), Map.of());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(OptionCatalog.load().options())
                .allSatisfy(option -> assertThat(run.output()).contains("--" + option.displayKey() + "="));
    }

    @Test
    void aDryRunTypoIsExit2AndReachesNeitherSystem() {
        HarvesterProcess run = world.launch("harvester", "--harvest.dry-runn=true");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("did you mean `harvest.dry-run`?");
        world.assertNoRequestReachedEitherSystem();
    }

    @Test
    void aStrayVariableOnlyWarnsAndARelaxedVariableBinds() {
        HarvesterProcess run = world.launchWithEnvironment("harvester", Map.of(
                "ODS_HARVESTER_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:9/x", "HARVEST_DRY_RUN", "true"));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("WARN").contains("Environment variable ODS_HARVESTER_TEST_POSTGRES_URL")
                .contains("ignored");
        assertThat(world.udata().writeCount()).as("HARVEST_DRY_RUN=true made it a dry run").isZero();
    }
}
