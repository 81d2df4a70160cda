package dev.crmsuite.customer.customer;

import dev.crmsuite.platform.time.SqlTimes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import org.hibernate.query.NativeQuery;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /** One customer's facts; {@code %1$s} is where the customer's id goes, ?2 and ?3 the 12 months' window. */
    private static final String FACTS = """
            select coalesce(sum(p.amount - p.refunded_amount) filter (where p.purchased_at > ?2 and p.purchased_at <= ?3), 0) as own_revenue_12m,
                   count(*) filter (where p.refunded_amount < p.amount) as purchases,
                   count(*) filter (where p.refunded_amount < p.amount and p.discounted) as discounted,
                   count(*) filter (where p.refunded_amount < p.amount and p.purchased_at > ?2) as purchases_last_year,
                   min(p.purchased_at) filter (where p.refunded_amount < p.amount) as first_purchase_at,
                   max(p.purchased_at) filter (where p.refunded_amount < p.amount) as last_purchase_at,
                   (select count(*) from touchpoint t where t.customer_id = %1$s) as touchpoints,
                   (select coalesce(sum(c.revenue_12m), 0) from referral r join customer c on c.id = r.referred_id
                     where r.referrer_id = %1$s and c.id <> %1$s) as referral_revenue_12m,
                   (select r.referrer_id from referral r where r.referred_id = %1$s limit 1) as referrer
            from purchase p where p.customer_id = %1$s""";

    private static final String ONE = FACTS.formatted("?1");

    /** The same statement per id of an array, so a batch of customers costs one round trip instead of one each. */
    private static final String MANY = "select ids.id as customer_id, f.* from unnest(cast(?1 as uuid[])) as ids(id) cross join lateral ("
            + FACTS.formatted("ids.id") + ") f";

    /**
     * Reads the facts from the database. Pending changes to purchases, touchpoints and referrals must
     * be flushed by the caller: the query is synchronised on those tables only, so it does not flush
     * the customer row that the caller is about to change.
     */
    public static CustomerFacts load(EntityManager em, UUID customerId, OffsetDateTime now) {
        return of(query(em, ONE, customerId, now).getSingleResult());
    }

    /** The facts of each of {@code customerIds}, read in one statement; as {@link #load}, per customer. */
    public static Map<UUID, CustomerFacts> loadAll(EntityManager em, Collection<UUID> customerIds, OffsetDateTime now) {
        Map<UUID, CustomerFacts> facts = new HashMap<>();
        if (customerIds.isEmpty()) {
            return facts;
        }
        List<Tuple> rows = query(em, MANY, customerIds.toArray(UUID[]::new), now).getResultList();
        rows.forEach(row -> facts.put(row.get("customer_id", UUID.class), of(row)));
        return facts;
    }

    private static NativeQuery<Tuple> query(EntityManager em, String sql, Object customers, OffsetDateTime now) {
        @SuppressWarnings("unchecked")
        NativeQuery<Tuple> query = em.createNativeQuery(sql, Tuple.class).unwrap(NativeQuery.class);
        return query
                .addSynchronizedQuerySpace("purchase").addSynchronizedQuerySpace("touchpoint").addSynchronizedQuerySpace("referral")
                .setParameter(1, customers).setParameter(2, now.minusMonths(12)).setParameter(3, now);
    }

    private static CustomerFacts of(Tuple row) {
        return new CustomerFacts(row.get("own_revenue_12m", BigDecimal.class), row.get("referral_revenue_12m", BigDecimal.class),
                count(row, "purchases"), count(row, "discounted"), count(row, "purchases_last_year"),
                SqlTimes.utc(row.get("first_purchase_at")), SqlTimes.utc(row.get("last_purchase_at")),
                count(row, "touchpoints"), row.get("referrer", UUID.class));
    }

    private static long count(Tuple row, String column) {
        return ((Number) row.get(column)).longValue();
    }
}
