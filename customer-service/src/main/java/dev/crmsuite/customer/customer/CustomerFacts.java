package dev.crmsuite.customer.customer;

import dev.crmsuite.platform.time.SqlTimes;
import jakarta.persistence.EntityManager;
import org.hibernate.query.NativeQuery;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What value, segment and stage are derived from, read in one statement: a purchase used to run
 * five queries, each of which flushed (and updated) the customer row again.
 *
 * @param ownRevenue12m      purchases of the 12 months up to now, net of refunds
 * @param referralRevenue12m the 12-month revenue of the customers this one referred
 * @param purchases          purchases not fully refunded
 * @param discounted         of those, bought at a discount
 * @param purchasesLastYear  of those, bought in the last 12 months
 * @param referrer           who referred this customer (their value counts this one's revenue), or null
 */
public record CustomerFacts(BigDecimal ownRevenue12m, BigDecimal referralRevenue12m, long purchases, long discounted,
                            long purchasesLastYear, OffsetDateTime firstPurchaseAt, OffsetDateTime lastPurchaseAt,
                            long touchpoints, UUID referrer) {

    /**
     * Reads the facts from the database. Pending changes to purchases, touchpoints and referrals must
     * be flushed by the caller: the query is synchronised on those tables only, so it does not flush
     * the customer row that the caller is about to change.
     */
    public static CustomerFacts load(EntityManager em, UUID customerId, OffsetDateTime now) {
        Object[] row = (Object[]) em.createNativeQuery("""
                        select coalesce(sum(p.amount - p.refunded_amount) filter (where p.purchased_at > ?2 and p.purchased_at <= ?3), 0),
                               count(*) filter (where p.refunded_amount < p.amount),
                               count(*) filter (where p.refunded_amount < p.amount and p.discounted),
                               count(*) filter (where p.refunded_amount < p.amount and p.purchased_at > ?2),
                               min(p.purchased_at) filter (where p.refunded_amount < p.amount),
                               max(p.purchased_at) filter (where p.refunded_amount < p.amount),
                               (select count(*) from touchpoint t where t.customer_id = ?1),
                               (select coalesce(sum(c.revenue_12m), 0) from referral r join customer c on c.id = r.referred_id
                                 where r.referrer_id = ?1 and c.id <> ?1),
                               (select r.referrer_id from referral r where r.referred_id = ?1 limit 1)
                        from purchase p where p.customer_id = ?1""")
                .unwrap(NativeQuery.class)
                .addSynchronizedQuerySpace("purchase").addSynchronizedQuerySpace("touchpoint").addSynchronizedQuerySpace("referral")
                .setParameter(1, customerId).setParameter(2, now.minusMonths(12)).setParameter(3, now)
                .getSingleResult();
        return new CustomerFacts((BigDecimal) row[0], (BigDecimal) row[7], count(row[1]), count(row[2]), count(row[3]),
                SqlTimes.utc(row[4]), SqlTimes.utc(row[5]), count(row[6]), (UUID) row[8]);
    }

    private static long count(Object n) {
        return ((Number) n).longValue();
    }
}
