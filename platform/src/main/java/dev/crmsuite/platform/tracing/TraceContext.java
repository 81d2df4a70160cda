package dev.crmsuite.platform.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import org.jboss.logging.MDC;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * W3C trace context (<a href="https://www.w3.org/TR/trace-context/">traceparent / tracestate</a>)
 * in and out of what crosses a process boundary: HTTP headers and the CloudEvents Distributed
 * Tracing extension attributes of the same names. Plain static functions, so the outbox, the
 * consumers and the gateway's proxy share one implementation.
 */
public final class TraceContext {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    /** MDC keys: every log line written while a span is current carries them (JSON logs: under "mdc"). */
    public static final String MDC_TRACE_ID = "traceId";
    public static final String MDC_SPAN_ID = "spanId";

    private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private TraceContext() {
    }

    /** The propagator every service uses: W3C trace context only (no baggage, no vendor formats). */
    public static TextMapPropagator propagator() {
        return W3C;
    }

    /** The trace context of {@code context}'s span as attributes; absent (null) when it has no valid span. */
    public record Attributes(String traceparent, String tracestate) {
        public static final Attributes NONE = new Attributes(null, null);

        public boolean present() {
            return traceparent != null;
        }
    }

    /**
     * The current span's traceparent/tracestate (NONE when no span is current): OpenTelemetry's
     * current context (a consumer's span on its thread), else the HTTP request's span kept in the
     * request's Vert.x duplicated context ({@link HttpServerSpans}), which the worker thread serving
     * the request shares.
     */
    public static Attributes current() {
        Context context = Context.current();
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            context = HttpServerSpans.requestContext();
        }
        return of(context);
    }

    public static Attributes of(Context context) {
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return Attributes.NONE;
        }
        Map<String, String> fields = new HashMap<>(2);
        W3C.inject(context, fields, Map::put);
        String state = fields.get(TRACESTATE);
        return new Attributes(fields.get(TRACEPARENT), state == null || state.isEmpty() ? null : state);
    }

    /**
     * The context a continuation starts from: the remote parent described by {@code traceparent}
     * (and {@code tracestate}), or the root context when there is none or it is malformed (the W3C
     * rule: a broken traceparent starts a new trace instead of failing the request or the event).
     */
    public static Context extract(String traceparent, String tracestate) {
        if (traceparent == null) {
            return Context.root();
        }
        Map<String, String> fields = new HashMap<>(2);
        fields.put(TRACEPARENT, traceparent);
        if (tracestate != null) {
            fields.put(TRACESTATE, tracestate);
        }
        return W3C.extract(Context.root(), fields, MAP);
    }

    /** The header names the propagator writes (to drop a client's own before writing ours). */
    public static List<String> fields() {
        return List.copyOf(W3C.fields());
    }

    /** Puts the span's ids in the logging MDC. */
    public static void toMdc(Span span) {
        SpanContext context = span.getSpanContext();
        if (context.isValid()) {
            MDC.put(MDC_TRACE_ID, context.getTraceId());
            MDC.put(MDC_SPAN_ID, context.getSpanId());
        }
    }

    public static void clearMdc() {
        MDC.remove(MDC_TRACE_ID);
        MDC.remove(MDC_SPAN_ID);
    }
}
