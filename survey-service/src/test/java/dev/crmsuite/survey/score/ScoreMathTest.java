package dev.crmsuite.survey.score;

import dev.crmsuite.survey.survey.QuestionType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ScoreMathTest {

    static final LocalDate NOV = LocalDate.of(2026, 11, 1);

    static ScoreMath.Tally t(LocalDate bucket, String segment, QuestionType type, String key, String dimension, int score, long n) {
        return new ScoreMath.Tally(bucket, segment, "A", "TRUSTING", "GOLD", type, key, dimension, score, n);
    }

    static ScoreMath.ResponseCount r(LocalDate bucket, String segment, long n) {
        return new ScoreMath.ResponseCount(bucket, segment, "A", "TRUSTING", "GOLD", n);
    }

    @Test
    void nps_is_percent_promoters_minus_percent_detractors() {
        // 10 answers: promoters 9, 10, 10 (3), passives 7, 8 (2), detractors 0, 3, 5, 6, 6 (5) -> 30% - 50% = -20
        List<ScoreMath.Tally> tallies = new ArrayList<>();
        for (int v : new int[]{9, 10, 7, 8, 0, 3, 5}) {
            tallies.add(t(NOV, "RELATIONAL", QuestionType.NPS, "recommend", null, v, 1));
        }
        tallies.add(t(NOV, "RELATIONAL", QuestionType.NPS, "recommend", null, 10, 1));
        tallies.add(t(NOV, "RELATIONAL", QuestionType.NPS, "recommend", null, 6, 2));
        Scores scores = ScoreMath.scores(tallies, List.of(r(NOV, "RELATIONAL", 10)));
        assertThat(scores.responses()).isEqualTo(10L);
        assertThat(scores.nps().promoters()).isEqualTo(3);
        assertThat(scores.nps().passives()).isEqualTo(2);
        assertThat(scores.nps().detractors()).isEqualTo(5);
        assertThat(scores.nps().answers()).isEqualTo(10);
        assertThat(scores.nps().score()).isEqualByComparingTo("-20.0");
    }

    @Test
    void csat_is_percent_of_four_and_five_and_rounds_half_up() {
        // 2 of 3 satisfied = 66.666.. -> 66.7; 1 of 8 = 12.5 stays 12.5
        Scores scores = ScoreMath.scores(List.of(
                t(NOV, null, QuestionType.CSAT, "sat", null, 4, 1),
                t(NOV, null, QuestionType.CSAT, "sat", null, 5, 1),
                t(NOV, null, QuestionType.CSAT, "sat", null, 3, 1)), List.of(r(NOV, null, 3)));
        assertThat(scores.csat().score()).isEqualByComparingTo("66.7");
        assertThat(scores.csat().satisfied()).isEqualTo(2);
        assertThat(scores.nps().score()).isNull();
        assertThat(scores.ces().average()).isNull();
        assertThat(ScoreMath.csat(1, 8)).isEqualByComparingTo("12.5");
        assertThat(ScoreMath.nps(1, 2, 3)).isEqualByComparingTo("-33.3");
        assertThat(ScoreMath.percent(0, 0)).isNull();
    }

    @Test
    void ces_and_dimensions_are_weighted_averages_and_questions_run_by_key() {
        Scores scores = ScoreMath.scores(List.of(
                t(NOV, null, QuestionType.CES, "effort", null, 2, 3),
                t(NOV, null, QuestionType.CES, "effort", null, 6, 1),
                t(NOV, null, QuestionType.RATING, "staff", "STAFF", 5, 1),
                t(NOV, null, QuestionType.RATING, "staff", "STAFF", 4, 1),
                t(NOV, null, QuestionType.RATING, "product", "PRODUCT", 3, 2)), List.of(r(NOV, null, 4)));
        assertThat(scores.responses()).isEqualTo(4L);
        assertThat(scores.ces().average()).isEqualByComparingTo("3.0"); // (2*3 + 6) / 4
        assertThat(scores.ces().answers()).isEqualTo(4);
        assertThat(scores.dimensions().get("STAFF").average()).isEqualByComparingTo("4.5");
        assertThat(scores.dimensions().get("PRODUCT").answers()).isEqualTo(2);
        assertThat(scores.questions().get("effort").answers()).isEqualTo(4);
    }

    @Test
    void trend_buckets_and_breakdowns_name_unknowns_and_count_responses_without_scores() {
        LocalDate oct = LocalDate.of(2026, 10, 1);
        List<ScoreMath.Tally> tallies = List.of(
                t(oct, "RELATIONAL", QuestionType.NPS, "recommend", null, 10, 1),
                t(NOV, null, QuestionType.NPS, "recommend", null, 0, 1),
                t(NOV, "RELATIONAL", QuestionType.NPS, "recommend", null, 9, 1));
        List<ScoreMath.ResponseCount> responses = List.of(r(oct, "RELATIONAL", 1), r(NOV, null, 2), r(NOV, "RELATIONAL", 1));
        List<Scores.Period> months = ScoreMath.trend(tallies, responses, ScoreMath.Bucket.MONTH);
        assertThat(months).extracting(Scores.Period::period).containsExactly("2026-10", "2026-11");
        assertThat(months.get(1).scores().responses()).isEqualTo(3L);
        assertThat(months.get(1).scores().nps().score()).isEqualByComparingTo("0.0");
        Map<String, Scores> bySegment = ScoreMath.by(tallies, responses, ScoreMath.Group::segment);
        assertThat(bySegment.keySet()).containsExactly("RELATIONAL", "UNKNOWN");
        assertThat(bySegment.get("RELATIONAL").nps().score()).isEqualByComparingTo("100.0");
        assertThat(bySegment.get("UNKNOWN").responses()).isEqualTo(2L);
    }

    @Test
    void buckets_are_utc_months_and_iso_weeks() {
        assertThat(ScoreMath.Bucket.MONTH.start(Instant.parse("2026-10-31T23:59:00Z"))).isEqualTo(LocalDate.of(2026, 10, 1));
        assertThat(ScoreMath.Bucket.WEEK.start(Instant.parse("2026-11-01T10:00:00Z"))).isEqualTo(LocalDate.of(2026, 10, 26));
        assertThat(ScoreMath.Bucket.WEEK.label(LocalDate.of(2026, 10, 26))).isEqualTo("2026-W44");
        assertThat(ScoreMath.Bucket.WEEK.label(LocalDate.of(2026, 12, 28))).isEqualTo("2026-W53");
        assertThat(ScoreMath.Bucket.MONTH.label(LocalDate.of(2026, 11, 1))).isEqualTo("2026-11");
    }

    static ScoreMath.ResponseCount anon(LocalDate bucket, String segment, long n) {
        return new ScoreMath.ResponseCount(bucket, segment, "A", "TRUSTING", "GOLD", n, n);
    }

    @Test
    void a_breakdown_of_anonymous_answers_hides_small_groups_and_enough_others_that_the_total_gives_none_back() {
        // Anonymous: VIP 1 response (score 0), NEW 3 (score 10), RELATIONAL 20 (score 9). VIP alone is too small;
        // hiding it alone, total minus the others gives it back, so NEW (the next smallest) is hidden too: 1 + 3 < 5,
        // so RELATIONAL is hidden as well (no group left to show but the overall, which has 24).
        List<ScoreMath.Tally> tallies = List.of(
                t(NOV, "VIP", QuestionType.NPS, "recommend", null, 0, 1),
                t(NOV, "NEW", QuestionType.NPS, "recommend", null, 10, 3),
                t(NOV, "RELATIONAL", QuestionType.NPS, "recommend", null, 9, 20));
        List<ScoreMath.ResponseCount> responses = List.of(anon(NOV, "VIP", 1), anon(NOV, "NEW", 3), anon(NOV, "RELATIONAL", 20));
        Map<String, Scores> bySegment = ScoreMath.by(tallies, responses, ScoreMath.Group::segment, 5);
        assertThat(bySegment.keySet()).containsExactly("NEW", "RELATIONAL", "VIP");
        assertThat(bySegment.values()).allSatisfy(s -> {
            assertThat(s.suppressed()).isTrue();
            assertThat(s.responses()).isNull();
            assertThat(s.nps()).isNull();
            assertThat(s.questions()).isEmpty();
        });
        Scores overall = ScoreMath.scores(tallies, responses, 5);
        assertThat(overall.suppressed()).isFalse();
        assertThat(overall.responses()).isEqualTo(24L);

        // With a second big group, hiding VIP and NEW (4) is not enough; the smaller big group goes too, the biggest stays.
        List<ScoreMath.ResponseCount> more = List.of(anon(NOV, "VIP", 1), anon(NOV, "NEW", 3), anon(NOV, "RELATIONAL", 20),
                anon(NOV, "TRANSACTIONAL", 8));
        Map<String, Scores> four = ScoreMath.by(tallies, more, ScoreMath.Group::segment, 5);
        assertThat(four.get("TRANSACTIONAL").suppressed()).isTrue();
        assertThat(four.get("RELATIONAL").suppressed()).isFalse();
        assertThat(four.get("RELATIONAL").responses()).isEqualTo(20L);
    }

    @Test
    void a_small_set_of_anonymous_answers_is_suppressed_whatever_narrowed_it_but_named_answers_are_shown_in_full() {
        List<ScoreMath.Tally> tallies = List.of(t(NOV, "VIP", QuestionType.NPS, "recommend", null, 0, 2));
        assertThat(ScoreMath.scores(tallies, List.of(anon(NOV, "VIP", 2)), 5).suppressed()).isTrue();
        assertThat(ScoreMath.trend(tallies, List.of(anon(NOV, "VIP", 2)), ScoreMath.Bucket.WEEK, 5).getFirst().scores().suppressed())
                .isTrue();
        Scores named = ScoreMath.scores(tallies, List.of(r(NOV, "VIP", 2)), 5);
        assertThat(named.suppressed()).isFalse();
        assertThat(named.nps().detractors()).isEqualTo(2);
        assertThat(ScoreMath.by(tallies, List.of(r(NOV, "VIP", 2)), ScoreMath.Group::segment, 5).get("VIP").suppressed()).isFalse();
    }
}
