package org.odsharvester.process;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odsharvester.support.HarvesterProcess;
import org.odsharvester.support.OdsPortalStub;
import org.odsharvester.udata.FakeUdata;

/**
 * The exit codes of SPEC §2 as a scheduler sees them: the packaged jar run as a child JVM against the stubs,
 * its process status asserted. Exit 4 (another run in progress) is in {@link RunGuardIT}.
 */
class ExitCodesIT {

    @TempDir
    Path work;

    private OdsPortalStub ods;
    private FakeUdata udata;

    @BeforeEach
    void start() {
        ods = new OdsPortalStub();
        ods.serve(ods.generator().datasets(30), true);
        udata = new FakeUdata();
    }

    @AfterEach
    void stop() {
        ods.close();
        udata.close();
    }

    private HarvesterProcess harvester(String... extra) {
        List<String> args = new ArrayList<>(List.of("--ods.url=" + ods.url(), "--udata.url=" + udata.url(),
                "--udata.organization=" + udata.organization(), "--harvest.data-dir=" + work.resolve("data")));
        args.addAll(List.of(extra));
        return HarvesterProcess.start(work, "harvester", args, Map.of("UDATA_API_KEY", udata.apiKey()));
    }

    @Test
    void exit0WhenEveryEligibleDatasetIsInUdata() {
        HarvesterProcess run = harvester();

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("completed (exit 0): 30 read, 30 created", "Report: ");
        assertThat(udata.datasets()).hasSize(30);
    }

    @Test
    void exit1WhenUdataFailsBeyondTheRetries() {
        udata.failWhen(request -> request.method().equals("POST"), 500, "{\"message\": \"Internal Server Error\"}");

        HarvesterProcess run = harvester();

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("answered HTTP 500", "relaunch the same command to resume");
    }

    @Test
    void exit2WhenAnOptionIsInvalidAndNothingIsDone() {
        HarvesterProcess run = harvester("--ods.api=v3");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("ods.api must be one of auto, v2.1 or v1");
        assertThat(udata.requests()).isEmpty();
    }

    @Test
    void exit3WhenSomeDatasetsWereRejected() {
        udata.failWhen(request -> request.method().equals("POST") && request.body().contains("Jeu de données 3\""),
                400, "{\"message\": \"Validation error\", \"errors\": {\"tags\": [\"Tag trop court\"]}}");

        HarvesterProcess run = harvester();

        assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
        assertThat(run.output()).contains("completed (exit 3)", "29 created", "1 rejected");
    }

    @Test
    void exit5WhenTheOdsQuotaIsExhausted() {
        ods.server().stubFor(ods.v21Page(0, 100).atPriority(1).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withBody("{\"errorcode\": 10005, \"reset_time\":"
                        + " \"2026-03-02T00:00:00Z\", \"limit_time_unit\": \"day\", \"call_limit\": 1000, \"error\":"
                        + " \"You have exceeded the requests limit for anonymous users.\"}")));

        HarvesterProcess run = harvester();

        assertThat(run.exitCode()).as(run.output()).isEqualTo(5);
        assertThat(run.output()).contains("it resets at 2026-03-02T00:00:00Z");
    }

    @Test
    void exit6WhenTheMassArchiveGuardHoldsBackArchiving() {
        assertThat(harvester().exitCode()).isZero();
        ods.serve(List.of(), true);

        HarvesterProcess run = harvester("--harvest.archive-after=0");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(6);
        assertThat(run.output()).contains("completed (exit 6)", "relaunch once with --harvest.confirm-archive=30.");
        assertThat(udata.datasets()).allSatisfy(d -> assertThat(d.path("archived").isNull()).isTrue());
    }

    @Test
    void helpIsExit0() {
        HarvesterProcess run = HarvesterProcess.start(work, "help", List.of("--help"), Map.of());

        assertThat(run.exitCode()).isZero();
        assertThat(run.output()).contains("Exit codes:", "4  another run for the same source and target",
                "6  completed, but the mass-archive guard archived nothing", "--harvest.confirm-archive=N");
    }
}
