package dev.crmsuite.platform.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * One SERVER span per HTTP request: it continues the caller's {@code traceparent} (the gateway's,
 * or a client's) or starts a trace, is current while the request is served (the outbox copies it
 * into the events the request causes) and puts {@code traceId}/{@code spanId} in the log MDC.
 *
 * <p>"Current" for the request means {@link #requestContext()}, which {@link TraceContext#current()}
 * reads; the context is not attached to a thread.
 *
 * <p>A Vert.x filter rather than a JAX-RS one, so the gateway's proxied routes (plain Vert.x) are
 * traced too, and so the span covers everything from the first filter on. Named, when the request
 * ends, {@code <method> <route template>} with the template Quarkus REST records for its
 * observability ({@value #ROUTE}); without one (a 404, a proxied route) just the method, as the
 * HTTP semantic conventions say, since a raw path would make one name per customer.
 */
@ApplicationScoped
public class HttpServerSpans {

    /** Runs before every other filter (the canonical path filter is 400, the proxy's 350). */
    static final int PRIORITY = 1_000;
    /** Where Quarkus REST puts the matched route template in the routing context. */
    public static final String ROUTE = "UrlPathTemplate";
    /** The request's span in the routing context, and its context in the request's Vert.x context. */
    public static final String SPAN = "crm.tracing.span";

    static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
    static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");
    static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");

    private static final io.opentelemetry.context.propagation.TextMapGetter<HttpServerRequest> HEADERS =
            new io.opentelemetry.context.propagation.TextMapGetter<>() {
                @Override
                public Iterable<String> keys(HttpServerRequest carrier) {
                    return carrier.headers().names();
                }

                @Override
                public String get(HttpServerRequest carrier, String key) {
                    return carrier == null ? null : carrier.getHeader(key);
                }
            };

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(HttpServerSpans.class);

    private final Tracer tracer;

    public HttpServerSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    void register(@Observes Filters filters) {
        filters.register(this::start, PRIORITY);
    }

    void start(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (request.path() != null && request.path().startsWith("/q/")) {
            rc.next(); // health, metrics, OpenAPI: not worth a trace each
            return;
        }
        String method = request.method().name();
        Context parent = TraceContext.propagator().extract(Context.root(), request, HEADERS);
        Span span = tracer.spanBuilder(method)
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute(METHOD, method)
                .setAttribute(PATH, request.path())
                .startSpan();
        rc.put(SPAN, span);
        // The request's context lives in the request's Vert.x duplicated context, which the worker
        // thread serving the request shares (as Quarkus' MDC does); a thread local would stay behind
        // on the event loop. quarkus-opentelemetry makes it OpenTelemetry's current context itself.
        Context context = parent.with(span);
        if (VertxContext.isOnDuplicatedContext()) {
            Vertx.currentContext().putLocal(SPAN, context);
        }
        TraceContext.toMdc(span);
        rc.addEndHandler(ended -> {
            int status = rc.response().getStatusCode();
            if (LOG.isDebugEnabled()) { // an access log line with the trace id, when asked for
                TraceContext.toMdc(span);
                LOG.debugf("%s %s %d", method, request.path(), status);
            }
            end(span, method, rc.get(ROUTE), status);
            TraceContext.clearMdc();
        });
        rc.next();
    }

    /** The context of the request being served on this thread's Vert.x duplicated context (root if none). */
    public static Context requestContext() {
        io.vertx.core.Context vertx = Vertx.currentContext();
        Context context = vertx != null && VertxContext.isDuplicatedContext(vertx) ? vertx.getLocal(SPAN) : null;
        return context == null ? Context.root() : context;
    }

    static void end(Span span, String method, String route, int status) {
        if (route != null && !route.isBlank()) {
            span.updateName(method + " " + route);
            span.setAttribute(HTTP_ROUTE, route);
        }
        span.setAttribute(STATUS, (long) status);
        if (status >= 500) {
            span.setStatus(StatusCode.ERROR); // 4xx is the caller's error, not the server span's (semconv)
        }
        span.end();
    }
}
