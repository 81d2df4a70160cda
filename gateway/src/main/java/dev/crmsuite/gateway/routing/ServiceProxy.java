package dev.crmsuite.gateway.routing;

import dev.crmsuite.platform.events.EventJson;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.web.RequestIds;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
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
