package dev.crmsuite.customer.insight;

import dev.crmsuite.customer.customer.Customer;
import dev.crmsuite.platform.time.SqlTimes;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The duplicate backfill: registration and on-demand checks only find pairs for the customer at hand,
 * so customers that existed before the check, or were bulk-loaded, would never appear in the list of
 * candidate pairs. This sweep walks every live customer by id, one small batch per tick, runs the same
 * check ({@link DuplicateCandidates#refresh}) and so stores the pairs exactly as the on-demand path does.
 *
 * <p>Each batch is one short transaction that also moves the stored position ({@code duplicate_sweep}),
 * so a restart resumes where the last committed batch ended. Customer rows are only read, never locked;
 * the position row is locked with SKIP LOCKED, so with several replicas one sweeps and the others skip
 * the tick.
 */
@ApplicationScoped
public class DuplicateSweep {

    private static final Logger LOG = Logger.getLogger(DuplicateSweep.class);

    /** What one tick did. */
    public record Tick(int checked, boolean passFinished, boolean resting, boolean busy) {
    }

    private final EntityManager em;
    private final DuplicateCandidates candidates;
    private final InsightConfig config;
    private final Clock clock;

    public DuplicateSweep(EntityManager em, DuplicateCandidates candidates, InsightConfig config, Clock clock) {
        this.em = em;
        this.candidates = candidates;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "{crm.insight.duplicates.sweep-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        Tick tick = tick(config.duplicates().sweepBatch());
        if (tick.passFinished()) {
            LOG.infof("duplicate sweep finished a pass over all live customers; next pass in %s",
                    config.duplicates().sweepRestAfterPass());
        }
    }

    /** Checks the next batch of at most {@code batchSize} live customers, unless resting or another replica is at it. */
    public Tick tick(int batchSize) {
        return QuarkusTransaction.requiringNew().call(() -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            Optional<DuplicateSweepPosition> locked = position();
            if (locked.isEmpty()) {
                return new Tick(0, false, false, true);
            }
            DuplicateSweepPosition position = locked.get();
            Optional<UUID> from = position.nextFrom(now, config.duplicates().sweepRestAfterPass());
            if (from.isEmpty()) {
                return new Tick(0, false, true, false);
            }
            @SuppressWarnings("unchecked")
            List<UUID> ids = em.createNativeQuery("""
                            select c.id from customer c
                            where c.id > ?1 and c.merged_into is null and c.erased_at is null
                            order by c.id limit ?2""") // no result class: see ProcessedEvents.markAllProcessed
                    .setParameter(1, from.get()).setParameter(2, batchSize).getResultList();
            for (UUID id : ids) {
                Customer customer = Customer.findById(id);
                if (customer != null) {
                    candidates.refresh(customer);
                }
            }
            DuplicateSweepPosition next = position.afterBatch(ids, batchSize, now);
            em.createNativeQuery("""
                            update duplicate_sweep set after_id = ?1, pass_started_at = ?2, pass_finished_at = ?3,
                              checked_in_pass = ?4, updated_at = ?5 where id = 1""")
                    .setParameter(1, next.after()).setParameter(2, next.passStartedAt()).setParameter(3, next.passFinishedAt())
                    .setParameter(4, next.checkedInPass()).setParameter(5, now).executeUpdate();
            // The customers read are not needed after the batch; keep the persistence context small.
            em.flush();
            em.clear();
            return new Tick(ids.size(), next.passFinishedAt() != null, false, false);
        });
    }

    /** The stored position, locked for this transaction; empty if another replica holds it. */
    private Optional<DuplicateSweepPosition> position() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select after_id, pass_started_at, pass_finished_at, checked_in_pass
                from duplicate_sweep where id = 1 for update skip locked""").getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = rows.getFirst();
        return Optional.of(new DuplicateSweepPosition((UUID) r[0], SqlTimes.utc(r[1]), SqlTimes.utc(r[2]), ((Number) r[3]).longValue()));
    }
}
