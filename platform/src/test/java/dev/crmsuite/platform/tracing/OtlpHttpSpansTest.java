package dev.crmsuite.platform.tracing;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OtlpHttpSpansTest {

    record Received(String path, String contentType, byte[] body) {
    }

    @Test
    void theEndpointIsTheTracesPathOfTheConfiguredBase() {
        assertEquals("http://collector:4318/v1/traces", new OtlpHttpSpans("http://collector:4318").uri().toString());
        assertEquals("http://collector:4318/v1/traces", new OtlpHttpSpans("http://collector:4318/").uri().toString());
        assertEquals("http://collector:4318/v1/traces", new OtlpHttpSpans("http://collector:4318/v1/traces").uri().toString());
    }

    @Test
    void anEndedSpanIsPostedAsOtlpProtobufWhenAnEndpointIsSet() throws Exception {
        BlockingQueue<Received> received = new ArrayBlockingQueue<>(10);
        HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        try (OpenTelemetrySdk sdk = Tracing.sdk("test-service",
                Optional.of("http://127.0.0.1:" + collector.getAddress().getPort()))) {
            Span span = sdk.getTracer("test").spanBuilder("GET /api/v1/things/{id}").startSpan();
            span.end();
            sdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
            Received post = received.poll(10, TimeUnit.SECONDS);
            assertNotNull(post, "the collector got the span");
            assertEquals("/v1/traces", post.path());
            assertEquals("application/x-protobuf", post.contentType());
            // protobuf carries the ids as raw bytes, the names as UTF-8
            String body = HexFormat.of().formatHex(post.body());
            assertTrue(body.contains(span.getSpanContext().getTraceId()), "the trace id is in the export");
            assertTrue(new String(post.body(), java.nio.charset.StandardCharsets.UTF_8).contains("test-service"),
                    "the service name is the resource's");
        } finally {
            collector.stop(0);
        }
    }

    @Test
    void withoutAnEndpointSpansStillGetIdsForPropagation() {
        try (OpenTelemetrySdk sdk = Tracing.sdk("test-service", Optional.empty())) {
            Span span = sdk.getTracer("test").spanBuilder("op").startSpan();
            assertTrue(span.getSpanContext().isValid());
            assertTrue(span.getSpanContext().isSampled());
            span.end();
        }
    }
}
