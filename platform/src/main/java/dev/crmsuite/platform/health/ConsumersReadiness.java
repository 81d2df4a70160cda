package dev.crmsuite.platform.health;

import dev.crmsuite.platform.inbox.EventConsumers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once every event consumer has joined its consumer group, so the replica reacts to events. */
@Readiness
@ApplicationScoped
public class ConsumersReadiness implements HealthCheck {

    @Inject
    EventConsumers consumers;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("event-consumers").status(consumers.allJoined()).build();
    }
}
