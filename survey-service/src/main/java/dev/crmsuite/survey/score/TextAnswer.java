package dev.crmsuite.survey.score;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One free-text answer as staff read it. An answer to an anonymous version names nobody: no
 * response, customer or invitation id and no time finer than the day, since any of them leads back
 * to the invitation (which names the customer) through the answer time or the submitted event.
 */
@Schema(name = "SurveyTextAnswer", description = "A free-text answer. Answers to an anonymous version carry only the text, "
        + "the version and the day; the others also carry the response, the customer, the invitation and the exact time.")
public record TextAnswer(
        @Schema(description = "The customer's words", examples = "The parcel came two days late.", required = true) String text,
        @Schema(description = "The version answered", examples = "2", required = true) int surveyVersion,
        @Schema(description = "Whether the version was anonymous", examples = "false", required = true) boolean anonymous,
        @Schema(description = "Day of the answer (UTC)", examples = "2026-11-30", required = true) LocalDate day,
        @Schema(description = "Exact answer time; null for anonymous answers") OffsetDateTime submittedAt,
        @Schema(description = "The response; null for anonymous answers") UUID responseId,
        @Schema(description = "The customer who answered; null for anonymous answers and after erasure") UUID customerId,
        @Schema(description = "The invitation answered; null for anonymous answers and after erasure") UUID invitationId) {
}
