package dev.crmsuite.survey.invitation;

import java.util.UUID;

/** Data of {@code crm.survey.invitation.skipped.v1}. */
public record InvitationSkipped(UUID surveyId, UUID customerId, String triggerEventId, String reason) {
    public static final String TYPE = "crm.survey.invitation.skipped.v1";
}
