package dev.crmsuite.survey.response;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The receipt of a submitted response. */
@Schema(name = "SubmittedSurveyResponse", description = "A stored response")
public record SubmittedResponse(UUID responseId, UUID surveyId, @Schema(examples = "1") int surveyVersion,
                                OffsetDateTime submittedAt) {
}
