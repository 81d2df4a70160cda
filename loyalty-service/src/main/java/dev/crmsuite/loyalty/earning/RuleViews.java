package dev.crmsuite.loyalty.earning;

import dev.crmsuite.loyalty.tier.Tier;
import jakarta.validation.Valid;
import dev.crmsuite.loyalty.ledger.PointsLimits;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** API models of the earning rules, simulation and backtest. */
public final class RuleViews {

    private RuleViews() {
    }

    @Schema(name = "NewRuleSet", description = "A new version of the earning rules")
    public record NewRuleSet(
            @NotNull @Valid @Schema(required = true) RuleDefinition rules,
            @Schema(description = "When it takes over; now when absent. Never in the past") OffsetDateTime effectiveFrom,
            @Size(max = 500) @Schema(examples = "double points before Christmas") String note) {
    }

    @Schema(name = "RuleSet", description = "One version of the earning rules")
    public record RuleSetView(@Schema(examples = "3") int version, OffsetDateTime effectiveFrom, String note,
                              OffsetDateTime createdAt, RuleDefinition rules,
                              @Schema(description = "Whether this version is the one in force now") boolean inForce) {
    }

    @Schema(name = "SimulationRequest", description = "A purchase to price in points, without writing anything")
    public record SimulationRequest(
            @NotNull @Positive @DecimalMax(PointsLimits.MAX_AMOUNT) @Schema(description = "At most 1,000,000,000", examples = "120.50", required = true) BigDecimal amount,
            @Schema(description = "When the purchase happens; now when absent") OffsetDateTime purchasedAt,
            @Schema(description = "Tier to price at; the customer's tier (or MEMBER) when absent", examples = "GOLD") Tier tier,
            @Size(max = 40) @Schema(description = "Customer segment, for segment campaigns", examples = "RELATIONAL") String segment,
            @Schema(description = "Take tier from this customer's account (404 when there is none the caller may see). "
                    + "Exactly 8-4-4-4-12 hex digits.")
            UUID customerId,
            @Valid @Schema(description = "Draft rules to try; the rules in force at purchasedAt when absent") RuleDefinition rules) {
    }

    @Schema(name = "SimulationResult", description = "Points a purchase would earn")
    public record SimulationResult(@Schema(examples = "181") long points, @Schema(examples = "120") long basePoints,
                                   Tier tier, BigDecimal tierMultiplier, BigDecimal campaignMultiplier, List<String> campaigns,
                                   boolean belowMinimum,
                                   @Schema(description = "Rule version used; absent for draft rules", examples = "3") Integer ruleVersion) {
    }

    @Schema(name = "BacktestRequest", description = "A draft rule set to run over the purchases of a past period")
    public record BacktestRequest(
            @NotNull @Schema(required = true, examples = "2026-01-01T00:00:00Z") OffsetDateTime from,
            @NotNull @Schema(required = true, examples = "2026-04-01T00:00:00Z", description = "Exclusive") OffsetDateTime to,
            @NotNull @Valid @Schema(required = true) RuleDefinition draft) {
    }

    @Schema(name = "BacktestLine", description = "Points issued for a group of purchases: by the rules in force and by the draft")
    public record BacktestLine(@Schema(description = "Tier at purchase; absent on the total") Tier tier,
                               @Schema(examples = "1200") long purchases,
                               @Schema(examples = "84210.50") BigDecimal amount,
                               @Schema(examples = "90340") long inForcePoints,
                               @Schema(examples = "120880") long draftPoints,
                               @Schema(description = "draftPoints - inForcePoints", examples = "30540") long difference) {
    }

    @Schema(name = "BacktestReport", description = "What a draft rule set would have issued compared with the rules in force")
    public record BacktestReport(OffsetDateTime from, OffsetDateTime to, BacktestLine total, List<BacktestLine> perTier) {
    }
}
