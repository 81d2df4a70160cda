package dev.crmsuite.platform.tracing;

import dev.crmsuite.platform.events.CloudEvent;
import dev.crmsuite.platform.events.EventJson;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;

import static dev.crmsuite.platform.tracing.TraceContextTest.PARENT;
import static dev.crmsuite.platform.tracing.TraceContextTest.TRACEPARENT;
import static dev.crmsuite.platform.tracing.TraceContextTest.TRACE_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventSpansTest {

    private final Spans spans = new Spans();

    private static CloudEvent event(String traceparent) {
        return new CloudEvent("1.0", "e-1", "/crm/customer-service", "crm.customer.registered.v1", "c-1",
                OffsetDateTime.parse("2030-01-01T00:00:00Z"), CloudEvent.JSON, "r-1", traceparent, null,
                EventJson.MAPPER.createObjectNode());
    }

    @Test
    void theConsumerSpanContinuesTheProducersTraceAndIsInTheMdcWhileHandling() {
        String whileHandling;
        String causedEvent;
        try (EventSpans.Handling handling = EventSpans.start(spans.tracer, "crm.customers", "loyalty-service.customers", event(TRACEPARENT))) {
            whileHandling = (String) MDC.get(TraceContext.MDC_TRACE_ID);
            assertEquals(handling.span().getSpanContext().getSpanId(), MDC.get(TraceContext.MDC_SPAN_ID));
            causedEvent = TraceContext.current().traceparent(); // what the outbox writes into an event caused here
        }
        assertEquals(TRACE_ID, whileHandling);
        assertTrue(causedEvent.startsWith("00-" + TRACE_ID + "-"), causedEvent);
        assertNull(MDC.get(TraceContext.MDC_TRACE_ID), "the MDC is clean after the event");
        assertFalse(TraceContext.current().present(), "no span stays current after the event");

        SpanData span = spans.only();
        assertEquals(TRACE_ID, span.getTraceId());
        assertEquals(PARENT, span.getParentSpanId());
        assertEquals(SpanKind.CONSUMER, span.getKind());
        assertEquals("process crm.customers", span.getName());
        assertEquals("crm.customer.registered.v1", span.getAttributes().get(EventSpans.EVENT_TYPE));
        assertEquals("e-1", span.getAttributes().get(EventSpans.MESSAGE_ID));
    }

    @Test
    void anEventWithoutTraceContextStartsATrace() {
        try (EventSpans.Handling handling = EventSpans.start(spans.tracer, "crm.customers", "g", event(null))) {
            handling.failed("poison");
        }
        SpanData span = spans.only();
        assertTrue(span.getSpanContext().isValid());
        assertFalse(span.getParentSpanContext().isValid());
        assertNotEquals(TRACE_ID, span.getTraceId());
        assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    }
}
