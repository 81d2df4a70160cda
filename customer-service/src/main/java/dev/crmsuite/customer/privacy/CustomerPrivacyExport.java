package dev.crmsuite.customer.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.customer.customer.CustomerView;
import dev.crmsuite.customer.followup.FollowUpModels;
import dev.crmsuite.customer.history.HistoryResource;
import dev.crmsuite.customer.lifecycle.LostReason;
import dev.crmsuite.customer.touchpoint.TouchpointModels;
import dev.crmsuite.customer.value.PurchaseModels;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Everything customer-service holds about one person, for a data-subject request: customer-service's
 * part of the suite's personal data export (the gateway composes it with the other services' parts).
 * One section per table that holds data about the person; every section is complete, not paged: it is
 * bounded by what one person's relationship produces. Section names are those of the first, untyped
 * version of this answer, so its readers keep working; the members inside are camelCase like the rest
 * of the API (the first version leaked the database's column names). Schema names carry the
 * {@code CustomerPrivacy} prefix so they never collide with another service's in the gateway's document.
 */
@Schema(name = "CustomerPrivacyExport", description = "Everything customer-service holds about a customer: the profile, merged "
        + "duplicates (with the profile and history their tombstones keep), purchases with their items, refunds, touchpoints, "
        + "follow-ups, referrals, losses, the timeline, the change history (including every export, this one too), consents, "
        + "the complaints and exit-survey reasons other services reported about the customer, the churn-risk assessment and possible "
        + "duplicates found for the customer. Every list is complete, not paged. "
        + "Timeline entries copied from another service's events are included only when the caller holds that service's read "
        + "scope, as in the timeline. After erasure the personal values are gone; ids, amounts, dates and stages remain.")
public record CustomerPrivacyExport(
        @Schema(description = "The customer the export is for", examples = "0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d", required = true)
        UUID customerId,
        @Schema(description = "When the export was taken", required = true) OffsetDateTime generatedAt,
        @Schema(description = "The same instant as generatedAt: the name the first version of this answer used, kept for its readers",
                required = true) OffsetDateTime exportedAt,
        @Schema(description = "The profile as GET /api/v1/customers/{id} shows it", required = true) CustomerView customer,
        @Schema(description = "Customers merged into this one, oldest merge first, with what their records still hold", required = true)
        List<MergedDuplicate> mergedDuplicates,
        @Schema(description = "Every purchase with its items, oldest first", required = true) List<Purchase> purchases,
        @Schema(description = "Every refund, oldest first", required = true) List<Refund> refunds,
        @Schema(description = "Every logged interaction, oldest first", required = true) List<Touchpoint> touchpoints,
        @Schema(description = "Every follow-up task about the customer, by due time", required = true) List<FollowUp> followUps,
        @Schema(description = "Referrals the customer made or was brought in by, oldest first", required = true) List<Referral> referrals,
        @Schema(description = "Every time the customer was marked lost, with the reason", required = true) List<Loss> losses,
        @Schema(description = "The timeline, oldest first (entries the caller's scopes allow, like GET .../timeline)", required = true)
        List<TimelineEntry> timeline,
        @Schema(description = "The change history, oldest first: who changed what and when, merges, erasure, exports", required = true)
        List<HistoryResource.Change> history,
        @Schema(description = "The consents the customer gave or withdrew, as they stand now (their changes are in history)", required = true)
        List<Consent> consents,
        @Schema(description = "Complaints complaint-service reported about the customer (its events), kept for the account-manager "
                + "scorecard; the complaints themselves are in complaint-service's part", required = true)
        List<ComplaintRecord> complaintRecords,
        @Schema(description = "Reasons the customer chose in exit surveys after being marked lost (survey-service's events)", required = true)
        List<ExitSurveyResponse> exitSurveyResponses,
        @Schema(description = "The customer's latest churn-risk assessment (none until first assessed): the profiling behind the "
                + "at-risk list", required = true)
        List<RiskAssessment> riskAssessments,
        @Schema(description = "Other customer records found to look like this one (possible duplicates), best match first",
                required = true)
        List<DuplicateCandidate> duplicateCandidates) {

    @Schema(name = "CustomerPrivacyMergedDuplicate", description = "A duplicate record merged into this customer: its contact points "
            + "moved to the survivor, its name, address and history stayed on the tombstone")
    public record MergedDuplicate(
            @Schema(required = true) UUID id,
            @Schema(examples = "Li Wei", required = true) String displayName,
            @Schema(required = true) OffsetDateTime mergedAt,
            @Schema(description = "The tombstone's profile as it is kept", required = true) CustomerView profile,
            @Schema(description = "The tombstone's change history, oldest first", required = true) List<HistoryResource.Change> history) {
    }

    @Schema(name = "CustomerPrivacyPurchase", description = "A purchase with its items")
    public record Purchase(
            @Schema(required = true) UUID id,
            @Schema(examples = "ORD-2026-0001", required = true) String externalOrderId,
            @Schema(examples = "5999.00", required = true) BigDecimal amount,
            @Schema(description = "Refunded so far", examples = "0.00", required = true) BigDecimal refundedAmount,
            @Schema(examples = "CNY", required = true) String currency,
            @Schema(required = true) OffsetDateTime purchasedAt,
            @Schema(examples = "false", required = true) boolean discounted,
            @Schema(required = true) List<PurchaseModels.Item> items,
            @Schema(required = true) OffsetDateTime recordedAt) {
    }

    @Schema(name = "CustomerPrivacyRefund", description = "A refund of one of the customer's purchases")
    public record Refund(
            @Schema(required = true) UUID id,
            @Schema(required = true) UUID purchaseId,
            @Schema(examples = "1000.00", required = true) BigDecimal amount,
            @Schema(description = "Null when none was given, and after erasure", examples = "damaged on delivery") String reason,
            @Schema(required = true) OffsetDateTime refundedAt) {
    }

    @Schema(name = "CustomerPrivacyTouchpoint", description = "One logged interaction")
    public record Touchpoint(
            @Schema(required = true) UUID id,
            @Schema(examples = "PHONE", required = true) TouchpointModels.Channel channel,
            @Schema(examples = "OUTBOUND", required = true) TouchpointModels.Direction direction,
            @Schema(examples = "AFTER_SALE", required = true) TouchpointModels.Phase phase,
            @Schema(examples = "zhang.min") String staff,
            @Schema(required = true) OffsetDateTime occurredAt,
            @Schema(description = "Null after erasure", examples = "Called a week after delivery") String summary) {
    }

    @Schema(name = "CustomerPrivacyFollowUp", description = "A follow-up task about the customer")
    public record FollowUp(
            @Schema(required = true) UUID id,
            @Schema(examples = "zhang.min", required = true) String owner,
            @Schema(required = true) OffsetDateTime dueAt,
            @Schema(examples = "Call a week after the TV purchase", required = true) String reason,
            @Schema(examples = "HIGH_VALUE_PURCHASE", required = true) FollowUpModels.Rule rule,
            @Schema(examples = "false", required = true) boolean urgent,
            @Schema(description = "OPEN, DONE or CANCELLED", examples = "DONE", required = true) String status,
            @Schema(examples = "TV works well") String outcome,
            OffsetDateTime completedAt,
            @Schema(examples = "zhang.min") String completedBy,
            @Schema(required = true) OffsetDateTime createdAt) {
    }

    @Schema(name = "CustomerPrivacyReferral", description = "A referral naming the customer as referrer or as referred")
    public record Referral(
            @Schema(required = true) UUID id,
            @Schema(required = true) UUID referrerId,
            @Schema(required = true) UUID referredId,
            @Schema(description = "Null when none was given, and after erasure", examples = "met at the trade fair") String note,
            @Schema(required = true) OffsetDateTime recordedAt) {
    }

    @Schema(name = "CustomerPrivacyLoss", description = "One time the customer was marked lost")
    public record Loss(
            @Schema(required = true) UUID id,
            @Schema(examples = "PRICE", required = true) LostReason reasonCode,
            @Schema(description = "\"[erased]\" after erasure", examples = "found it cheaper online", required = true) String reasonText,
            @Schema(required = true) OffsetDateTime lostAt,
            @Schema(description = "Who marked the customer lost, or system", examples = "zhang.min", required = true) String actor) {
    }

    @Schema(name = "CustomerPrivacyTimelineEntry", description = "One thing that happened in the relationship")
    public record TimelineEntry(
            @Schema(required = true) UUID id,
            @Schema(required = true) OffsetDateTime occurredAt,
            @Schema(description = "TOUCHPOINT, PURCHASE, REFUND, STAGE_CHANGED, FOLLOW_UP_COMPLETED, REFERRAL, COMPLAINT_FILED, "
                    + "COMPLAINT_RESOLVED, SURVEY_ANSWERED, LOYALTY_JOINED, LOYALTY_TIER_CHANGED, MERGED", examples = "PURCHASE",
                    required = true) String kind,
            @Schema(description = "Id of the purchase, touchpoint, complaint ... it refers to") String refId,
            @Schema(examples = "Purchase ORD-1 5999.00 CNY") String summary,
            @Schema(implementation = TimelineData.class, required = true) JsonNode data) {
    }

    /**
     * Documentation of a timeline entry's {@code data}: the entry keeps it as a JSON object, so the
     * export sends it whole (a record would drop members it does not name). The members this
     * service's own kinds write are listed; an entry copied from another service's event holds that
     * event's data as published, hence the open object.
     */
    @Schema(name = "CustomerPrivacyTimelineData", additionalProperties = Schema.True.class,
            description = "What the entry recorded. The members below are those of customer-service's own kinds; an entry copied "
                    + "from another service's event (COMPLAINT_*, SURVEY_ANSWERED, LOYALTY_*) holds that event's data as published "
                    + "(docs/asyncapi.yaml). Empty after erasure.")
    public record TimelineData(
            @Schema(description = "PURCHASE, REFUND", examples = "5999.00") BigDecimal amount,
            @Schema(description = "PURCHASE", examples = "CNY") String currency,
            @Schema(description = "PURCHASE", examples = "ORD-2026-0001") String externalOrderId,
            @Schema(description = "PURCHASE: how many items", examples = "1") Integer items,
            @Schema(description = "REFUND") String purchaseId,
            @Schema(description = "TOUCHPOINT", examples = "PHONE") String channel,
            @Schema(description = "TOUCHPOINT", examples = "OUTBOUND") String direction,
            @Schema(description = "TOUCHPOINT", examples = "AFTER_SALE") String phase,
            @Schema(description = "TOUCHPOINT", examples = "zhang.min") String staff,
            @Schema(description = "FOLLOW_UP_COMPLETED", examples = "Call a week after the TV purchase") String reason,
            @Schema(description = "FOLLOW_UP_COMPLETED", examples = "zhang.min") String owner,
            @Schema(description = "REFERRAL (on the referrer's timeline)") String referredId,
            @Schema(description = "REFERRAL (on the referred customer's timeline)") String referrerId,
            @Schema(description = "MERGED: the duplicate merged into this customer") String sourceCustomerId,
            @Schema(description = "STAGE_CHANGED", examples = "REPEAT_BUYER") String stage,
            @Schema(description = "STAGE_CHANGED", examples = "TRUSTING") String previousStage,
            @Schema(description = "STAGE_CHANGED: set by staff rather than derived", examples = "false") Boolean overridden) {
    }

    @Schema(name = "CustomerPrivacyConsent", description = "One consent as it stands")
    public record Consent(
            @Schema(description = "MARKETING or PARTNER_SHARING", examples = "MARKETING", required = true) String consent,
            @Schema(examples = "true", required = true) boolean given,
            @Schema(description = "When it was last given or withdrawn (null: never asked)") OffsetDateTime changedAt) {
    }

    @Schema(name = "CustomerPrivacyComplaintRecord", description = "A complaint of the customer as complaint-service's events told it")
    public record ComplaintRecord(
            @Schema(required = true) UUID complaintId,
            @Schema(description = "Null until the filing event arrived") OffsetDateTime filedAt,
            @Schema(description = "Null while unresolved") OffsetDateTime resolvedAt) {
    }

    @Schema(name = "CustomerPrivacyRiskAssessment", description = "A churn-risk assessment of the customer and what it rests on")
    public record RiskAssessment(
            @Schema(description = "LOW, MEDIUM or HIGH", examples = "HIGH", required = true) String level,
            @Schema(description = "Why, in words", examples = "[\"no purchase for 94 days, usually every 30\"]", required = true)
            List<String> reasons,
            OffsetDateTime lastPurchaseAt,
            @Schema(examples = "94") Integer recencyDays,
            @Schema(examples = "5", required = true) int purchases12Months,
            @Schema(examples = "4500.00", required = true) BigDecimal revenue12Months,
            @Schema(description = "The customer's usual time between purchases", examples = "30") Integer usualIntervalDays,
            OffsetDateTime expectedNextPurchase,
            @Schema(examples = "1", required = true) int unresolvedComplaints,
            @Schema(description = "The latest NPS answer", examples = "4") Integer lastNps,
            @Schema(description = "Since when the risk has been HIGH (null when it is not)") OffsetDateTime highSince,
            @Schema(required = true) OffsetDateTime computedAt) {
    }

    @Schema(name = "CustomerPrivacyDuplicateCandidate", description = "Another customer record that looks like this one")
    public record DuplicateCandidate(
            @Schema(required = true) UUID otherCustomerId,
            @Schema(description = "How alike, 0 to 1", examples = "0.9", required = true) BigDecimal score,
            @Schema(description = "What matched", required = true) List<DuplicateMatch> matches,
            @Schema(required = true) OffsetDateTime foundAt) {
    }

    @Schema(name = "CustomerPrivacyDuplicateMatch", description = "One field two customer records have alike")
    public record DuplicateMatch(
            @Schema(examples = "phone", required = true) String field,
            @Schema(examples = "+8613800138000") String detail) {
    }

    @Schema(name = "CustomerPrivacyExitSurveyResponse", description = "The reasons the customer chose in an exit survey")
    public record ExitSurveyResponse(
            @Schema(required = true) UUID responseId,
            @Schema(required = true) UUID surveyId,
            @Schema(description = "The chosen options, as the questionnaire defines them", examples = "[\"price\"]", required = true)
            List<String> reasons,
            @Schema(required = true) OffsetDateTime submittedAt) {
    }
}
