package dev.crmsuite.complaint.complaint;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Payloads of the events on crm.complaints, exactly as docs/event-contracts.md lists them: ids, codes,
 * numbers and times only. Free text (subject, outcome, root cause, reopen reason) stays out: the topic is
 * kept forever; what others show goes on crm.complaints.personal ({@link ComplaintPersonalData}).
 */
public final class ComplaintEvents {

    private ComplaintEvents() {
    }

    public record Filed(UUID complaintId, UUID customerId, Channel channel, Category category, Priority priority,
                        OffsetDateTime filedAt, OffsetDateTime respondBy, OffsetDateTime resolveBy) {
        public static final String TYPE = "crm.complaint.filed.v1";
    }

    public record Acknowledged(UUID complaintId, UUID customerId, OffsetDateTime acknowledgedAt) {
        public static final String TYPE = "crm.complaint.acknowledged.v1";
    }

    public record Assigned(UUID complaintId, UUID customerId, String assignee, String team, OffsetDateTime assignedAt) {
        public static final String TYPE = "crm.complaint.assigned.v1";
    }

    public record StatusChanged(UUID complaintId, UUID customerId, ComplaintStatus status, ComplaintStatus previousStatus,
                                OffsetDateTime changedAt) {
        public static final String TYPE = "crm.complaint.status-changed.v1";
    }

    public record DeadlineBreached(UUID complaintId, UUID customerId, String deadline, OffsetDateTime dueAt,
                                   OffsetDateTime breachedAt) {
        public static final String TYPE = "crm.complaint.deadline-breached.v1";
    }

    /** escalationTarget (v1) names the same person as escalationOwner, added with escalationLevel. */
    public record Escalated(UUID complaintId, UUID customerId, Priority priority, String escalationTarget,
                            OffsetDateTime escalatedAt, String escalationOwner, int escalationLevel) {
        public static final String TYPE = "crm.complaint.escalated.v1";
    }

    public record Resolved(UUID complaintId, UUID customerId, OffsetDateTime resolvedAt, boolean firstContactResolution,
                           int compensationPoints) {
        public static final String TYPE = "crm.complaint.resolved.v1";
    }

    public record Reopened(UUID complaintId, UUID customerId, OffsetDateTime reopenedAt) {
        public static final String TYPE = "crm.complaint.reopened.v1";
    }

    public record Closed(UUID complaintId, UUID customerId, OffsetDateTime closedAt) {
        public static final String TYPE = "crm.complaint.closed.v1";
    }
}
