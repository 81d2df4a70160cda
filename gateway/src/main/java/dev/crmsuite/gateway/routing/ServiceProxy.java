package dev.crmsuite.gateway.routing;

import dev.crmsuite.gateway.access.CallerIdentity;
import dev.crmsuite.gateway.access.InternalTokenSigner;
import dev.crmsuite.gateway.web.RouteAnswers;
import dev.crmsuite.platform.security.Caller;
import dev.crmsuite.platform.web.CanonicalPath;
import dev.crmsuite.platform.web.CanonicalPathFilter;
import dev.crmsuite.platform.tracing.HttpServerSpans;
import dev.crmsuite.platform.tracing.TraceContext;
import dev.crmsuite.platform.web.RequestIds;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * Forwards {@code /api/v1/...} operations of the services ({@link RouteTable}, on the canonical
 * path) to the owning service, and nothing else of a service.
 *
 * <p>The gateway does not decide permissions for these operations; the service that owns the data
 * does. The gateway authenticated the caller (Quarkus Security, before this route), rate-limited it,
 * and now tells the service who is calling in an internal token it signs for that service's
 * audience ({@link InternalTokenSigner}); an anonymous caller gets an anonymous token, which a
 * service accepts only for its public operations. What the client sent as credentials or as claims
 * about itself ({@code Authorization}, {@code X-API-Key}, {@code X-Actor}, {@code Forwarded},
 * {@code X-Forwarded-*}, cookies) never reaches a service.
 *
 * <p>Bodies stream both ways, the request body counted as it passes: past
 * {@code crm.http.max-body-bytes} (declared or chunked) the upstream request is reset and the caller
 * gets 413, so no body is ever buffered or forwarded past the limit. A service that is down or slow
 * yields 503 or 504 problem+json within its timeout, and a circuit breaker per service keeps a dead
 * one from slowing every caller down (both from SmallRye Fault Tolerance, {@link UpstreamGuards}).
 */
@ApplicationScoped
public class ServiceProxy {

    private static final Logger LOG = Logger.getLogger(ServiceProxy.class);
    /** After the canonical-path filter (400), before CORS (300) and authentication (200). */
    static final int PAUSE_PRIORITY = 350;
    /** After Quarkus' authentication (route order -200) and authorisation (-100) filters. */
    static final int ROUTE_ORDER = -50;
    private static final String TARGET = "crm.proxy.target";
    private static final Set<HttpMethod> FORWARDED = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST,
            HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
    /** Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection and are never forwarded. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host");
    /**
     * What a client may not tell a service: credentials (the internal token replaces them), claims
     * about itself or its route, and {@code Expect} (the gateway answers the client itself).
     */
    private static final Set<String> STRIPPED = Set.of("authorization", "x-api-key", "x-actor", "forwarded",
            "cookie", "expect");

    private final Vertx vertx;
    private final RoutesConfig routes;
    private final UpstreamGuards guards;
    private final IdempotencyStore idempotency;
    private final InternalTokenSigner tokens;
    private final long maxBodyBytes;
    private EventLoopClients clients;

    public ServiceProxy(Vertx vertx, RoutesConfig routes, UpstreamGuards guards, IdempotencyStore idempotency, InternalTokenSigner tokens,
                        @ConfigProperty(name = "crm.http.max-body-bytes", defaultValue = "1048576") long maxBodyBytes) {
        this.vertx = vertx;
        this.routes = routes;
        this.guards = guards;
        this.idempotency = idempotency;
        this.tokens = tokens;
        this.maxBodyBytes = maxBodyBytes;
    }

    void register(@Observes Filters filters) {
        filters.register(this::markProxied, PAUSE_PRIORITY);
    }

    void install(@Observes Router router) {
        // 16 connections per service and event loop (4 loops on 2 cores: 64 per service, as one pool had)
        clients = new EventLoopClients(vertx, new HttpClientOptions()
                .setKeepAlive(true).setMaxPoolSize(16).setConnectTimeout(2_000).setDecompressionSupported(false));
        router.route().order(ROUTE_ORDER).handler(this::forward);
    }

    /**
     * Marks a request for a service and pauses its body: authentication may take a trip to a worker
     * thread, and the body must wait for the proxy rather than arrive with nobody reading it.
     */
    void markProxied(RoutingContext rc) {
        CanonicalPath path = CanonicalPathFilter.of(rc);
        Optional<String> service = path == null ? Optional.empty() : RouteTable.serviceFor(path);
        if (service.isPresent() && routes.services().containsKey(service.get())) {
            rc.put(TARGET, service.get());
            rc.request().pause();
            // Whoever answers instead of the proxy (401, 429, ...), the unread body is let go.
            rc.addEndHandler(ended -> {
                if (!rc.request().isEnded()) {
                    rc.request().resume();
                }
            });
        }
        rc.next();
    }

    void forward(RoutingContext rc) {
        String name = rc.get(TARGET);
        if (name == null) {
            // The gateway's own endpoints (or a 404 from RESTEasy): Quarkus REST reads their bodies
            // within quarkus.http.limits.max-body-size. (Reading them here with a Vert.x BodyHandler
            // broke every own write over HTTP/2: "Request has already been read".)
            rc.next();
            return;
        }
        HttpServerRequest in = rc.request();
        if (!FORWARDED.contains(in.method())) {
            rc.response().putHeader("Allow", "GET, HEAD, POST, PUT, PATCH, DELETE");
            RouteAnswers.problem(rc, 405, "method-not-allowed", "Method Not Allowed", "method not allowed on " + in.path());
            return;
        }
        RoutesConfig.Service target = routes.services().get(name);
        SecurityIdentity identity = CallerIdentity.of(rc);
        Caller caller = CallerIdentity.callerOf(rc);
        RequestOptions options;
        try {
            options = options(in, target, tokens.tokenFor(caller, target.audience().orElse(name + "-service")), traceOf(rc));
        } catch (RuntimeException e) {
            LOG.errorf(e, "cannot sign the internal token for %s", name);
            unavailable(rc, "the gateway cannot forward requests right now; retry shortly", 2);
            return;
        }
        String key = in.method() == HttpMethod.POST && !caller.isAnonymous() ? in.getHeader("Idempotency-Key") : null;
        if (key != null) {
            forwardOnce(rc, name, target, options, IdempotencyStore.scope(identity, "proxy"), key);
        } else {
            stream(rc, name, target, options);
        }
    }

    /** The gateway's span of this request (platform HttpServerSpans), which the service's span continues. */
    private static TraceContext.Attributes traceOf(RoutingContext rc) {
        Span span = rc.get(HttpServerSpans.SPAN);
        return span == null ? TraceContext.Attributes.NONE : TraceContext.of(Context.root().with(span));
    }

    private RequestOptions options(HttpServerRequest in, RoutesConfig.Service target, String token, TraceContext.Attributes trace) {
        URI base = URI.create(target.url());
        RequestOptions options = new RequestOptions()
                .setMethod(in.method())
                .setHost(base.getHost())
                .setPort(base.getPort() > 0 ? base.getPort() : 80)
                // The canonical path and the query, never the request target as sent (an absolute-form
                // target would carry the client's scheme and host along).
                .setURI(in.query() == null ? in.path() : in.path() + "?" + in.query())
                .setIdleTimeout(target.timeout().toMillis());
        in.headers().forEach(h -> {
            String header = h.getKey().toLowerCase();
            if (!HOP_BY_HOP.contains(header) && !STRIPPED.contains(header) && !header.startsWith("x-forwarded-")) {
                options.addHeader(h.getKey(), h.getValue());
            }
        });
        options.putHeader("Authorization", "Bearer " + token);
        options.putHeader(RequestIds.HEADER, in.getHeader(RequestIds.HEADER));
        // One trace through the gateway: the service continues the gateway's span, not the client's
        // (whose traceparent the gateway's span already continued).
        TraceContext.fields().forEach(options::removeHeader);
        if (trace.present()) {
            options.putHeader(TraceContext.TRACEPARENT, trace.traceparent());
            if (trace.tracestate() != null) {
                options.putHeader(TraceContext.TRACESTATE, trace.tracestate());
            }
        }
        return options;
    }

    /**
     * One upstream request as the guard sees it: the gateway can give up on it (body too large,
     * client gone: {@link UpstreamGuards.RequestAbandoned}, not the service's failure), and once the
     * guard gave up on it (timeout) it is reset, even if the connection only comes up afterwards.
     */
    private static final class UpstreamCall {
        private HttpClientRequest request;
        private boolean abandoned;
        private boolean cancelled;

        /** The connection is up: returns false (and resets it) if the call was cancelled meanwhile. */
        synchronized boolean started(HttpClientRequest out) {
            request = out;
            if (cancelled) {
                out.reset();
            }
            return !cancelled;
        }

        /** The gateway answered the client itself; the request's failure is not the service's. */
        synchronized void abandon() {
            abandoned = true;
        }

        synchronized boolean abandoned() {
            return abandoned;
        }

        /** The guard gave up (timeout) or the client got its answer: let the upstream request go. */
        synchronized void cancel() {
            cancelled = true;
            if (request != null) {
                request.reset();
            }
        }
    }

    /** Streams the request to the service and its answer back, counting the request body on the way. */
    private void stream(RoutingContext rc, String name, RoutesConfig.Service target, RequestOptions options) {
        HttpServerRequest in = rc.request();
        UpstreamCall call = new UpstreamCall();
        guards.<HttpClientResponse>call(name, () -> clients.current().request(options).compose(out -> {
            if (!call.started(out)) {
                return Future.failedFuture(new UpstreamGuards.RequestAbandoned());
            }
            Promise<HttpClientResponse> answered = Promise.promise();
            out.response().onComplete(ar -> {
                if (ar.failed() && call.abandoned()) {
                    answered.tryFail(new UpstreamGuards.RequestAbandoned());
                } else {
                    if (ar.succeeded()) {
                        // The guard hands the answer on later (another turn of the event loop): its body
                        // waits here until relay() pipes it, instead of arriving with nobody reading.
                        ar.result().pause();
                    }
                    answered.handle(ar);
                }
            });
            if (hasBody(in) && !in.headers().contains("Content-Length")) {
                out.setChunked(true);
            }
            pipeLimited(rc, out, call);
            return answered.future();
        })).onComplete(ar -> {
            if (rc.response().ended() || rc.response().headWritten()) {
                call.cancel();
                return;
            }
            if (ar.failed()) {
                call.cancel();
                upstreamFailed(rc, name, target, ar.cause());
                return;
            }
            relay(rc, ar.result());
        });
    }

    /**
     * Pipes the request body to the service with back-pressure, counting bytes: past the limit the
     * upstream request is reset (the service never sees a complete request) and the caller gets 413.
     */
    private void pipeLimited(RoutingContext rc, HttpClientRequest out, UpstreamCall call) {
        HttpServerRequest in = rc.request();
        long[] received = {0};
        out.exceptionHandler(e -> LOG.debugf("request body to the service not sent: %s", e.toString()));
        in.handler(chunk -> {
            if (rc.response().ended()) {
                return; // the service answered already (e.g. 401 without reading the body): let the rest go
            }
            received[0] += chunk.length();
            if (received[0] > maxBodyBytes) {
                in.handler(null);
                in.endHandler(null);
                call.abandon();
                tooLarge(rc); // first: the reset below fails the upstream answer, which must find this one written
                out.reset();
                return;
            }
            out.write(chunk);
            if (out.writeQueueFull()) {
                in.pause();
                out.drainHandler(drained -> in.resume());
            }
        });
        in.exceptionHandler(e -> {
            call.abandon(); // the client went away: nothing the service did
            out.reset(0, e);
        });
        in.endHandler(ended -> out.end());
        in.resume();
    }

    /**
     * POST with {@code Idempotency-Key} (the body is read first, within the limit): the key is
     * claimed in the caller's scope, and the first answer is stored and replayed for retries with the
     * same path and body. The same key with another path or body is 422; a retry while the first is
     * still running is 409. A 5xx or an unreachable service frees the key, so the retry really retries.
     */
    private void forwardOnce(RoutingContext rc, String name, RoutesConfig.Service target, RequestOptions options,
                             String scope, String key) {
        if (key.isBlank() || key.length() > 255) {
            RouteAnswers.problem(rc, 400, "validation", "Invalid request", "Idempotency-Key: must be 1 to 255 characters");
            return;
        }
        readLimited(rc).onFailure(e -> RouteAnswers.problem(rc, 400, "malformed-request", "Bad request",
                "the request body could not be read")).onSuccess(body -> {
            if (body == null) {
                return; // refused as too large
            }
            String hash = sha256(rc.request().path() + "\n" + body);
            vertx.executeBlocking(() -> idempotency.claim(scope, key, hash), false).onComplete(claimed -> {
                if (claimed.failed()) {
                    unavailable(rc, "the gateway cannot reach its database; retry shortly", 2);
                } else if (claimed.result().isPresent()) {
                    replay(rc, claimed.result().get(), hash, key);
                } else {
                    sendOnce(rc, name, target, options, scope, key, body);
                }
            });
        });
    }

    /** The whole request body, or null (after answering 413) when it passes the limit. */
    private Future<Buffer> readLimited(RoutingContext rc) {
        HttpServerRequest in = rc.request();
        Promise<Buffer> read = Promise.promise();
        Buffer body = Buffer.buffer();
        in.handler(chunk -> {
            if (body.length() + chunk.length() > maxBodyBytes) {
                in.handler(null);
                in.endHandler(null);
                tooLarge(rc);
                read.tryComplete(null);
                return;
            }
            body.appendBuffer(chunk);
        });
        in.exceptionHandler(read::tryFail);
        in.endHandler(ended -> read.tryComplete(body));
        in.resume();
        return read.future();
    }

    private void sendOnce(RoutingContext rc, String name, RoutesConfig.Service target, RequestOptions options,
                          String scope, String key, Buffer body) {
        options.removeHeader("Content-Length");
        UpstreamCall call = new UpstreamCall();
        guards.<Answer>call(name, () -> clients.current().request(options)
                        .compose(out -> call.started(out) ? out.send(body) : Future.failedFuture(new UpstreamGuards.RequestAbandoned()))
                        .compose(response -> response.body().map(received -> new Answer(response, received))))
                .onComplete(ar -> {
                    if (ar.failed()) {
                        call.cancel();
                        vertx.executeBlocking(() -> {
                            idempotency.release(scope, key);
                            return null;
                        }, false);
                        upstreamFailed(rc, name, target, ar.cause());
                        return;
                    }
                    Answer answer = ar.result();
                    HttpClientResponse response = answer.response();
                    vertx.executeBlocking(() -> {
                        if (response.statusCode() >= 500) {
                            idempotency.release(scope, key);
                        } else {
                            idempotency.complete(scope, key, response.statusCode(), response.getHeader("Content-Type"),
                                    response.getHeader("Location"), response.getHeader("ETag"), answer.body().getBytes());
                        }
                        return null;
                    }, false).onComplete(stored -> {
                        if (stored.failed()) {
                            LOG.warnf("could not store the answer for Idempotency-Key %s: %s", key, stored.cause().toString());
                        }
                        respond(rc, response, answer.body());
                    });
                });
    }

    private record Answer(HttpClientResponse response, Buffer body) {
    }

    private void respond(RoutingContext rc, HttpClientResponse response, Buffer body) {
        if (rc.response().ended() || rc.response().headWritten()) {
            return;
        }
        rc.response().setStatusCode(response.statusCode());
        response.headers().forEach(h -> {
            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase()) && !h.getKey().equalsIgnoreCase("Content-Length")) {
                rc.response().headers().add(h.getKey(), h.getValue());
            }
        });
        rc.response().end(body);
    }

    private void replay(RoutingContext rc, IdempotencyStore.Stored stored, String hash, String key) {
        if (!stored.requestHash().equals(hash)) {
            RouteAnswers.problem(rc, 422, "idempotency-key-reused", "Unprocessable request",
                    "Idempotency-Key " + key + " was already used with a different request");
        } else if (stored.status() == null) {
            rc.response().putHeader("Retry-After", "1");
            RouteAnswers.problem(rc, 409, "idempotency-key-in-flight", "Conflict",
                    "the first request with Idempotency-Key " + key + " is still being processed; retry shortly");
        } else {
            rc.response().setStatusCode(stored.status()).putHeader("Idempotent-Replayed", "true");
            if (stored.contentType() != null) {
                rc.response().putHeader("Content-Type", stored.contentType());
            }
            if (stored.location() != null) {
                rc.response().putHeader("Location", stored.location());
            }
            if (stored.etag() != null) { // a retried create must get the version its If-Match needs, as the first answer did
                rc.response().putHeader("ETag", stored.etag());
            }
            rc.response().end(stored.body() == null ? Buffer.buffer() : Buffer.buffer(stored.body()));
        }
    }

    private void relay(RoutingContext rc, HttpClientResponse response) {
        rc.response().setStatusCode(response.statusCode());
        response.headers().forEach(h -> {
            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase())) {
                rc.response().headers().add(h.getKey(), h.getValue());
            }
        });
        if (!response.headers().contains("Content-Length")) {
            rc.response().setChunked(true);
        }
        // The client went away mid-answer: stop reading the service's answer.
        rc.response().closeHandler(closed -> {
            response.handler(chunk -> { });
            response.request().reset();
        });
        // Not send(response): its pipe ends the caller's answer when the pipe fails. An answer the
        // service broke off would then reach the caller as a complete (truncated) body, and a write
        // into a connection the caller just closed made the pipe end the answer and then check it,
        // logging "Response has already been written" (eclipse-vertx/vert.x#4479; once per load run).
        // A failed pipe resets the caller's connection instead, so a broken answer looks broken.
        response.pipe().endOnFailure(false).to(rc.response()).onFailure(failure -> {
            LOG.debugf("answer of the service not passed on completely: %s", failure.toString());
            if (!rc.response().ended()) {
                rc.response().reset();
            }
        });
    }

    /** Whether a request may carry a body: HTTP/1 says so in its headers; HTTP/2 need not. */
    private static boolean hasBody(HttpServerRequest in) {
        return in.headers().contains("Content-Length") || in.headers().contains("Transfer-Encoding")
                || in.version() == HttpVersion.HTTP_2;
    }

    private void tooLarge(RoutingContext rc) {
        rc.response().putHeader("Connection", "close");
        RouteAnswers.problem(rc, 413, "payload-too-large", "Payload too large",
                "the request body is larger than the limit of " + maxBodyBytes + " bytes");
    }

    private void upstreamFailed(RoutingContext rc, String name, RoutesConfig.Service target, Throwable cause) {
        LOG.debugf("forwarding %s %s to %s failed: %s", rc.request().method(), rc.request().path(), name, cause);
        // By type only: the guard's timeout, or Vert.x's idle timeout of a request that stalls.
        if (cause instanceof org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException
                || cause instanceof java.util.concurrent.TimeoutException) {
            timedOut(rc, name, target);
        } else if (cause instanceof CircuitBreakerOpenException) {
            unavailable(rc, name + "-service is unavailable (circuit open); retry shortly",
                    Math.max(1, target.openFor().toSeconds()));
        } else {
            unavailable(rc, name + "-service is unavailable", 2);
        }
    }

    private static void timedOut(RoutingContext rc, String name, RoutesConfig.Service target) {
        RouteAnswers.problem(rc, 504, "upstream-timeout", "Gateway timeout",
                name + "-service did not answer within " + target.timeout().toMillis() + " ms");
    }

    private static void unavailable(RoutingContext rc, String detail, long retryAfterSeconds) {
        if (rc.response().ended() || rc.response().headWritten()) {
            return;
        }
        if (retryAfterSeconds > 0) {
            rc.response().putHeader("Retry-After", Long.toString(retryAfterSeconds));
        }
        RouteAnswers.problem(rc, 503, "upstream-unavailable", "Service unavailable", detail);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
