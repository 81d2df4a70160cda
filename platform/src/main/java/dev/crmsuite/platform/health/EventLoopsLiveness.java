package dev.crmsuite.platform.health;

import dev.crmsuite.platform.inbox.EventConsumers;
import dev.crmsuite.platform.outbox.OutboxRelay;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive means the background work that keeps events flowing is still running: the outbox relay
 * and every consumer thread. A dead thread will not come back by itself, so a restart is the cure
 * (an unreachable Kafka is not a reason: that is readiness, and restarting would not help).
 */
@Liveness
@ApplicationScoped
public class EventLoopsLiveness implements HealthCheck {

    @Inject
    OutboxRelay relay;
    @Inject
    EventConsumers consumers;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("event-loops")
                .status(relay.isHealthy() && consumers.allAlive())
                .withData("outboxRelayAlive", relay.isHealthy())
                .withData("consumersAlive", consumers.allAlive())
                .withData("msSinceRelaySucceeded", relay.millisSinceLastSuccess())
                .build();
    }
}
