package dev.crmsuite.survey.survey;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * One question. {@code key} is stable across versions: answers are aggregated by key, so a trend
 * line continues as long as the key is kept (a key can never change its type or dimension).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Question", description = "A question of a questionnaire")
public record Question(
        @Schema(description = "Stable key, unique in the survey: lower case letters, digits, - and _", examples = "recommend", required = true)
        String key,
        @Schema(required = true, examples = "NPS")
        QuestionType type,
        @Schema(description = "The question as the customer reads it", examples = "How likely are you to recommend us to a friend?", required = true)
        String text,
        @Schema(description = "Whether an answer is required when the question is shown; false when absent", examples = "true")
        Boolean required,
        @Schema(description = "RATING only: what is rated; PRODUCT, STAFF, SERVICE or a custom upper-case name", examples = "STAFF")
        String dimension,
        @Schema(description = "SINGLE_CHOICE and MULTIPLE_CHOICE only: the options (at least two, distinct)", examples = "[\"web\", \"shop\", \"phone\"]")
        List<String> options,
        @Schema(description = "Ask only when an earlier answer matches")
        ShowIf showIf) {

    public boolean mandatory() {
        return Boolean.TRUE.equals(required);
    }

    Question normalised() {
        return new Question(key, type, text == null ? null : text.strip(), mandatory(), dimension, options, showIf);
    }
}
