package org.odsharvester.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odsharvester.launch.OptionCatalog;
import org.odsharvester.support.HarvesterProcess;
import org.odsharvester.support.OdsPortalStub;
import org.odsharvester.udata.FakeUdata;

/**
 * The option check as the packaged jar does it (the option metadata must be inside the jar), with real
 * environment variables, which a test in the same JVM cannot set.
 */
class OptionCheckIT {

    @TempDir
    Path work;

    private OdsPortalStub ods;
    private FakeUdata udata;

    @BeforeEach
    void start() {
        ods = new OdsPortalStub();
        ods.serve(ods.generator().datasets(5), true);
        udata = new FakeUdata();
    }

    @AfterEach
    void stop() {
        ods.close();
        udata.close();
    }

    private HarvesterProcess harvester(Map<String, String> env, String... extra) {
        List<String> args = new ArrayList<>(List.of("--ods.url=" + ods.url(), "--udata.url=" + udata.url(),
                "--udata.organization=" + udata.organization(), "--harvest.data-dir=" + work.resolve("data")));
        args.addAll(List.of(extra));
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("UDATA_API_KEY", udata.apiKey());
        return HarvesterProcess.start(work, "harvester", args, all);
    }

    @Test
    void theJarsHelpListsEveryOptionOfTheCatalog() {
        HarvesterProcess run = HarvesterProcess.start(work, "help", List.of("--help"), Map.of());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(OptionCatalog.load().options())
                .allSatisfy(option -> assertThat(run.output()).contains("--" + option.displayKey() + "="));
    }

    @Test
    void aDryRunTypoIsExit2AndReachesNeitherSystem() {
        HarvesterProcess run = harvester(Map.of(), "--harvest.dry-runn=true");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("did you mean `harvest.dry-run`?");
        assertThat(udata.requests()).isEmpty();
        assertThat(ods.server().getAllServeEvents()).isEmpty();
    }

    @Test
    void aStrayVariableOnlyWarnsAndARelaxedVariableBinds() {
        HarvesterProcess run = harvester(Map.of("ODS_HARVESTER_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:9/x",
                "HARVEST_DRY_RUN", "true"));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("WARN").contains("Environment variable ODS_HARVESTER_TEST_POSTGRES_URL")
                .contains("ignored");
        assertThat(udata.writeCount()).as("HARVEST_DRY_RUN=true made it a dry run").isZero();
    }
}
