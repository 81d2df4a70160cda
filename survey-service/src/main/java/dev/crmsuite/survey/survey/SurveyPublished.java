package dev.crmsuite.survey.survey;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Data of {@code crm.survey.published.v1} (subject = the survey id: it is about no one customer). */
public record SurveyPublished(UUID surveyId, int version, String title, OffsetDateTime publishedAt) {
    public static final String TYPE = "crm.survey.published.v1";
}
