package dev.crmsuite.platform.inbox;

import dev.crmsuite.platform.events.CloudEvent;
import dev.crmsuite.platform.tracing.TraceContext;
import dev.crmsuite.platform.web.RequestIds;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import org.jboss.logging.MDC;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Which event of a batch the code running now is about. A {@link BatchEventSubscriber} applies
 * many events in one call; what it does for one of them (an event it appends through the outbox, a
 * log line) must carry that event's consumer span, id and request id, as it would had the event
 * been applied alone: otherwise every event a batch causes would join the trace of its last event.
 *
 * <p>{@link EventConsumers} registers the spans of the batch it is applying on its thread; outside
 * such a batch (an event applied alone, whose span and ids are current already) {@link #during}
 * just runs the work.
 */
public final class BatchedEvents {

    private static final ThreadLocal<Map<String, Span>> SPANS = new ThreadLocal<>();

    private BatchedEvents() {
    }

    /** Runs {@code work} as part of applying {@code event}: its span current, its ids in the MDC. */
    public static <T> T during(CloudEvent event, Supplier<T> work) {
        Map<String, Span> spans = SPANS.get();
        Span span = spans == null ? null : spans.get(event.id());
        if (span == null) {
            return work.get();
        }
        Object eventId = MDC.get("eventId");
        Object requestId = MDC.get(RequestIds.MDC_KEY);
        MDC.put("eventId", event.id());
        if (event.requestid() != null) {
            MDC.put(RequestIds.MDC_KEY, event.requestid());
        } else {
            MDC.remove(RequestIds.MDC_KEY);
        }
        try (Scope ignored = span.makeCurrent()) {
            TraceContext.toMdc(span);
            return work.get();
        } finally {
            restore("eventId", eventId);
            restore(RequestIds.MDC_KEY, requestId);
            TraceContext.clearMdc();
            TraceContext.toMdc(Span.current());
        }
    }

    /** {@link #during(CloudEvent, Supplier)} for work without a result. */
    public static void during(CloudEvent event, Runnable work) {
        during(event, () -> {
            work.run();
            return null;
        });
    }

    /** The spans of the batch being applied on this thread, by event id, until {@link #clear}. */
    static void register(Map<String, Span> spans) {
        SPANS.set(spans);
    }

    static void clear() {
        SPANS.remove();
    }

    private static void restore(String key, Object value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
