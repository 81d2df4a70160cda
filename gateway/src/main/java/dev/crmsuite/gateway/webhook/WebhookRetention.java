package dev.crmsuite.gateway.webhook;

import dev.crmsuite.platform.retention.BatchedDeletes;
import dev.crmsuite.platform.retention.RetentionConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

/**
 * Webhook deliveries and their attempts would grow forever: a finished one (delivered, failed or
 * withheld) goes once it is older than {@code crm.gateway.webhooks.delivery-retention}, in the
 * platform's short batches. A pending delivery is never purged, whatever its age: it is still owed.
 */
@ApplicationScoped
public class WebhookRetention {

    private final BatchedDeletes deletes;
    private final WebhooksConfig config;
    private final RetentionConfig retention;
    private final Clock clock;

    WebhookRetention(BatchedDeletes deletes, WebhooksConfig config, RetentionConfig retention, Clock clock) {
        this.deletes = deletes;
        this.config = config;
        this.retention = retention;
        this.clock = clock;
    }

    @Scheduled(every = "1h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (retention.enabled()) {
            purge();
        }
    }

    /** Deletes the finished deliveries older than the retention; returns how many. */
    public long purge() {
        return deletes.run("webhook_delivery", """
                        delete from webhook_delivery where id in (
                            select id from webhook_delivery where status <> 'PENDING' and created_at < ?1
                            order by created_at limit ?2 for update skip locked)""",
                clock.instant().minus(config.deliveryRetention()));
    }
}
