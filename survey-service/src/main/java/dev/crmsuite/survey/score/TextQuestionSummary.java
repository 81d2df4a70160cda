package dev.crmsuite.survey.score;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A free-text question of a report: how many answered it, and where the answers are read. */
@Schema(name = "TextQuestionSummary", description = "A free-text question: how many non-empty answers the report's "
        + "responses hold; the answers themselves are paged at answersPath")
public record TextQuestionSummary(
        @Schema(description = "Stable question key", examples = "why", required = true) String key,
        @Schema(description = "The question as the newest version in the report asks it", examples = "What went wrong?",
                required = true) String text,
        @Schema(description = "Non-empty answers in the report's period (and version)", examples = "14", required = true) long answers,
        @Schema(description = "Where to read the answers (GET, surveys:read, staff only)",
                examples = "/api/v1/surveys/9b2f0c1e-3a4d-4e5f-8a6b-7c8d9e0f1a2b/questions/why/answers", required = true)
        String answersPath) {
}
