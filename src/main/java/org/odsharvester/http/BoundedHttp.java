package org.odsharvester.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.ResponseErrorHandler;
import org.springframework.web.client.RestTemplate;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.util.backoff.BackOff;

/**
 * The HTTP plumbing under each remote-system client: timeouts, a User-Agent, bounded response
 * bodies, redirects that never carry credentials to another host, and retries with bounded
 * exponential backoff (Spring Framework's {@link RetryTemplate}) on failures worth retrying.
 * <p>
 * It does not interpret statuses beyond that: every response comes back as an {@link HttpResponse}
 * and the client of each system decides what a 4xx means there.
 */
public class BoundedHttp {

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final int MAX_REDIRECTS = 5;
    private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);

    private final String systemName;
    private final RestTemplate rest;
    private final long maxBodyBytes;
    private final List<String> credentialHeaders;
    private final RetryTemplate retryTemplate;
    private final Sleeper sleeper;

    /** Waits; a test replaces it to see the waits without spending them. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * @param systemName        how errors name the system, e.g. {@code ODS portal https://data.example.org}
     * @param builder           Boot's builder (for its conventions); may be a fresh {@code new RestTemplateBuilder()}
     * @param userAgent         {@code ods-harvester/<version>}
     * @param connectTimeout    TCP connect timeout
     * @param readTimeout       time to wait for a response
     * @param maxBodyBytes      larger bodies fail instead of filling the heap
     * @param credentialHeaders headers removed when a redirect leaves the original host
     * @param maxAttempts       attempts per request for transient failures
     * @param retryDelay        first backoff delay, doubled at each attempt
     */
    public BoundedHttp(String systemName, RestTemplateBuilder builder, String userAgent, Duration connectTimeout,
            Duration readTimeout, long maxBodyBytes, List<String> credentialHeaders, int maxAttempts,
            Duration retryDelay) {
        this(systemName, builder, userAgent, connectTimeout, readTimeout, maxBodyBytes, credentialHeaders, maxAttempts,
                retryDelay, d -> Thread.sleep(d.toMillis()));
    }

    BoundedHttp(String systemName, RestTemplateBuilder builder, String userAgent, Duration connectTimeout,
            Duration readTimeout, long maxBodyBytes, List<String> credentialHeaders, int maxAttempts,
            Duration retryDelay, Sleeper sleeper) {
        this.sleeper = sleeper;
        this.systemName = systemName;
        this.maxBodyBytes = maxBodyBytes;
        this.credentialHeaders = List.copyOf(credentialHeaders);
        HttpClient httpClient = HttpClient.newBuilder()
                .executor(pooledThreads(systemName))
                .connectTimeout(connectTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                // redirects are followed here, so that credentials are dropped when the host changes
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        ByteArrayJdkRequestFactory factory = new ByteArrayJdkRequestFactory(httpClient, readTimeout);
        this.rest = builder
                .requestFactory(() -> factory)
                .defaultHeader(HttpHeaders.USER_AGENT, userAgent)
                .errorHandler(new AcceptEveryStatus())
                .build();
        this.retryTemplate = new RetryTemplate(RetryPolicy.builder()
                .maxRetries(maxAttempts - 1L)
                .delay(retryDelay)
                .multiplier(2)
                .maxDelay(retryDelay.multipliedBy(16))
                .predicate(TransientHttpException.class::isInstance)
                .build());
    }

    public String systemName() {
        return systemName;
    }

    /** The delays between attempts (a test reads them without waiting them). */
    BackOff backOff() {
        return retryTemplate.getRetryPolicy().getBackOff();
    }

    /**
     * Starts, on a daemon thread, what the first client would otherwise do on the harvest's critical path:
     * loading the JDK's HTTP client and the default TLS context (a few hundred milliseconds), while Spring is
     * still starting.
     */
    public static void warmUpInBackground() {
        Thread warmUp = new Thread(() -> {
            try {
                javax.net.ssl.SSLContext.getDefault();
                HttpClient.newBuilder().build();
            } catch (Exception | LinkageError e) {
                // nothing is lost: the first client does it again
            }
        }, "http-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /** Threads named after the system: {@code http-ods-1}, {@code http-udata-3}… */
    private static ExecutorService pooledThreads(String systemName) {
        CustomizableThreadFactory threads = new CustomizableThreadFactory(
                "http-" + systemName.split(" ")[0].toLowerCase(Locale.ROOT) + "-");
        threads.setDaemon(true); // idle ones end after a minute; none keeps the JVM alive
        return Executors.newCachedThreadPool(threads);
    }

    /**
     * Sends the request, retrying transient failures, and returns the final response, whatever its
     * status (a 5xx comes back only when the retries are exhausted... as an exception).
     *
     * @throws TransientHttpException when the retries are exhausted
     * @throws RemoteSystemException  when the body is over the size bound or the request cannot be sent
     */
    public HttpResponse send(HttpMethod method, URI uri, HttpHeaders headers, byte[] body) {
        Duration[] retryAfter = {null};
        try {
            return retryTemplate.execute(() -> {
                if (retryAfter[0] != null) {
                    // on top of the backoff: the server said how long it needs
                    sleeper.sleep(retryAfter[0]);
                }
                try {
                    return sendOnce(method, uri, headers, body);
                } catch (TransientHttpException e) {
                    retryAfter[0] = e.retryAfter() == null ? null
                            : (e.retryAfter().compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : e.retryAfter());
                    throw e;
                }
            });
        } catch (RetryException e) {
            Throwable last = e.getCause() != null ? e.getCause() : e.getLastException();
            if (last instanceof RemoteSystemException remote) {
                throw remote;
            }
            if (last instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new RemoteSystemException(systemName + ": " + describe(last), 0, last);
        }
    }

    private HttpResponse sendOnce(HttpMethod method, URI uri, HttpHeaders headers, byte[] body) {
        URI current = uri;
        HttpHeaders currentHeaders = headers;
        HttpMethod currentMethod = method;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpResponse response = exchange(currentMethod, current, currentHeaders, body);
            String location = response.headers().getFirst(HttpHeaders.LOCATION);
            if (!REDIRECTS.contains(response.status()) || location == null) {
                return classify(response, current);
            }
            URI next = current.resolve(location);
            if (!sameOrigin(next, uri)) {
                currentHeaders = withoutCredentials(currentHeaders);
            }
            if (response.status() == 303) {
                currentMethod = HttpMethod.GET;
            }
            current = next;
        }
        throw new RemoteSystemException(systemName + ": too many redirects from " + uri, 0, null);
    }

    private HttpResponse exchange(HttpMethod method, URI uri, HttpHeaders headers, byte[] body) {
        try {
            return rest.execute(uri, method, request -> {
                request.getHeaders().addAll(headers);
                if (body != null) {
                    request.getBody().write(body);
                }
            }, this::readBounded);
        } catch (ResourceAccessException e) {
            if (isCertificateFailure(e)) {
                // never retried, never bypassed: the old plugin's disabled verification is what this replaces
                throw new RemoteSystemException(systemName + ": the TLS certificate of " + uri.getHost()
                        + " could not be verified (" + describe(rootCause(e)) + "); the harvester only talks to"
                        + " servers whose certificate the Java trust store accepts: if it is issued by a private"
                        + " authority, add that authority to a trust store given with -Djavax.net.ssl.trustStore",
                        0, e);
            }
            // timeouts, refused and reset connections
            throw new TransientHttpException(systemName + " did not answer " + method + " " + uri.getPath() + ": "
                    + describe(e.getCause() != null ? e.getCause() : e), 0, null, e);
        }
    }

    private HttpResponse readBounded(ClientHttpResponse response) throws IOException {
        int status = response.getStatusCode().value();
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(response.getHeaders());
        try (InputStream in = response.getBody()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
            if (bytes.length > maxBodyBytes) {
                throw new RemoteSystemException(systemName + " sent a response larger than " + maxBodyBytes
                        + " bytes; refusing to read it", status, null);
            }
            return new HttpResponse(status, headers, bytes);
        }
    }

    private HttpResponse classify(HttpResponse response, URI uri) {
        int status = response.status();
        if (status >= 500 || status == 429 && !isQuotaBody(response)) {
            throw new TransientHttpException(systemName + " answered HTTP " + status + " to " + uri.getPath() + ": "
                    + response.bodyExcerpt(), status, retryAfter(response), null);
        }
        return response;
    }

    /** ODS quota answers (429 with an {@code errorcode}) are final: waiting for the reset inside a job is pointless. */
    private static boolean isQuotaBody(HttpResponse response) {
        return response.bodyText().contains("\"errorcode\"") || response.bodyText().contains("\"reset_time\"");
    }

    /** {@code Retry-After} in seconds or as an HTTP date; null when absent or unreadable (our backoff applies). */
    static Duration retryAfter(HttpResponse response) {
        String value = response.headers().getFirst(HttpHeaders.RETRY_AFTER);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long seconds = Long.parseLong(value.trim());
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(java.time.Instant.now(),
                        java.time.ZonedDateTime.parse(value.trim(), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (java.time.format.DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    private static boolean isCertificateFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.security.cert.CertificateException) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** Scheme, host and port (the default one when absent) all equal: another port may be another service. */
    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                && effectivePort(a) == effectivePort(b);
    }

    private static int effectivePort(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private HttpHeaders withoutCredentials(HttpHeaders headers) {
        HttpHeaders copy = new HttpHeaders();
        copy.addAll(headers);
        credentialHeaders.forEach(copy::remove);
        copy.remove(HttpHeaders.AUTHORIZATION);
        return copy;
    }

    private static String describe(Throwable e) {
        if (e == null) {
            return "unknown error";
        }
        String name = e.getClass().getSimpleName();
        return e.getMessage() == null ? name : name + " (" + e.getMessage() + ")";
    }

    /** Statuses are interpreted by the caller, never turned into exceptions by RestTemplate. */
    private static final class AcceptEveryStatus implements ResponseErrorHandler {
        @Override
        public boolean hasError(ClientHttpResponse response) {
            return false;
        }
    }
}
