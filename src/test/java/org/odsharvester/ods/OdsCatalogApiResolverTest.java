package org.odsharvester.ods;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.odsharvester.ods.OdsTestSupport.client;
import static org.odsharvester.ods.OdsTestSupport.properties;
import static org.odsharvester.support.OdsSamples.json;
import static org.odsharvester.support.OdsSamples.v1Page;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.odsharvester.support.OdsSamples;

class OdsCatalogApiResolverTest {

    private static final String V21 = "/api/explore/v2.1/catalog/datasets";
    private static final String V1 = "/api/datasets/1.0/search/";

    @RegisterExtension
    static WireMockExtension portal = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static OdsCatalogApi resolve(String api) {
        OdsProperties props = properties("http://localhost:" + portal.getPort(), api, null);
        return new OdsCatalogApiResolver(client(props), props).resolve();
    }

    private static void servesV1() {
        portal.stubFor(get(urlPathEqualTo(V1)).willReturn(okJson(v1Page(1, 0, 1))));
    }

    @Test
    void configuredV21IsUsedWithoutProbing() {
        assertThat(resolve("v2.1")).isInstanceOf(ExploreV21CatalogApi.class);
        portal.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void configuredV1IsUsedWithoutProbing() {
        assertThat(resolve("v1")).isInstanceOf(LegacyV1CatalogApi.class);
        portal.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void autoUsesV21WhenThePortalServesIt() {
        portal.stubFor(get(urlPathEqualTo(V21)).willReturn(okJson(
                json(OdsSamples.V21_CATALOG).toString())));
        servesV1();

        OdsCatalogApi api = resolve("auto");

        assertThat(api.version()).isEqualTo("v2.1");
        portal.verify(0, getRequestedFor(urlPathEqualTo(V1)));
    }

    @Test
    void autoFallsBackToV1WhenV21IsNotFound() {
        portal.stubFor(get(urlPathEqualTo(V21)).willReturn(aResponse().withStatus(404)));
        servesV1();

        assertThat(resolve("auto").version()).isEqualTo("v1");
    }

    @Test
    void autoFallsBackToV1WhenV21AnswersAWebPage() {
        portal.stubFor(get(urlPathEqualTo(V21)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<!doctype html><html><body>Portal</body></html>")));
        servesV1();

        assertThat(resolve("auto").version()).isEqualTo("v1");
    }

    @Test
    void autoFallsBackToV1WhenV21AnswersJsonOfAnotherShape() {
        portal.stubFor(get(urlPathEqualTo(V21)).willReturn(okJson("{\"status\": \"ok\"}")));
        servesV1();

        assertThat(resolve("auto").version()).isEqualTo("v1");
    }

    @Test
    void accessRefusedIsNotAReasonToFallBack() {
        portal.stubFor(get(urlPathEqualTo(V21)).willReturn(aResponse().withStatus(401)));
        servesV1();

        assertThatThrownBy(() -> resolve("auto")).isInstanceOf(OdsAccessDeniedException.class);
        portal.verify(0, getRequestedFor(urlPathEqualTo(V1)));
    }

    @Test
    void anExhaustedQuotaIsNotAReasonToFallBack() {
        String quota = json(OdsSamples.ERROR_BODIES).at("/quota_429/quota_exceeded/value").toString();
        portal.stubFor(get(urlPathEqualTo(V21)).willReturn(aResponse().withStatus(429).withBody(quota)));
        servesV1();

        assertThatThrownBy(() -> resolve("auto")).isInstanceOf(OdsQuotaExceededException.class);
        portal.verify(0, getRequestedFor(urlPathEqualTo(V1)));
    }

    @Test
    void aUrlServingNeitherApiIsNotAnOdsPortal() {
        portal.stubFor(get(urlPathEqualTo(V21)).willReturn(aResponse().withStatus(404)));
        portal.stubFor(get(urlPathEqualTo(V1)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<html>welcome</html>")));

        assertThatThrownBy(() -> resolve("auto"))
                .isInstanceOf(OdsNotAPortalException.class)
                .hasMessageContaining("does not look like an Opendatasoft portal")
                .hasMessageContaining("http://localhost:" + portal.getPort());
    }
}
