package org.odsharvester.http;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;

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
}
