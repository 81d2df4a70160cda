package dev.crmsuite.gateway.overview;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The customer-360 overview as the gateway answers it: the document {@link OverviewProjection} folds
 * from the services' events, less the sections the caller's scopes do not allow
 * ({@link OverviewSections}), with the revenue figures of {@link OverviewRevenue} as of the read.
 * Only the document: the answer is the stored JSON, and OverviewSchemaTest checks every answer field
 * is declared here. A section (and any field) is absent, or null, until an event has filled it.
 */
@Schema(name = "CustomerOverview", description = "One view of a customer, built from every service's events")
public record CustomerOverview(
        @Schema(required = true, format = "uuid") String customerId,
        @Schema(description = "Time of the newest event shown (sections the caller may not read are left out of it)")
        OffsetDateTime lastEventAt,
        @Schema(description = "True once the customer was erased: nothing else is shown any more") Boolean erased,
        OffsetDateTime erasedAt,
        @Schema(description = "Customers merged into this one") List<String> mergedFrom,
        Profile profile,
        Value value,
        Lifecycle lifecycle,
        @Schema(description = "Only for callers with loyalty:read") Loyalty loyalty,
        @Schema(description = "Only for callers with complaints:read") Complaints complaints,
        @Schema(description = "Only for callers with surveys:read") Surveys surveys,
        FollowUps followUps,
        Touchpoints touchpoints,
        @Schema(description = "Only for callers with campaigns:read") Communications communications,
        Risk risk) {

    @Schema(name = "OverviewProfile")
    public record Profile(OffsetDateTime asOf, @Schema(examples = "PERSON") String kind, String name, String email,
                          String phone, Map<String, Boolean> consents, String accountManager, List<String> tags,
                          OffsetDateTime registeredAt) {
    }

    @Schema(name = "OverviewValue", description = "What the customer is worth. Money in the installation currency (currency).")
    public record Value(
            OffsetDateTime asOf,
            String segment,
            String valueTier,
            @Schema(description = "customer-service's customer lifetime value as of the last segment change "
                    + "(crm.customer.segment-changed.v1); null until the first") BigDecimal lifetimeValue,
            @Schema(description = "Net revenue of the calendar month of the read (or of asOf) and the 11 before it: "
                    + "purchases by purchase date, less refunds by refund date") BigDecimal revenue12Months,
            @Schema(description = "Net revenue of every purchase recorded, less refunds") BigDecimal lifetimeRevenue,
            @Schema(description = "ISO 4217 code of the money fields", examples = "CNY") String currency,
            Integer purchaseCount,
            Purchase lastPurchase,
            Refund lastRefund) {
    }

    @Schema(name = "OverviewPurchase")
    public record Purchase(String purchaseId, BigDecimal amount, String currency, OffsetDateTime purchasedAt) {
    }

    @Schema(name = "OverviewRefund")
    public record Refund(String refundId, String purchaseId, BigDecimal amount, String currency, OffsetDateTime refundedAt) {
    }

    @Schema(name = "OverviewLifecycle")
    public record Lifecycle(OffsetDateTime asOf, String stage, String previousStage, Lost lost) {
    }

    @Schema(name = "OverviewLost")
    public record Lost(String reasonCode, String reasonText, OffsetDateTime lostAt) {
    }

    @Schema(name = "OverviewLoyalty")
    public record Loyalty(OffsetDateTime asOf, OffsetDateTime joinedAt, String tier, Long balance, ExpiringNext expiringNext) {
    }

    @Schema(name = "OverviewExpiringNext", description = "The next points to expire")
    public record ExpiringNext(Long points, @Schema(format = "date") String on) {
    }

    @Schema(name = "OverviewComplaints")
    public record Complaints(OffsetDateTime asOf, Integer openCount, List<OpenComplaint> open, Resolution lastResolution) {
    }

    @Schema(name = "OverviewOpenComplaint")
    public record OpenComplaint(String complaintId, String category, String channel, String priority, String subject,
                                OffsetDateTime filedAt, OffsetDateTime respondBy, OffsetDateTime resolveBy,
                                String status, String assignee) {
    }

    @Schema(name = "OverviewResolution")
    public record Resolution(String complaintId, OffsetDateTime resolvedAt, Boolean firstContactResolution, String outcome,
                             Long compensationPoints) {
    }

    @Schema(name = "OverviewSurveys")
    public record Surveys(OffsetDateTime asOf, Score lastNps, Score lastCsat,
                          @Schema(description = "The last five NPS scores, oldest first") List<Integer> npsTrend,
                          @Schema(description = "The last five CSAT scores, oldest first") List<Integer> csatTrend) {
    }

    @Schema(name = "OverviewScore")
    public record Score(Integer score, OffsetDateTime at) {
    }

    @Schema(name = "OverviewFollowUps")
    public record FollowUps(OffsetDateTime asOf, Integer openCount, List<FollowUp> next, CompletedFollowUp lastCompleted) {
    }

    @Schema(name = "OverviewFollowUp")
    public record FollowUp(String followUpId, String owner, OffsetDateTime dueAt, String reason, Boolean urgent) {
    }

    @Schema(name = "OverviewCompletedFollowUp")
    public record CompletedFollowUp(String followUpId, OffsetDateTime completedAt, String outcome) {
    }

    @Schema(name = "OverviewTouchpoints")
    public record Touchpoints(OffsetDateTime asOf, @Schema(description = "The five latest, newest first") List<Touchpoint> recent) {
    }

    @Schema(name = "OverviewTouchpoint")
    public record Touchpoint(String touchpointId, String channel, String direction, String phase, String staff,
                             OffsetDateTime occurredAt, String summary) {
    }

    @Schema(name = "OverviewCommunications", description = "Campaign messages to the customer (crm.campaign.* events)")
    public record Communications(
            OffsetDateTime asOf,
            @Schema(description = "The five latest communications, newest requestedAt first") List<Communication> last,
            @Schema(description = "Event invitations whose event starts after the read (or asOf) and that the customer did not "
                    + "decline, soonest first (at most 20)") List<OpenInvitation> openInvitations) {
    }

    @Schema(name = "OverviewCommunication")
    public record Communication(
            @Schema(format = "uuid") String deliveryId,
            @Schema(format = "uuid") String campaignId,
            @Schema(enumeration = {"NEWSLETTER", "LETTER", "EVENT_INVITATION", "OFFER"}) String kind,
            String subject,
            OffsetDateTime requestedAt,
            @Schema(enumeration = {"REQUESTED", "DELIVERED", "BOUNCED"}, description = "As last reported by the delivering system")
            String status,
            @Schema(description = "When the customer first opened it, if reported") OffsetDateTime openedAt,
            @Schema(enumeration = {"ACCEPTED", "DECLINED"}, description = "Event invitations: the customer's answer, once given")
            String rsvp,
            @Schema(description = "Event invitations: when the customer's attendance was recorded") OffsetDateTime attendedAt) {
    }

    @Schema(name = "OverviewOpenInvitation")
    public record OpenInvitation(
            @Schema(format = "uuid") String deliveryId,
            @Schema(format = "uuid") String campaignId,
            InvitedEvent event,
            @Schema(enumeration = {"ACCEPTED"}, description = "ACCEPTED once accepted; absent while unanswered") String rsvp) {
    }

    @Schema(name = "OverviewInvitedEvent")
    public record InvitedEvent(String title, OffsetDateTime startsAt, String location) {
    }

    @Schema(name = "OverviewRisk", description = "customer-service's churn-risk assessment, as of its last change "
            + "(crm.customer.risk-changed.v1; a first LOW assessment is not published, so no section means no risk seen yet)")
    public record Risk(
            OffsetDateTime asOf,
            @Schema(enumeration = {"LOW", "MEDIUM", "HIGH"}) String level,
            @Schema(enumeration = {"LOW", "MEDIUM", "HIGH"}) String previousLevel,
            @Schema(description = "Why, in words", examples = "[\"no purchase for 94 days, usually every 30\"]") List<String> reasons,
            OffsetDateTime assessedAt) {
    }
}
