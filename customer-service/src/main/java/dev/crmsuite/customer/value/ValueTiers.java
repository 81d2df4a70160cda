package dev.crmsuite.customer.value;

import dev.crmsuite.customer.customer.Customer;
import dev.crmsuite.customer.customer.CustomerConfig;
import dev.crmsuite.customer.customer.CustomerFacts;
import dev.crmsuite.customer.customer.CustomerSnapshot;
import dev.crmsuite.customer.customer.CustomerUpdated;
import dev.crmsuite.customer.lifecycle.Lifecycle;
import dev.crmsuite.customer.run.RunSteps;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private static final int BULK_TIMEOUT_SECONDS = 1800;
    /** Customer c's net revenue in (?1, ?2]. */
    private static final String REVENUE_12M = """
            coalesce((select sum(p.amount - p.refunded_amount) from purchase p
                      where p.customer_id = c.id and p.purchased_at > ?1 and p.purchased_at <= ?2), 0)""";
    /** The 12-month revenue of the customers c referred. */
    private static final String REFERRAL_REVENUE_12M = """
            coalesce((select sum(rc.revenue_12m) from referral r join customer rc on rc.id = r.referred_id
                      where r.referrer_id = c.id), 0)""";
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
     * Two steps: the bulk pass (revenue, referral revenue with the lifetime value they give, tiers) is
     * set-based SQL over ranges of customers, each range in a short transaction that also queues every
     * customer it changed in value_refresh_pending ({@link #bulkPass}); then segments, stages and
     * events are refreshed for the queued customers, a few hundred per transaction (so one persistence
     * context never holds more), each batch taken off the queue in the transaction that refreshes it.
     * No step holds a customer id in memory beyond one batch: a run over a million customers (every one
     * touched after a bulk import) once collected their ids in a set and ended the service with an
     * OutOfMemoryError. A run that dies half-way leaves its queue for the next one.
     */
    public Result recompute() {
        Bulk bulk = QuarkusTransaction.requiringNew().timeout(BULK_TIMEOUT_SECONDS).call(this::bulkPass);
        while (RunSteps.inTransaction(() -> refreshQueued(bulk.now())) > 0) {
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

    /** Refreshes one batch of queued customers and takes it off the queue; the number refreshed (0: the queue is empty). */
    private int refreshQueued(OffsetDateTime now) {
        @SuppressWarnings("unchecked")
        List<Tuple> batch = em.createNativeQuery("""
                        delete from value_refresh_pending where customer_id in (
                            select customer_id from value_refresh_pending order by customer_id limit ?1 for update skip locked)
                        returning customer_id, tier_changed""", Tuple.class)
                .setParameter(1, BATCH).getResultList();
        Map<UUID, Boolean> tierChanged = new HashMap<>();
        batch.forEach(queued -> tierChanged.put(queued.get("customer_id", UUID.class), queued.get("tier_changed", Boolean.class)));
        if (tierChanged.isEmpty()) {
            return 0;
        }
        // One statement each for the batch's rows (locked in id order, as every bulk step locks) and
        // their facts, instead of one lock and two fact reads per customer.
        List<Customer> customers = Customer.<Customer>find("id in ?1 order by id", tierChanged.keySet())
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).list();
        Map<UUID, CustomerFacts> facts = CustomerFacts.loadAll(em, tierChanged.keySet(), now);
        for (Customer c : customers) {
            if (c.mergedInto != null) {
                continue;
            }
            segmentation.refresh(c, facts.get(c.id));
            lifecycle.refresh(c, facts.get(c.id));
            if (tierChanged.get(c.id)) {
                outbox.append(c.id.toString(), CustomerUpdated.TYPE, new CustomerUpdated(CustomerSnapshot.of(c), List.of("valueTier"), now));
            }
        }
        return batch.size();
    }

    /**
     * Revenue, referral revenue and tiers of every customer, each step over ranges of
     * {@code crm.customer.value.bulk-batch} customers in id order, each range in a transaction of its own that queues
     * the customers it changed for the refresh. The caller's transaction only holds the advisory lock
     * that keeps bulk passes (schedule and on-demand, on any instance) one at a time. As one
     * transaction the pass held the row lock of every customer it changed until its end (about 20 s
     * on a quiet night at a million customers, minutes when most changed): a purchase or an edit of
     * such a customer waited past the gateway's timeout, and the gateway's breaker then refused every
     * customer request for a while (seen 2026-12-07, 968,344 customers changed).
     */
    private Bulk bulkPass() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('crm.customer.value-tiers'))").getSingleResult();
        int years = config.value().expectedYears();
        // Each step is one update of the range's rows, each row's new figure summed through its own index
        // entries (purchase_customer_time, referral_referrer): the same plan whatever the range, so the
        // generic plan PostgreSQL switches to after five executions is as quick as the first ones
        // (aggregating purchases by time and then filtering a range took about 20 s per range). No
        // self-join: PostgreSQL estimates a uuid range at a row or two, and joined to itself on id the
        // range was planned as a scan of the whole table per range (870 ms) or as a nested loop over the
        // range on both sides (25 million comparisons, 15 s per range). A figure the update compares and
        // stores is summed twice per row, an index probe each ("offset 0" keeps PostgreSQL from copying
        // the sum into each column that uses it).
        inRanges((from, to) -> em.createNativeQuery("""
                        with changed as (
                            update customer c set (revenue_12m, lifetime_value) =
                                                      (select n.rev, (n.rev + c.referral_revenue_12m) * ?5 from (select %1$s as rev offset 0) n),
                                                  value_computed_at = ?2, version = c.version + 1
                            where c.id > ?3 and c.id <= ?4 and c.merged_into is null and c.revenue_12m <> %1$s
                            returning c.id)
                        """.formatted(REVENUE_12M) + QUEUE_CHANGED)
                .setParameter(1, now.minusMonths(12)).setParameter(2, now).setParameter(3, from).setParameter(4, to)
                .setParameter(5, years).executeUpdate());
        // After every range's revenue: a referrer's referral revenue sums its referred customers' revenue.
        // This step also settles every lifetime value ((own + referral) x years): one whose inputs changed,
        // or one stored under another crm.customer.value.expected-years. Only rows whose figures change are
        // written (with a new version, so their ETag changes): a pass that rewrote every customer's row
        // left a million dead rows a night at the bench's size for no change anyone could see.
        inRanges((from, to) -> em.createNativeQuery("""
                        with changed as (
                            update customer c set (referral_revenue_12m, lifetime_value) =
                                                      (select n.rev, (c.revenue_12m + n.rev) * ?3 from (select %1$s as rev offset 0) n),
                                                  value_computed_at = ?4, version = c.version + 1
                            where c.id > ?1 and c.id <= ?2 and c.merged_into is null
                              and (c.referral_revenue_12m, c.lifetime_value) <> (select n.rev, (c.revenue_12m + n.rev) * ?3 from (select %1$s as rev offset 0) n)
                            returning c.id)
                        """.formatted(REFERRAL_REVENUE_12M) + QUEUE_CHANGED)
                .setParameter(1, from).setParameter(2, to).setParameter(3, years).setParameter(4, now).executeUpdate());
        TierLines lines = QuarkusTransaction.requiringNew().call(this::tierLines);
        long tierChanges = inRanges((from, to) -> em.createNativeQuery("""
                        with changed as (
                            update customer c set value_tier = %1$s, version = c.version + 1
                            where c.id > ?1 and c.id <= ?2 and c.merged_into is null and c.value_tier is distinct from %1$s
                            returning c.id)
                        insert into value_refresh_pending (customer_id, tier_changed) select id, true from changed
                        on conflict (customer_id) do update set tier_changed = true""".formatted("""
                        case when ?3 <= 0 or c.revenue_12m <= 0 then 'C'
                             when c.revenue_12m > ?4 or (c.revenue_12m = ?4 and c.id < ?5) then 'A'
                             when c.revenue_12m > ?6 or (c.revenue_12m = ?6 and c.id < ?7) then 'B'
                             else 'C' end"""))
                .setParameter(1, from).setParameter(2, to).setParameter(3, lines.total())
                .setParameter(4, lines.aRevenue()).setParameter(5, lines.aId())
                .setParameter(6, lines.bRevenue()).setParameter(7, lines.bId()).executeUpdate());
        // Stages decay with time too: buyers whose last purchase is too old.
        int lostDays = config.lifecycle().lostAfterDaysWithoutPurchase();
        if (lostDays > 0) {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                            insert into value_refresh_pending (customer_id)
                            select c.id from customer c where c.merged_into is null and c.erased_at is null
                              and not c.stage_overridden and c.stage <> 'LOST'
                              and exists (select 1 from purchase p where p.customer_id = c.id)
                              and not exists (select 1 from purchase p where p.customer_id = c.id and p.purchased_at > ?1
                                              and p.refunded_amount < p.amount)
                            on conflict do nothing""")
                    .setParameter(1, now.minusDays(lostDays)).executeUpdate());
        }
        return new Bulk(tierChanges, now);
    }

    /** An update of the customers with ids in (from, to]; the rows it changed. */
    @FunctionalInterface
    private interface RangeUpdate {
        int apply(UUID from, UUID to);
    }

    /** The last id of the next customers after an id, in id order, and how many there are (last is null when none are left). */
    private record Range(UUID last, int customers) {
    }

    private Range nextRange(UUID after, int size) {
        Tuple range = (Tuple) em.createNativeQuery("""
                        select (array_agg(id order by id desc))[1] as last, count(*) as n
                        from (select id from customer where id > ?1 order by id limit ?2) b""", Tuple.class)
                .setParameter(1, after).setParameter(2, size).getSingleResult();
        return new Range(range.get("last", UUID.class), range.get("n", Number.class).intValue());
    }

    /** Runs {@code update} over every customer, {@code crm.customer.value.bulk-batch} ids at a time, each range in a transaction of its own; the rows changed in all. */
    private long inRanges(RangeUpdate update) {
        long changed = 0;
        UUID after = new UUID(0, 0);
        while (after != null) {
            UUID from = after;
            long[] done = new long[1];
            after = RunSteps.inTransaction(() -> {
                Range range = nextRange(from, config.value().bulkBatch());
                if (range.last() == null) {
                    return null;
                }
                done[0] = update.apply(from, range.last());
                return range.customers() < config.value().bulkBatch() ? null : range.last();
            });
            changed += done[0];
        }
        return changed;
    }

    /**
     * Where tiers A and B end in the ranking (12-month revenue descending, then id): the first customer
     * past each line, that is the first whose predecessors' revenue reaches the tier's share. The one
     * who crosses a line is still inside it. Without such a customer every customer with revenue is
     * inside, written as a line below any revenue, so the ranges compare without nulls.
     */
    private record TierLines(BigDecimal total, BigDecimal aRevenue, UUID aId, BigDecimal bRevenue, UUID bId) {
    }

    private TierLines tierLines() {
        Tuple lines = (Tuple) em.createNativeQuery("""
                        with ranked as materialized (
                            select id, revenue_12m,
                                   sum(revenue_12m) over (order by revenue_12m desc, id rows between unbounded preceding and current row)
                                       - revenue_12m as before,
                                   sum(revenue_12m) over () as total
                            from customer where merged_into is null),
                        a as (select revenue_12m, id from ranked where before >= ?1 * total order by revenue_12m desc, id limit 1),
                        b as (select revenue_12m, id from ranked where before >= ?2 * total order by revenue_12m desc, id limit 1)
                        select coalesce((select max(total) from ranked), 0) as total,
                               (select revenue_12m from a) as a_revenue, (select id from a) as a_id,
                               (select revenue_12m from b) as b_revenue, (select id from b) as b_id""", Tuple.class)
                .setParameter(1, config.value().tierAShare()).setParameter(2, config.value().tierBShare()).getSingleResult();
        BigDecimal none = BigDecimal.ONE.negate();
        UUID first = new UUID(0, 0);
        UUID aId = lines.get("a_id", UUID.class);
        UUID bId = lines.get("b_id", UUID.class);
        return new TierLines(lines.get("total", BigDecimal.class),
                aId == null ? none : lines.get("a_revenue", BigDecimal.class), aId == null ? first : aId,
                bId == null ? none : lines.get("b_revenue", BigDecimal.class), bId == null ? first : bId);
    }

}
