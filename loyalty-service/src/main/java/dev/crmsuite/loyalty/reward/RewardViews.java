package dev.crmsuite.loyalty.reward;

import dev.crmsuite.loyalty.ledger.PointsLimits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** API models of the rewards catalogue and of redemptions. */
public final class RewardViews {

    private RewardViews() {
    }

    @Schema(name = "NewReward", description = "A reward to add to the catalogue")
    public record NewReward(
            @NotBlank @Size(max = 200) @Schema(examples = "Cinema voucher for two", required = true) String name,
            @Size(max = 2000) @Schema(examples = "Valid in all partner cinemas") String description,
            @NotNull @Positive @Max(PointsLimits.MAX_POINTS) @Schema(description = "Points one unit costs, at most 1,000,000,000", examples = "1500", required = true) Long pointsCost,
            @PositiveOrZero @Schema(description = "Units available; unlimited when absent", examples = "100") Integer stock) {
    }

    @Schema(name = "RewardChange", description = "A JSON Merge Patch of a reward: a member present replaces, null removes "
            + "an optional one (description, stock), an absent member stays as it is; name, pointsCost and active cannot be removed")
    public record RewardChange(
            @Size(min = 1, max = 200) @Schema(description = "Not null: a reward always has a name", examples = "Cinema voucher for two")
            String name,
            @Size(max = 2000) @Schema(description = "null removes it", nullable = true, examples = "Valid in all partner cinemas")
            String description,
            @Positive @Max(PointsLimits.MAX_POINTS) @Schema(description = "At most 1,000,000,000; not null", examples = "1800") Long pointsCost,
            @PositiveOrZero @Schema(description = "New number of units left; null makes the reward unlimited", nullable = true,
                    examples = "250") Integer stock,
            @Schema(description = "Set false to withdraw it from the catalogue; not null", examples = "true") Boolean active) {
    }

    @Schema(name = "Reward", description = "An item of the rewards catalogue")
    public record RewardView(UUID id, @Schema(examples = "Cinema voucher for two") String name, String description,
                             @Schema(examples = "1500") long pointsCost,
                             @Schema(description = "Units left; absent = unlimited", examples = "99") Integer stock,
                             boolean active, OffsetDateTime createdAt, long version) {
        static RewardView of(Reward r) {
            return new RewardView(r.id, r.name, r.description, r.pointsCost, r.stock, r.active, r.createdAt, r.version);
        }
    }

    @Schema(name = "RedemptionRequest", description = "Redeem points for a reward (rewardId, optional quantity) or for a "
            + "cash-equivalent discount (points)")
    public record RedemptionRequest(
            @Schema(description = "The reward; leave out to redeem points for a discount", examples = "2f1d7a3e-1c55-4b7e-8a51-0d6f2b9c4e11")
            UUID rewardId,
            @Positive @Max(PointsLimits.MAX_QUANTITY) @Schema(description = "Units of the reward; 1 when absent, at most 100", examples = "1") Integer quantity,
            @Positive @Max(PointsLimits.MAX_POINTS) @Schema(description = "Points to turn into a discount (only without rewardId), at most 1,000,000,000", examples = "500") Long points) {
    }

    @Schema(name = "Redemption", description = "A completed redemption")
    public record RedemptionView(
            UUID redemptionId, UUID customerId,
            @Schema(examples = "REWARD") String kind,
            UUID rewardId,
            @Schema(examples = "1") int quantity,
            @Schema(description = "Points taken from the balance", examples = "1500") long points,
            @Schema(description = "Value of a DISCOUNT redemption", examples = "5.00") BigDecimal discountAmount,
            @Schema(description = "The installation currency (crm.currency, ISO 4217)", examples = "CNY") String currency,
            @Schema(description = "Balance after the redemption", examples = "250") long balance,
            @Schema(description = "The REDEEM ledger entry") UUID entryId,
            OffsetDateTime createdAt) {
    }
}
