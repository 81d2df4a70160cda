package dev.crmsuite.loyalty.tier;

import dev.crmsuite.loyalty.account.LoyaltyAccount;
import dev.crmsuite.loyalty.config.LoyaltyConfig;
import dev.crmsuite.loyalty.ledger.LoyaltyEvents;
import dev.crmsuite.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;

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
     * Qualifying points: points earned from purchases (net of their clawbacks) within the rolling
     * window. Goodwill, bonuses and adjustments do not buy status.
     */
    public long qualifyingPoints(LoyaltyAccount account, OffsetDateTime now) {
        em.flush();
        Number sum = (Number) em.createQuery("""
                        select coalesce(sum(e.points), 0) from LedgerEntry e
                        where e.customerId = ?1 and e.kind in (dev.crmsuite.loyalty.ledger.EntryKind.EARN,
                              dev.crmsuite.loyalty.ledger.EntryKind.REVERSAL)
                          and e.createdAt > ?2 and e.createdAt <= ?3""")
                .setParameter(1, account.customerId)
                .setParameter(2, now.minusMonths(config.tiers().windowMonths()))
                .setParameter(3, now)
                .getSingleResult();
        return Math.max(0, sum.longValue());
    }

    /** Re-evaluates a locked account; publishes tier.changed when the tier moves. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean reconsider(LoyaltyAccount account) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        TierEvaluator.Decision decision = evaluator().evaluate(account.tier, account.tierReviewAt,
                qualifyingPoints(account, now), now);
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
