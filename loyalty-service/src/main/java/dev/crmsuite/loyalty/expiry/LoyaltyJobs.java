package dev.crmsuite.loyalty.expiry;

import dev.crmsuite.loyalty.account.LoyaltyAccount;
import dev.crmsuite.loyalty.analytics.LedgerDayFlows;
import dev.crmsuite.loyalty.config.LoyaltyConfig;
import dev.crmsuite.loyalty.ledger.Ledger;
import dev.crmsuite.loyalty.ledger.PointLot;
import dev.crmsuite.loyalty.tier.TierPolicy;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * The background work: expiring lots that reached their date, reviewing tiers whose period
 * ended, and rolling up the points flow of closed days for the analytics. Every replica schedules it, but each batch first takes a PostgreSQL advisory lock, so only
 * one replica works at a time and an account is never expired twice. "Now" is the injected clock.
 */
@ApplicationScoped
public class LoyaltyJobs {

    private static final Logger LOG = Logger.getLogger(LoyaltyJobs.class);
    /** Advisory lock keys (arbitrary, fixed, unique within the loyalty database). */
    static final long EXPIRY_LOCK = 7_301_001L;
    static final long TIER_REVIEW_LOCK = 7_301_002L;
    static final long DAY_FLOW_LOCK = 7_301_003L;

    @Inject
    EntityManager em;
    @Inject
    Ledger ledger;
    @Inject
    TierPolicy tiers;
    @Inject
    LoyaltyConfig config;
    @Inject
    Clock clock;
    @Inject
    LedgerDayFlows dayFlows;

    @Scheduled(identity = "loyalty-jobs", every = "${crm.loyalty.jobs.every}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            expireDueLots();
            reviewTiers();
            rollUpLedgerDays();
        } catch (RuntimeException e) {
            // The next run picks up where this one stopped; nothing is half-applied (one transaction per batch).
            LOG.warnf("loyalty jobs did not finish: %s", e.toString());
        }
    }

    /** Expires every lot due by now; returns how many lots expired (0 when another replica holds the lock). */
    public int expireDueLots() {
        int total = 0;
        while (true) {
            Integer done = QuarkusTransaction.requiringNew().call(() -> {
                if (!tryLock(EXPIRY_LOCK)) {
                    return -1;
                }
                OffsetDateTime now = now();
                @SuppressWarnings("unchecked")
                List<UUID> customers = em.createNativeQuery("""
                                select distinct customer_id from point_lot where remaining > 0 and expires_at <= ?1
                                order by customer_id limit ?2""")
                        .setParameter(1, now).setParameter(2, config.jobs().batchSize()).getResultList();
                int expired = 0;
                for (UUID customer : customers) {
                    LoyaltyAccount account = ledger.lock(customer);
                    List<PointLot> due = em.createQuery("""
                                    from PointLot where customerId = ?1 and remaining > 0 and expiresAt <= ?2
                                    order by expiresAt, id""", PointLot.class)
                            .setParameter(1, customer).setParameter(2, now).getResultList();
                    for (PointLot lot : due) {
                        ledger.expire(account, lot);
                        expired++;
                    }
                }
                return expired;
            });
            if (done <= 0) {
                return total;
            }
            total += done;
        }
    }

    /**
     * Rolls up the points flow of every closed day not yet rolled up, a month per transaction, so the
     * analytics find them ready; returns how many days were added (0 when another replica holds the lock).
     */
    public int rollUpLedgerDays() {
        int total = 0;
        while (true) {
            int added = QuarkusTransaction.requiringNew().call(() -> tryLock(DAY_FLOW_LOCK) ? dayFlows.rollUpNextDays() : 0);
            if (added == 0) {
                return total;
            }
            total += added;
        }
    }

    /** Reviews accounts whose tier period has ended (downgrades happen only here); returns how many changed tier. */
    public int reviewTiers() {
        int total = 0;
        while (true) {
            int[] result = QuarkusTransaction.requiringNew().call(() -> {
                if (!tryLock(TIER_REVIEW_LOCK)) {
                    return new int[] {0, 0};
                }
                @SuppressWarnings("unchecked")
                List<UUID> due = em.createNativeQuery("""
                                select customer_id from loyalty_account
                                where status = 'ACTIVE' and tier <> 'MEMBER' and tier_review_at <= ?1
                                order by customer_id limit ?2""")
                        .setParameter(1, now()).setParameter(2, config.jobs().batchSize()).getResultList();
                int changed = 0;
                for (UUID customer : due) {
                    if (tiers.reconsider(ledger.lock(customer))) {
                        changed++;
                    }
                }
                return new int[] {due.size(), changed};
            });
            total += result[1];
            if (result[0] == 0) {
                return total;
            }
        }
    }

    private boolean tryLock(long key) {
        return (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(?1)").setParameter(1, key).getSingleResult();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
