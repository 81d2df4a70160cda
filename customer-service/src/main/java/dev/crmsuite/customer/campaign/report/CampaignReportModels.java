package dev.crmsuite.customer.campaign.report;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The campaign report's records. Rates are shares 0..1 (4 places), null when their denominator is 0. */
public final class CampaignReportModels {

    private CampaignReportModels() {
    }

    @Schema(name = "CampaignReport", description = "What one run of a campaign did: delivery, response and measured lift, overall and per segment")
    public record CampaignReport(@Schema(examples = "3f2a7c10-5e8b-4a61-b0d2-6c9e8f1a2b34") UUID campaignId,
                                 @Schema(examples = "Spring preview for our regular customers") String name,
                                 @Schema(examples = "EVENT_INVITATION") String kind,
                                 @Schema(examples = "SENT") String status,
                                 RunSummary run,
                                 @Schema(description = "The currency revenue is in (the service's reporting currency)", examples = "CNY") String currency,
                                 @Schema(description = "Days after the run's send time whose purchases count", examples = "14") int measurementDays,
                                 @Schema(description = "Start of the measurement window: the run's send time", examples = "2026-12-01T09:30:00Z")
                                 OffsetDateTime measuredFrom,
                                 @Schema(description = "End of the window (exclusive)", examples = "2026-12-15T09:30:00Z") OffsetDateTime measuredUntil,
                                 @Schema(description = "Whether the window is over: until then the lift is provisional", examples = "true")
                                 boolean windowComplete,
                                 @Schema(description = "Every customer of the run") SegmentReport overall,
                                 @Schema(description = "The same per segment the customer had when the run was sent (segment null: none)")
                                 List<SegmentReport> segments) {
    }

    @Schema(name = "CampaignReportRun", description = "The run reported on")
    public record RunSummary(@Schema(examples = "9d8e7f60-1a2b-4c3d-8e4f-5a6b7c8d9e0f") UUID id,
                             @Schema(examples = "1") int number,
                             @Schema(examples = "2026-12-01T09:30:00Z") OffsetDateTime scheduledFor,
                             @Schema(examples = "2026-12-01T09:30:02Z") OffsetDateTime startedAt,
                             @Schema(examples = "2026-12-01T09:30:40Z") OffsetDateTime finishedAt) {
    }

    @Schema(name = "CampaignSegmentReport", description = "Figures of the run's customers (all of them, or one segment)")
    public record SegmentReport(@Schema(description = "null in the overall figures, and for customers without a segment", examples = "RELATIONAL") String segment,
                                @Schema(description = "Customers the audience held when the run was sent", examples = "1200") long audienceSize,
                                @Schema(description = "Customers excluded, by reason", examples = "{\"NO_MARKETING_CONSENT\":150,\"CONTACT_BUDGET_EXHAUSTED\":12,\"NO_CONTACT_ADDRESS\":3,\"ERASED\":0}")
                                Map<String, Long> excluded,
                                @Schema(description = "Customers held out (sent nothing, the comparison group)", examples = "103") long holdout,
                                @Schema(description = "Messages requested from the delivering system", examples = "925") long requested,
                                @Schema(description = "Messages waiting for quiet hours to end", examples = "7") long deferred,
                                @Schema(examples = "900") long delivered,
                                @Schema(examples = "25") long bounced,
                                @Schema(examples = "430") long opened,
                                @Schema(examples = "120") long clicked,
                                @Schema(description = "delivered / requested", examples = "0.9730") BigDecimal deliveryRate,
                                @Schema(description = "bounced / requested", examples = "0.0270") BigDecimal bounceRate,
                                @Schema(description = "opened / delivered", examples = "0.4778") BigDecimal openRate,
                                @Schema(description = "clicked / delivered", examples = "0.1333") BigDecimal clickRate,
                                @Schema(description = "EVENT_INVITATION campaigns only") InvitationFigures invitations,
                                Lift lift) {
    }

    @Schema(name = "CampaignInvitationFigures", description = "Answers and attendance of an invitation")
    public record InvitationFigures(@Schema(examples = "310") long accepted,
                                    @Schema(examples = "95") long declined,
                                    @Schema(examples = "260") long attended,
                                    @Schema(description = "accepted / requested", examples = "0.3351") BigDecimal acceptanceRate,
                                    @Schema(description = "declined / requested", examples = "0.1027") BigDecimal declineRate,
                                    @Schema(description = "attended / requested", examples = "0.2811") BigDecimal attendanceRate,
                                    @Schema(description = "attended / accepted: how many who said yes came", examples = "0.8387")
                                    BigDecimal acceptedWhoAttendedRate) {
    }

    @Schema(name = "CampaignLift", description = "Purchases in the measurement window, recipients (requested, delivered or bounced) "
            + "against the random holdout; each difference is recipients - holdout with a 95% confidence interval (Welch, normal "
            + "approximation), whose bounds are null when a group has fewer than 2 customers")
    public record Lift(GroupOutcome recipients, GroupOutcome holdout,
                       @Schema(description = "Purchases per customer") Difference purchasesPerCustomer,
                       @Schema(description = "Net revenue (amount - refunds) per customer") Difference revenuePerCustomer,
                       @Schema(description = "Share of customers who bought at least once") Difference conversionRate) {

        static Lift of(CampaignLift.Lift l) {
            return new Lift(GroupOutcome.of(l.recipients()), GroupOutcome.of(l.holdout()), Difference.of(l.purchasesPerCustomer()),
                    Difference.of(l.revenuePerCustomer()), Difference.of(l.conversionRate()));
        }
    }

    @Schema(name = "CampaignLiftGroup", description = "One group's outcome in the window (means null without customers)")
    public record GroupOutcome(@Schema(examples = "925") long customers,
                               @Schema(examples = "0.3100") BigDecimal purchasesPerCustomer,
                               @Schema(examples = "182.40") BigDecimal revenuePerCustomer,
                               @Schema(examples = "0.2400") BigDecimal conversionRate) {
        static GroupOutcome of(CampaignLift.GroupOutcome g) {
            return new GroupOutcome(g.customers(), g.purchasesPerCustomer(), g.revenuePerCustomer(), g.conversionRate());
        }
    }

    @Schema(name = "CampaignLiftDifference", description = "recipients - holdout with its 95% confidence interval")
    public record Difference(@Schema(examples = "24.65") BigDecimal estimate,
                             @Schema(examples = "-3.10") BigDecimal low,
                             @Schema(examples = "52.40") BigDecimal high) {
        static Difference of(CampaignLift.Difference d) {
            return new Difference(d.estimate(), d.low(), d.high());
        }
    }
}
