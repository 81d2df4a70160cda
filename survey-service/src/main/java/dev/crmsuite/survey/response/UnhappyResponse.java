package dev.crmsuite.survey.response;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Data of {@code crm.survey.unhappy-response.v1}: the closed loop's call for a human reaction. No comment:
 * the customer's words are personal data and crm.surveys is kept forever; staff read them in survey-service
 * (a named survey's free-text answers carry the {@code responseId}), where erasure deletes them.
 */
public record UnhappyResponse(UUID responseId, UUID surveyId, UUID invitationId, UUID customerId, String scoreType,
                              int score, String triggerEventType, UUID complaintId, OffsetDateTime submittedAt) {
    public static final String TYPE = "crm.survey.unhappy-response.v1";
}
