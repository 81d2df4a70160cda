package dev.crmsuite.survey.response;

import dev.crmsuite.survey.survey.Question;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** What the customer behind an answer link sees: the questions of the version they were invited to. */
@Schema(name = "SurveyQuestionnaire", description = "The questions behind an invitation token")
public record Questionnaire(UUID surveyId, @Schema(examples = "1") int surveyVersion, String title, String description,
                            @Schema(description = "If true, answers are stored without the customer's id") boolean anonymous,
                            List<Question> questions, OffsetDateTime expiresAt) {
}
