package dev.crmsuite.loyalty.tier;

import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Map;

/**
 * The tier rule, free of storage: a member qualifies for the highest tier whose threshold their
 * qualifying points (over the rolling window) reach. Upgrades apply at once, because a reward that
 * waits feels like none; downgrades wait for the end of the tier period, so a member keeps what
 * they earned for the whole period they were promised it.
 */
public final class TierEvaluator {

    /** The outcome: the tier from now on, when it is next reviewed, and whether it changed. */
    public record Decision(Tier tier, OffsetDateTime reviewAt, boolean changed) {
    }

    private final Map<Tier, Long> thresholds;
    private final int reviewMonths;

    public TierEvaluator(Map<Tier, Long> thresholds, int reviewMonths) {
        this.thresholds = new EnumMap<>(thresholds);
        this.thresholds.put(Tier.MEMBER, 0L);
        this.reviewMonths = reviewMonths;
    }

    /** The tier that {@code qualifyingPoints} earn, ignoring periods. */
    public Tier qualifiedFor(long qualifyingPoints) {
        Tier best = Tier.MEMBER;
        for (Tier tier : Tier.values()) {
            Long threshold = thresholds.get(tier);
            if (threshold != null && qualifyingPoints >= threshold) {
                best = tier;
            }
        }
        return best;
    }

    public Decision evaluate(Tier current, OffsetDateTime reviewAt, long qualifyingPoints, OffsetDateTime now) {
        Tier target = qualifiedFor(qualifyingPoints);
        if (target.above(current)) {
            return new Decision(target, now.plusMonths(reviewMonths), true);
        }
        if (now.isBefore(reviewAt)) {
            return new Decision(current, reviewAt, false);
        }
        // The period is over: the member now holds what they qualify for, for another full period.
        return new Decision(target, now.plusMonths(reviewMonths), target != current);
    }

    /**
     * After a refund of a purchase made at {@code purchasedAt}: when the current tier was reached at or
     * after that purchase and the points kept no longer reach it, the refunded points bought it, so it
     * goes at once (a new period starts at the tier still earned). Otherwise as {@link #evaluate}.
     */
    public Decision afterRefund(Tier current, OffsetDateTime tierSince, OffsetDateTime reviewAt, long qualifyingPoints,
                                OffsetDateTime purchasedAt, OffsetDateTime now) {
        Tier target = qualifiedFor(qualifyingPoints);
        if (current.above(target) && tierSince != null && purchasedAt != null && !tierSince.isBefore(purchasedAt)) {
            return new Decision(target, now.plusMonths(reviewMonths), true);
        }
        return evaluate(current, reviewAt, qualifyingPoints, now);
    }

    public Map<Tier, Long> thresholds() {
        return Map.copyOf(thresholds);
    }
}
