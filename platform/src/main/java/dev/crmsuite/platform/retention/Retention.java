package dev.crmsuite.platform.retention;

import dev.crmsuite.platform.events.EventsConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Purges the platform's bookkeeping rows that would otherwise grow forever: published outbox rows,
 * Idempotency-Key records and processed-event marks (ages and the rule for marks in
 * {@link RetentionCutoffs}). Deletes go in batches of {@code crm.retention.batch-size}, each its own
 * short transaction, oldest first and skipping locked rows, so writers, the relay and consumers are
 * never held up. Reads "now" from the application clock, so tests move it instead of waiting.
 */
@Startup
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);

    /** Counts of rows deleted by one run of {@link #purge()}. */
    public record Purged(long publishedEvents, long idempotencyKeys, long processedEvents) {
    }

    private final EntityManager em;
    private final RetentionConfig config;
    private final Clock clock;
    private final MeterRegistry meters;
    private final boolean publishes;

    Retention(EntityManager em, RetentionConfig config, Clock clock, MeterRegistry meters, EventsConfig events) {
        this.em = em;
        // A process without a topic (the gateway) has no outbox to purge.
        this.publishes = events.topic().isPresent();
        this.config = config;
        this.clock = clock;
        this.meters = meters;
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
        OffsetDateTime before = cutoff.atOffset(ZoneOffset.UTC);
        long total = 0;
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(sql)
                    .setParameter(1, before).setParameter(2, config.batchSize()).executeUpdate());
            total += deleted;
        } while (deleted == config.batchSize());
        if (total > 0) {
            meters.counter("crm.retention.purged", "table", table).increment(total);
            LOG.debugf("retention: %d rows of %s older than %s deleted", total, table, before);
        }
        return total;
    }
}
