package dev.crmsuite.gateway.routing;

import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * The circuit breaker of every upstream service, as a wellness check ({@code /q/health},
 * {@code /q/health/well} on the management port): its state and what it counted since start
 * (failures, including timeouts, each counted once; successes; calls refused while open). Never
 * readiness: a gateway whose loyalty-service is down still serves every other service. The same
 * numbers are SmallRye's metrics ({@code ft_circuitbreaker_*}, {@code ft_timeout_*}, tag
 * {@code method="upstream-<service>"}).
 */
@Wellness
@ApplicationScoped
public class UpstreamsHealth implements HealthCheck {

    private final UpstreamGuards guards;

    public UpstreamsHealth(UpstreamGuards guards) {
        this.guards = guards;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("upstreams").up();
        guards.snapshots().forEach((service, breaker) -> {
            if (breaker.state() == CircuitBreakerState.OPEN) {
                response.down();
            }
            response.withData(service + ".circuit", breaker.state().name())
                    .withData(service + ".failures", breaker.failures())
                    .withData(service + ".timeouts", breaker.timeouts())
                    .withData(service + ".successes", breaker.successes())
                    .withData(service + ".refusedWhileOpen", breaker.prevented());
        });
        return response.build();
    }
}
