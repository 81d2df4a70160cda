package dev.crmsuite.loyalty.tier;

import dev.crmsuite.loyalty.account.LoyaltyAccount;
import dev.crmsuite.loyalty.config.LoyaltyConfig;
import dev.crmsuite.loyalty.ledger.LoyaltyEvents;
import dev.crmsuite.platform.outbox.Outbox;
import dev.crmsuite.platform.sql.JdbcStatement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Applies {@link TierEvaluator} to accounts: after every earn (upgrades) and from the review job (downgrades). */
@ApplicationScoped
public class TierPolicy {

    @Inject
    LoyaltyConfig config;
    @Inject
    EntityManager em;
    @Inject
    Outbox outbox;
    @Inject
    Clock clock;

    public TierEvaluator evaluator() {
        Map<Tier, Long> thresholds = new EnumMap<>(Tier.class);
        config.tiers().thresholds().forEach((name, points) -> thresholds.put(Tier.valueOf(name), points));
        return new TierEvaluator(thresholds, config.tiers().reviewMonths());
    }

    /**
     * Qualifying points: the points of the customer's purchases made within the rolling window, net
     * of everything their refunds took back. Read from the purchases, not the ledger: a purchase counts
     * at its purchase time (a purchase imported 400 days late is outside the window), a clawback that
     * could not be collected (balance too low) still un-qualifies its points, and a merged duplicate's
     * purchases (moved to the surviving account) count for it. Goodwill, bonuses and adjustments do
     * not buy status.
     */
    public long qualifyingPoints(LoyaltyAccount account, OffsetDateTime now) {
        em.flush(); // the statement below is plain JDBC: Hibernate would not flush for it
        return qualifyingPoints(List.of(account.customerId), now).getOrDefault(account.customerId, 0L);
    }

    /**
     * {@link #qualifyingPoints(LoyaltyAccount, OffsetDateTime)} of several accounts with one statement
     * (a batch of purchases); an account without purchases in the window is absent (0).
     */
    public Map<UUID, Long> qualifyingPoints(Collection<UUID> customerIds, OffsetDateTime now) {
        Map<UUID, Long> points = new HashMap<>();
        if (customerIds.isEmpty()) {
            return points;
        }
        // One index look-up per customer (purchase_customer_time, V8), whatever the plan: written as
        // "customer_id = any(array) and purchased_at in the window", the generic plan the driver
        // switches to after five executions walked purchase_time over the whole window instead.
        JdbcStatement.of("""
                        select ids.id, (select sum(p.points_awarded - p.points_reversed) from purchase p
                                        where p.customer_id = ids.id and p.purchased_at > ?2 and p.purchased_at <= ?3)
                        from unnest(cast(?1 as uuid[])) ids(id)""",
                        List.of(JdbcStatement.textArray(customerIds), windowStart(now), now))
                .list(em, row -> {
                    long sum = row.getLong(2);
                    return row.wasNull() ? null : points.put(row.getObject(1, UUID.class), Math.max(0, sum));
                });
        return points;
    }

    /** Whether a purchase made at {@code purchasedAt} counts towards the tier at {@code now}. */
    public boolean qualifies(OffsetDateTime purchasedAt, OffsetDateTime now) {
        return purchasedAt.isAfter(windowStart(now)) && !purchasedAt.isAfter(now);
    }

    private OffsetDateTime windowStart(OffsetDateTime now) {
        return now.minusMonths(config.tiers().windowMonths());
    }

    /**
     * After a refund of a purchase made at {@code purchasedAt}: a tier reached since that purchase
     * and no longer backed by the points the customer kept is withdrawn at once (it was bought with
     * refunded points); otherwise the usual rule applies.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean reconsiderAfterRefund(LoyaltyAccount account, OffsetDateTime purchasedAt) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        return apply(account, evaluator().afterRefund(account.tier, account.tierSince, account.tierReviewAt,
                qualifyingPoints(account, now), purchasedAt, now), now);
    }

    /** Re-evaluates a locked account; publishes tier.changed when the tier moves. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean reconsider(LoyaltyAccount account) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        return reconsider(account, qualifyingPoints(account, now), now);
    }

    /**
     * {@link #reconsider(LoyaltyAccount)} with the qualifying points already known (a batch reads
     * them for all its accounts at once and adds its own purchases as it goes).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean reconsider(LoyaltyAccount account, long qualifyingPoints, OffsetDateTime now) {
        return apply(account, evaluator().evaluate(account.tier, account.tierReviewAt, qualifyingPoints, now), now);
    }

    private boolean apply(LoyaltyAccount account, TierEvaluator.Decision decision, OffsetDateTime now) {
        account.tierReviewAt = decision.reviewAt();
        if (!decision.changed()) {
            return false;
        }
        Tier previous = account.tier;
        account.tier = decision.tier();
        account.tierSince = now;
        account.updatedAt = now;
        outbox.append(account.customerId.toString(), LoyaltyEvents.TIER_CHANGED,
                new LoyaltyEvents.TierChanged(account.customerId, account.tier, previous, now));
        return true;
    }
}
