package dev.crmsuite.loyalty.earning;

import dev.crmsuite.loyalty.ledger.PointsLimits;
import dev.crmsuite.loyalty.tier.Tier;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Points for a purchase under one rule set: amount x points per unit x tier multiplier x the best
 * applicable campaign multiplier, rounded down to whole points (a member is never promised a
 * fraction we then fail to pay). Campaigns do not stack, so overlapping promotions cannot multiply
 * into a liability nobody planned.
 */
public final class PointsCalculator {

    public record Purchase(BigDecimal amount, OffsetDateTime purchasedAt, Tier tier, String segment) {
    }

    public record Result(long points, long basePoints, BigDecimal tierMultiplier, BigDecimal campaignMultiplier,
                         List<String> campaigns, boolean belowMinimum) {
    }

    private PointsCalculator() {
    }

    public static Result calculate(RuleDefinition rules, Purchase purchase) {
        if (purchase.amount().signum() <= 0 || purchase.amount().compareTo(rules.minimumPurchase()) < 0) {
            return new Result(0, 0, rules.multiplierFor(purchase.tier()), BigDecimal.ONE, List.of(), true);
        }
        BigDecimal base = purchase.amount().multiply(rules.pointsPerUnit());
        var day = purchase.purchasedAt().atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
        BigDecimal campaignMultiplier = BigDecimal.ONE;
        String best = null;
        for (Campaign campaign : rules.campaigns()) {
            if (campaign.appliesTo(day, purchase.segment()) && campaign.multiplier().compareTo(campaignMultiplier) > 0) {
                campaignMultiplier = campaign.multiplier();
                best = campaign.code();
            }
        }
        BigDecimal tierMultiplier = rules.multiplierFor(purchase.tier());
        long points = capped(base.multiply(tierMultiplier).multiply(campaignMultiplier));
        return new Result(points, capped(base), tierMultiplier, campaignMultiplier,
                best == null ? List.of() : List.of(best), false);
    }

    /**
     * Whole points, at most {@link PointsLimits#MAX_BALANCE}: no single purchase can earn more than an
     * account may hold, and an absurd amount from an event never overflows a long.
     */
    private static long capped(BigDecimal points) {
        BigDecimal floor = points.setScale(0, RoundingMode.FLOOR);
        return floor.min(BigDecimal.valueOf(PointsLimits.MAX_BALANCE)).longValueExact();
    }
}
