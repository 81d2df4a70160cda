package dev.crmsuite.survey.response;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;

/** A customer's answers, keyed by question key. */
@Schema(name = "NewSurveyResponse", description = "Answers keyed by question key: a number for NPS/CSAT/CES/RATING, "
        + "an option for SINGLE_CHOICE, a list of options for MULTIPLE_CHOICE, text for FREE_TEXT")
public record NewResponse(
        @NotNull
        @Schema(required = true, examples = "{\"recommend\": 9, \"why\": \"Quick delivery\", \"channels\": [\"web\"]}")
        Map<String, JsonNode> answers) {
}
