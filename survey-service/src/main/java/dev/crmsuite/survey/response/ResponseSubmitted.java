package dev.crmsuite.survey.response;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Data of {@code crm.survey.response.submitted.v1}; customerId is null for anonymous surveys (subject = surveyId then). */
public record ResponseSubmitted(UUID responseId, UUID surveyId, int surveyVersion, UUID customerId, Integer nps,
                                Integer csat, Integer ces, OffsetDateTime submittedAt) {
    public static final String TYPE = "crm.survey.response.submitted.v1";
}
