package dev.crmsuite.loyalty.ledger;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

/** API models of the ledger. */
public final class LedgerViews {

    private LedgerViews() {
    }

    @Schema(name = "LedgerEntry", description = "One movement of points")
    public record EntryView(
            @Schema(examples = "5d1f3c2e-8a7b-4c6d-9e0f-1a2b3c4d5e6f") UUID entryId,
            @Schema(examples = "EARN") EntryKind kind,
            @Schema(description = "Signed: credits positive, debits negative", examples = "120") long points,
            @Schema(description = "Balance right after this entry", examples = "1370") long balanceAfter,
            @Schema(examples = "purchase of 120.00 CNY") String reason,
            @Schema(description = "What caused it: purchase, refund, redemption, complaint...", examples = "purchase:7c9e6679-7425-40de-944b-e07fc1f90ae7")
            String sourceRef,
            @Schema(description = "The earning rule version (and campaign) that produced it", examples = "rules-v2+XMAS-DOUBLE") String rule,
            OffsetDateTime createdAt) {

        public static EntryView of(LedgerEntry e) {
            return new EntryView(e.id, e.kind, e.points, e.balanceAfter, e.reason, e.sourceRef, e.ruleRef, e.createdAt);
        }
    }

    @Schema(name = "PointLot", description = "Points credited together, with their expiry date")
    public record LotView(
            UUID lotId,
            @Schema(description = "The ledger entry that created the lot") UUID entryId,
            @Schema(examples = "200") long points,
            @Schema(description = "Still unspent", examples = "80") long remaining,
            OffsetDateTime earnedAt,
            OffsetDateTime expiresAt,
            @Schema(description = "When the rest expired; absent while open") OffsetDateTime expiredAt) {

        public static LotView of(PointLot l) {
            return new LotView(l.id, l.entryId, l.points, l.remaining, l.earnedAt, l.expiresAt, l.expiredAt);
        }
    }

    /**
     * What staff may post by hand. GOODWILL is not among them: goodwill is granted only through the
     * budgeted path (a resolved complaint's compensation, checked against the per-complaint and monthly
     * budgets), so a manual posting cannot bypass those budgets; {"kind":"GOODWILL"} here is 400 naming kind.
     */
    public enum ManualKind {
        ADJUST, BONUS
    }

    @Schema(name = "Adjustment", description = "A manual points movement; always with a reason")
    public record AdjustmentRequest(
            @NotNull @Schema(description = "ADJUST (either sign) or BONUS (positive). Goodwill is granted only through a resolved "
                    + "complaint's compensation, within the goodwill budgets", examples = "BONUS", required = true)
            ManualKind kind,
            @NotNull @Min(-PointsLimits.MAX_POINTS) @Max(PointsLimits.MAX_POINTS)
            @Schema(description = "Points; negative only for ADJUST. At most 1,000,000,000 either way", examples = "250", required = true) Long points,
            @NotBlank @Size(max = 500) @Schema(examples = "late delivery, order 4711", required = true) String reason,
            @Size(max = 200) @Schema(description = "What it refers to", examples = "ticket:4711") String sourceRef) {
    }
}
