package dev.crmsuite.survey.invitation;

import dev.crmsuite.survey.support.Rows;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An invitation, with the token the delivery channel puts into the answer link for the staff who may see it. */
@Schema(name = "SurveyInvitation", description = "An invitation to a survey, or the record that one was skipped")
public record InvitationView(
        UUID id,
        UUID surveyId,
        @Schema(description = "The version the customer answers", examples = "1") int surveyVersion,
        @Schema(description = "Absent after the customer was erased") UUID customerId,
        InvitationStatus status,
        @Schema(description = "SKIPPED only: NO_MARKETING_CONSENT or CONTACT_BUDGET_EXHAUSTED", examples = "CONTACT_BUDGET_EXHAUSTED")
        String skipReason,
        @Schema(description = "Secret answer token for the link /api/v1/survey-invitations/{token}; absent when skipped, "
                + "and absent for callers other than staff holding surveys:write",
                examples = "q2mN0c8yT7m7cW4m5ZQ2kXb0gk1pYQ3oJmVd6l2x8aA")
        String token,
        @Schema(description = "Id of the event that caused the invitation (periodic:... for the schedule)")
        String triggerEventId,
        @Schema(examples = "crm.complaint.resolved.v1") String triggerEventType,
        @Schema(description = "The resolved complaint the survey asks about") UUID complaintId,
        OffsetDateTime createdAt,
        @Schema(description = "When the invitation is to be delivered (the trigger's delay after the event)") OffsetDateTime sendAt,
        OffsetDateTime expiresAt,
        @Schema(description = "When it was answered; absent for an anonymous survey, whose invitation keeps only that it was "
                + "answered (status ANSWERED): its answer time would join it to the anonymous response")
        OffsetDateTime answeredAt) {

    static InvitationView of(Invitation i, Instant now, boolean showToken) {
        return new InvitationView(i.id, i.surveyId, i.surveyVersion, i.customerId, InvitationStatus.of(i, now), i.skipReason,
                showToken ? i.token : null, i.triggerEventId, i.triggerEventType, i.complaintId, Rows.utc(i.createdAt.toInstant()), i.sendAt,
                i.expiresAt, i.answeredAt);
    }
}
