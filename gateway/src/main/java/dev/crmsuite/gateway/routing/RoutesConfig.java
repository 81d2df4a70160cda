package dev.crmsuite.gateway.routing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

/**
 * Where each service lives, how long the gateway waits for it and when it stops trying
 * ({@code crm.routes.<service>.*}); the timeout and the circuit breaker are SmallRye Fault
 * Tolerance's ({@link UpstreamGuards}).
 */
@ConfigMapping(prefix = "crm.routes")
public interface RoutesConfig {

    /** Keyed by service: customer, loyalty, complaint, survey. */
    @io.smallrye.config.WithParentName
    Map<String, Service> services();

    interface Service {
        /** Base URL, e.g. http://customer-service:8080 in the cluster. */
        String url();

        /**
         * The audience of the internal tokens sent to this service: its {@code quarkus.application.name}
         * ({@code <key>-service} unless set).
         */
        java.util.Optional<String> audience();

        /**
         * Longest wait for the service's answer (its status and headers; the body then streams under
         * an idle timeout of the same length); past it the caller gets 504 and the breaker counts one failure.
         */
        @WithDefault("10s")
        Duration timeout();

        /**
         * Failures in a row that open the circuit: the service unreachable, the connection lost, or
         * the timeout passed, each call counted once. An answer, even a 5xx, is the service working.
         */
        @WithDefault("5")
        int failureThreshold();

        /**
         * How long an open circuit answers 503 (Retry-After) without calling the service; then one
         * trial call goes through (half-open): its success closes the circuit, its failure opens it again.
         */
        @WithDefault("10s")
        Duration openFor();
    }
}
