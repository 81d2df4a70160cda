package dev.crmsuite.survey.invitation;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Data of {@code crm.survey.invitation.created.v1}; {@code sendAt} is an added field (when to deliver it). */
public record InvitationCreated(UUID invitationId, UUID surveyId, UUID customerId, String triggerEventId,
                                OffsetDateTime expiresAt, OffsetDateTime sendAt) {
    public static final String TYPE = "crm.survey.invitation.created.v1";
}
