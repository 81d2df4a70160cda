package dev.crmsuite.gateway.routing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

/** Where each service lives and how long the gateway waits for it ({@code crm.routes.<service>.*}). */
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

        /** Longest wait for the service to answer; past it the caller gets 504. */
        @WithDefault("10s")
        Duration timeout();

        /** Consecutive connection failures or timeouts that open the circuit. */
        @WithDefault("5")
        int failureThreshold();

        /** How long an open circuit answers 503 before one trial request. */
        @WithDefault("10s")
        Duration openFor();
    }
}
