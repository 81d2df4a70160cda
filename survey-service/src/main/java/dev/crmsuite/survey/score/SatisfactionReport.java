package dev.crmsuite.survey.score;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Scores over a period: overall, as a trend, and cut by the customer's attributes at answer time. */
@Schema(name = "SatisfactionReport", description = "Satisfaction over a period, overall, by time bucket and by customer "
        + "attributes; for one survey also what its choice questions were answered and how many answered its free-text questions")
public record SatisfactionReport(
        @Schema(description = "The survey; absent for all surveys") UUID surveyId,
        @Schema(description = "First day (UTC), inclusive") LocalDate from,
        @Schema(description = "Last day (UTC), exclusive") LocalDate to,
        ScoreMath.Bucket bucket,
        ResponseRate responseRate,
        Scores overall,
        List<Scores.Period> trend,
        Map<String, Scores> bySegment,
        Map<String, Scores> byValueTier,
        Map<String, Scores> byLifecycleStage,
        Map<String, Scores> byLoyaltyTier,
        @Schema(description = "Only responses to this version; absent for every version", examples = "2") Integer version,
        @Schema(description = "Each SINGLE_CHOICE and MULTIPLE_CHOICE question of the survey's versions in the report "
                + "(by stable key, so counts run across versions): respondents and a count per option; empty in a "
                + "report across all surveys", required = true)
        List<ChoiceResults> choiceQuestions,
        @Schema(description = "Each FREE_TEXT question of the survey's versions in the report: how many answered it and "
                + "where the answers are read; empty in a report across all surveys", required = true)
        List<TextQuestionSummary> textQuestions) {

    @Schema(name = "ResponseRate", description = "Invitations sent in the period (send time passed) and how many were answered")
    public record ResponseRate(long invited, long responded, @Schema(description = "Percent, one decimal", examples = "35.0") BigDecimal percent) {
    }
}
