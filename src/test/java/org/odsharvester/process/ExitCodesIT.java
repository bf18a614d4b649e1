package org.odsharvester.process;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.odsharvester.support.HarvestHarness;
import org.odsharvester.support.HarvesterProcess;

/**
 * The exit codes of SPEC §2 as a scheduler sees them: the packaged jar run as a child JVM against the stubs,
 * its process status asserted. Exit 4 (another run in progress) is in {@link RunGuardIT}.
 */
class ExitCodesIT {

    @RegisterExtension
    final HarvestHarness world = new HarvestHarness().serving(30);

    private HarvesterProcess harvester(String... extra) {
        return world.launch("harvester", extra);
    }

    @Test
    void exit0WhenEveryEligibleDatasetIsInUdata() {
        HarvesterProcess run = harvester();

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("completed (exit 0): 30 read, 30 created", "Report: ");
        assertThat(world.udata().datasets()).hasSize(30);
    }

    @Test
    void exit1WhenUdataFailsBeyondTheRetries() {
        world.udata().failWhen(request -> request.method().equals("POST"), 500, "{\"message\": \"Internal Server Error\"}");

        HarvesterProcess run = harvester();

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("answered HTTP 500", "relaunch the same command to resume");
    }

    @Test
    void exit2WhenAnOptionIsInvalidAndNothingIsDone() {
        HarvesterProcess run = harvester("--ods.api=v3");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("ods.api must be one of auto, v2.1 or v1");
        assertThat(world.udata().requests()).isEmpty();
    }

    @Test
    void exit3WhenSomeDatasetsWereRejected() {
        world.udata().failWhen(request -> request.method().equals("POST") && request.body().contains("Jeu de données 3\""),
                400, "{\"message\": \"Validation error\", \"errors\": {\"tags\": [\"Tag trop court\"]}}");

        HarvesterProcess run = harvester();

        assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
        assertThat(run.output()).contains("completed (exit 3)", "29 created", "1 rejected");
    }

    @Test
    void exit5WhenTheOdsQuotaIsExhausted() {
        world.ods().pageAnswers(0, aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withBody("{\"errorcode\": 10005, \"reset_time\":"
                        + " \"2026-03-02T00:00:00Z\", \"limit_time_unit\": \"day\", \"call_limit\": 1000, \"error\":"
                        + " \"You have exceeded the requests limit for anonymous users.\"}"));

        HarvesterProcess run = harvester();

        assertThat(run.exitCode()).as(run.output()).isEqualTo(5);
        assertThat(run.output()).contains("it resets at 2026-03-02T00:00:00Z");
    }

    @Test
    void exit6WhenTheMassArchiveGuardHoldsBackArchiving() {
        assertThat(harvester().exitCode()).isZero();
        world.ods().serve(List.of(), true);

        HarvesterProcess run = harvester("--harvest.archive-after=0");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(6);
        assertThat(run.output()).contains("completed (exit 6)", "relaunch once with --harvest.confirm-archive=30.");
        assertThat(world.udata().datasets()).allSatisfy(d -> assertThat(d.path("archived").isNull()).isTrue());
    }

    @Test
    void helpIsExit0() {
        HarvesterProcess run = world.launch("help", List.of("--help"), Map.of());

        assertThat(run.exitCode()).isZero();
        assertThat(run.output()).contains("Exit codes:", "4  another run for the same source and target",
                "6  completed, but the mass-archive guard archived nothing", "--harvest.confirm-archive=N");
    }
}
