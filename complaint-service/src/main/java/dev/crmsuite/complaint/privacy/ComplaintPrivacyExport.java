package dev.crmsuite.complaint.privacy;

import dev.crmsuite.complaint.complaint.Category;
import dev.crmsuite.complaint.complaint.Channel;
import dev.crmsuite.complaint.complaint.ComplaintStatus;
import dev.crmsuite.complaint.complaint.Conversation;
import dev.crmsuite.complaint.complaint.Priority;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Everything complaint-service holds about one person, for a data-subject request: complaint's part
 * of the suite's personal data export. Sections are complete (not paged): a person's complaints and
 * what hangs off them. Complaints of customers merged into this one belong to it (a merge moves them),
 * so they are here; every row names the complaint it belongs to.
 */
@Schema(name = "ComplaintPrivacyExport", description = "Everything complaint-service holds about a customer: the customer data "
        + "copied from customer-service (segment, value tier, priority boost; no name or email), partner-sharing consent, "
        + "every complaint with all its fields (escalation and compensation included), and for those complaints every "
        + "comment (customer-visible and internal, each with its visibility), holder (assignment), pause of the clock, passed deadline, tag and audit entry. A customer "
        + "complaint-service never heard of has every section empty. After erasure the complaint text and comment bodies are "
        + "gone (subject \"(erased)\", null description and bodies); ids, dates and facts remain.")
public record ComplaintPrivacyExport(
        @Schema(description = "The customer the export is for", examples = "0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d", required = true)
        UUID customerId,
        @Schema(description = "When the export was taken", required = true) OffsetDateTime generatedAt,
        @Schema(description = "The customer (and the customers merged into them) as copied from customer-service's events",
                required = true) List<Contact> contactDetails,
        @Schema(description = "Whether the customer shares their data with channel partners, as last announced", required = true)
        List<PartnerConsent> partnerConsents,
        @Schema(description = "Every complaint of the customer, oldest first", required = true) List<ComplaintRecord> complaints,
        @Schema(description = "Every comment on those complaints, oldest first; visibility says whether the customer may see it",
                required = true) List<CommentRecord> comments,
        @Schema(description = "Who held each complaint when", required = true) List<AssignmentRecord> assignments,
        @Schema(description = "Every stop of the deadline clock while waiting on the customer", required = true)
        List<PauseRecord> pauses,
        @Schema(description = "Every deadline that passed", required = true) List<BreachRecord> deadlineBreaches,
        @Schema(description = "Tags handlers put on the complaints", required = true) List<TagRecord> tags,
        @Schema(description = "Every recorded change: who, when, what, old and new value", required = true)
        List<AuditRecord> auditEntries) {

    @Schema(name = "ComplaintPrivacyContact", description = "What complaint-service copied of a customer: what the complaint "
            + "rules ask (segment, value tier, priority boost, merged, erased), no name or email")
    public record Contact(
            @Schema(required = true) UUID customerId,
            @Schema(examples = "KEY_ACCOUNT", nullable = true) String segment,
            @Schema(examples = "A", nullable = true) String valueTier,
            @Schema(description = "Complaint priority boost of the customer's segment (0..3)", examples = "0", required = true)
            int priorityBoost,
            @Schema(description = "The customer this one was merged into", nullable = true) UUID mergedInto,
            @Schema(description = "When the customer was erased", nullable = true) OffsetDateTime erasedAt,
            @Schema(required = true) OffsetDateTime registeredAt,
            @Schema(required = true) OffsetDateTime updatedAt) {
    }

    @Schema(name = "ComplaintPrivacyPartnerConsent", description = "The partner-sharing consent complaint-service enforces")
    public record PartnerConsent(
            @Schema(required = true) UUID customerId,
            @Schema(examples = "false", required = true) boolean partnerSharing,
            @Schema(nullable = true) UUID mergedInto,
            @Schema(required = true) OffsetDateTime updatedAt) {
    }

    @Schema(name = "ComplaintPrivacyComplaint", description = "A complaint with every field complaint-service keeps")
    public record ComplaintRecord(
            @Schema(required = true) UUID complaintId,
            @Schema(description = "The customer it belongs to now (the survivor after a merge)", required = true) UUID customerId,
            @Schema(required = true) boolean customerKnown,
            @Schema(description = "Segment when filed", examples = "KEY_ACCOUNT", nullable = true) String customerSegment,
            @Schema(description = "Value tier when filed", examples = "A", nullable = true) String customerValueTier,
            @Schema(examples = "PHONE", required = true) Channel channel,
            @Schema(examples = "DELIVERY", required = true) Category category,
            @Schema(description = "\"(erased)\" after erasure", examples = "Parcel arrived damaged", required = true) String subject,
            @Schema(description = "Null after erasure", nullable = true) String description,
            @Schema(examples = "HIGH", required = true) Priority priority,
            @Schema(description = "The priority asked for when filed", nullable = true) Priority requestedPriority,
            @Schema(examples = "RESOLVED", required = true) ComplaintStatus status,
            @Schema(examples = "ann", nullable = true) String assignee,
            @Schema(examples = "care", nullable = true) String team,
            @Schema(required = true) OffsetDateTime filedAt,
            @Schema(nullable = true) OffsetDateTime acknowledgedAt,
            @Schema(nullable = true) OffsetDateTime resolvedAt,
            @Schema(nullable = true) OffsetDateTime closedAt,
            @Schema(nullable = true) OffsetDateTime reopenedAt,
            @Schema(nullable = true) String lastReopenReason,
            @Schema(examples = "0", required = true) int reopenCount,
            @Schema(required = true) OffsetDateTime respondBy,
            @Schema(required = true) OffsetDateTime resolveBy,
            @Schema(description = "Since when the clock is stopped; null while it runs", nullable = true) OffsetDateTime pausedSince,
            @Schema(description = "Business seconds the clock was stopped", examples = "0", required = true) long pausedSeconds,
            @Schema(nullable = true) OffsetDateTime firstResponseBreachedAt,
            @Schema(nullable = true) OffsetDateTime resolutionBreachedAt,
            @Schema(description = "The latest escalation; null if it never escalated", nullable = true) Escalation escalation,
            @Schema(description = "The resolution and its compensation; null until resolved", nullable = true) Resolution resolution,
            @Schema(nullable = true) UUID linkedComplaintId,
            @Schema(description = "When personal text was removed (the customer's erasure)", nullable = true) OffsetDateTime erasedAt,
            @Schema(required = true) OffsetDateTime updatedAt,
            @Schema(examples = "3", required = true) long version) {
    }

    @Schema(name = "ComplaintPrivacyEscalation", description = "The complaint's escalations so far and who owns the latest")
    public record Escalation(
            @Schema(description = "Escalations so far", examples = "1", required = true) int level,
            @Schema(examples = "care-lead", nullable = true) String owner,
            @Schema(nullable = true) OffsetDateTime escalatedAt,
            @Schema(nullable = true) String reason,
            @Schema(enumeration = {"OPEN", "ACKNOWLEDGED"}, nullable = true) String status,
            @Schema(nullable = true) String acknowledgedBy,
            @Schema(nullable = true) OffsetDateTime acknowledgedAt) {
    }

    @Schema(name = "ComplaintPrivacyResolution", description = "How the complaint was resolved and the compensation it asked for")
    public record Resolution(
            @Schema(examples = "REPLACEMENT", nullable = true) String outcome,
            @Schema(examples = "CARRIER", nullable = true) String rootCause,
            @Schema(nullable = true) Boolean firstContactResolution,
            @Schema(description = "Goodwill points asked of loyalty-service", examples = "300", nullable = true) Integer compensationPoints,
            @Schema(enumeration = {"REQUESTED", "GRANTED", "REFUSED"}, nullable = true) String compensationStatus,
            @Schema(examples = "300", nullable = true) Integer compensationGrantedPoints,
            @Schema(description = "Why loyalty-service refused", nullable = true) String compensationReason,
            @Schema(nullable = true) OffsetDateTime compensationDecidedAt) {
    }

    @Schema(name = "ComplaintPrivacyComment", description = "A comment on one of the customer's complaints")
    public record CommentRecord(
            @Schema(required = true) UUID commentId,
            @Schema(required = true) UUID complaintId,
            @Schema(examples = "ann", required = true) String author,
            @Schema(description = "CUSTOMER (may be shown to the customer) or INTERNAL (handlers only)", examples = "INTERNAL",
                    required = true) Conversation.Visibility visibility,
            @Schema(description = "Null after erasure", nullable = true) String body,
            @Schema(required = true) OffsetDateTime createdAt) {
    }

    @Schema(name = "ComplaintPrivacyAssignment", description = "Who held a complaint, from when to when")
    public record AssignmentRecord(
            @Schema(required = true) UUID complaintId,
            @Schema(examples = "ann", nullable = true) String assignee,
            @Schema(examples = "care", nullable = true) String team,
            @Schema(examples = "system", required = true) String assignedBy,
            @Schema(nullable = true) String reason,
            @Schema(required = true) OffsetDateTime assignedAt,
            @Schema(description = "Null for the current holder", nullable = true) OffsetDateTime endedAt) {
    }

    @Schema(name = "ComplaintPrivacyPause", description = "A stop of the deadline clock while waiting on the customer")
    public record PauseRecord(
            @Schema(required = true) UUID complaintId,
            @Schema(required = true) OffsetDateTime pausedAt,
            @Schema(description = "Null while still paused", nullable = true) OffsetDateTime resumedAt,
            @Schema(description = "Business seconds it lasted; null while paused", nullable = true) Long businessSeconds) {
    }

    @Schema(name = "ComplaintPrivacyBreach", description = "A deadline of a complaint that passed")
    public record BreachRecord(
            @Schema(required = true) UUID complaintId,
            @Schema(examples = "FIRST_RESPONSE", required = true) String deadline,
            @Schema(required = true) OffsetDateTime dueAt,
            @Schema(required = true) OffsetDateTime breachedAt) {
    }

    @Schema(name = "ComplaintPrivacyTag", description = "A tag on a complaint")
    public record TagRecord(
            @Schema(required = true) UUID complaintId,
            @Schema(examples = "product-idea", required = true) String tag,
            @Schema(nullable = true) String note,
            @Schema(required = true) String addedBy,
            @Schema(required = true) OffsetDateTime addedAt) {
    }

    @Schema(name = "ComplaintPrivacyAuditEntry", description = "One recorded change of a complaint")
    public record AuditRecord(
            @Schema(required = true) UUID complaintId,
            @Schema(examples = "ann", required = true) String actor,
            @Schema(required = true) OffsetDateTime at,
            @Schema(examples = "assign", required = true) String action,
            @Schema(examples = "assignee", nullable = true) String field,
            @Schema(nullable = true) String oldValue,
            @Schema(nullable = true) String newValue) {
    }
}
