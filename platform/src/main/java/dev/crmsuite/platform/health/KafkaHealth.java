package dev.crmsuite.platform.health;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.health.api.Wellness;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import dev.crmsuite.platform.events.KafkaConnection;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether the Kafka cluster answers, as a wellness check ({@code /q/health}, {@code /q/health/well})
 * and the gauge {@code crm.kafka.reachable} (1 or 0, as of the last check), never as readiness: a
 * replica without Kafka still answers reads and takes writes (the outbox keeps their events until the
 * broker is back), so taking it out of the load balancer would turn a broker outage into an API
 * outage. Alerts and operators read this instead.
 */
@Wellness
@ApplicationScoped
public class KafkaHealth implements HealthCheck {

    private final KafkaConnection kafka;
    private final AtomicInteger reachable = new AtomicInteger(-1);
    private Admin admin;

    KafkaHealth(KafkaConnection kafka, MeterRegistry meters) {
        this.kafka = kafka;
        meters.gauge("crm.kafka.reachable", reachable);
    }

    @Override
    public HealthCheckResponse call() {
        try {
            int nodes = admin().describeCluster(new DescribeClusterOptions().timeoutMs(2_000))
                    .nodes().get(3, TimeUnit.SECONDS).size();
            reachable.set(1);
            return HealthCheckResponse.named("kafka").up().withData("nodes", nodes).build();
        } catch (Exception e) {
            reachable.set(0);
            return HealthCheckResponse.named("kafka").down().withData("error", e.toString()).build();
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Map<String, Object> settings = kafka.clientSettings();
            settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
            settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
            admin = Admin.create(settings);
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
