package org.odsharvester.http;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

class BoundedHttpTest {

    @RegisterExtension
    static WireMockExtension origin = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @RegisterExtension
    static WireMockExtension otherPort = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private final BoundedHttp http = new BoundedHttp("test system", new RestTemplateBuilder(), "test-agent",
            Duration.ofSeconds(2), Duration.ofSeconds(5), 1024, List.of("X-API-KEY"), 2, Duration.ofMillis(5));

    @Test
    void aRedirectToAnotherPortOfTheSameHostDropsTheCredentials() {
        // same host name, another port: another origin, possibly another service
        String target = "http://127.0.0.1:" + otherPort.getPort() + "/target";
        origin.stubFor(get(urlPathEqualTo("/start")).willReturn(aResponse().withStatus(307).withHeader("Location", target)));
        otherPort.stubFor(get(urlPathEqualTo("/target")).willReturn(ok("done")));
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-API-KEY", "secret");
        headers.set(HttpHeaders.AUTHORIZATION, "Apikey secret");

        HttpResponse response = http.send(HttpMethod.GET,
                URI.create("http://127.0.0.1:" + origin.getPort() + "/start"), headers, null);

        assertThat(response.bodyText()).isEqualTo("done");
        otherPort.verify(1, getRequestedFor(urlPathEqualTo("/target"))
                .withHeader("X-API-KEY", absent()).withHeader("Authorization", absent()));
    }

    @Test
    void aGzippedAnswerComesBackDecompressed() throws Exception {
        String json = "{\"results\": [" + "\"donnée\",".repeat(500) + "\"fin\"]}";
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(json.getBytes(StandardCharsets.UTF_8));
        }
        origin.stubFor(get(urlPathEqualTo("/zipped")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Encoding", "gzip").withBody(zipped.toByteArray())));
        BoundedHttp roomy = new BoundedHttp("test system", new RestTemplateBuilder(), "test-agent",
                Duration.ofSeconds(2), Duration.ofSeconds(5), 1 << 20, List.of(), 1, Duration.ofMillis(5));

        HttpResponse response = roomy.send(HttpMethod.GET, URI.create("http://127.0.0.1:" + origin.getPort()
                + "/zipped"), new HttpHeaders(), null);

        assertThat(response.bodyText()).isEqualTo(json);
        assertThat(response.headers().containsHeader("Content-Encoding")).isFalse();
        origin.verify(getRequestedFor(urlPathEqualTo("/zipped")).withHeader("Accept-Encoding", equalTo("gzip"))
                .withHeader("User-Agent", equalTo("test-agent")));
    }

    @Test
    void aBodyIsSentAsItIsWithItsHeaders() {
        origin.stubFor(post(urlPathEqualTo("/datasets")).willReturn(ok("{}")));
        HttpHeaders headers = new HttpHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("X-API-KEY", "secret");
        byte[] body = "{\"title\": \"Vélos en libre-service\"}".getBytes(StandardCharsets.UTF_8);

        http.send(HttpMethod.POST, URI.create("http://127.0.0.1:" + origin.getPort() + "/datasets"), headers, body);

        origin.verify(postRequestedFor(urlPathEqualTo("/datasets"))
                .withHeader("Content-Type", equalTo("application/json")).withHeader("X-API-KEY", equalTo("secret"))
                .withRequestBody(binaryEqualTo(body)));
    }

    @Test
    void anAnswerSlowerThanTheReadTimeoutIsATransientFailure() {
        origin.stubFor(get(urlPathEqualTo("/slow")).willReturn(ok("late").withFixedDelay(1500)));
        BoundedHttp impatient = new BoundedHttp("test system", new RestTemplateBuilder(), "test-agent",
                Duration.ofSeconds(2), Duration.ofMillis(200), 1024, List.of(), 1, Duration.ofMillis(5));

        assertThatThrownBy(() -> impatient.send(HttpMethod.GET, URI.create("http://127.0.0.1:" + origin.getPort()
                + "/slow"), new HttpHeaders(), null)).isInstanceOf(TransientHttpException.class)
                .hasMessageContaining("did not answer GET /slow");
    }
}
