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
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.util.backoff.BackOffExecution;

class BoundedHttpTest {

    @RegisterExtension
    static WireMockExtension origin = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @RegisterExtension
    static WireMockExtension tls = WireMockExtension.newInstance()
            .options(wireMockConfig().httpDisabled(true).dynamicHttpsPort().bindAddress("127.0.0.1")).build();

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

    private static URI origin(String path) {
        return URI.create("http://127.0.0.1:" + origin.getPort() + path);
    }

    /** Retries on 429 twice, then the answer: the waits the client asked for are recorded, not spent. */
    private static List<Duration> waitsFor(String retryAfter) {
        String scenario = "limited " + retryAfter;
        origin.stubFor(get(urlPathEqualTo("/limited")).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", retryAfter))
                .willSetStateTo("calm"));
        origin.stubFor(get(urlPathEqualTo("/limited")).inScenario(scenario).whenScenarioStateIs("calm")
                .willReturn(ok("done")));
        List<Duration> waits = new ArrayList<>();
        BoundedHttp recording = new BoundedHttp("test system", new RestTemplateBuilder(), "test-agent",
                Duration.ofSeconds(2), Duration.ofSeconds(5), 1024, List.of(), 3, Duration.ofMillis(5), waits::add);

        HttpResponse response = recording.send(HttpMethod.GET, origin("/limited"), new HttpHeaders(), null);

        assertThat(response.bodyText()).isEqualTo("done");
        origin.resetScenarios();
        return waits;
    }

    @Test
    void aRetryAfterInSecondsIsWaitedBeforeTheNextAttempt() {
        assertThat(waitsFor("7")).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void aRetryAfterIsWaitedThirtySecondsAtMost() {
        // inside a chunk transaction: a server asking for an hour gets the run failed, not a stuck job
        assertThat(waitsFor("3600")).containsExactly(Duration.ofSeconds(30));
    }

    @Test
    void aRetryAfterAsAnHttpDateIsTheTimeUntilThatDate() {
        HttpHeaders headers = new HttpHeaders();
        headers.set("Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(20)));

        Duration wait = BoundedHttp.retryAfter(new HttpResponse(429, headers, new byte[0]));

        assertThat(wait).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(20));
        headers.set("Retry-After", "tomorrow");
        assertThat(BoundedHttp.retryAfter(new HttpResponse(429, headers, new byte[0]))).isNull();
    }

    /** SPEC §4: 5xx, timeouts and 429 are retried with backoff; the delay doubles at each retry, up to 16 times the first. */
    @Test
    void retryDelaysDoubleAtEachAttemptUpToSixteenTimesTheFirst() {
        BoundedHttp eightAttempts = new BoundedHttp("test system", new RestTemplateBuilder(), "test-agent",
                Duration.ofSeconds(2), Duration.ofSeconds(5), 1024, List.of(), 8, Duration.ofMillis(500));

        BackOffExecution delays = eightAttempts.backOff().start();

        List<Long> millis = new ArrayList<>();
        for (long next = delays.nextBackOff(); next != BackOffExecution.STOP; next = delays.nextBackOff()) {
            millis.add(next);
        }
        assertThat(millis).as("seven retries after the first attempt")
                .containsExactly(500L, 1_000L, 2_000L, 4_000L, 8_000L, 8_000L, 8_000L);
    }

    @Test
    void aServerErrorIsRetriedUpToTheAttemptsThenFailsAsTransient() {
        origin.stubFor(get(urlPathEqualTo("/down")).willReturn(aResponse().withStatus(503).withBody("down")));

        Throwable failure = catchThrowable(() -> http.send(HttpMethod.GET, origin("/down"), new HttpHeaders(), null));

        assertThat(failure).isInstanceOf(TransientHttpException.class).hasMessageContaining("answered HTTP 503");
        origin.verify(2, getRequestedFor(urlPathEqualTo("/down")));
    }

    @Test
    void anEndlessBodyFailsAtTheSizeBoundInsteadOfFillingTheHeap() throws Exception {
        try (RawServer server = RawServer.endless(0)) {
            Throwable failure = catchThrowable(() -> http.send(HttpMethod.GET, server.uri(), new HttpHeaders(), null));

            assertThat(failure).isInstanceOf(RemoteSystemException.class).isNotInstanceOf(TransientHttpException.class)
                    .hasMessageContaining("larger than 1024 bytes");
        }
    }

    @Test
    void aBodyThatTricklesForeverEndsAtTheReadTimeout() throws Exception {
        BoundedHttp impatient = new BoundedHttp("test system", new RestTemplateBuilder(), "test-agent",
                Duration.ofSeconds(2), Duration.ofMillis(500), 1 << 20, List.of(), 1, Duration.ofMillis(5));
        try (RawServer server = RawServer.endless(50)) {
            Throwable failure = catchThrowable(() -> impatient.send(HttpMethod.GET, server.uri(), new HttpHeaders(),
                    null));

            assertThat(failure).isInstanceOf(TransientHttpException.class).hasMessageContaining("did not answer");
        }
    }

    @Test
    void aCertificateThatCannotBeVerifiedIsRefusedAtOnceAndNotRetried() {
        // WireMock's HTTPS certificate is self-signed: no trust store accepts it, and none is bypassed
        URI https = URI.create("https://127.0.0.1:" + tls.getHttpsPort() + "/secure");
        tls.stubFor(get(urlPathEqualTo("/secure")).willReturn(ok("should never be read")));

        Throwable failure = catchThrowable(() -> http.send(HttpMethod.GET, https, new HttpHeaders(), null));

        assertThat(failure).isInstanceOf(RemoteSystemException.class).isNotInstanceOf(TransientHttpException.class)
                .hasMessageContaining("the TLS certificate of 127.0.0.1 could not be verified")
                .hasMessageContaining("javax.net.ssl.trustStore");
        assertThat(tls.getAllServeEvents()).isEmpty();
    }

    /**
     * A server on loopback that answers every request with a 200 whose body never ends: as fast as it can, or
     * one byte every {@code pauseMillis}.
     */
    private static final class RawServer implements AutoCloseable {
        private final ServerSocket socket;
        private final Thread acceptor;

        private RawServer(ServerSocket socket, int pauseMillis) {
            this.socket = socket;
            this.acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket client = socket.accept();
                        Thread writer = new Thread(() -> serve(client, pauseMillis));
                        writer.setDaemon(true);
                        writer.start();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
        }

        static RawServer endless(int pauseMillis) throws IOException {
            return new RawServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), pauseMillis);
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/endless");
        }

        private static void serve(Socket client, int pauseMillis) {
            try (client) {
                client.getInputStream().read(new byte[8192]);
                OutputStream out = client.getOutputStream();
                out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n["
                        .getBytes(StandardCharsets.US_ASCII));
                byte[] chunk = new byte[8192];
                java.util.Arrays.fill(chunk, (byte) ' ');
                while (true) {
                    if (pauseMillis > 0) {
                        out.write(' ');
                        out.flush();
                        Thread.sleep(pauseMillis);
                    } else {
                        out.write(chunk);
                    }
                }
            } catch (IOException | InterruptedException clientGone) {
                // the client stopped reading: what the test wants
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
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
