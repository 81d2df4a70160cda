package dev.crmsuite.platform.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class HttpServerSpansTest {

    private final Spans spans = new Spans();

    @Test
    void aServedRequestIsNamedByMethodAndRouteTemplateWithItsStatus() {
        Span span = spans.tracer.spanBuilder("GET").startSpan();
        HttpServerSpans.end(span, "GET", "/api/v1/customers/{id}", 200);
        SpanData data = spans.only();
        assertEquals("GET /api/v1/customers/{id}", data.getName());
        assertEquals("/api/v1/customers/{id}", data.getAttributes().get(HttpServerSpans.HTTP_ROUTE));
        assertEquals(200L, data.getAttributes().get(HttpServerSpans.STATUS));
        assertEquals(StatusCode.UNSET, data.getStatus().getStatusCode());
    }

    @Test
    void withoutATemplateOnlyTheMethodAndAServerErrorIsAnError() {
        Span span = spans.tracer.spanBuilder("POST").startSpan();
        HttpServerSpans.end(span, "POST", null, 503);
        SpanData data = spans.only();
        assertEquals("POST", data.getName(), "never the raw path: one name per customer id would be useless");
        assertNull(data.getAttributes().get(HttpServerSpans.HTTP_ROUTE));
        assertEquals(StatusCode.ERROR, data.getStatus().getStatusCode());
    }

    @Test
    void aClientErrorIsNotTheServersError() {
        Span span = spans.tracer.spanBuilder("GET").startSpan();
        HttpServerSpans.end(span, "GET", "/api/v1/customers/{id}", 404);
        assertEquals(StatusCode.UNSET, spans.only().getStatus().getStatusCode());
    }
}
