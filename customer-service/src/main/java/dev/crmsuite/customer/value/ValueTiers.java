package dev.crmsuite.customer.value;

import dev.crmsuite.customer.customer.Customer;
import dev.crmsuite.customer.customer.CustomerConfig;
import dev.crmsuite.customer.customer.CustomerSnapshot;
import dev.crmsuite.customer.customer.CustomerUpdated;
import dev.crmsuite.customer.lifecycle.Lifecycle;
import dev.crmsuite.customer.segment.Segmentation;
import dev.crmsuite.platform.outbox.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

    private static final Logger LOG = Logger.getLogger(ValueTiers.class);
    private static final int BATCH = 200;
    private static final int BULK_TIMEOUT_SECONDS = 1800;

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

    @Scheduled(cron = "{crm.customer.value.recompute-cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        Result r = recompute();
        LOG.infof("value tiers recomputed: %d customers, %d A, %d B, %d C, %d changed", r.customers(), r.tierA(), r.tierB(),
                r.tierC(), r.tierChanges());
    }

    /** What the bulk pass changed, for the per-customer pass. */
    private record Bulk(Set<UUID> touched, Set<UUID> tierChanged, OffsetDateTime now) {
    }

    /**
     * Two passes: the bulk pass (revenue, referral revenue, lifetime value, tiers) is set-based SQL
     * in one transaction; then segments, stages and events are refreshed for the customers it
     * changed, a few hundred per transaction, so a run over a million customers never holds one
     * huge transaction open.
     */
    public Result recompute() {
        Bulk bulk = QuarkusTransaction.requiringNew().timeout(BULK_TIMEOUT_SECONDS).call(this::bulkPass);
        Set<UUID> all = new java.util.LinkedHashSet<>(bulk.touched());
        all.addAll(bulk.tierChanged());
        List<UUID> ids = List.copyOf(all);
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<UUID> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
            QuarkusTransaction.requiringNew().run(() -> {
                for (UUID id : batch) {
                    Customer c = Customer.findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
                    if (c == null || c.mergedInto != null) {
                        continue;
                    }
                    segmentation.refresh(c);
                    lifecycle.refresh(c);
                    if (bulk.tierChanged().contains(id)) {
                        outbox.append(id.toString(), CustomerUpdated.TYPE,
                                new CustomerUpdated(CustomerSnapshot.of(c), List.of("valueTier"), bulk.now()));
                    }
                }
            });
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Object[] counts = (Object[]) em.createNativeQuery("""
                            select count(*), count(*) filter (where value_tier = 'A'), count(*) filter (where value_tier = 'B'),
                                   count(*) filter (where value_tier = 'C'), coalesce(sum(revenue_12m), 0)
                            from customer where merged_into is null""").getSingleResult();
            return new Result(((Number) counts[0]).longValue(), ((Number) counts[1]).longValue(), ((Number) counts[2]).longValue(),
                    ((Number) counts[3]).longValue(), bulk.tierChanged().size(), (BigDecimal) counts[4], config.value().tierAShare(),
                    config.value().tierBShare(), bulk.now());
        });
    }

    @SuppressWarnings("unchecked")
    private Bulk bulkPass() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        // Serialise bulk passes (schedule and on-demand, on any instance) without blocking normal writes.
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('crm.customer.value-tiers'))").getSingleResult();
        Set<UUID> touched = new HashSet<>();
        touched.addAll(uuids(em.createNativeQuery("""
                        with r as (select customer_id, sum(amount - refunded_amount) as rev from purchase
                                   where purchased_at > ?1 and purchased_at <= ?2 group by customer_id)
                        update customer c set revenue_12m = coalesce(r.rev, 0), version = c.version + 1
                        from customer c2 left join r on r.customer_id = c2.id
                        where c.id = c2.id and c2.merged_into is null and c.revenue_12m <> coalesce(r.rev, 0)
                        returning c.id""")
                .setParameter(1, now.minusMonths(12)).setParameter(2, now).getResultList()));
        touched.addAll(uuids(em.createNativeQuery("""
                        with rr as (select r.referrer_id, sum(c.revenue_12m) as rev from referral r
                                    join customer c on c.id = r.referred_id group by r.referrer_id)
                        update customer c set referral_revenue_12m = coalesce(rr.rev, 0), version = c.version + 1
                        from customer c2 left join rr on rr.referrer_id = c2.id
                        where c.id = c2.id and c2.merged_into is null and c.referral_revenue_12m <> coalesce(rr.rev, 0)
                        returning c.id""").getResultList()));
        em.createNativeQuery("""
                        update customer set lifetime_value = (revenue_12m + referral_revenue_12m) * ?1, value_computed_at = ?2
                        where merged_into is null""")
                .setParameter(1, config.value().expectedYears()).setParameter(2, now).executeUpdate();
        Set<UUID> tierChanged = new HashSet<>(uuids(em.createNativeQuery("""
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
                            from ranked)
                        update customer c set value_tier = t.tier, version = c.version + 1
                        from tiers t where c.id = t.id and c.value_tier is distinct from t.tier
                        returning c.id""")
                .setParameter(1, config.value().tierAShare()).setParameter(2, config.value().tierBShare()).getResultList()));
        // Stages decay with time too: buyers whose last purchase is too old.
        int lostDays = config.lifecycle().lostAfterDaysWithoutPurchase();
        if (lostDays > 0) {
            touched.addAll(uuids(em.createNativeQuery("""
                            select c.id from customer c where c.merged_into is null and c.erased_at is null
                              and not c.stage_overridden and c.stage <> 'LOST'
                              and exists (select 1 from purchase p where p.customer_id = c.id)
                              and not exists (select 1 from purchase p where p.customer_id = c.id and p.purchased_at > ?1
                                              and p.refunded_amount < p.amount)""")
                    .setParameter(1, now.minusDays(lostDays)).getResultList()));
        }
        return new Bulk(touched, tierChanged, now);
    }

    private static List<UUID> uuids(List<?> rows) {
        return rows.stream().map(r -> (UUID) r).toList();
    }
}
