package dev.crmsuite.customer.value;

import dev.crmsuite.customer.customer.Customer;
import dev.crmsuite.customer.customer.CustomerConfig;
import dev.crmsuite.customer.customer.CustomerSnapshot;
import dev.crmsuite.customer.customer.CustomerUpdated;
import dev.crmsuite.customer.lifecycle.Lifecycle;
import dev.crmsuite.customer.segment.Segmentation;
import dev.crmsuite.platform.outbox.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Ranks every customer by 12-month revenue into Pareto tiers (the 80/20 rule): A = the top
 * customers who together bring {@code tier-a-share} of revenue (the customer who crosses the line
 * is still A), B = the next ones up to {@code tier-b-share}, C = the rest and everyone without
 * revenue. The ranking runs in the database (window functions), so it needs no memory per customer.
 * Rolling revenue also decays without any write, so the same run refreshes revenue, lifetime value,
 * and the segments and stages that depend on them (recency makes customers LOST).
 */
@ApplicationScoped
public class ValueTiers {

    private static final int BATCH = 200;
    private static final int LIFETIME_BATCH = 5_000;
    private static final int BULK_TIMEOUT_SECONDS = 1800;
    /** The end of a bulk statement whose CTE {@code changed} returns the ids it changed: they are queued for the refresh. */
    private static final String QUEUE_CHANGED =
            "insert into value_refresh_pending (customer_id) select id from changed on conflict do nothing";

    @Inject
    CustomerConfig config;
    @Inject
    EntityManager em;
    @Inject
    Segmentation segmentation;
    @Inject
    Lifecycle lifecycle;
    @Inject
    Outbox outbox;
    @Inject
    Clock clock;

    @Schema(name = "TierRecomputation", description = "What a recomputation did")
    public record Result(
            @Schema(description = "Customers ranked", examples = "1200") long customers,
            @Schema(examples = "240") long tierA,
            @Schema(examples = "300") long tierB,
            @Schema(examples = "660") long tierC,
            @Schema(description = "Customers whose tier changed", examples = "12") long tierChanges,
            @Schema(description = "Net revenue of the last 12 months of all customers", examples = "1234567.00") BigDecimal totalRevenue12Months,
            @Schema(examples = "0.80") double tierAShare,
            @Schema(examples = "0.95") double tierBShare,
            OffsetDateTime computedAt) {
    }

    /**
     * {@link #recompute()} with a request context of its own, for a thread that has none (a background run,
     * ValueTierRuns); in a request or a scheduled job it joins theirs.
     */
    @ActivateRequestContext
    public Result recomputeDetached() {
        return recompute();
    }

    /** What the bulk pass did: the per-customer pass reads the customers it changed from value_refresh_pending. */
    private record Bulk(long tierChanges, OffsetDateTime now) {
    }

    /**
     * Three steps: the bulk pass (revenue, referral revenue, tiers) is set-based SQL in one transaction
     * that also queues every customer it changed in value_refresh_pending; then lifetime values are
     * stored in batches of {@link #LIFETIME_BATCH} customers ({@link #storeLifetimeValues}); then
     * segments, stages and events are refreshed for the queued customers, a few hundred per
     * transaction (so one persistence context never holds more), each batch taken off the queue in
     * the transaction that refreshes it. No step holds a
     * customer id in memory beyond one batch: a run over a million customers (every one
     * touched after a bulk import) once collected their ids in a set and ended the service with an
     * OutOfMemoryError. A run that dies half-way leaves its queue for the next one.
     */
    public Result recompute() {
        Bulk bulk = QuarkusTransaction.requiringNew().timeout(BULK_TIMEOUT_SECONDS).call(this::bulkPass);
        UUID after = new UUID(0, 0);
        while (after != null) {
            UUID from = after;
            after = QuarkusTransaction.requiringNew().call(() -> storeLifetimeValues(from, bulk.now()));
        }
        while (QuarkusTransaction.requiringNew().call(() -> refreshQueued(bulk.now())) > 0) {
            // next batch
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Tuple counts = (Tuple) em.createNativeQuery("""
                            select count(*) as customers, count(*) filter (where value_tier = 'A') as a,
                                   count(*) filter (where value_tier = 'B') as b, count(*) filter (where value_tier = 'C') as c,
                                   coalesce(sum(revenue_12m), 0) as revenue
                            from customer where merged_into is null""", Tuple.class).getSingleResult();
            return new Result(counts.get("customers", Number.class).longValue(), counts.get("a", Number.class).longValue(),
                    counts.get("b", Number.class).longValue(), counts.get("c", Number.class).longValue(), bulk.tierChanges(),
                    counts.get("revenue", BigDecimal.class), config.value().tierAShare(), config.value().tierBShare(), bulk.now());
        });
    }

    /**
     * Stores lifetime value and its time for the next {@link #LIFETIME_BATCH} customers after {@code after}
     * in id order; the last id done, or null after the last batch. Every customer's row is written on
     * every run, so this runs in short transactions of its own: inside the bulk pass it held the row
     * lock of every customer for the whole pass (about 2 minutes at a million customers), and a
     * purchase or profile edit waited for it; a batch takes under a second there.
     */
    private UUID storeLifetimeValues(UUID after, OffsetDateTime now) {
        Tuple batch = (Tuple) em.createNativeQuery("""
                        select (array_agg(id order by id desc))[1] as last, count(*) as n
                        from (select id from customer where id > ?1 order by id limit ?2) b""",
                        Tuple.class)
                .setParameter(1, after).setParameter(2, LIFETIME_BATCH).getSingleResult();
        UUID last = batch.get("last", UUID.class);
        if (last == null) {
            return null;
        }
        em.createNativeQuery("""
                        update customer set lifetime_value = (revenue_12m + referral_revenue_12m) * ?1, value_computed_at = ?2
                        where id > ?3 and id <= ?4 and merged_into is null""")
                .setParameter(1, config.value().expectedYears()).setParameter(2, now).setParameter(3, after).setParameter(4, last)
                .executeUpdate();
        return batch.get("n", Number.class).intValue() < LIFETIME_BATCH ? null : last;
    }

    /** Refreshes one batch of queued customers and takes it off the queue; the number refreshed (0: the queue is empty). */
    private int refreshQueued(OffsetDateTime now) {
        @SuppressWarnings("unchecked")
        List<Tuple> batch = em.createNativeQuery("""
                        delete from value_refresh_pending where customer_id in (
                            select customer_id from value_refresh_pending order by customer_id limit ?1 for update skip locked)
                        returning customer_id, tier_changed""", Tuple.class)
                .setParameter(1, BATCH).getResultList();
        for (Tuple queued : batch) {
            UUID id = queued.get("customer_id", UUID.class);
            Customer c = Customer.findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            if (c == null || c.mergedInto != null) {
                continue;
            }
            segmentation.refresh(c);
            lifecycle.refresh(c);
            if (queued.get("tier_changed", Boolean.class)) {
                outbox.append(id.toString(), CustomerUpdated.TYPE, new CustomerUpdated(CustomerSnapshot.of(c), List.of("valueTier"), now));
            }
        }
        return batch.size();
    }

    private Bulk bulkPass() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        // Serialise bulk passes (schedule and on-demand, on any instance) without blocking normal writes.
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('crm.customer.value-tiers'))").getSingleResult();
        em.createNativeQuery("""
                        with r as (select customer_id, sum(amount - refunded_amount) as rev from purchase
                                   where purchased_at > ?1 and purchased_at <= ?2 group by customer_id),
                        changed as (
                            update customer c set revenue_12m = coalesce(r.rev, 0), version = c.version + 1
                            from customer c2 left join r on r.customer_id = c2.id
                            where c.id = c2.id and c2.merged_into is null and c.revenue_12m <> coalesce(r.rev, 0)
                            returning c.id)
                        """ + QUEUE_CHANGED)
                .setParameter(1, now.minusMonths(12)).setParameter(2, now).executeUpdate();
        em.createNativeQuery("""
                        with rr as (select r.referrer_id, sum(c.revenue_12m) as rev from referral r
                                    join customer c on c.id = r.referred_id group by r.referrer_id),
                        changed as (
                            update customer c set referral_revenue_12m = coalesce(rr.rev, 0), version = c.version + 1
                            from customer c2 left join rr on rr.referrer_id = c2.id
                            where c.id = c2.id and c2.merged_into is null and c.referral_revenue_12m <> coalesce(rr.rev, 0)
                            returning c.id)
                        """ + QUEUE_CHANGED)
                .executeUpdate();
        long tierChanges = em.createNativeQuery("""
                        with ranked as (
                            select id, revenue_12m,
                                   sum(revenue_12m) over (order by revenue_12m desc, id rows between unbounded preceding and current row)
                                       - revenue_12m as before,
                                   sum(revenue_12m) over () as total
                            from customer where merged_into is null),
                        tiers as (
                            select id, case when total <= 0 or revenue_12m <= 0 then 'C'
                                            when before < ?1 * total then 'A'
                                            when before < ?2 * total then 'B'
                                            else 'C' end as tier
                            from ranked),
                        changed as (
                            update customer c set value_tier = t.tier, version = c.version + 1
                            from tiers t where c.id = t.id and c.value_tier is distinct from t.tier
                            returning c.id)
                        insert into value_refresh_pending (customer_id, tier_changed) select id, true from changed
                        on conflict (customer_id) do update set tier_changed = true""")
                .setParameter(1, config.value().tierAShare()).setParameter(2, config.value().tierBShare()).executeUpdate();
        // Stages decay with time too: buyers whose last purchase is too old.
        int lostDays = config.lifecycle().lostAfterDaysWithoutPurchase();
        if (lostDays > 0) {
            em.createNativeQuery("""
                            insert into value_refresh_pending (customer_id)
                            select c.id from customer c where c.merged_into is null and c.erased_at is null
                              and not c.stage_overridden and c.stage <> 'LOST'
                              and exists (select 1 from purchase p where p.customer_id = c.id)
                              and not exists (select 1 from purchase p where p.customer_id = c.id and p.purchased_at > ?1
                                              and p.refunded_amount < p.amount)
                            on conflict do nothing""")
                    .setParameter(1, now.minusDays(lostDays)).executeUpdate();
        }
        return new Bulk(tierChanges, now);
    }

}
