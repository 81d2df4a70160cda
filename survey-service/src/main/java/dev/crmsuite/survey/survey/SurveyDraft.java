package dev.crmsuite.survey.survey;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** What a client sends to create a survey or replace its draft. */
@Schema(name = "SurveyDraft", description = "The editable draft of a survey; publishing freezes it into a version")
public record SurveyDraft(
        @NotBlank @Size(max = 200)
        @Schema(examples = "After your purchase", required = true)
        String title,
        @Size(max = 2000)
        @Schema(examples = "Two minutes about your last order")
        String description,
        @Schema(description = "Anonymous surveys store no customer id with the responses; false when absent", examples = "false")
        Boolean anonymous,
        @NotNull @Size(min = 1, max = 100)
        @Schema(required = true)
        List<Question> questions,
        @Size(max = 10)
        @Schema(description = "When customers are invited; none when absent")
        List<TriggerDefinition> triggers) {
}
