package org.odsharvester.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.odsharvester.support.CatalogGenerator;
import org.odsharvester.support.HarvestHarness;
import org.odsharvester.support.HarvestRun;
import org.odsharvester.support.OdsPortalStub;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * The quota warning (README "Errors and retries"): a portal announcing {@code X-RateLimit-Remaining} below
 * what the read needs is told at the start, the run goes on and a 429 still ends it with exit 5; and the
 * number of calls the warning announces is the number the run then sends.
 * <p>
 * The catalog holds 350 datasets: the probe of the API, then four pages of 100.
 */
@ExtendWith(OutputCaptureExtension.class)
class QuotaEndToEndTest {

    private static final int DATASETS = 350;
    private static final String WARNING = "more calls to the ODS portal to read the";
    private static final Pattern NEEDED = Pattern.compile("This run needs about (\\d+) more calls to the ODS portal"
            + " to read the (\\d+) datasets left of the catalog, and the portal says (\\d+) (?:is|are) left");
    private static final String RESET_EPOCH = "1796169600";
    private static final String RESET = "2026-12-02T00:00:00Z";
    private static final String QUOTA_BODY = "{\"errorcode\": 10005, \"reset_time\": \"" + RESET + "\","
            + " \"limit_time_unit\": \"day\", \"call_limit\": 1000,"
            + " \"error\": \"You have exceeded the requests limit for anonymous users.\"}";

    @RegisterExtension
    final HarvestHarness world = new HarvestHarness().serving(DATASETS);

    /**
     * The v2.1 probe and pages answer as a portal with {@code left} calls left before the run: the i-th request
     * (the probe first, then the pages in order) announces {@code left - 1 - i}, and one past the quota is a 429.
     */
    private void quotaOf(int left) {
        announce(i -> i < left ? withQuota(i, left - 1 - i) : aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Limit", "1000").withHeader("X-RateLimit-Reset", RESET_EPOCH)
                .withBody(QUOTA_BODY));
    }

    /** Every v2.1 answer announces {@code remaining} calls left, and none is refused. */
    private void alwaysAnnounces(int remaining) {
        announce(i -> withQuota(i, remaining));
    }

    private ResponseDefinitionBuilder withQuota(int request, int remaining) {
        List<CatalogGenerator.Dataset> catalog = world.catalog();
        String body = request == 0 ? world.ods().v21Body(catalog, 0, 1)
                : world.ods().v21Body(catalog, (request - 1) * 100, 100);
        return OdsPortalStub.json(body).withHeader("X-RateLimit-Remaining", String.valueOf(remaining))
                .withHeader("X-RateLimit-Limit", "1000").withHeader("X-RateLimit-Reset", RESET_EPOCH);
    }

    /** Request 0 is the probe ({@code limit=1}), request i the page at offset 100 × (i − 1). */
    private void announce(IntFunction<ResponseDefinitionBuilder> answer) {
        OdsPortalStub ods = world.ods();
        ods.server().stubFor(get(urlPathEqualTo(OdsPortalStub.V21_PATH)).withQueryParam("limit", equalTo("1"))
                .atPriority(1).willReturn(answer.apply(0)));
        for (int offset = 0; offset < DATASETS; offset += 100) {
            ods.server().stubFor(ods.v21Page(offset, 100).atPriority(1).willReturn(answer.apply(1 + offset / 100)));
        }
    }

    @Test
    void fewerCallsLeftThanTheRunNeedsAreToldAtTheStartAndTheQuotaStillEndsItWithExit5() {
        quotaOf(3); // the probe and the first page use 2: one page of the three left to read can be fetched

        HarvestRun stopped = world.harvest();

        assertThat(stopped.exitCode()).as(stopped.output()).isEqualTo(5);
        String output = stopped.output();
        assertThat(output).contains("This run needs about 3 more calls to the ODS portal to read the 250 datasets"
                + " left of the catalog, and the portal says 1 is left of 1000, reset at " + RESET
                + ": the run goes on, and stops with exit 5 when the portal refuses a call (HTTP 429);"
                + " relaunch the same command after the reset and it resumes where it stopped");
        assertThat(output.indexOf(WARNING)).as("told once").isEqualTo(output.lastIndexOf(WARNING));
        assertThat(output.indexOf(WARNING)).as("told before the quota ran out")
                .isLessThan(output.indexOf("says its API quota is exhausted"));
        assertThat(world.harvested()).as("the run went on: the two pages read before the 429 are harvested")
                .hasSize(200);
        JsonNode quota = stopped.report().path("odsCallsRemaining");
        assertThat(quota.path("atStart").asLong(-1)).as(quota.toString()).isEqualTo(2); // after the probe
        assertThat(quota.path("atEnd").asLong(-1)).isZero();
        assertThat(quota.path("limit").asLong(-1)).isEqualTo(1000);
        assertThat(quota.path("reset").asString()).isEqualTo(RESET);
    }

    @Test
    void enoughCallsLeftMeansNoWarning() {
        quotaOf(5); // the probe and the four pages, exactly

        HarvestRun run = world.harvest();

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).doesNotContain(WARNING);
        assertThat(world.harvested()).hasSize(DATASETS);
        JsonNode quota = run.report().path("odsCallsRemaining");
        assertThat(quota.path("atStart").asLong(-1)).as(quota.toString()).isEqualTo(4);
        assertThat(quota.path("atEnd").asLong(-1)).isZero();
    }

    @Test
    void aPortalWithoutQuotaHeadersGetsNoWarning() {
        HarvestRun run = world.harvest();

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).doesNotContain(WARNING);
        assertThat(run.report().has("odsCallsRemaining")).as("no quota announced, none reported").isFalse();
    }

    @Test
    void theCallsTheWarningAnnouncesAreTheCallsTheRunSendsThroughTheExploreApi() {
        alwaysAnnounces(0); // a portal that counts otherwise: it says none are left and refuses nothing

        HarvestRun run = world.harvest();

        assertThat(run.exitCode()).as(run.output()).isZero();
        long announced = announcedCalls(run);
        // the probe and the first page were sent before the warning
        assertThat(world.ods().server().getAllServeEvents()).hasSize((int) (2 + announced));
        assertThat(announced).isEqualTo(3);
    }

    @Test
    void theCallsTheWarningAnnouncesAreTheCallsTheRunSendsThroughTheLegacyApi() {
        List<CatalogGenerator.Dataset> catalog = world.catalog();
        OdsPortalStub ods = world.ods();
        ods.serve(catalog, false);
        for (int offset = 0; offset < DATASETS; offset += 100) {
            ods.server().stubFor(get(urlPathEqualTo(OdsPortalStub.V1_PATH))
                    .withQueryParam("start", equalTo(String.valueOf(offset))).withQueryParam("rows", equalTo("100"))
                    .atPriority(1).willReturn(OdsPortalStub.json(ods.v1Body(catalog, offset, 100))
                            .withHeader("X-RateLimit-Remaining", "0")));
        }

        HarvestRun run = world.harvest();

        assertThat(run.exitCode()).as(run.output()).isZero();
        long announced = announcedCalls(run);
        // the v2.1 probe (404), the v1 probe and the first page were sent before the warning
        assertThat(world.ods().server().getAllServeEvents()).hasSize((int) (3 + announced));
        assertThat(announced).as("three pages and the check of the catalog's head").isEqualTo(4);
    }

    private static long announcedCalls(HarvestRun run) {
        Matcher warning = NEEDED.matcher(run.output());
        assertThat(warning.find()).as(run.output()).isTrue();
        assertThat(warning.group(2)).isEqualTo(String.valueOf(DATASETS - 100));
        return Long.parseLong(warning.group(1));
    }
}
