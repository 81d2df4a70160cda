package dev.crmsuite.platform.tracing;

import dev.crmsuite.platform.events.CloudEvent;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;

/**
 * The CONSUMER span of one event being applied: a child of the producer's span named by the
 * event's {@code traceparent} (a new trace when the event has none), current while the subscriber
 * handles it (so the events it causes carry the same trace on) and in the log MDC.
 */
public final class EventSpans {

    static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
    static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("cloudevents.event_type");
    static final AttributeKey<String> CONSUMER = AttributeKey.stringKey("messaging.consumer.group.name");

    private EventSpans() {
    }

    /** A started span, current on this thread until {@link Handling#close()}. */
    public static Handling start(Tracer tracer, String topic, String consumerGroup, CloudEvent event) {
        Span span = tracer.spanBuilder("process " + topic)
                .setParent(TraceContext.extract(event.traceparent(), event.tracestate()))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute(SYSTEM, "kafka")
                .setAttribute(DESTINATION, topic)
                .setAttribute(OPERATION, "process")
                .setAttribute(MESSAGE_ID, event.id())
                .setAttribute(EVENT_TYPE, event.type())
                .setAttribute(CONSUMER, consumerGroup)
                .startSpan();
        Scope scope = span.makeCurrent();
        TraceContext.toMdc(span);
        return new Handling(span, scope);
    }

    /** The span of an event being handled; closing it ends the span and leaves the MDC clean. */
    public record Handling(Span span, Scope scope) implements AutoCloseable {

        /** The event went to the dead-letter topic (or could not be applied). */
        public void failed(String reason) {
            span.setStatus(StatusCode.ERROR, reason);
        }

        @Override
        public void close() {
            scope.close();
            span.end();
            TraceContext.clearMdc();
        }
    }
}
