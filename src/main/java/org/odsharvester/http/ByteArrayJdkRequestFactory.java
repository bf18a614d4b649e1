package org.odsharvester.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.AbstractBufferingClientHttpRequest;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Requests over the JDK's {@link HttpClient}, each body sent as the byte array it already is. Spring's own
 * {@code JdkClientHttpRequestFactory} streams every body through a task of an executor (a thread hop and a
 * pipe per request): measured, that was the largest CPU cost of a udata write after the JIT compiler's.
 * <p>
 * Like Spring's, it asks for gzip ({@code Accept-Encoding: gzip}, unless the caller set another) and hands
 * back the decompressed body, without {@code Content-Encoding} and {@code Content-Length}; a request that gets
 * no answer within the read timeout fails with {@link java.net.http.HttpTimeoutException}, and a body that
 * is still coming in once the read timeout has passed again is cut (its stream closed), so that a server
 * trickling an endless body cannot hold the run.
 */
final class ByteArrayJdkRequestFactory implements ClientHttpRequestFactory {

    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> SET_BY_THE_CLIENT = Set.of("connection", "content-length", "expect", "host",
            "upgrade");

    private final HttpClient client;
    private final Duration readTimeout;
    private final ScheduledExecutorService bodyDeadlines = Executors.newSingleThreadScheduledExecutor(daemonThreads());

    private static CustomizableThreadFactory daemonThreads() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("http-body-deadlines-");
        threads.setDaemon(true);
        return threads;
    }

    ByteArrayJdkRequestFactory(HttpClient client, Duration readTimeout) {
        this.client = client;
        this.readTimeout = readTimeout;
    }

    @Override
    public ClientHttpRequest createRequest(URI uri, HttpMethod method) {
        return new Request(uri, method);
    }

    private final class Request extends AbstractBufferingClientHttpRequest {
        private final URI uri;
        private final HttpMethod method;

        Request(URI uri, HttpMethod method) {
            this.uri = uri;
            this.method = method;
        }

        @Override
        public HttpMethod getMethod() {
            return method;
        }

        @Override
        public URI getURI() {
            return uri;
        }

        @Override
        protected ClientHttpResponse executeInternal(HttpHeaders headers, byte[] body) throws IOException {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(readTimeout).method(method.name(),
                    body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach((name, values) -> {
                if (!SET_BY_THE_CLIENT.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            if (!headers.containsHeader(HttpHeaders.ACCEPT_ENCODING)) {
                request.header(HttpHeaders.ACCEPT_ENCODING, "gzip");
            }
            try {
                return new Response(client.send(request.build(), BodyHandlers.ofInputStream()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + method + " " + uri, e);
            }
        }
    }

    private final class Response implements ClientHttpResponse {
        private final java.net.http.HttpResponse<InputStream> response;
        private final HttpHeaders headers = new HttpHeaders();
        private final boolean gzip;
        private final ScheduledFuture<?> deadline;
        private InputStream body;

        Response(java.net.http.HttpResponse<InputStream> response) {
            this.response = response;
            // closing the stream makes a read blocked on a trickling body fail with an IOException
            this.deadline = bodyDeadlines.schedule(this::close, readTimeout.toMillis(), TimeUnit.MILLISECONDS);
            response.headers().map().forEach(headers::addAll);
            this.gzip = "gzip".equalsIgnoreCase(headers.getFirst(HttpHeaders.CONTENT_ENCODING));
            if (gzip) {
                headers.remove(HttpHeaders.CONTENT_ENCODING);
                headers.remove(HttpHeaders.CONTENT_LENGTH);
            }
        }

        @Override
        public HttpStatusCode getStatusCode() {
            return HttpStatusCode.valueOf(response.statusCode());
        }

        @Override
        public String getStatusText() {
            return "";
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }

        @Override
        public InputStream getBody() throws IOException {
            if (body == null) {
                body = gzip ? new GZIPInputStream(response.body()) : response.body();
            }
            return body;
        }

        @Override
        public void close() {
            deadline.cancel(false);
            try {
                response.body().close();
            } catch (IOException e) {
                // the connection is dropped rather than reused
            }
        }
    }
}
