package dev.crmsuite.platform.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The request's trace context follows it from the event loop to the worker thread, and no further. */
class RequestContextTest {

    private final Vertx vertx = Vertx.vertx();
    private final Spans spans = new Spans();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void theWorkerServingARequestSeesItsSpanAnotherRequestDoesNot() throws Exception {
        Span span = spans.tracer.spanBuilder("GET").setParent(TraceContext.extract(TraceContextTest.TRACEPARENT, null)).startSpan();
        io.vertx.core.Context request = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        io.vertx.core.Context otherRequest = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        CompletableFuture<TraceContext.Attributes> onWorker = new CompletableFuture<>();
        CompletableFuture<TraceContext.Attributes> elsewhere = new CompletableFuture<>();
        request.runOnContext(v -> {
            request.putLocal(HttpServerSpans.SPAN, Context.root().with(span)); // as HttpServerSpans.start does
            request.executeBlocking(TraceContext::current, false).onComplete(ar -> {
                onWorker.complete(ar.result());
                otherRequest.runOnContext(w -> elsewhere.complete(TraceContext.current()));
            });
        });
        assertEquals("00-" + TraceContextTest.TRACE_ID + "-" + span.getSpanContext().getSpanId() + "-"
                + span.getSpanContext().getTraceFlags().asHex(), onWorker.get(10, TimeUnit.SECONDS).traceparent());
        assertFalse(elsewhere.get(10, TimeUnit.SECONDS).present(), "another request has its own (none here)");
        assertFalse(TraceContext.current().present(), "a thread outside Vert.x sees none");
        span.end();
    }
}
