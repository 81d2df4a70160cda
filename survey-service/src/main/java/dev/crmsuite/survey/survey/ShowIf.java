package dev.crmsuite.survey.survey;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * Shows a question only when an earlier question was answered a certain way: one of
 * {@code anyOf} for a choice question, or within {@code atLeast}..{@code atMost} for a scale.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ShowIf", description = "Ask the question only when an earlier answer matches")
public record ShowIf(
        @Schema(description = "Key of an earlier question", examples = "recommend", required = true)
        String question,
        @Schema(description = "For a choice question: shown when one of these options was chosen", examples = "[\"web\"]")
        List<String> anyOf,
        @Schema(description = "For a scale question: shown when the answer is at least this", examples = "0")
        Integer atLeast,
        @Schema(description = "For a scale question: shown when the answer is at most this", examples = "6")
        Integer atMost) {
}
