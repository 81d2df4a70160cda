package dev.crmsuite.survey.response;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Data of {@code crm.survey.exit-reasons.recorded.v1}: the options a lost customer chose in their exit survey. */
public record ExitReasonsRecorded(UUID responseId, UUID surveyId, UUID customerId, List<String> reasons,
                                  OffsetDateTime submittedAt) {
    public static final String TYPE = "crm.survey.exit-reasons.recorded.v1";
}
