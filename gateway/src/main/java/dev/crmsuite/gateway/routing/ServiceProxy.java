package dev.crmsuite.gateway.routing;

import dev.crmsuite.platform.events.EventJson;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.web.RequestIds;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import dev.crmsuite.gateway.access.Caller;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * Forwards {@code /api/v1/...} to the owning service, streaming both bodies and passing status,
 * headers and problem+json through untouched. A service that is down or slow yields a 503 or 504
 * problem+json within its configured timeout, and a circuit breaker per service keeps a dead one
 * from slowing every caller down.
 */
@ApplicationScoped
public class ServiceProxy {

    private static final Logger LOG = Logger.getLogger(ServiceProxy.class);
    /** Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection and are never forwarded. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host");

    @Inject
    Vertx vertx;
    @Inject
    RoutesConfig routes;
    @Inject
    Clock clock;
    @Inject
    IdempotencyStore idempotency;
    @Inject
    PartnerView partnerView;

    /** Marker: the partner may not name that customer (answered 404 without forwarding). */
    private static final IdempotencyStore.Stored PARTNER_HIDDEN = new IdempotencyStore.Stored("", 404, null, null, null);

    private HttpClient client;
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

    void install(@Observes Router router) {
        client = vertx.createHttpClient(new HttpClientOptions()
                .setKeepAlive(true).setMaxPoolSize(64).setConnectTimeout(2_000).setDecompressionSupported(false));
        router.routeWithRegex("/api/v1/.*").order(-100).handler(this::forward);
    }

    public CircuitBreaker breaker(String service) {
        RoutesConfig.Service config = routes.services().get(service);
        return breakers.computeIfAbsent(service,
                s -> new CircuitBreaker(config.failureThreshold(), config.openFor(), clock));
    }

    void forward(RoutingContext rc) {
        HttpServerRequest in = rc.request();
        Optional<String> service = RouteTable.serviceFor(in.path());
        if (service.isEmpty() || !routes.services().containsKey(service.get())) {
            rc.next(); // the gateway's own endpoints, or a 404 from RESTEasy
            return;
        }
        String name = service.get();
        RoutesConfig.Service target = routes.services().get(name);
        String requestId = RequestIds.acceptOrCreate(in.getHeader(RequestIds.HEADER));
        CircuitBreaker breaker = breaker(name);
        if (!breaker.allowRequest()) {
            fail(rc, 503, name + "-service is unavailable (circuit open); retry shortly", requestId, breaker.secondsUntilRetry());
            return;
        }
        in.pause();
        URI base = URI.create(target.url());
        RequestOptions options = new RequestOptions()
                .setMethod(in.method())
                .setHost(base.getHost())
                .setPort(base.getPort() > 0 ? base.getPort() : 80)
                .setURI(in.uri())
                .setIdleTimeout(target.timeout().toMillis());
        in.headers().forEach(h -> {
            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase())) {
                options.addHeader(h.getKey(), h.getValue());
            }
        });
        options.putHeader(RequestIds.HEADER, requestId);
        options.putHeader("X-Forwarded-Proto", in.scheme());
        if (in.authority() != null) {
            options.putHeader("X-Forwarded-Host", in.authority().toString());
        }
        if (in.remoteAddress() != null) {
            options.putHeader("X-Forwarded-For", in.remoteAddress().hostAddress());
        }
        String idempotencyKey = in.method() == HttpMethod.POST ? in.getHeader("Idempotency-Key") : null;
        Caller caller = rc.get(Caller.ROUTING_CONTEXT_KEY);
        boolean partner = caller != null && caller.isPartner();
        if (idempotencyKey != null || partner) {
            forwardBuffered(rc, name, target, options, breaker, requestId, caller == null ? "anonymous" : caller.id(),
                    idempotencyKey, partner);
            return;
        }
        long timer = vertx.setTimer(target.timeout().toMillis(), t -> {
            if (!rc.response().headWritten() && !rc.response().ended()) {
                breaker.onFailure();
                fail(rc, 504, name + "-service did not answer within " + target.timeout().toMillis() + " ms", requestId, 0);
            }
        });
        client.request(options)
                .compose(out -> out.send(in))
                .onComplete(ar -> {
                    if (ar.failed()) {
                        vertx.cancelTimer(timer);
                        breaker.onFailure();
                        boolean timedOut = ar.cause() instanceof TimeoutException
                                || String.valueOf(ar.cause().getMessage()).contains("timeout");
                        LOG.debugf("forwarding %s %s to %s failed: %s", in.method(), in.uri(), name, ar.cause());
                        in.resume();
                        fail(rc, timedOut ? 504 : 503, timedOut
                                ? name + "-service did not answer within " + target.timeout().toMillis() + " ms"
                                : name + "-service is unavailable", requestId, timedOut ? 0 : 2);
                        return;
                    }
                    vertx.cancelTimer(timer);
                    if (rc.response().ended() || rc.response().headWritten()) {
                        ar.result().request().reset();
                        return;
                    }
                    breaker.onSuccess();
                    relay(rc, ar.result(), requestId);
                });
    }

    /**
     * The buffered path (bodies are small: the body limit applies), for two reasons.
     *
     * <p>POST with {@code Idempotency-Key}: the key is claimed for this caller, and the first answer
     * is stored and replayed for retries with the same body. The same key with another body is 422;
     * a retry while the first is still running is 409. A 5xx or an unreachable service frees the
     * key, so the retry really retries.
     *
     * <p>Partners: a request naming a customer who did not consent to partner sharing is answered
     * 404 without being forwarded, and the answer is cut to consenting customers ({@link PartnerView}).
     */
    private void forwardBuffered(RoutingContext rc, String name, RoutesConfig.Service target, RequestOptions options,
                                 CircuitBreaker breaker, String requestId, String caller, String key, boolean partner) {
        if (key != null && (key.isBlank() || key.length() > 255)) {
            rc.request().resume();
            problem(rc, 400, "validation", "Invalid request", "Idempotency-Key: must be 1 to 255 characters", requestId);
            return;
        }
        io.vertx.core.Future<Buffer> bodyFuture = rc.request().body();
        rc.request().resume(); // paused by the access check; body() alone does not resume it
        bodyFuture.onComplete(bodyRead -> {
            if (bodyRead.failed()) {
                problem(rc, 400, "malformed-request", "Bad request", "the request body could not be read", requestId);
                return;
            }
            Buffer body = bodyRead.result();
            // Without an Idempotency-Key and with every named customer's consent cached, nothing here
            // needs the database: stay on the event loop (most partner reads take this path).
            Boolean allowedNow = key != null ? null : partner ? partnerView.requestAllowedIfKnown(body) : Boolean.TRUE;
            if (allowedNow != null) {
                if (allowedNow) {
                    send(rc, name, target, options, breaker, requestId, caller, null, null, partner, body);
                } else {
                    problem(rc, 404, "not-found", "Not found", "the customer does not exist", requestId);
                }
                return;
            }
            String hash = key == null ? null : sha256(rc.request().path() + "\n" + body);
            vertx.executeBlocking(() -> {
                if (partner && !partnerView.requestAllowed(body)) {
                    return java.util.Optional.of(PARTNER_HIDDEN);
                }
                return key == null ? java.util.Optional.<IdempotencyStore.Stored>empty() : idempotency.claim(caller, key, hash);
            }, false).onComplete(claimed -> {
                if (claimed.failed()) {
                    fail(rc, 503, "the gateway cannot reach its database; retry shortly", requestId, 2);
                    return;
                }
                if (claimed.result().isPresent()) {
                    if (claimed.result().get() == PARTNER_HIDDEN) {
                        problem(rc, 404, "not-found", "Not found", "the customer does not exist", requestId);
                    } else {
                        replay(rc, claimed.result().get(), hash, key, requestId);
                    }
                    return;
                }
                send(rc, name, target, options, breaker, requestId, caller, key, hash, partner, body);
            });
        });
    }

    /** Sends the buffered request, then cuts the answer for partners and stores it for the Idempotency-Key. */
    private void send(RoutingContext rc, String name, RoutesConfig.Service target, RequestOptions options, CircuitBreaker breaker,
                      String requestId, String caller, String key, String hash, boolean partner, Buffer body) {
        options.setIdleTimeout(target.timeout().toMillis());
        client.request(options)
                .compose(out -> out.send(body))
                .compose(response -> response.body().map(b -> new Object[] {response, b}))
                .onComplete(ar -> {
                    if (ar.failed()) {
                        breaker.onFailure();
                        if (key != null) {
                            vertx.executeBlocking(() -> {
                                idempotency.release(caller, key);
                                return null;
                            }, false);
                        }
                        boolean timedOut = ar.cause() instanceof TimeoutException
                                || String.valueOf(ar.cause().getMessage()).contains("imeout");
                        fail(rc, timedOut ? 504 : 503, name + (timedOut ? "-service did not answer in time" : "-service is unavailable"),
                                requestId, timedOut ? 0 : 2);
                        return;
                    }
                    breaker.onSuccess();
                    HttpClientResponse response = (HttpClientResponse) ar.result()[0];
                    Buffer received = (Buffer) ar.result()[1];
                    String contentType = response.getHeader("Content-Type");
                    String location = response.getHeader("Location");
                    if (key == null) {
                        Buffer quick = partner ? partnerView.cutIfKnown(response.statusCode(), contentType, received) : received;
                        if (quick != PartnerView.NOT_KNOWN) {
                            answer(rc, response, quick, requestId);
                            return;
                        }
                    }
                    vertx.<Buffer>executeBlocking(() -> {
                        Buffer answer = partner ? partnerView.cut(response.statusCode(), contentType, received) : received;
                        if (key != null && answer != null) {
                            if (response.statusCode() >= 500) {
                                idempotency.release(caller, key);
                            } else {
                                idempotency.complete(caller, key, response.statusCode(), contentType, location, answer.getBytes());
                            }
                        }
                        return answer;
                    }, false).onComplete(cut -> {
                        if (cut.failed()) {
                            fail(rc, 503, "the gateway cannot check partner access right now; retry shortly", requestId, 2);
                            return;
                        }
                        answer(rc, response, cut.result(), requestId);
                    });
                });
    }

    /** Writes the service's (possibly cut) answer; null means the partner may not see any of it. */
    private void answer(RoutingContext rc, HttpClientResponse response, Buffer answer, String requestId) {
        if (answer == null) {
            problem(rc, 404, "not-found", "Not found", "the resource does not exist", requestId);
            return;
        }
        rc.response().setStatusCode(response.statusCode());
        response.headers().forEach(h -> {
            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase()) && !h.getKey().equalsIgnoreCase("Content-Length")) {
                rc.response().headers().add(h.getKey(), h.getValue());
            }
        });
        rc.response().headers().set(RequestIds.HEADER, requestId);
        rc.response().end(answer);
    }

    private void replay(RoutingContext rc, IdempotencyStore.Stored stored, String hash, String key, String requestId) {
        if (!stored.requestHash().equals(hash)) {
            problem(rc, 422, "idempotency-key-reused", "Unprocessable request",
                    "Idempotency-Key " + key + " was already used with a different request", requestId);
        } else if (stored.status() == null) {
            problem(rc, 409, "idempotency-key-in-flight", "Conflict",
                    "the first request with Idempotency-Key " + key + " is still being processed; retry shortly", requestId);
        } else {
            rc.response().setStatusCode(stored.status()).putHeader("Idempotent-Replayed", "true")
                    .putHeader(RequestIds.HEADER, requestId);
            if (stored.contentType() != null) {
                rc.response().putHeader("Content-Type", stored.contentType());
            }
            if (stored.location() != null) {
                rc.response().putHeader("Location", stored.location());
            }
            rc.response().end(stored.body() == null ? Buffer.buffer() : Buffer.buffer(stored.body()));
        }
    }

    private static void problem(RoutingContext rc, int status, String slug, String title, String detail, String requestId) {
        Problem problem = new Problem(Problem.TYPE_BASE + slug, title, status, detail, rc.request().path(), requestId, null, null);
        rc.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader(RequestIds.HEADER, requestId).end(EventJson.write(problem));
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void relay(RoutingContext rc, HttpClientResponse response, String requestId) {
        rc.response().setStatusCode(response.statusCode());
        response.headers().forEach(h -> {
            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase())) {
                rc.response().headers().add(h.getKey(), h.getValue());
            }
        });
        rc.response().headers().set(RequestIds.HEADER, requestId);
        if (!response.headers().contains("Content-Length")) {
            rc.response().setChunked(true);
        }
        rc.response().send(response);
    }

    private void fail(RoutingContext rc, int status, String detail, String requestId, long retryAfterSeconds) {
        if (rc.response().ended() || rc.response().headWritten()) {
            return;
        }
        String title = status == 504 ? "Gateway timeout" : "Service unavailable";
        Problem problem = new Problem(Problem.TYPE_BASE + (status == 504 ? "upstream-timeout" : "upstream-unavailable"),
                title, status, detail, rc.request().path(), requestId, null, null);
        rc.response().setStatusCode(status)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader(RequestIds.HEADER, requestId);
        if (retryAfterSeconds > 0) {
            rc.response().putHeader("Retry-After", Long.toString(retryAfterSeconds));
        }
        rc.response().end(EventJson.write(problem));
    }
}
