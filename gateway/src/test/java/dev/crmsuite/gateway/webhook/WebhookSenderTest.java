package dev.crmsuite.gateway.webhook;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.PfxOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A delivery goes to the address its host was checked at, never to what the name resolves to later
 * (DNS rebinding), while the host still names the server: in the Host header and in TLS. The names
 * under .invalid and .test resolve nowhere, so a request that reached the local receiver was sent to
 * the pinned address.
 */
class WebhookSenderTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private Vertx vertx;
    private HttpServer receiver;
    private final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        vertx = Vertx.vertx();
        receiver = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
        receiver.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " host=" + exchange.getRequestHeaders().getFirst("Host")
                    + " id=" + exchange.getRequestHeaders().getFirst("webhook-id") + " " + body);
            if (exchange.getRequestURI().getPath().equals("/moved")) {
                exchange.getResponseHeaders().add("Location", "/elsewhere");
                exchange.sendResponseHeaders(302, -1);
            } else if (exchange.getRequestURI().getPath().equals("/silent")) {
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.sendResponseHeaders(204, -1);
            } else if (exchange.getRequestURI().getPath().equals("/fail")) {
                exchange.sendResponseHeaders(500, -1);
            } else if (exchange.getRequestURI().getPath().equals("/fail-with-body")) {
                byte[] problem = "{\"title\":\"down\"}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(500, problem.length);
                exchange.getResponseBody().write(problem);
            } else {
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        receiver.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        receiver.start();
    }

    @AfterEach
    void stop() throws Exception {
        receiver.stop(0);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private WebhookSender sender(HttpClientOptions options) {
        return new WebhookSender(vertx, Duration.ofSeconds(2), options);
    }

    @Test
    void connects_to_the_checked_address_and_names_the_host_in_the_request() throws Exception {
        int port = receiver.getAddress().getPort();
        WebhookTargets.Target target = new WebhookTargets.Target(URI.create("http://hooks.partner.invalid:" + port + "/in?x=1"), LOOPBACK);

        int status = sender(new HttpClientOptions()).post(target, Map.of("webhook-id", "d-1"), "{\"a\":1}", Duration.ofSeconds(5));

        assertThat(status).isEqualTo(204);
        assertThat(received).containsExactly("POST /in?x=1 host=hooks.partner.invalid:" + port + " id=d-1 {\"a\":1}");
    }

    /**
     * Each delivery has its own connection, which the receiver closes right after its answer. Taking
     * the status must not race that close: an early version waited for the answer's end after its
     * headers and now and then recorded "Connection was closed" for an answer the receiver had sent.
     */
    @Test
    void every_answer_is_read_although_the_receiver_closes_the_connection_at_once() throws Exception {
        int port = receiver.getAddress().getPort();
        WebhookSender sender = sender(new HttpClientOptions());
        // As the dispatcher runs: on a worker thread under a duplicated Vert.x context (Quarkus' scheduler).
        ContextInternal scheduled = ((VertxInternal) vertx).getOrCreateContext().duplicate();
        List<Integer> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            String path = i % 2 == 0 ? "/fail" : "/fail-with-body";
            int n = i;
            java.util.concurrent.Callable<Integer> one = () -> sender.post(new WebhookTargets.Target(URI.create("http://hooks.partner.invalid:" + port + path), LOOPBACK),
                    Map.of(), "{\"n\":" + n + "}", Duration.ofSeconds(5));
            statuses.add(scheduled.<Integer>executeBlocking(one::call).toCompletionStage().toCompletableFuture().get());
        }
        assertThat(statuses).hasSize(3000).containsOnly(500);
        assertThat(received).hasSize(3000);
    }

    @Test
    void a_redirect_is_answered_not_followed() throws Exception {
        int port = receiver.getAddress().getPort();
        WebhookTargets.Target target = new WebhookTargets.Target(URI.create("http://hooks.partner.invalid:" + port + "/moved"), LOOPBACK);

        assertThat(sender(new HttpClientOptions()).post(target, Map.of(), "{}", Duration.ofSeconds(5))).isEqualTo(302);
        assertThat(received).hasSize(1);
    }

    @Test
    void a_receiver_that_does_not_answer_in_time_ends_the_attempt_at_the_deadline() {
        int port = receiver.getAddress().getPort();
        WebhookTargets.Target target = new WebhookTargets.Target(URI.create("http://hooks.partner.invalid:" + port + "/silent"), LOOPBACK);
        long started = System.nanoTime();

        // Ours or the client's idle timeout, whichever fires first; either way at the deadline, not the receiver's 5 s.
        assertThatThrownBy(() -> sender(new HttpClientOptions()).post(target, Map.of(), "{}", Duration.ofMillis(500)))
                .satisfiesAnyOf(e -> assertThat(e).isInstanceOf(TimeoutException.class),
                        e -> assertThat(e).isInstanceOf(ExecutionException.class).cause().hasMessageContaining("imeout"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(received).hasSize(1).allMatch(r -> r.startsWith("POST /silent"));
    }

    @Test
    void over_tls_the_certificate_is_checked_against_the_host_not_the_pinned_address(@TempDir Path dir) throws Exception {
        // A certificate for hooks.partner.test only (no IP in it), trusted by the test's client.
        Path store = dir.resolve("receiver.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "receiver", "-keyalg", "EC", "-dname", "CN=hooks.partner.test",
                "-ext", "SAN=dns:hooks.partner.test", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit").inheritIO().start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).isZero();
        PfxOptions pfx = new PfxOptions().setPath(store.toString()).setPassword("changeit");
        io.vertx.core.http.HttpServer tls = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setKeyCertOptions(pfx))
                .requestHandler(request -> request.body().onSuccess(body -> {
                    received.add(request.getHeader("Host") + " " + body);
                    request.response().setStatusCode(200).end();
                }));
        int port = tls.listen(0, LOOPBACK.getHostAddress()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
        WebhookSender sender = sender(new HttpClientOptions().setTrustOptions(pfx));

        WebhookTargets.Target named = new WebhookTargets.Target(URI.create("https://hooks.partner.test:" + port + "/in"), LOOPBACK);
        assertThat(sender.post(named, Map.of(), "{\"b\":2}", Duration.ofSeconds(10))).isEqualTo(200);
        assertThat(received).containsExactly("hooks.partner.test:" + port + " {\"b\":2}");

        // The same server under another name: the certificate does not name it, so nothing is sent.
        WebhookTargets.Target other = new WebhookTargets.Target(URI.create("https://other.partner.test:" + port + "/in"), LOOPBACK);
        assertThatThrownBy(() -> sender.post(other, Map.of(), "{}", Duration.ofSeconds(10))).isInstanceOf(ExecutionException.class);
        assertThat(received).hasSize(1);
    }
}
