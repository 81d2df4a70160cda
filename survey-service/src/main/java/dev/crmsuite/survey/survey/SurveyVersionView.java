package dev.crmsuite.survey.survey;

import dev.crmsuite.survey.support.Rows;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A published version: never changes once created. */
@Schema(name = "SurveyVersion", description = "An immutable published version of a survey")
public record SurveyVersionView(
        UUID surveyId,
        @Schema(examples = "1") int version,
        @Schema(examples = "After your purchase") String title,
        String description,
        boolean anonymous,
        List<Question> questions,
        List<TriggerDefinition> triggers,
        OffsetDateTime publishedAt) {

    static SurveyVersionView of(SurveyStore.VersionRow v) {
        SurveyDraft c = v.content();
        return new SurveyVersionView(v.surveyId(), v.version(), c.title(), c.description(), v.anonymous(),
                c.questions(), c.triggers(), Rows.utc(v.publishedAt()));
    }
}
