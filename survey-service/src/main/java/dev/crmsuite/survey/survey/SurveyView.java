package dev.crmsuite.survey.survey;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A survey as staff see it: the draft, and which version is live. */
@Schema(name = "Survey", description = "A survey: its editable draft and the number of its latest published version")
public record SurveyView(
        @Schema(examples = "6c1f0b9e-8a51-4d7a-9a3e-2f5d1c0b7e11") UUID id,
        @Schema(examples = "After your purchase") String title,
        String description,
        @Schema(description = "Responses store no customer id", examples = "false") boolean anonymous,
        List<Question> questions,
        List<TriggerDefinition> triggers,
        @Schema(description = "Latest published version; absent while the survey was never published", examples = "2")
        Integer latestVersion,
        @Schema(description = "Whether the draft differs from the latest published version", examples = "false")
        boolean unpublishedChanges,
        @Schema(description = "Row version; also sent as the ETag header", examples = "3") long version,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    static SurveyView of(SurveyStore.SurveyRow row, boolean unpublishedChanges) {
        SurveyDraft d = row.draft();
        return new SurveyView(row.id(), d.title(), d.description(), Boolean.TRUE.equals(d.anonymous()), d.questions(),
                d.triggers(), row.latestVersion(), unpublishedChanges, row.version(),
                dev.crmsuite.survey.support.Rows.utc(row.createdAt()), dev.crmsuite.survey.support.Rows.utc(row.updatedAt()));
    }
}
