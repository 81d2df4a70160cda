package dev.crmsuite.loyalty.ledger;

import dev.crmsuite.loyalty.tier.Tier;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Payloads of the events this service publishes on {@code crm.loyalty} (see docs/event-contracts.md). */
public final class LoyaltyEvents {

    public static final String ACCOUNT_OPENED = "crm.account.opened.v1";
    public static final String POINTS_EARNED = "crm.points.earned.v1";
    public static final String POINTS_REDEEMED = "crm.points.redeemed.v1";
    public static final String POINTS_EXPIRED = "crm.points.expired.v1";
    public static final String POINTS_ADJUSTED = "crm.points.adjusted.v1";
    public static final String POINTS_REVERSED = "crm.points.reversed.v1";
    public static final String TIER_CHANGED = "crm.tier.changed.v1";
    public static final String REWARD_REDEEMED = "crm.reward.redeemed.v1";
    public static final String VOUCHER_ISSUED = "crm.voucher.issued.v1";
    public static final String VOUCHER_REDEEMED = "crm.voucher.redeemed.v1";
    public static final String GOODWILL_DECIDED = "crm.goodwill.decided.v1";

    private LoyaltyEvents() {
    }

    /** The points that expire first and the day they do; null in events when nothing is due. */
    public record ExpiringNext(long points, LocalDate on) {
    }

    public record AccountOpened(UUID customerId, OffsetDateTime joinedAt, Tier tier) {
    }

    public record PointsEarned(UUID customerId, UUID entryId, long points, long balance, String sourceRef, String ruleId,
                               OffsetDateTime expiresAt, ExpiringNext expiringNext) {
    }

    public record PointsRedeemed(UUID customerId, UUID entryId, long points, long balance, String redemptionId,
                                 ExpiringNext expiringNext) {
    }

    public record PointsExpired(UUID customerId, UUID entryId, long points, long balance, ExpiringNext expiringNext) {
    }

    /**
     * No reason: a manual adjustment's reason is staff free text about the customer, which stays in the
     * ledger (GET .../ledger) and never goes into the event log, kept forever (issue 17).
     */
    public record PointsAdjusted(UUID customerId, UUID entryId, long points, long balance, EntryKind kind,
                                 String sourceRef, ExpiringNext expiringNext) {
    }

    public record PointsReversed(UUID customerId, UUID entryId, long points, long balance, String sourceRef,
                                 ExpiringNext expiringNext) {
    }

    public record TierChanged(UUID customerId, Tier tier, Tier previousTier, OffsetDateTime changedAt) {
    }

    public record RewardRedeemed(UUID customerId, UUID redemptionId, UUID rewardId, long points, long balance,
                                 ExpiringNext expiringNext) {
    }

    public record VoucherIssued(UUID customerId, UUID voucherId, String code, OffsetDateTime validUntil,
                                String kind, BigDecimal value) {
    }

    public record VoucherRedeemed(UUID customerId, UUID voucherId, String code, OffsetDateTime redeemedAt) {
    }

    /**
     * What loyalty did with a complaint's compensation request, once per complaint: GRANTED with the
     * GOODWILL entry and the points, or REFUSED with the reason naming the budget (grantedPoints 0).
     */
    public record GoodwillDecided(UUID complaintId, UUID customerId, long requestedPoints, String status, long grantedPoints,
                                  String reason, UUID entryId, OffsetDateTime decidedAt) {
    }
}
