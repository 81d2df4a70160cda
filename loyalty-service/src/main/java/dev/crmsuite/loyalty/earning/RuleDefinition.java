package dev.crmsuite.loyalty.earning;

import dev.crmsuite.loyalty.tier.Tier;
import jakarta.validation.Valid;
import dev.crmsuite.loyalty.ledger.PointsLimits;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** The content of one version of the earning rules (stored as JSON, exactly as sent). */
@Schema(name = "RuleDefinition", description = "How many points a purchase earns, and (optional eventAttendance) an attended event")
public record RuleDefinition(
        @NotNull @Positive @DecimalMax(PointsLimits.MAX_RATE) @Schema(description = "Points per unit of currency spent, at most 1000", examples = "1", required = true)
        BigDecimal pointsPerUnit,
        @NotNull @PositiveOrZero @DecimalMax(PointsLimits.MAX_AMOUNT) @Schema(description = "Purchases below this amount earn nothing", examples = "10.00", required = true)
        BigDecimal minimumPurchase,
        @Schema(description = "Multiplier per tier; 1 for a tier not named", examples = "{\"SILVER\": 1.25, \"GOLD\": 1.5, \"PLATINUM\": 2}")
        Map<Tier, @NotNull @Positive @DecimalMax(PointsLimits.MAX_RATE) BigDecimal> tierMultipliers,
        @Size(max = 100) @Schema(description = "Time-boxed bonuses")
        List<@Valid @NotNull Campaign> campaigns,
        @Valid @Schema(description = "The EVENT_ATTENDANCE rule; absent or null: an attended event earns no points", nullable = true)
        EventAttendanceRule eventAttendance) {

    public RuleDefinition {
        tierMultipliers = tierMultipliers == null ? Map.of() : Map.copyOf(tierMultipliers);
        campaigns = campaigns == null ? List.of() : List.copyOf(campaigns);
    }

    /** Points one attended event earns under these rules: 0 when the version has no EVENT_ATTENDANCE rule. */
    public long attendancePoints() {
        return eventAttendance == null || eventAttendance.pointsPerEvent() == null ? 0 : eventAttendance.pointsPerEvent();
    }

    public BigDecimal multiplierFor(Tier tier) {
        return tierMultipliers.getOrDefault(tier, BigDecimal.ONE);
    }
}
