package dev.crmsuite.platform.inbox;

import dev.crmsuite.platform.events.CloudEvent;
import dev.crmsuite.platform.tracing.TraceContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The work a batch subscriber does for one event runs as that event: its span, its ids. */
class BatchedEventsTest {

    private static final String TRACE_A = "0af7651916cd43dd8448eb211c80319c";
    private static final String TRACE_B = "4bf92f3577b34da6a3ce929d0e0e4736";

    @AfterEach
    void clean() {
        BatchedEvents.clear();
        MDC.clear();
    }

    @Test
    void during_makes_the_events_own_span_and_ids_current_and_restores_the_batchs_afterwards() {
        CloudEvent a = event("e-a", "req-a");
        CloudEvent b = event("e-b", null);
        Span spanA = span(TRACE_A, "00f067aa0ba902b7");
        Span spanB = span(TRACE_B, "b7ad6b7169203331");
        BatchedEvents.register(Map.of("e-a", spanA, "e-b", spanB));
        MDC.put("eventId", "e-b"); // as EventConsumers leaves it: the batch's last event
        MDC.put("requestId", "req-outer");

        String seen = BatchedEvents.during(a, () -> Span.current().getSpanContext().getTraceId() + " " + MDC.get("eventId") + " "
                + MDC.get("requestId") + " " + MDC.get(TraceContext.MDC_TRACE_ID));
        assertThat(seen).isEqualTo(TRACE_A + " e-a req-a " + TRACE_A);
        assertThat(TraceContext.current().traceparent()).isNull(); // nothing current outside
        assertThat(MDC.get("eventId")).isEqualTo("e-b");
        assertThat(MDC.get("requestId")).isEqualTo("req-outer");

        BatchedEvents.during(b, () -> {
            assertThat(TraceContext.current().traceparent()).contains(TRACE_B);
            assertThat(MDC.get("requestId")).as("an event without a request id carries none, not its neighbour's").isNull();
        });
    }

    @Test
    void outside_a_batch_the_work_just_runs() {
        CloudEvent a = event("e-a", "req-a");
        MDC.put("requestId", "req-current");
        assertThat(BatchedEvents.during(a, () -> MDC.get("requestId"))).isEqualTo("req-current");
    }

    private static CloudEvent event(String id, String requestId) {
        return new CloudEvent(CloudEvent.SPEC_VERSION, id, "/test", "crm.test.happened.v1", "c-1", OffsetDateTime.now(),
                CloudEvent.JSON, requestId, null);
    }

    private static Span span(String traceId, String spanId) {
        return Span.wrap(SpanContext.create(traceId, spanId, TraceFlags.getSampled(), TraceState.getDefault()));
    }
}
