package dev.crmsuite.loyalty.privacy;

import dev.crmsuite.loyalty.account.AccountStatus;
import dev.crmsuite.loyalty.ledger.EntryKind;
import dev.crmsuite.loyalty.tier.Tier;
import dev.crmsuite.loyalty.voucher.Voucher;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Everything loyalty-service holds about one person, for a data-subject request: loyalty's part of
 * the suite's personal data export. Every section is complete (not paged): it is bounded by what one
 * person's membership produces. Records of accounts merged into the person's account are included,
 * each naming the account ({@code customerId}) it belongs to.
 */
@Schema(name = "LoyaltyPrivacyExport", description = "Everything loyalty-service holds about a customer: that it knows the "
        + "customer and since when (it keeps no name or email), partner-sharing consent, the club account and tier, every ledger "
        + "entry and point lot, purchases and refunds as they earned points, attended campaign events, vouchers, redemptions and "
        + "goodwill decisions. Includes the records of accounts merged into this customer's (each record names its customerId). "
        + "A customer loyalty-service never heard of has every section empty. After erasure the account is CLOSED; ids and "
        + "amounts remain.")
public record LoyaltyPrivacyExport(
        @Schema(description = "The customer the export is for", examples = "0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d", required = true)
        UUID customerId,
        @Schema(description = "When the export was taken", required = true) OffsetDateTime generatedAt,
        @Schema(description = "The customer as loyalty-service knows of it from customer-service's events: the id and when it "
                + "was registered and last changed. No name or email: loyalty-service keeps none", required = true)
        List<Contact> contactDetails,
        @Schema(description = "Whether the customer shares their data with channel partners, as last announced", required = true)
        List<PartnerConsent> partnerConsents,
        @Schema(description = "The club account, then the accounts merged into it. Only the current tier is kept (with since "
                + "when): loyalty-service keeps no tier history", required = true)
        List<Account> accounts,
        @Schema(description = "Every points movement, in posting order", required = true) List<LedgerEntry> ledgerEntries,
        @Schema(description = "Every lot of credited points with its expiry, oldest first", required = true) List<Lot> lots,
        @Schema(description = "Purchases as they reached loyalty-service and what they earned, oldest first", required = true)
        List<Purchase> purchases,
        @Schema(description = "Refunds of those purchases and the points they took back", required = true) List<Refund> refunds,
        @Schema(description = "Vouchers issued to the customer or redeemed by them", required = true) List<VoucherRecord> vouchers,
        @Schema(description = "Points turned into rewards or discounts", required = true) List<RedemptionRecord> redemptions,
        @Schema(description = "Compensation requested by the customer's resolved complaints, granted or refused", required = true)
        List<GoodwillDecision> goodwillDecisions,
        @Schema(description = "Campaign events the customer attended and what they earned (EVENT_ATTENDANCE rule), oldest first",
                required = true)
        List<AttendedEvent> attendedEvents) {

    @Schema(name = "LoyaltyPrivacyAttendedEvent", description = "A campaign event the customer attended, as it reached loyalty-service")
    public record AttendedEvent(
            @Schema(description = "The campaign delivery (invitation) the attendance belongs to", required = true) UUID deliveryId,
            @Schema(nullable = true) UUID campaignId,
            @Schema(description = "The account it counts for (moves to the survivor on a merge)", required = true) UUID customerId,
            @Schema(examples = "Spring tasting", nullable = true) String eventTitle,
            @Schema(required = true) OffsetDateTime attendedAt,
            @Schema(description = "Earning rule version in force when they attended", examples = "3", nullable = true) Integer ruleVersion,
            @Schema(description = "0 when no EVENT_ATTENDANCE rule was in force", examples = "50", required = true) long pointsAwarded,
            @Schema(description = "The EARN ledger entry", nullable = true) UUID earnEntryId,
            @Schema(required = true) OffsetDateTime recordedAt) {
    }

    @Schema(name = "LoyaltyPrivacyContact", description = "A customer loyalty-service knows of (no name or email is kept)")
    public record Contact(
            @Schema(required = true) UUID customerId,
            @Schema(required = true) OffsetDateTime registeredAt,
            @Schema(required = true) OffsetDateTime updatedAt) {
    }

    @Schema(name = "LoyaltyPrivacyPartnerConsent", description = "The partner-sharing consent loyalty-service enforces")
    public record PartnerConsent(
            @Schema(required = true) UUID customerId,
            @Schema(examples = "false", required = true) boolean partnerSharing,
            @Schema(description = "The customer this one was merged into", nullable = true) UUID mergedInto,
            @Schema(required = true) OffsetDateTime updatedAt) {
    }

    @Schema(name = "LoyaltyPrivacyAccount", description = "A club account with its tier")
    public record Account(
            @Schema(required = true) UUID customerId,
            @Schema(examples = "ACTIVE", required = true) AccountStatus status,
            @Schema(examples = "SILVER", required = true) Tier tier,
            @Schema(description = "Since when the member holds the tier", required = true) OffsetDateTime tierSince,
            @Schema(description = "End of the tier period", required = true) OffsetDateTime tierReviewAt,
            @Schema(examples = "1250", required = true) long balance,
            @Schema(examples = "4200", required = true) long lifetimeEarned,
            @Schema(examples = "2950", required = true) long lifetimeRedeemed,
            @Schema(required = true) OffsetDateTime joinedAt,
            @Schema(description = "The account this one was merged into", nullable = true) UUID mergedInto,
            @Schema(description = "When the account was closed (erasure)", nullable = true) OffsetDateTime closedAt,
            @Schema(required = true) OffsetDateTime updatedAt) {
    }

    @Schema(name = "LoyaltyPrivacyLedgerEntry", description = "One movement of points")
    public record LedgerEntry(
            @Schema(required = true) UUID entryId,
            @Schema(description = "The account it was posted to", required = true) UUID customerId,
            @Schema(examples = "EARN", required = true) EntryKind kind,
            @Schema(description = "Signed: credits positive, debits negative", examples = "120", required = true) long points,
            @Schema(examples = "1370", required = true) long balanceAfter,
            @Schema(examples = "purchase of 120.00 CNY", required = true) String reason,
            @Schema(examples = "purchase:7c9e6679-7425-40de-944b-e07fc1f90ae7", nullable = true) String sourceRef,
            @Schema(examples = "rules-v2", nullable = true) String rule,
            @Schema(required = true) OffsetDateTime createdAt) {
    }

    @Schema(name = "LoyaltyPrivacyLot", description = "Points credited together, with their expiry date")
    public record Lot(
            @Schema(required = true) UUID lotId,
            @Schema(description = "The account holding it now (open lots move on a merge)", required = true) UUID customerId,
            @Schema(description = "The ledger entry that created it", required = true) UUID entryId,
            @Schema(examples = "200", required = true) long points,
            @Schema(examples = "80", required = true) long remaining,
            @Schema(required = true) OffsetDateTime earnedAt,
            @Schema(required = true) OffsetDateTime expiresAt,
            @Schema(nullable = true) OffsetDateTime expiredAt) {
    }

    @Schema(name = "LoyaltyPrivacyPurchase", description = "A purchase as it reached loyalty-service, and what it earned")
    public record Purchase(
            @Schema(required = true) UUID purchaseId,
            @Schema(description = "The account it counts for (moves to the survivor on a merge)", required = true) UUID customerId,
            @Schema(examples = "120.00", required = true) BigDecimal amount,
            @Schema(description = "The installation currency (ISO 4217)", examples = "CNY", required = true) String currency,
            @Schema(required = true) OffsetDateTime purchasedAt,
            @Schema(description = "The customer's segment at the purchase", examples = "RELATIONAL", nullable = true) String segment,
            @Schema(description = "The customer's tier at the purchase", examples = "MEMBER", required = true) String tier,
            @Schema(description = "Earning rule version that priced it", examples = "1", nullable = true) Integer ruleVersion,
            @Schema(examples = "120", required = true) long pointsAwarded,
            @Schema(examples = "0", required = true) long pointsReversed,
            @Schema(examples = "0.00", required = true) BigDecimal refundedAmount,
            @Schema(description = "The EARN ledger entry", nullable = true) UUID earnEntryId,
            @Schema(required = true) OffsetDateTime recordedAt) {
    }

    @Schema(name = "LoyaltyPrivacyRefund", description = "A refund of a purchase and the points it took back")
    public record Refund(
            @Schema(required = true) UUID refundId,
            @Schema(required = true) UUID purchaseId,
            @Schema(description = "In the installation currency", examples = "60.00", required = true) BigDecimal amount,
            @Schema(description = "Points taken back", examples = "60", required = true) long points,
            @Schema(description = "Points due that could not be taken back", examples = "0", required = true) long uncollected,
            @Schema(required = true) OffsetDateTime refundedAt) {
    }

    @Schema(name = "LoyaltyPrivacyVoucher", description = "A voucher issued to the customer or redeemed by them")
    public record VoucherRecord(
            @Schema(required = true) UUID voucherId,
            @Schema(examples = "K7PX2M9QRT", required = true) String code,
            @Schema(description = "Who it was issued to; null for a batch code the customer redeemed", nullable = true) UUID customerId,
            @Schema(nullable = true) UUID batchId,
            @Schema(examples = "VALUE", required = true) Voucher.Kind kind,
            @Schema(description = "Money off for VALUE, percent for PERCENTAGE", examples = "10.00", required = true) BigDecimal value,
            @Schema(description = "For VALUE vouchers the installation currency", examples = "CNY", nullable = true) String currency,
            @Schema(required = true) OffsetDateTime validFrom,
            @Schema(required = true) OffsetDateTime validUntil,
            @Schema(description = "As of generatedAt (EXPIRED is computed)", examples = "REDEEMED", required = true) Voucher.Status status,
            @Schema(nullable = true) OffsetDateTime redeemedAt,
            @Schema(nullable = true) UUID redeemedBy,
            @Schema(examples = "order-88123", nullable = true) String orderRef,
            @Schema(nullable = true) OffsetDateTime cancelledAt,
            @Schema(nullable = true) String cancelReason,
            @Schema(required = true) OffsetDateTime createdAt) {
    }

    @Schema(name = "LoyaltyPrivacyRedemption", description = "Points turned into a reward or a discount")
    public record RedemptionRecord(
            @Schema(required = true) UUID redemptionId,
            @Schema(required = true) UUID customerId,
            @Schema(enumeration = {"REWARD", "DISCOUNT"}, examples = "REWARD", required = true) String kind,
            @Schema(nullable = true) UUID rewardId,
            @Schema(examples = "1", required = true) int quantity,
            @Schema(examples = "1500", required = true) long points,
            @Schema(description = "Value of a DISCOUNT redemption", examples = "5.00", nullable = true) BigDecimal discountAmount,
            @Schema(description = "The installation currency for a DISCOUNT", examples = "CNY", nullable = true) String currency,
            @Schema(description = "The REDEEM ledger entry", required = true) UUID entryId,
            @Schema(required = true) OffsetDateTime createdAt) {
    }

    @Schema(name = "LoyaltyPrivacyGoodwillDecision", description = "Compensation a complaint asked for, granted or refused")
    public record GoodwillDecision(
            @Schema(examples = "7c9e6679-7425-40de-944b-e07fc1f90ae7", required = true) String complaintId,
            @Schema(required = true) UUID customerId,
            @Schema(examples = "300", required = true) long requestedPoints,
            @Schema(examples = "300", required = true) long grantedPoints,
            @Schema(enumeration = {"GRANTED", "REFUSED"}, examples = "GRANTED", required = true) String status,
            @Schema(description = "Why it was refused; null when granted", nullable = true) String reason,
            @Schema(description = "The GOODWILL ledger entry when granted", nullable = true) UUID entryId,
            @Schema(description = "When it was decided", required = true) OffsetDateTime decidedAt) {
    }
}
