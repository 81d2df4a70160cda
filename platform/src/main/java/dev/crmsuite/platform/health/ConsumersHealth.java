package dev.crmsuite.platform.health;

import dev.crmsuite.platform.inbox.EventConsumers;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Whether every event consumer has joined its consumer group, as a wellness check: the API answers
 * without it (see KafkaHealth), but {@code ./crm up} and the end-to-end suite wait for the whole
 * {@code /q/health} to be UP, so they start once the replica also reacts to events.
 */
@Wellness
@ApplicationScoped
public class ConsumersHealth implements HealthCheck {

    private final EventConsumers consumers;

    ConsumersHealth(EventConsumers consumers) {
        this.consumers = consumers;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("event-consumers").status(consumers.allJoined()).build();
    }
}
