package dev.crmsuite.loyalty.account;

import dev.crmsuite.loyalty.ledger.LoyaltyEvents.ExpiringNext;
import dev.crmsuite.loyalty.tier.Tier;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A club account as the API shows it. */
@Schema(name = "LoyaltyAccount", description = "A customer's club membership and points")
public record AccountView(
        @Schema(examples = "0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d") UUID customerId,
        @Schema(examples = "ACTIVE") AccountStatus status,
        @Schema(examples = "SILVER") Tier tier,
        @Schema(description = "Current points; always the sum of the ledger. Negative only after a clawback when negative balances are enabled", examples = "1250")
        long balance,
        @Schema(description = "True when a clawback left the balance below zero", examples = "false") boolean negativeBalance,
        @Schema(description = "Points earned ever (purchases, goodwill, bonuses)", examples = "4200") long lifetimeEarned,
        @Schema(description = "Points redeemed ever", examples = "2950") long lifetimeRedeemed,
        @Schema(description = "Club join date") OffsetDateTime joinedAt,
        @Schema(description = "Points that expire first and the day they do; absent when none") ExpiringNext expiringNext,
        @Schema(description = "Since when the member holds the tier") OffsetDateTime tierSince,
        @Schema(description = "End of the tier period: a downgrade can only happen then") OffsetDateTime tierReviewAt,
        @Schema(description = "Qualifying points in the rolling tier window", examples = "1200") long qualifyingPoints,
        @Schema(description = "The account this one was merged into") UUID mergedInto,
        @Schema(description = "Row version; also the ETag", examples = "3") long version) {

    public static AccountView of(LoyaltyAccount a, ExpiringNext next, long qualifyingPoints) {
        return new AccountView(a.customerId, a.status, a.tier, a.balance, a.balance < 0, a.lifetimeEarned, a.lifetimeRedeemed,
                a.joinedAt, next, a.tierSince, a.tierReviewAt, qualifyingPoints, a.mergedInto, a.version);
    }
}
