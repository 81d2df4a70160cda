package dev.crmsuite.survey.response;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Data of {@code crm.survey.unhappy-response.v1}: the closed loop's call for a human reaction. */
public record UnhappyResponse(UUID responseId, UUID surveyId, UUID invitationId, UUID customerId, String scoreType,
                              int score, String triggerEventType, UUID complaintId, String comment,
                              OffsetDateTime submittedAt) {
    public static final String TYPE = "crm.survey.unhappy-response.v1";
}
