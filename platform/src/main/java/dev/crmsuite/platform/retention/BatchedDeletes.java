package dev.crmsuite.platform.retention;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * How every purge of old rows runs, the platform's own ({@link Retention}) and a service's (the
 * gateway's webhook deliveries): one short transaction per batch, until a batch comes back short.
 * The statement picks its batch with {@code for update skip locked}, so writers, the relay and
 * consumers are never held up by a purge.
 */
@ApplicationScoped
public class BatchedDeletes {

    private static final Logger LOG = Logger.getLogger(BatchedDeletes.class);

    private final EntityManager em;
    private final RetentionConfig config;
    private final MeterRegistry meters;

    BatchedDeletes(EntityManager em, RetentionConfig config, MeterRegistry meters) {
        this.em = em;
        this.config = config;
        this.meters = meters;
    }

    /**
     * Runs {@code sql} (parameters: ?1 the cutoff, ?2 the batch size) until it deletes fewer than a
     * batch; returns the rows deleted and counts them in {@code crm.retention.purged{table}}.
     */
    public long run(String table, String sql, Instant cutoff) {
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
