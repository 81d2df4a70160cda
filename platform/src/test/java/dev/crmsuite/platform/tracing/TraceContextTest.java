package dev.crmsuite.platform.tracing;

import dev.crmsuite.platform.events.CloudEvent;
import dev.crmsuite.platform.events.EventJson;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceContextTest {

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String PARENT = "00f067aa0ba902b7";
    static final String TRACEPARENT = "00-" + TRACE_ID + "-" + PARENT + "-01";

    private final Spans spans = new Spans();

    @Test
    void noSpanMeansNoAttributes() {
        assertEquals(TraceContext.Attributes.NONE, TraceContext.current());
        assertFalse(TraceContext.current().present());
    }

    @Test
    void aContinuedSpanWritesTheSameTraceWithItsOwnSpanId() {
        Span span = spans.tracer.spanBuilder("op").setParent(TraceContext.extract(TRACEPARENT, "vendor=1")).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            TraceContext.Attributes attributes = TraceContext.current();
            assertEquals("00-" + TRACE_ID + "-" + span.getSpanContext().getSpanId() + "-01", attributes.traceparent());
            assertEquals("vendor=1", attributes.tracestate(), "tracestate travels on unchanged");
        } finally {
            span.end();
        }
        assertEquals(PARENT, spans.only().getParentSpanId());
        assertEquals(TRACE_ID, spans.only().getTraceId());
    }

    @Test
    void aMalformedOrMissingTraceparentStartsANewTrace() {
        assertFalse(Span.fromContext(TraceContext.extract("00-not-a-trace-01", null)).getSpanContext().isValid());
        assertFalse(Span.fromContext(TraceContext.extract(null, null)).getSpanContext().isValid());
        SpanContext remote = Span.fromContext(TraceContext.extract(TRACEPARENT, null)).getSpanContext();
        assertTrue(remote.isRemote());
        assertEquals(TRACE_ID, remote.getTraceId());
        assertEquals(PARENT, remote.getSpanId());
    }

    @Test
    void anEmptyTracestateIsLeftOut() {
        Context parent = TraceContext.extract(TRACEPARENT, null);
        Span span = spans.tracer.spanBuilder("op").setParent(parent).startSpan();
        assertNull(TraceContext.of(parent.with(span)).tracestate());
        assertTrue(TraceContext.of(parent.with(span)).traceparent().startsWith("00-" + TRACE_ID + "-"));
        span.end();
    }

    @Test
    void theCloudEventCarriesTheDistributedTracingAttributesOnlyWhenPresent() {
        OffsetDateTime at = OffsetDateTime.parse("2030-01-01T00:00:00Z");
        String traced = EventJson.write(new CloudEvent("1.0", "e-1", "/s", "crm.x.v1", "c-1", at, CloudEvent.JSON, null,
                TRACEPARENT, "vendor=1", EventJson.MAPPER.createObjectNode()));
        assertTrue(traced.contains("\"traceparent\":\"" + TRACEPARENT + "\""), traced);
        CloudEvent parsed = EventJson.parse(traced);
        assertEquals(TRACEPARENT, parsed.traceparent());
        assertEquals("vendor=1", parsed.tracestate());

        String untraced = EventJson.write(new CloudEvent("1.0", "e-2", "/s", "crm.x.v1", "c-1", at, CloudEvent.JSON, null,
                EventJson.MAPPER.createObjectNode()));
        assertFalse(untraced.contains("traceparent"), untraced);
        assertFalse(untraced.contains("tracestate"), untraced);
        assertNull(EventJson.parse(untraced).traceparent());
    }
}
