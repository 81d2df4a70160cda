package dev.crmsuite.complaint.complaint;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A complaint as the API shows it, with its deadlines and what can be done next. */
@Schema(name = "Complaint", description = "A complaint with its deadlines, holder and next possible actions")
public record ComplaintView(
        @Schema(examples = "5a8f3e0c-2b7d-4f7e-9d7c-1c2b3a4d5e6f") UUID id,
        @Schema(examples = "0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d") UUID customerId,
        @Schema(description = "False while no crm.customers event told us of the customer; such complaints are kept and reconciled later")
        boolean customerKnown,
        @Schema(description = "Customer segment when filed (or when the customer became known)", examples = "KEY_ACCOUNT")
        String customerSegment,
        @Schema(examples = "PHONE") Channel channel,
        @Schema(examples = "DELIVERY") Category category,
        @Schema(examples = "Parcel arrived damaged") String subject,
        @Schema(description = "Null after the customer's erasure") String description,
        @Schema(examples = "HIGH") Priority priority,
        @Schema(examples = "IN_PROGRESS") ComplaintStatus status,
        @Schema(description = "Action endpoints allowed now", examples = "[\"wait-on-customer\", \"resolution\"]")
        List<String> allowedActions,
        @Schema(description = "Dedicated handler; null while in a team queue", examples = "ann") String assignee,
        @Schema(examples = "care") String team,
        OffsetDateTime filedAt,
        OffsetDateTime acknowledgedAt,
        OffsetDateTime resolvedAt,
        OffsetDateTime closedAt,
        @Schema(description = "First-response deadline (business hours)") OffsetDateTime respondBy,
        @Schema(description = "Resolution deadline (business hours, moved out by every pause)") OffsetDateTime resolveBy,
        @Schema(description = "Business time left to respond (ISO 8601, negative when overdue); null once responded", examples = "PT3H20M")
        String firstResponseTimeLeft,
        @Schema(description = "Business time left to resolve; null once resolved; frozen while waiting on the customer", examples = "PT31H")
        String resolutionTimeLeft,
        @Schema(description = "True while WAITING_ON_CUSTOMER: the deadline clock is stopped") boolean clockPaused,
        @Schema(description = "Business seconds the clock has been stopped in total") long pausedSeconds,
        boolean firstResponseBreached,
        boolean resolutionBreached,
        @Schema(description = "A deadline has passed and the work is not done") boolean overdue,
        @Schema(description = "Escalations so far (one per breached deadline)") int escalationLevel,
        @Schema(description = "The latest escalation and who owns it; null if the complaint never escalated (or escalated "
                + "before escalations had owners)", nullable = true)
        EscalationView escalation,
        int reopenCount,
        @Schema(description = "When the complaint was last reopened; null if never") OffsetDateTime reopenedAt,
        @Schema(description = "Why it was last reopened (the reason given, or the unhappy survey answer that reopened it); null if never",
                examples = "Replacement also arrived broken") String lastReopenReason,
        ResolutionView resolution,
        @Schema(description = "Tag names", examples = "[\"product-idea\"]") List<String> tags,
        @Schema(description = "The earlier complaint this one follows up (e.g. after an unhappy survey answer)")
        UUID linkedComplaintId,
        @Schema(description = "Personal text was removed because the customer was erased") boolean erased,
        @Schema(description = "Row version; also sent as the ETag header", examples = "3") long version) {

    @Schema(name = "ComplaintEscalation", description = "Who owns the complaint's latest escalation: level 1 is the team lead "
            + "of crm.complaint.escalation.chain.<team>, each next escalation the next in the chain")
    public record EscalationView(
            @Schema(description = "1 for the first escalation, 2 for the next...", examples = "1") int level,
            @Schema(description = "The handler who owns it", examples = "care-lead") String owner,
            OffsetDateTime escalatedAt,
            @Schema(description = "Why it escalated", examples = "the first-response deadline passed (due 2026-11-23T16:00:00Z)")
            String reason,
            @Schema(description = "OPEN until the owner acknowledges it (takes it over)", enumeration = {"OPEN", "ACKNOWLEDGED"},
                    examples = "OPEN") String status,
            @Schema(description = "Who acknowledged it; null while OPEN", nullable = true) String acknowledgedBy,
            @Schema(description = "When; null while OPEN", nullable = true) OffsetDateTime acknowledgedAt) {
    }

    @Schema(name = "ComplaintResolution")
    public record ResolutionView(
            String outcome, String rootCause, Boolean firstContactResolution,
            @Schema(description = "Goodwill points the resolution asked loyalty-service for (0: none); see compensationStatus for what was granted")
            Integer compensationPoints,
            @Schema(description = "REQUESTED (loyalty-service has not answered yet), GRANTED or REFUSED; null when no points were asked",
                    enumeration = {"REQUESTED", "GRANTED", "REFUSED"}, examples = "GRANTED")
            String compensationStatus,
            @Schema(description = "Points loyalty-service credited: null until it decided, 0 when REFUSED", examples = "500")
            Integer compensationGrantedPoints,
            @Schema(description = "Why loyalty-service refused; null otherwise",
                    examples = "exceeds the monthly goodwill budget: 1000 of 5000 left")
            String compensationReason,
            @Schema(description = "When loyalty-service decided; null until then") OffsetDateTime compensationDecidedAt) {
    }
}
