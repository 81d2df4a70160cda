package dev.crmsuite.survey.score;

import dev.crmsuite.survey.score.ChoiceDistributions.OptionTally;
import dev.crmsuite.survey.score.ChoiceDistributions.Respondents;
import dev.crmsuite.survey.survey.Question;
import dev.crmsuite.survey.survey.QuestionType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Choice distributions over known counts: every option shown, percentages, and the anonymity rule. */
class ChoiceDistributionsTest {

    private static final int MINIMUM = 5;
    private static final List<String> OPTIONS = List.of("web", "shop", "phone");

    private static OptionTally chose(String segment, String option, long n) {
        return new OptionTally(segment, "A", "TRUSTING", null, "channel", option, n);
    }

    private static Respondents answered(String segment, long n, long anonymous) {
        return new Respondents(segment, "A", "TRUSTING", null, "channel", n, anonymous);
    }

    private static Question choice(String key, String text, String... options) {
        return new Question(key, QuestionType.SINGLE_CHOICE, text, false, null, List.of(options), null);
    }

    @Test
    void every_option_is_listed_with_its_count_and_percent_of_respondents_also_those_nobody_chose() {
        ChoiceResults.Distribution d = ChoiceDistributions.distribution(OPTIONS,
                List.of(chose("R", "web", 2), chose("T", "web", 5), chose("T", "shop", 5)),
                List.of(answered("R", 2, 0), answered("T", 10, 0)), MINIMUM);
        assertThat(d.suppressed()).isFalse();
        assertThat(d.respondents()).isEqualTo(12);
        assertThat(d.options()).extracting(ChoiceResults.OptionCount::option).containsExactly("web", "shop", "phone");
        assertThat(d.options()).extracting(ChoiceResults.OptionCount::count).containsExactly(7L, 5L, 0L);
        assertThat(d.options()).extracting(ChoiceResults.OptionCount::percent)
                .containsExactly(new BigDecimal("58.3"), new BigDecimal("41.7"), new BigDecimal("0.0"));
    }

    @Test
    void nobody_answered_means_zero_respondents_and_no_percentages() {
        ChoiceResults.Distribution d = ChoiceDistributions.distribution(OPTIONS, List.of(), List.of(), MINIMUM);
        assertThat(d.suppressed()).isFalse();
        assertThat(d.respondents()).isZero();
        assertThat(d.options()).extracting(ChoiceResults.OptionCount::count).containsOnly(0L);
        assertThat(d.options()).extracting(ChoiceResults.OptionCount::percent).containsOnlyNulls();
    }

    @Test
    void a_multiple_choice_respondent_counts_once_per_option_so_percentages_may_exceed_100_together() {
        ChoiceResults.Distribution d = ChoiceDistributions.distribution(OPTIONS,
                List.of(chose("R", "web", 4), chose("R", "shop", 3)), List.of(answered("R", 4, 0)), MINIMUM);
        assertThat(d.options()).extracting(ChoiceResults.OptionCount::percent)
                .containsExactly(new BigDecimal("100.0"), new BigDecimal("75.0"), new BigDecimal("0.0"));
    }

    @Test
    void a_small_group_of_an_anonymous_survey_is_suppressed_a_named_one_is_not() {
        ChoiceResults.Distribution anonymous = ChoiceDistributions.distribution(OPTIONS,
                List.of(chose("R", "web", 4)), List.of(answered("R", 4, 4)), MINIMUM);
        assertThat(anonymous.suppressed()).isTrue();
        assertThat(anonymous.respondents()).isNull();
        assertThat(anonymous.options()).extracting(ChoiceResults.OptionCount::option).containsExactly("web", "shop", "phone");
        assertThat(anonymous.options()).extracting(ChoiceResults.OptionCount::count).containsOnlyNulls();
        assertThat(anonymous.options()).extracting(ChoiceResults.OptionCount::percent).containsOnlyNulls();

        assertThat(ChoiceDistributions.distribution(OPTIONS, List.of(chose("R", "web", 4)), List.of(answered("R", 4, 0)), MINIMUM)
                .suppressed()).isFalse();
        // At the minimum it is shown; one anonymous answer among named ones makes the group anonymous.
        assertThat(ChoiceDistributions.distribution(OPTIONS, List.of(chose("R", "web", 5)), List.of(answered("R", 5, 5)), MINIMUM)
                .suppressed()).isFalse();
        assertThat(ChoiceDistributions.distribution(OPTIONS, List.of(chose("R", "web", 4)), List.of(answered("R", 4, 1)), MINIMUM)
                .suppressed()).isTrue();
    }

    @Test
    void the_rule_itself() {
        assertThat(ChoiceDistributions.tooSmall(4, 1, 5)).isTrue();
        assertThat(ChoiceDistributions.tooSmall(5, 5, 5)).isFalse();
        assertThat(ChoiceDistributions.tooSmall(1, 0, 5)).isFalse();
        assertThat(ChoiceDistributions.tooSmall(0, 0, 5)).isFalse();
    }

    @Test
    void in_a_breakdown_a_lone_small_group_takes_the_next_smallest_with_it_so_the_total_does_not_give_it_away() {
        // Anonymous: R 20, T 6, K 1 (overall 27 shown). Hiding only K would leave it as overall - R - T.
        List<Respondents> respondents = List.of(answered("R", 20, 20), answered("T", 6, 6), answered("K", 1, 1));
        List<OptionTally> tallies = List.of(chose("R", "web", 20), chose("T", "shop", 6), chose("K", "phone", 1));
        Map<String, ChoiceResults.Distribution> by = ChoiceDistributions.by(OPTIONS, tallies, respondents,
                ChoiceDistributions.Group::segment, MINIMUM);
        assertThat(by.keySet()).containsExactly("K", "R", "T");
        assertThat(by.get("K").suppressed()).isTrue();
        assertThat(by.get("T").suppressed()).as("next smallest, hidden with K").isTrue();
        assertThat(by.get("R").suppressed()).isFalse();
        assertThat(by.get("R").respondents()).isEqualTo(20);
        assertThat(ChoiceDistributions.distribution(OPTIONS, tallies, respondents, MINIMUM).respondents()).isEqualTo(27);

        // Two small groups that together reach the minimum need no more company.
        Map<String, ChoiceResults.Distribution> enough = ChoiceDistributions.by(OPTIONS, tallies,
                List.of(answered("R", 20, 20), answered("T", 3, 3), answered("K", 2, 2)), ChoiceDistributions.Group::segment, MINIMUM);
        assertThat(enough.get("R").suppressed()).isFalse();
        assertThat(enough.get("T").suppressed()).isTrue();
        assertThat(enough.get("K").suppressed()).isTrue();
    }

    @Test
    void named_surveys_show_every_group_however_small_and_unknown_attributes_are_UNKNOWN() {
        Map<String, ChoiceResults.Distribution> by = ChoiceDistributions.by(OPTIONS,
                List.of(chose("R", "web", 20), chose(null, "shop", 1)),
                List.of(answered("R", 20, 0), answered(null, 1, 0)), ChoiceDistributions.Group::segment, MINIMUM);
        assertThat(by.keySet()).containsExactly("R", "UNKNOWN");
        assertThat(by.get("UNKNOWN").suppressed()).isFalse();
        assertThat(by.get("UNKNOWN").options()).extracting(ChoiceResults.OptionCount::count).containsExactly(0L, 1L, 0L);
    }

    @Test
    void questions_follow_the_newest_version_and_keep_every_option_any_version_offered() {
        List<Question> v1 = List.of(choice("channel", "Where?", "web", "shop", "fax"),
                choice("gone", "Only in v1", "a", "b"),
                new Question("recommend", QuestionType.NPS, "Recommend?", true, null, null, null));
        List<Question> v2 = List.of(new Question("why", QuestionType.FREE_TEXT, "Why?", false, null, null, null),
                choice("channel", "Where did you buy?", "shop", "web", "phone"));
        List<ChoiceDistributions.ChoiceQuestion> questions = ChoiceDistributions.questions(List.of(v1, v2));
        assertThat(questions).extracting(ChoiceDistributions.ChoiceQuestion::key).containsExactly("channel", "gone");
        assertThat(questions.getFirst().text()).isEqualTo("Where did you buy?");
        assertThat(questions.getFirst().options()).containsExactly("shop", "web", "phone", "fax");
    }

    @Test
    void results_take_only_the_questions_own_counts() {
        ChoiceDistributions.ChoiceQuestion q = new ChoiceDistributions.ChoiceQuestion("channel", QuestionType.SINGLE_CHOICE,
                "Where?", OPTIONS);
        ChoiceResults results = ChoiceDistributions.results(q,
                List.of(chose("R", "web", 3), new OptionTally("R", "A", "TRUSTING", null, "other", "web", 9)),
                List.of(answered("R", 3, 0), new Respondents("R", "A", "TRUSTING", null, "other", 9, 0)), MINIMUM);
        assertThat(results.overall().respondents()).isEqualTo(3);
        assertThat(results.bySegment().get("R").options().getFirst().count()).isEqualTo(3);
        assertThat(results.byLoyaltyTier()).containsOnlyKeys("UNKNOWN");
        assertThat(results.byValueTier()).containsOnlyKeys("A");
        assertThat(results.byLifecycleStage()).containsOnlyKeys("TRUSTING");
    }
}
