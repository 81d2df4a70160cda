package dev.crmsuite.survey.score;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/** Satisfaction scores of a set of responses. */
@Schema(name = "SatisfactionScores", description = "NPS, CSAT, CES and per-dimension averages of a set of responses. A set "
        + "holding answers to an anonymous survey with fewer responses than crm.survey.results.minimum-group (5 by default) is "
        + "suppressed: suppressed is true, responses, nps, csat and ces are null and dimensions and questions empty; within a "
        + "breakdown (by segment, value tier, stage, loyalty tier, or trend bucket) further small sets are suppressed until the "
        + "suppressed ones hold at least that many responses, so they cannot be worked out from the total.")
public record Scores(
        @Schema(description = "Responses in the set; null when suppressed", examples = "120") Long responses,
        Nps nps,
        Csat csat,
        @Schema(description = "Average customer effort score (1-7)") Average ces,
        @Schema(description = "Average RATING (1-5) per dimension: PRODUCT, STAFF, SERVICE and custom ones") Map<String, Average> dimensions,
        @Schema(description = "Average of each scale question by its stable key, across all versions") Map<String, Average> questions,
        @Schema(description = "True when the set is too small to show because it holds anonymous answers", examples = "false")
        boolean suppressed) {

    /** A set too small to show: nothing of it, only that it exists. */
    public static Scores suppressedSet() {
        return new Scores(null, null, null, null, Map.of(), Map.of(), true);
    }

    @Schema(name = "NpsScore", description = "Net promoter score: % promoters (9-10) minus % detractors (0-6); null without answers")
    public record Nps(@Schema(examples = "25.0") BigDecimal score, long promoters, long passives, long detractors,
                      long answers) {
    }

    @Schema(name = "CsatScore", description = "Customer satisfaction: % of answers 4 or 5; null without answers")
    public record Csat(@Schema(examples = "80.0") BigDecimal score, long satisfied, long answers) {
    }

    @Schema(name = "AverageScore", description = "An average rounded to one decimal; null without answers")
    public record Average(@Schema(examples = "4.2") BigDecimal average, long answers) {
    }

    @Schema(name = "PeriodScores", description = "Scores of one time bucket of a trend line")
    public record Period(@Schema(description = "2026-11 for a month, 2026-W47 for an ISO week", examples = "2026-11") String period,
                         LocalDate start, Scores scores) {
    }
}
