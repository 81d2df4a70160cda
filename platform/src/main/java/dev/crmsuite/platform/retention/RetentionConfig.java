package dev.crmsuite.platform.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** How long the platform's bookkeeping rows are kept ({@code crm.retention.*}); see {@link Retention}. */
@ConfigMapping(prefix = "crm.retention")
public interface RetentionConfig {

    /** Published outbox rows older than this are deleted; the topic is the record of them from then on. */
    @WithDefault("P7D")
    Duration publishedEvents();

    /** Idempotency-Key records older than this are deleted: longer than any sane client retry policy. */
    @WithDefault("P1D")
    Duration idempotencyKeys();

    /**
     * How long after an event was applied it may still be delivered again: the retention of the
     * topics this service consumes. Absent means forever (topics kept forever, as the customer-360
     * rebuild needs today), and then no processed-event mark is ever purged.
     */
    Optional<Duration> redeliveryHorizon();

    /**
     * Added to the redelivery horizon before a processed-event mark goes. Kafka deletes whole log
     * segments, so a record can outlive retention.ms by up to segment.ms (7 days by default), and
     * broker and database clocks differ.
     */
    @WithDefault("P7D")
    Duration redeliveryMargin();

    /** Rows deleted per transaction: short transactions never hold up writers or the relay. */
    @WithDefault("1000")
    int batchSize();

    /** Whether this process purges at all (the scheduled job runs hourly). */
    @WithDefault("true")
    boolean enabled();
}
