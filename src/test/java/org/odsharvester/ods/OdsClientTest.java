package org.odsharvester.ods;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.odsharvester.ods.OdsTestSupport.API_KEY;
import static org.odsharvester.ods.OdsTestSupport.MAX_ATTEMPTS;
import static org.odsharvester.ods.OdsTestSupport.USER_AGENT;
import static org.odsharvester.ods.OdsTestSupport.client;
import static org.odsharvester.ods.OdsTestSupport.properties;
import static org.odsharvester.support.OdsSamples.json;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.odsharvester.support.OdsSamples;
import tools.jackson.databind.JsonNode;

class OdsClientTest {

    private static final String PATH = "/api/explore/v2.1/catalog/datasets";
    private static final String PATH_AND_QUERY = PATH + "?limit=100&offset=0&order_by=dataset_id";

    @RegisterExtension
    static WireMockExtension portal = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    /** Another host for redirects: same loopback address, reached by another name. */
    @RegisterExtension
    static WireMockExtension elsewhere = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static String portalUrl() {
        return "http://localhost:" + portal.getPort();
    }

    private static OdsClient anonymousClient() {
        return client(properties(portalUrl(), "auto", null));
    }

    private static OdsClient keyedClient() {
        return client(properties(portalUrl(), "auto", API_KEY));
    }

    @Test
    void returnsTheParsedJsonOfA200() {
        portal.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson("{\"total_count\": 19, \"results\": []}")));

        JsonNode body = anonymousClient().getJson(PATH_AND_QUERY);

        assertThat(body.get("total_count").asLong()).isEqualTo(19);
    }

    @Test
    void sendsTheApiKeyAsAuthorizationApikeyWhenSet() {
        portal.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson("{}")));

        keyedClient().getJson(PATH_AND_QUERY);

        portal.verify(getRequestedFor(urlPathEqualTo(PATH)).withHeader("Authorization", equalTo("Apikey " + API_KEY)));
    }

    @Test
    void sendsNoAuthorizationHeaderWithoutKey() {
        portal.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson("{}")));

        anonymousClient().getJson(PATH_AND_QUERY);

        portal.verify(getRequestedFor(urlPathEqualTo(PATH)).withHeader("Authorization", absent()));
    }

    @Test
    void sendsTheUserAgent() {
        portal.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson("{}")));

        anonymousClient().getJson(PATH_AND_QUERY);

        portal.verify(getRequestedFor(urlPathEqualTo(PATH)).withHeader("User-Agent", equalTo(USER_AGENT)));
    }

    @Test
    void quotaAnswerRaisesQuotaExceededWithTheResetTimeAndIsNotRetried() {
        JsonNode quota = json(OdsSamples.ERROR_BODIES).at("/quota_429/quota_exceeded/value");
        portal.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withBody(quota.toString())));

        OdsQuotaExceededException e = catchThrowableOfType(OdsQuotaExceededException.class,
                () -> anonymousClient().getJson(PATH_AND_QUERY));

        assertThat(e.resetTime()).isEqualTo("2021-01-26T00:00:00Z");
        assertThat(e.getMessage()).contains(portalUrl(), "quota", "2021-01-26T00:00:00Z", "10000 calls per day");
        portal.verify(1, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void anonymousQuotaAnswerRaisesQuotaExceededToo() {
        JsonNode quota = json(OdsSamples.ERROR_BODIES).get("quota_429_anonymous_10005");
        portal.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withBody(quota.toString())));

        OdsQuotaExceededException e = catchThrowableOfType(OdsQuotaExceededException.class,
                () -> anonymousClient().getJson(PATH_AND_QUERY));

        assertThat(e.resetTime()).isEqualTo("2021-01-26T00:00:00Z");
        assertThat(e.getMessage()).contains("anonymous users");
    }

    @Test
    void serverErrorsAreRetriedUntilTheAnswerComes() {
        portal.stubFor(get(urlPathEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("failed once"));
        portal.stubFor(get(urlPathEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs("failed once")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("failed twice"));
        portal.stubFor(get(urlPathEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs("failed twice")
                .willReturn(okJson("{\"total_count\": 1, \"results\": []}")));

        JsonNode body = anonymousClient().getJson(PATH_AND_QUERY);

        assertThat(body.get("total_count").asLong()).isEqualTo(1);
        portal.verify(3, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void tooManyRequestsWithoutQuotaBodyIsRetried() {
        portal.stubFor(get(urlPathEqualTo(PATH)).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withBody("slow down")).willSetStateTo("calm"));
        portal.stubFor(get(urlPathEqualTo(PATH)).inScenario("busy").whenScenarioStateIs("calm")
                .willReturn(okJson("{}")));

        anonymousClient().getJson(PATH_AND_QUERY);

        portal.verify(2, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void serverErrorForGoodFailsAfterTheConfiguredAttempts() {
        portal.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(500).withBody("boom")));

        OdsException e = catchThrowableOfType(OdsException.class, () -> anonymousClient().getJson(PATH_AND_QUERY));

        assertThat(e.getMessage()).contains("ODS portal " + portalUrl(), "HTTP 500", PATH, MAX_ATTEMPTS + " attempts");
        portal.verify(MAX_ATTEMPTS, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void malformedJsonRaisesAnErrorNamingThePortalAndThePath() {
        portal.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson("{\"total_count\": 3, \"results\": [{\"dataset_id\"")));

        OdsException e = catchThrowableOfType(OdsUnexpectedResponseException.class,
                () -> anonymousClient().getJson(PATH_AND_QUERY));

        assertThat(e.getMessage()).contains("ODS portal " + portalUrl(), PATH_AND_QUERY, "not JSON");
    }

    @Test
    void unauthorizedWithoutKeyAsksForAnApiKey() {
        portal.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(401)));

        OdsAccessDeniedException e = catchThrowableOfType(OdsAccessDeniedException.class,
                () -> anonymousClient().getJson(PATH_AND_QUERY));

        assertThat(e.getMessage()).contains(portalUrl(), "HTTP 401", "--ods.api-key", "ODS_API_KEY");
    }

    @Test
    void forbiddenWithKeySaysTheKeyWasRejectedWithoutQuotingIt() {
        portal.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": \"Invalid API key: " + API_KEY + "\"}")));

        OdsAccessDeniedException e = catchThrowableOfType(OdsAccessDeniedException.class,
                () -> keyedClient().getJson(PATH_AND_QUERY));

        assertThat(e.getMessage()).contains("rejected the API key", "HTTP 403", "Invalid API key")
                .doesNotContain(API_KEY);
    }

    @Test
    void notFoundIsReportedAsNotServed() {
        portal.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(404).withBody("<html>Not found</html>")));

        OdsNotFoundException e = catchThrowableOfType(OdsNotFoundException.class,
                () -> anonymousClient().getJson(PATH_AND_QUERY));

        assertThat(e.getMessage()).contains(portalUrl(), PATH, "404");
    }

    @Test
    void otherClientErrorsCarryThePortalsMessage() {
        JsonNode error = json(OdsSamples.ERROR_BODIES).get("observed_400_offset_plus_limit_over_10000");
        portal.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody(error.toString())));

        OdsException e = catchThrowableOfType(OdsException.class, () -> anonymousClient().getJson(PATH_AND_QUERY));

        assertThat(e).isExactlyInstanceOf(OdsException.class);
        assertThat(e.getMessage()).contains(portalUrl(), "HTTP 400",
                "Invalid value for sum of offset + limit API parameter", "InvalidRESTParameterError");
        portal.verify(1, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void aRedirectToAnotherHostDoesNotCarryTheApiKey() {
        String target = "http://127.0.0.1:" + elsewhere.getPort() + "/moved" + PATH;
        portal.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(302).withHeader("Location", target)));
        elsewhere.stubFor(get(urlPathEqualTo("/moved" + PATH)).willReturn(okJson("{\"moved\": true}")));

        JsonNode body = keyedClient().getJson(PATH_AND_QUERY);

        assertThat(body.get("moved").asBoolean()).isTrue();
        portal.verify(getRequestedFor(urlPathEqualTo(PATH)).withHeader("Authorization", equalTo("Apikey " + API_KEY)));
        elsewhere.verify(1, getRequestedFor(urlPathEqualTo("/moved" + PATH)).withHeader("Authorization", absent()));
    }

    @Test
    void aRedirectOnTheSameHostKeepsTheApiKey() {
        portal.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(301)
                .withHeader("Location", "/new" + PATH)));
        portal.stubFor(get(urlPathEqualTo("/new" + PATH)).willReturn(okJson("{}")));

        keyedClient().getJson(PATH_AND_QUERY);

        portal.verify(getRequestedFor(urlPathEqualTo("/new" + PATH)).withHeader("Authorization", equalTo("Apikey " + API_KEY)));
    }

    @Test
    void aBodyOverTheSizeBoundFailsCleanlyWithoutRetry() {
        OdsClient client = new OdsClient(properties(portalUrl(), "auto", null), new RestTemplateBuilder(), USER_AGENT, 1024);
        portal.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson("{\"padding\": \"" + "x".repeat(4096) + "\"}")));

        OdsException e = catchThrowableOfType(OdsException.class, () -> client.getJson(PATH_AND_QUERY));

        assertThat(e.getMessage()).contains("ODS portal " + portalUrl(), "larger than 1024 bytes");
        portal.verify(1, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void keepsTheQuotaTheLatestAnswerAnnounced() {
        portal.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson("{}").withHeader("X-RateLimit-Remaining", "42")
                .withHeader("X-RateLimit-Limit", "1000").withHeader("X-RateLimit-Reset", "1796169600")));
        OdsClient client = anonymousClient();
        assertThat(client.rateLimit()).isNull();

        client.getJson(PATH_AND_QUERY);

        assertThat(client.rateLimit()).isEqualTo(new OdsRateLimit(42, 1000L, "2026-12-02T00:00:00Z"));
    }

    @Test
    void aQuotaWithoutLimitOrResetKeepsTheRemainingCount() {
        portal.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson("{}").withHeader("X-RateLimit-Remaining", " 7 ")
                .withHeader("X-RateLimit-Limit", "lots")));
        OdsClient client = anonymousClient();

        client.getJson(PATH_AND_QUERY);

        assertThat(client.rateLimit()).isEqualTo(new OdsRateLimit(7, null, null));
    }

    @Test
    void anAnswerWithoutQuotaHeadersLeavesTheLastOneKnown() {
        portal.stubFor(get(urlPathEqualTo(PATH)).inScenario("headers").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{}").withHeader("X-RateLimit-Remaining", "5")).willSetStateTo("none"));
        portal.stubFor(get(urlPathEqualTo(PATH)).inScenario("headers").whenScenarioStateIs("none")
                .willReturn(okJson("{}")));
        OdsClient client = anonymousClient();

        client.getJson(PATH_AND_QUERY);
        client.getJson(PATH_AND_QUERY);

        assertThat(client.rateLimit()).isEqualTo(new OdsRateLimit(5, null, null));
    }

    @Test
    void noQuotaHeaderMeansNoQuotaKnown() {
        portal.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson("{}")));
        OdsClient client = anonymousClient();

        client.getJson(PATH_AND_QUERY);

        assertThat(client.rateLimit()).isNull();
    }

    @Test
    void aMalformedRemainingCountIsIgnored() {
        portal.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson("{}").withHeader("X-RateLimit-Remaining", "12abc")
                .withHeader("X-RateLimit-Limit", "1000")));
        OdsClient client = anonymousClient();

        client.getJson(PATH_AND_QUERY);

        assertThat(client.rateLimit()).isNull();
    }

    @Test
    void aNegativeRemainingCountIsIgnored() {
        portal.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson("{}").withHeader("X-RateLimit-Remaining", "-1")));
        OdsClient client = anonymousClient();

        client.getJson(PATH_AND_QUERY);

        assertThat(client.rateLimit()).isNull();
    }

    @Test
    void theFirstQuotaAnnouncedIsKeptBesideTheLatest() {
        portal.stubFor(get(urlPathEqualTo(PATH)).inScenario("count").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{}").withHeader("X-RateLimit-Remaining", "5")).willSetStateTo("later"));
        portal.stubFor(get(urlPathEqualTo(PATH)).inScenario("count").whenScenarioStateIs("later")
                .willReturn(okJson("{}").withHeader("X-RateLimit-Remaining", "4")));
        OdsClient client = anonymousClient();

        client.getJson(PATH_AND_QUERY);
        client.getJson(PATH_AND_QUERY);

        assertThat(client.firstRateLimit().remaining()).isEqualTo(5);
        assertThat(client.rateLimit().remaining()).isEqualTo(4);
    }
}
