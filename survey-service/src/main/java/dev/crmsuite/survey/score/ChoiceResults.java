package dev.crmsuite.survey.score;

import dev.crmsuite.survey.survey.QuestionType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** What the customers chose in one SINGLE_CHOICE or MULTIPLE_CHOICE question, overall and by their attributes at answer time. */
@Schema(name = "ChoiceQuestionResults", description = "The distribution of one choice question's answers, by its stable key "
        + "across the versions in the report, overall and by segment, value tier, lifecycle stage and loyalty tier as the "
        + "customer was when they answered")
public record ChoiceResults(
        @Schema(description = "Stable question key", examples = "channel", required = true) String key,
        @Schema(required = true, examples = "SINGLE_CHOICE") QuestionType type,
        @Schema(description = "The question as the newest version in the report asks it", examples = "Where did you buy?",
                required = true) String text,
        @Schema(required = true) Distribution overall,
        @Schema(required = true) Map<String, Distribution> bySegment,
        @Schema(required = true) Map<String, Distribution> byValueTier,
        @Schema(required = true) Map<String, Distribution> byLifecycleStage,
        @Schema(required = true) Map<String, Distribution> byLoyaltyTier) {

    @Schema(name = "ChoiceDistribution", description = "How many respondents answered the question and how often each option "
            + "was chosen, every option listed (also those nobody chose). For anonymous surveys a group with fewer "
            + "respondents than crm.survey.results.minimum-group (5 by default) is suppressed: suppressed is true and "
            + "respondents, count and percent are null; within a breakdown further small groups are suppressed until "
            + "the suppressed ones hold at least that many respondents, so they cannot be worked out from the total.")
    public record Distribution(
            @Schema(description = "Responses that answered this question; null when suppressed", examples = "12") Long respondents,
            @Schema(description = "True when the group is too small to show for an anonymous survey", required = true,
                    examples = "false") boolean suppressed,
            @Schema(description = "Every option of the question, in questionnaire order", required = true) List<OptionCount> options) {
    }

    @Schema(name = "ChoiceOptionCount", description = "How many respondents chose one option (a MULTIPLE_CHOICE respondent "
            + "counts once for each option chosen, so percentages may add up to more than 100)")
    public record OptionCount(
            @Schema(description = "The option as the questionnaire defines it", examples = "web", required = true) String option,
            @Schema(description = "Respondents who chose it; null when suppressed", examples = "7") Long count,
            @Schema(description = "Percent of the respondents, one decimal; null when suppressed or nobody answered",
                    examples = "58.3") BigDecimal percent) {
    }
}
