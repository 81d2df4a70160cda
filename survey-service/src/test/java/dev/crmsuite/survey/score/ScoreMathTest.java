package dev.crmsuite.survey.score;

import dev.crmsuite.survey.survey.QuestionType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ScoreMathTest {

    static ScoreMath.Sample s(UUID response, String at, String segment, QuestionType type, String key, String dimension, Integer score) {
        return new ScoreMath.Sample(response, Instant.parse(at), segment, "A", "TRUSTING", "GOLD", type, key, dimension, score);
    }

    @Test
    void nps_is_percent_promoters_minus_percent_detractors() {
        // 10 answers: promoters 9,10,10 (3), passives 7,8 (2), detractors 0,3,5,6,6 (5) -> 30% - 50% = -20
        List<ScoreMath.Sample> samples = new ArrayList<>();
        for (int v : new int[]{9, 10, 10, 7, 8, 0, 3, 5, 6, 6}) {
            samples.add(s(UUID.randomUUID(), "2026-11-02T10:00:00Z", "RELATIONAL", QuestionType.NPS, "recommend", null, v));
        }
        Scores scores = ScoreMath.scores(samples);
        assertThat(scores.responses()).isEqualTo(10);
        assertThat(scores.nps().promoters()).isEqualTo(3);
        assertThat(scores.nps().passives()).isEqualTo(2);
        assertThat(scores.nps().detractors()).isEqualTo(5);
        assertThat(scores.nps().score()).isEqualByComparingTo("-20.0");
    }

    @Test
    void csat_is_percent_of_four_and_five_and_rounds_half_up() {
        // 2 of 3 satisfied = 66.666.. -> 66.7
        List<ScoreMath.Sample> samples = List.of(
                s(UUID.randomUUID(), "2026-11-02T10:00:00Z", null, QuestionType.CSAT, "sat", null, 4),
                s(UUID.randomUUID(), "2026-11-02T10:00:00Z", null, QuestionType.CSAT, "sat", null, 5),
                s(UUID.randomUUID(), "2026-11-02T10:00:00Z", null, QuestionType.CSAT, "sat", null, 3));
        Scores scores = ScoreMath.scores(samples);
        assertThat(scores.csat().score()).isEqualByComparingTo("66.7");
        assertThat(scores.csat().satisfied()).isEqualTo(2);
        assertThat(scores.nps().score()).isNull();
        assertThat(scores.ces().average()).isNull();
    }

    @Test
    void ces_and_dimensions_are_averages_and_questions_run_by_key() {
        UUID r1 = UUID.randomUUID();
        UUID r2 = UUID.randomUUID();
        List<ScoreMath.Sample> samples = List.of(
                s(r1, "2026-11-02T10:00:00Z", null, QuestionType.CES, "effort", null, 2),
                s(r1, "2026-11-02T10:00:00Z", null, QuestionType.RATING, "staff", "STAFF", 5),
                s(r1, "2026-11-02T10:00:00Z", null, QuestionType.RATING, "product", "PRODUCT", 3),
                s(r2, "2026-11-03T10:00:00Z", null, QuestionType.CES, "effort", null, 5),
                s(r2, "2026-11-03T10:00:00Z", null, QuestionType.RATING, "staff", "STAFF", 4));
        Scores scores = ScoreMath.scores(samples);
        assertThat(scores.responses()).isEqualTo(2);
        assertThat(scores.ces().average()).isEqualByComparingTo("3.5");
        assertThat(scores.dimensions().get("STAFF").average()).isEqualByComparingTo("4.5");
        assertThat(scores.dimensions().get("PRODUCT").answers()).isEqualTo(1);
        assertThat(scores.questions().get("effort").answers()).isEqualTo(2);
    }

    @Test
    void trend_buckets_by_month_and_iso_week_and_breakdowns_name_unknowns() {
        List<ScoreMath.Sample> samples = List.of(
                s(UUID.randomUUID(), "2026-10-31T23:59:00Z", "RELATIONAL", QuestionType.NPS, "recommend", null, 10),
                s(UUID.randomUUID(), "2026-11-01T00:00:00Z", null, QuestionType.NPS, "recommend", null, 0),
                s(UUID.randomUUID(), "2026-11-22T12:00:00Z", "RELATIONAL", QuestionType.NPS, "recommend", null, 9),
                new ScoreMath.Sample(UUID.randomUUID(), Instant.parse("2026-11-22T12:00:00Z"), null, null, null, null,
                        null, null, null, null));
        List<Scores.Period> months = ScoreMath.trend(samples, ScoreMath.Bucket.MONTH);
        assertThat(months).extracting(Scores.Period::period).containsExactly("2026-10", "2026-11");
        assertThat(months.get(1).scores().responses()).isEqualTo(3);
        assertThat(months.get(1).scores().nps().score()).isEqualByComparingTo("0.0");
        List<Scores.Period> weeks = ScoreMath.trend(samples, ScoreMath.Bucket.WEEK);
        assertThat(weeks).extracting(Scores.Period::period).containsExactly("2026-W44", "2026-W47");
        assertThat(weeks.getFirst().start()).isEqualTo(LocalDate.of(2026, 10, 26));
        var bySegment = ScoreMath.by(samples, ScoreMath.Sample::segment);
        assertThat(bySegment.keySet()).containsExactly("RELATIONAL", "UNKNOWN");
        assertThat(bySegment.get("RELATIONAL").nps().score()).isEqualByComparingTo("100.0");
    }
}
