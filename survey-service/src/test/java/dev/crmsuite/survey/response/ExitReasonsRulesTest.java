package dev.crmsuite.survey.response;

import dev.crmsuite.survey.survey.QuestionType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which exit-survey answers become crm.survey.exit-reasons.recorded.v1, and with which reasons. */
class ExitReasonsRulesTest {

    private static final List<AnswerValidator.Answer> ANSWERS = List.of(
            new AnswerValidator.Answer("recommend", QuestionType.NPS, null, 3, null, null),
            new AnswerValidator.Answer("main", QuestionType.SINGLE_CHOICE, null, null, List.of("price"), null),
            new AnswerValidator.Answer("others", QuestionType.MULTIPLE_CHOICE, null, null, List.of("service", "price", "delivery"), null),
            new AnswerValidator.Answer("why", QuestionType.FREE_TEXT, null, null, null, "too dear"));

    @Test
    void the_chosen_options_of_an_exit_survey_in_question_order_each_once() {
        assertThat(ExitReasons.recordable(ExitReasons.MARKED_LOST, false, ANSWERS))
                .contains(List.of("price", "service", "delivery"));
    }

    @Test
    void nothing_for_an_anonymous_answer_another_trigger_or_no_choice_answered() {
        assertThat(ExitReasons.recordable(ExitReasons.MARKED_LOST, true, ANSWERS)).isEmpty();
        assertThat(ExitReasons.recordable("crm.purchase.recorded.v1", false, ANSWERS)).isEmpty();
        assertThat(ExitReasons.recordable("PERIODIC", false, ANSWERS)).isEmpty();
        assertThat(ExitReasons.recordable(null, false, ANSWERS)).isEmpty();
        assertThat(ExitReasons.recordable(ExitReasons.MARKED_LOST, false, List.of(ANSWERS.get(0), ANSWERS.get(3))))
                .isEqualTo(Optional.empty());
        assertThat(ExitReasons.recordable(ExitReasons.MARKED_LOST, false, List.of())).isEmpty();
    }
}
