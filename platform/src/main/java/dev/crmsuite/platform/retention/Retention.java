package dev.crmsuite.platform.retention;

import dev.crmsuite.platform.events.EventsConfig;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;

/**
 * Purges the platform's bookkeeping rows that would otherwise grow forever: published outbox rows,
 * Idempotency-Key records and processed-event marks (ages and the rule for marks in
 * {@link RetentionCutoffs}). Deletes go in batches of {@code crm.retention.batch-size}, each its own
 * short transaction ({@link BatchedDeletes}), oldest first and skipping locked rows, so writers, the relay
 * and consumers are never held up. Reads "now" from the application clock, so tests move it instead of waiting.
 */
@Startup
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);

    /** Counts of rows deleted by one run of {@link #purge()}. */
    public record Purged(long publishedEvents, long idempotencyKeys, long processedEvents) {
    }

    private final BatchedDeletes deletes;
    private final RetentionConfig config;
    private final Clock clock;
    private final boolean publishes;

    Retention(BatchedDeletes deletes, RetentionConfig config, Clock clock, EventsConfig events) {
        this.deletes = deletes;
        // A process without a topic (the gateway) has no outbox to purge.
        this.publishes = events.topic().isPresent();
        this.config = config;
        this.clock = clock;
        RetentionCutoffs.at(Instant.EPOCH.plusSeconds(1L << 40), config); // a bad duration fails start-up, not the first run
        if (config.redeliveryHorizon().isEmpty()) {
            LOG.info("crm.retention.redelivery-horizon not set (consumed topics kept forever): processed-event marks are kept");
        }
    }

    @Scheduled(every = "1h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (config.enabled()) {
            purge();
        }
    }

    /** One pass over the three tables, up to the configured cutoffs of this moment. */
    public Purged purge() {
        return purge(RetentionCutoffs.at(clock.instant(), config));
    }

    /** One pass up to the given cutoffs (tests use it to try other ages without another configuration). */
    public Purged purge(RetentionCutoffs cutoffs) {
        long outbox = !publishes ? 0 : inBatches("outbox_event", """
                delete from outbox_event where seq in (
                    select seq from outbox_event where published_at < ?1 order by published_at limit ?2 for update skip locked)""",
                cutoffs.publishedEvents());
        long keys = inBatches("idempotency_record", """
                delete from idempotency_record where (scope, idem_key) in (
                    select scope, idem_key from idempotency_record where created_at < ?1 order by created_at limit ?2 for update skip locked)""",
                cutoffs.idempotencyKeys());
        long marks = cutoffs.processedEvents().map(cutoff -> inBatches("processed_event", """
                delete from processed_event where (consumer, event_id) in (
                    select consumer, event_id from processed_event where processed_at < ?1 order by processed_at limit ?2 for update skip locked)""",
                cutoff)).orElse(0L);
        return new Purged(outbox, keys, marks);
    }

    private long inBatches(String table, String sql, Instant cutoff) {
        return deletes.run(table, sql, cutoff);
    }
}
