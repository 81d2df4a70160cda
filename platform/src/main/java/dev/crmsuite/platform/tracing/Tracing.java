package dev.crmsuite.platform.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * The service's one OpenTelemetry SDK: W3C trace context, every trace sampled, spans exported over
 * OTLP/HTTP only when {@code crm.tracing.otlp-endpoint} is set (without it, spans still get ids and
 * propagate, so logs and events carry trace ids, but nothing is sent anywhere).
 *
 * <p>Why the SDK directly: quarkus-opentelemetry (which would do all of this, plus JDBC, Kafka and
 * REST client spans) does not resolve on our offline Maven mirror. When it does, delete this
 * package's producer, HTTP filter and exporter and keep only {@link TraceContext} for the
 * CloudEvents attributes; the extension takes the same W3C headers, so nothing on the wire changes.
 * No {@code GlobalOpenTelemetry}: several Quarkus apps share one JVM in tests.
 */
@ApplicationScoped
public class Tracing {

    /** Instrumentation scope of the platform's spans. */
    public static final String SCOPE = "dev.crmsuite.platform";

    /** Always on: the suite's volume is small, and a trace id in every log line is the point. */
    static OpenTelemetrySdk sdk(String serviceName, Optional<String> otlpEndpoint) {
        SdkTracerProviderBuilder tracers = SdkTracerProvider.builder()
                .setSampler(Sampler.alwaysOn())
                .setResource(Resource.getDefault().merge(Resource.create(
                        Attributes.of(AttributeKey.stringKey("service.name"), serviceName))));
        otlpEndpoint.filter(e -> !e.isBlank())
                .ifPresent(endpoint -> tracers.addSpanProcessor(BatchSpanProcessor.builder(new OtlpHttpSpans(endpoint)).build()));
        return OpenTelemetrySdk.builder()
                .setTracerProvider(tracers.build())
                .setPropagators(ContextPropagators.create(TraceContext.propagator()))
                .build();
    }

    @Produces
    @Singleton
    OpenTelemetry openTelemetry(@ConfigProperty(name = "quarkus.application.name") String serviceName,
                                @ConfigProperty(name = "crm.tracing.otlp-endpoint") Optional<String> otlpEndpoint) {
        return sdk(serviceName, otlpEndpoint);
    }

    /** Exports what is still batched when the service stops. */
    void close(@Disposes OpenTelemetry openTelemetry) {
        if (openTelemetry instanceof OpenTelemetrySdk sdk) {
            sdk.close();
        }
    }

    @Produces
    @Singleton
    Tracer tracer(OpenTelemetry openTelemetry) {
        return openTelemetry.getTracer(SCOPE);
    }
}
