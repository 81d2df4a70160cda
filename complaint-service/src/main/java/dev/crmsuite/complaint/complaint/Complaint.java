package dev.crmsuite.complaint.complaint;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** One complaint. The API never exposes this entity; see {@link ComplaintView}. */
@Entity
@Table(name = "complaint")
public class Complaint extends PanacheEntityBase {

    @Id
    public UUID id;

    @Version
    public long version;

    @Column(name = "customer_id")
    public UUID customerId;
    @Column(name = "customer_known")
    public boolean customerKnown;
    @Column(name = "customer_segment")
    public String customerSegment;
    @Column(name = "customer_value_tier")
    public String customerValueTier;

    @Enumerated(EnumType.STRING)
    public Channel channel;
    @Enumerated(EnumType.STRING)
    public Category category;
    public String subject;
    public String description;
    @Enumerated(EnumType.STRING)
    public Priority priority;
    @Enumerated(EnumType.STRING)
    @Column(name = "requested_priority")
    public Priority requestedPriority;
    @Enumerated(EnumType.STRING)
    public ComplaintStatus status;

    public String assignee;
    public String team;

    @Column(name = "filed_at")
    public OffsetDateTime filedAt;
    @Column(name = "acknowledged_at")
    public OffsetDateTime acknowledgedAt;
    @Column(name = "resolved_at")
    public OffsetDateTime resolvedAt;
    @Column(name = "closed_at")
    public OffsetDateTime closedAt;
    @Column(name = "reopened_at")
    public OffsetDateTime reopenedAt;

    @Column(name = "respond_by")
    public OffsetDateTime respondBy;
    @Column(name = "resolve_by")
    public OffsetDateTime resolveBy;
    @Column(name = "paused_since")
    public OffsetDateTime pausedSince;
    @Column(name = "paused_seconds")
    public long pausedSeconds;
    @Column(name = "first_response_breached_at")
    public OffsetDateTime firstResponseBreachedAt;
    @Column(name = "resolution_breached_at")
    public OffsetDateTime resolutionBreachedAt;
    @Column(name = "escalation_level")
    public int escalationLevel;
    /** Who owns the latest escalation (escalation.Escalations); null until the first one. */
    @Column(name = "escalation_owner")
    public String escalationOwner;
    @Column(name = "escalated_at")
    public OffsetDateTime escalatedAt;
    @Column(name = "escalation_reason")
    public String escalationReason;
    /** OPEN (in the owner's queue) or ACKNOWLEDGED; null until the first escalation. */
    @Column(name = "escalation_status")
    public String escalationStatus;
    @Column(name = "escalation_acknowledged_by")
    public String escalationAcknowledgedBy;
    @Column(name = "escalation_acknowledged_at")
    public OffsetDateTime escalationAcknowledgedAt;
    @Column(name = "reopen_count")
    public int reopenCount;
    @Column(name = "last_reopen_reason")
    public String lastReopenReason;

    public String outcome;
    @Column(name = "root_cause")
    public String rootCause;
    @Column(name = "first_contact_resolution")
    public Boolean firstContactResolution;
    @Column(name = "compensation_points")
    public Integer compensationPoints;
    /** REQUESTED (asked of loyalty-service), GRANTED or REFUSED (its answer); null when none was asked. */
    @Column(name = "compensation_status")
    public String compensationStatus;
    @Column(name = "compensation_granted_points")
    public Integer compensationGrantedPoints;
    @Column(name = "compensation_reason")
    public String compensationReason;
    @Column(name = "compensation_decided_at")
    public OffsetDateTime compensationDecidedAt;

    @Column(name = "linked_complaint_id")
    public UUID linkedComplaintId;
    @Column(name = "erased_at")
    public OffsetDateTime erasedAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    /** The complaint, row-locked for the rest of the transaction so concurrent actions queue up. */
    public static Optional<Complaint> forUpdate(UUID id) {
        return Optional.ofNullable(getEntityManager().find(Complaint.class, id, LockModeType.PESSIMISTIC_WRITE));
    }
}
