package dev.crmsuite.customer.insight;

import dev.crmsuite.customer.customer.Customer;
import dev.crmsuite.customer.followup.FollowUpModels;
import dev.crmsuite.customer.followup.FollowUps;
import dev.crmsuite.customer.insight.RiskModel.Assessment;
import dev.crmsuite.customer.insight.RiskModel.Level;
import dev.crmsuite.customer.timeline.Timeline;
import dev.crmsuite.platform.events.EventJson;
import dev.crmsuite.platform.outbox.Outbox;
import dev.crmsuite.platform.time.SqlTimes;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Keeps each buying customer's risk assessment ({@link RiskModel}) in {@code customer_risk}, publishes
 * {@code crm.customer.risk-changed.v1} when the level changes, and gives the account manager a
 * follow-up when a tier-A or key-account customer becomes HIGH (once per episode).
 *
 * <p>When: at once on a purchase, in its transaction (a purchase ends an episode; the list must not
 * keep chasing a customer who just bought), and in a daily sweep on the application clock, because
 * risk mostly grows with silence, which no event announces; the sweep also takes in complaints and
 * survey answers that arrived since. The sweep walks buying customers by id in batches, each batch in
 * a transaction of its own, so it holds no lock for long and a restart resumes cheaply.
 */
@ApplicationScoped
public class RiskAssessments {

    static final int BATCH = 500;
    private static final Logger LOG = Logger.getLogger(RiskAssessments.class);

    /** The facts of one customer the model needs, read in one query. */
    record Facts(UUID customerId, List<OffsetDateTime> purchases, BigDecimal revenue12Months, int unresolvedComplaints, Integer lastNps,
                 String segment, String valueTier, String accountManager, Level previousLevel, OffsetDateTime highSince) {
    }

    private final EntityManager em;
    private final InsightConfig config;
    private final Outbox outbox;
    private final FollowUps followUps;
    private final Clock clock;
    private final Timeline timeline;

    public RiskAssessments(EntityManager em, InsightConfig config, Outbox outbox, FollowUps followUps, Clock clock,
                           Timeline timeline) {
        this.em = em;
        this.timeline = timeline;
        this.config = config;
        this.outbox = outbox;
        this.followUps = followUps;
        this.clock = clock;
    }

    /** Reassesses a customer who just bought, in the purchase's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onPurchase(Customer customer) {
        em.flush();
        timeline.flush(); // the facts read it
        facts("c.id = ?1", customer.id, 1).forEach(f -> store(f, OffsetDateTime.now(clock)));
    }

    /** The customer's assessment now, without storing it (the customer-360 view and GET .../risk). */
    public Assessment current(UUID customerId) {
        List<Facts> found = facts("c.id = ?1", customerId, 1);
        RiskModel.Inputs in = found.isEmpty() ? new RiskModel.Inputs(List.of(), BigDecimal.ZERO, 0, null) : inputs(found.getFirst());
        return RiskModel.assess(in, OffsetDateTime.now(clock), config.risk().thresholds());
    }

    @Scheduled(cron = "{crm.insight.risk.sweep-cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledSweep() {
        int assessed = sweep();
        int forgotten = QuarkusTransaction.requiringNew().call(this::forgetGoneCustomers);
        LOG.infof("risk sweep assessed %d customers; forgot %d duplicate pairs of merged or erased customers", assessed, forgotten);
    }

    /**
     * Removes the duplicate pairs of customers merged or erased since: the lists never show them, and
     * an erased customer's phone or email must not stay in a pair's evidence.
     */
    public int forgetGoneCustomers() {
        return em.createNativeQuery("""
                delete from duplicate_candidate d using customer c
                where c.id in (d.customer_id, d.other_id) and (c.merged_into is not null or c.erased_at is not null)""")
                .executeUpdate();
    }

    /** Reassesses every live, buying customer not yet LOST; returns how many. */
    public int sweep() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        // the nil uuid sorts first in PostgreSQL, which compares uuids byte by byte
        UUID after = new UUID(0, 0);
        int assessed = 0;
        while (true) {
            UUID from = after;
            List<UUID> batch = QuarkusTransaction.requiringNew().call(() -> {
                List<Facts> facts = facts("c.id > ?1 and c.stage <> 'LOST' and exists (select 1 from purchase p where p.customer_id = c.id)",
                        from, BATCH);
                facts.forEach(f -> store(f, now));
                return facts.stream().map(Facts::customerId).toList();
            });
            assessed += batch.size();
            if (batch.size() < BATCH) {
                return assessed;
            }
            after = batch.getLast();
        }
    }

    private void store(Facts f, OffsetDateTime now) {
        if (f.purchases().isEmpty()) {
            return;
        }
        Assessment a = RiskModel.assess(inputs(f), now, config.risk().thresholds());
        OffsetDateTime highSince = a.level() == Level.HIGH ? (f.previousLevel() == Level.HIGH && f.highSince() != null ? f.highSince() : now) : null;
        em.createNativeQuery("""
                        insert into customer_risk (customer_id, level, level_rank, reasons, last_purchase_at, recency_days, purchases_12m,
                          revenue_12m, usual_interval_days, expected_next_purchase, unresolved_complaints, last_nps, high_since, computed_at)
                        values (?1, ?2, ?3, cast(?4 as jsonb), ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
                        on conflict (customer_id) do update set level = excluded.level, level_rank = excluded.level_rank,
                          reasons = excluded.reasons, last_purchase_at = excluded.last_purchase_at, recency_days = excluded.recency_days,
                          purchases_12m = excluded.purchases_12m, revenue_12m = excluded.revenue_12m,
                          usual_interval_days = excluded.usual_interval_days, expected_next_purchase = excluded.expected_next_purchase,
                          unresolved_complaints = excluded.unresolved_complaints, last_nps = excluded.last_nps,
                          high_since = excluded.high_since, computed_at = excluded.computed_at""")
                .setParameter(1, f.customerId()).setParameter(2, a.level().name()).setParameter(3, a.level().rank())
                .setParameter(4, EventJson.write(a.reasons())).setParameter(5, a.lastPurchaseAt()).setParameter(6, a.recencyDays())
                .setParameter(7, a.purchases12Months()).setParameter(8, a.revenue12Months()).setParameter(9, a.usualIntervalDays())
                .setParameter(10, a.expectedNextPurchaseAt()).setParameter(11, a.unresolvedComplaints()).setParameter(12, a.lastNps())
                .setParameter(13, highSince).setParameter(14, now)
                .executeUpdate();
        boolean changed = f.previousLevel() == null ? a.level() != Level.LOW : f.previousLevel() != a.level();
        if (changed) {
            outbox.append(f.customerId().toString(), RiskChanged.TYPE, new RiskChanged(f.customerId(), a.level(), f.previousLevel(),
                    a.reasons(), a.lastPurchaseAt(), a.recencyDays(), a.usualIntervalDays(), a.expectedNextPurchaseAt(),
                    a.unresolvedComplaints(), a.lastNps(), f.segment(), f.valueTier(), f.accountManager(), now));
        }
        if (RiskModel.followUpDue(f.previousLevel(), a.level(), f.valueTier(), f.segment())) {
            Customer customer = Customer.findById(f.customerId());
            // once per episode: the episode's start names the task, so a retried sweep finds the first one
            followUps.schedule(customer, null, now.plusDays(1), "At risk: " + String.join("; ", a.reasons()),
                    FollowUpModels.Rule.AT_RISK, false, "risk:" + f.customerId() + ":" + highSince.toInstant());
        }
    }

    private static RiskModel.Inputs inputs(Facts f) {
        return new RiskModel.Inputs(f.purchases(), f.revenue12Months(), f.unresolvedComplaints(), f.lastNps());
    }

    private List<Facts> facts(String condition, UUID param, int limit) {
        Query query = em.createNativeQuery("""
                select c.id as id, c.revenue_12m as revenue, c.segment as segment, c.value_tier as tier, c.account_manager as manager,
                       (select string_agg(cast(cast(extract(epoch from p.purchased_at) * 1000 as bigint) as text), ',')
                          from purchase p where p.customer_id = c.id and p.refunded_amount < p.amount) as purchases,
                       (select count(*) from complaint_record cr
                          where cr.customer_id = c.id and cr.filed_at is not null and cr.resolved_at is null) as complaints,
                       (select cast(t.data ->> 'nps' as numeric) from timeline_entry t
                          where t.customer_id = c.id and t.kind = 'SURVEY_ANSWERED' and jsonb_typeof(t.data -> 'nps') = 'number'
                          order by t.occurred_at desc, t.id desc limit 1) as nps,
                       r.level as level, r.high_since as high_since
                from customer c left join customer_risk r on r.customer_id = c.id
                where c.merged_into is null and c.erased_at is null and %s
                order by c.id limit %d""".formatted(condition, limit), Tuple.class);
        query.setParameter(1, param);
        @SuppressWarnings("unchecked")
        List<Tuple> rows = query.getResultList();
        List<Facts> facts = new ArrayList<>();
        for (Tuple t : rows) {
            String times = t.get("purchases", String.class);
            List<OffsetDateTime> purchases = times == null ? List.of() : Arrays.stream(times.split(","))
                    .map(ms -> Instant.ofEpochMilli(Long.parseLong(ms)).atOffset(ZoneOffset.UTC)).toList();
            Number nps = (Number) t.get("nps");
            String level = t.get("level", String.class);
            facts.add(new Facts(t.get("id", UUID.class), purchases, t.get("revenue", BigDecimal.class),
                    ((Number) t.get("complaints")).intValue(), nps == null ? null : nps.intValue(), t.get("segment", String.class),
                    t.get("tier", String.class), t.get("manager", String.class), level == null ? null : Level.valueOf(level),
                    SqlTimes.utc(t.get("high_since"))));
        }
        return facts;
    }
}
