package dev.crmsuite.gateway.webhook;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends one webhook request to a checked {@link WebhookTargets.Target}: it connects to the address the
 * host was checked at and names the host in the Host header and in TLS (SNI, and the certificate is
 * verified against it), so a DNS answer that changed since the check (rebinding) is never followed.
 *
 * <p>Vert.x's HTTP client rather than the JDK's {@code java.net.http}: the JDK client always resolves
 * the URL's host itself and cannot be told which address to connect to while keeping the host name
 * for TLS, which is exactly what this needs.
 */
@ApplicationScoped
public class WebhookSender {

    private final HttpClient client;

    @Inject
    public WebhookSender(Vertx vertx, WebhooksConfig config) {
        this(vertx, config.connectTimeout(), new HttpClientOptions());
    }

    /**
     * {@code options} for tests (e.g. a trust store); redirects are never followed, the host always
     * verified. One connection per delivery: a kept-alive connection that the receiver closes just as
     * the next delivery goes out fails that delivery (HttpClosedException), and receivers close idle
     * connections after as little as 5 s (Node's default), so reuse would turn into failed attempts
     * and, repeated, a disabled subscription.
     */
    WebhookSender(Vertx vertx, Duration connectTimeout, HttpClientOptions options) {
        this.client = vertx.createHttpClient(options.setConnectTimeout((int) connectTimeout.toMillis())
                .setVerifyHost(true).setForceSni(true).setKeepAlive(false));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /**
     * POSTs {@code body} with {@code headers} to the target; the response's status (its body is not
     * read). The answer must begin within {@code deadline}; past it the request is reset.
     */
    public int post(WebhookTargets.Target target, Map<String, String> headers, String body, Duration deadline)
            throws InterruptedException, ExecutionException, TimeoutException, UnknownHostException {
        URI uri = target.uri();
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(uri.getHost()).setPort(port)
                .setSsl(https).setURI(pathAndQuery(uri)).setFollowRedirects(false).setIdleTimeout(deadline.toMillis());
        InetAddress address = target.address();
        if (address == null && uri.getHost().startsWith("[")) {
            // an IPv6 literal: its address, which Vert.x would otherwise try to resolve with the brackets
            address = InetAddress.getByName(uri.getHost().substring(1, uri.getHost().length() - 1));
        }
        if (address != null) {
            options.setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(address, port)));
        }
        headers.forEach(options::putHeader);
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        CompletableFuture<Integer> status = client.request(options)
                .compose(request -> {
                    sent.set(request);
                    return request.send(Buffer.buffer(body));
                })
                // The status as the headers arrive. Waiting for the body's end raced the receiver's close
                // when the caller runs on a worker thread with a Vert.x context (the scheduler's): the
                // response could end, or the connection close, before a handler was attached. The body
                // is not read: the connection is never reused, and the request's idle timeout closes
                // one whose body trickles.
                .map(HttpClientResponse::statusCode)
                .toCompletionStage().toCompletableFuture();
        try {
            return status.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | InterruptedException e) {
            HttpClientRequest request = sent.get();
            if (request != null) {
                request.reset();
            }
            throw e;
        }
    }

    private static String pathAndQuery(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }
}
