package dev.crmsuite.platform.tracing;

import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.jboss.logging.Logger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;

/**
 * Exports spans as OTLP/HTTP protobuf ({@code POST <endpoint>/v1/traces}) with the JDK's HTTP
 * client. The SDK's own OTLP exporter needs a sender artifact (okhttp) that our offline mirror
 * does not have; the encoding is the SDK's ({@link TraceRequestMarshaler}), only the POST is ours.
 * A collector that is down costs the spans of that batch, never a request: the batch processor
 * calls this off the request path and failures are only logged.
 */
final class OtlpHttpSpans implements SpanExporter {

    private static final Logger LOG = Logger.getLogger(OtlpHttpSpans.class);

    private final URI traces;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    OtlpHttpSpans(String endpoint) {
        String base = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        this.traces = URI.create(base.endsWith("/v1/traces") ? base : base + "/v1/traces");
    }

    URI uri() {
        return traces;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            TraceRequestMarshaler.create(spans).writeBinaryTo(body);
        } catch (IOException e) {
            return CompletableResultCode.ofFailure();
        }
        HttpRequest request = HttpRequest.newBuilder(traces)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        CompletableResultCode result = new CompletableResultCode();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            if (failure != null || response.statusCode() >= 300) {
                LOG.debugf("%d spans not exported to %s: %s", spans.size(), traces,
                        failure != null ? failure.toString() : "HTTP " + response.statusCode());
                result.fail();
            } else {
                result.succeed();
            }
        });
        return result;
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
