package dev.crmsuite.customer.insight;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/** A risk assessment as the API shows it: the level, why, and the RFM profile and rhythm behind it. */
@Schema(name = "CustomerRisk", description = "Risk of losing the customer, judged against their own purchase rhythm")
public record RiskView(
        @Schema(examples = "HIGH") RiskModel.Level level,
        @Schema(description = "Why, in words (empty when LOW)",
                examples = "[\"no purchase for 94 days, usually every 30\", \"two unresolved complaints\", \"last NPS 3\"]")
        List<String> reasons,
        @Schema(description = "Recency: the last purchase not fully refunded") OffsetDateTime lastPurchaseAt,
        @Schema(description = "Days since the last purchase", examples = "94") Integer recencyDays,
        @Schema(description = "Frequency: purchases in the last 12 months", examples = "6") Integer purchases12Months,
        @Schema(description = "Monetary: net revenue of the last 12 months", examples = "1800.00") BigDecimal revenue12Months,
        @Schema(description = "Median days between their purchase days; absent with fewer than two", examples = "30") Integer usualIntervalDays,
        @Schema(description = "One usual interval after the last purchase") OffsetDateTime expectedNextPurchaseAt,
        @Schema(description = "Complaints filed and not resolved (from complaint-service's events)", examples = "2") Integer unresolvedComplaints,
        @Schema(description = "Their last NPS answer (from survey-service's events); absent when none", examples = "3") Integer lastNps,
        @Schema(description = "When this assessment was made") OffsetDateTime assessedAt) {

    static RiskView of(RiskModel.Assessment a, OffsetDateTime at) {
        return new RiskView(a.level(), a.reasons(), a.lastPurchaseAt(), a.recencyDays(), a.purchases12Months(), a.revenue12Months(),
                a.usualIntervalDays(), a.expectedNextPurchaseAt(), a.unresolvedComplaints(), a.lastNps(), at);
    }
}
