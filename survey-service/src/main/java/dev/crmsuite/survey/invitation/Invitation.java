package dev.crmsuite.survey.invitation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One invitation to one survey, or the record that it was skipped. The API shows {@link InvitationView}. */
@Entity
@Table(name = "invitation")
public class Invitation extends PanacheEntityBase {

    /** The stored part of the status; see {@link InvitationStatus} for what clients see. */
    public static final String PENDING = "PENDING";
    public static final String ANSWERED = "ANSWERED";
    public static final String SKIPPED = "SKIPPED";

    @Id
    public UUID id;

    @Column(name = "survey_id")
    public UUID surveyId;

    @Column(name = "survey_version")
    public int surveyVersion;

    @Column(name = "customer_id")
    public UUID customerId;

    public String token;

    public String status;

    @Column(name = "skip_reason")
    public String skipReason;

    @Column(name = "trigger_event_id")
    public String triggerEventId;

    @Column(name = "trigger_event_type")
    public String triggerEventType;

    @Column(name = "complaint_id")
    public UUID complaintId;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "send_at")
    public OffsetDateTime sendAt;

    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;

    @Column(name = "answered_at")
    public OffsetDateTime answeredAt;
}
