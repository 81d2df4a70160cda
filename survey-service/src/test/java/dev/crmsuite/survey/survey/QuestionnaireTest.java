package dev.crmsuite.survey.survey;

import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuestionnaireTest {

    static Question q(String key, QuestionType type) {
        return new Question(key, type, "Text of " + key, null, type == QuestionType.RATING ? "PRODUCT" : null,
                type.choice() ? List.of("a", "b") : null, null);
    }

    static SurveyDraft draft(List<Question> questions, List<TriggerDefinition> triggers) {
        return new SurveyDraft(" Title ", null, null, questions, triggers);
    }

    static List<String> fieldsAtFault(SurveyDraft draft) {
        try {
            Questionnaire.normalise(draft);
            return List.of();
        } catch (ProblemException e) {
            assertThat(e.status()).isEqualTo(400);
            return e.errors().stream().map(Problem.FieldError::field).toList();
        }
    }

    @Test
    void a_valid_draft_gets_its_defaults() {
        SurveyDraft d = Questionnaire.normalise(draft(List.of(q("recommend", QuestionType.NPS), q("channel", QuestionType.SINGLE_CHOICE)),
                List.of(new TriggerDefinition(TriggerKind.PURCHASE_RECORDED, null, new BigDecimal("100"), null))));
        assertThat(d.title()).isEqualTo("Title");
        assertThat(d.anonymous()).isFalse();
        assertThat(d.questions().getFirst().required()).isFalse();
        assertThat(d.triggers().getFirst().delay()).isEqualTo("PT0S");
        assertThat(d.triggers().getFirst().minimumAmount()).isEqualByComparingTo("100.00");
    }

    @Test
    void names_every_malformed_question_field() {
        List<Question> questions = List.of(
                new Question("Bad Key", QuestionType.NPS, "x", true, null, null, null),
                new Question("dup", QuestionType.CSAT, "x", true, null, null, null),
                new Question("dup", QuestionType.CES, "x", true, null, null, null),
                new Question("rate", QuestionType.RATING, "x", true, null, null, null),
                new Question("pick", QuestionType.SINGLE_CHOICE, "x", true, null, List.of("only"), null),
                new Question("text", QuestionType.FREE_TEXT, "", true, null, List.of("a", "b"), null));
        assertThat(fieldsAtFault(draft(questions, null))).containsExactly(
                "questions[0].key", "questions[2].key", "questions[3].dimension", "questions[4].options",
                "questions[5].text", "questions[5].options");
    }

    @Test
    void show_if_must_point_back_at_a_matching_earlier_question() {
        Question later = new Question("why", QuestionType.FREE_TEXT, "Why?", false, null, null,
                new ShowIf("recommend", null, null, 6));
        assertThat(fieldsAtFault(draft(List.of(later, q("recommend", QuestionType.NPS)), null)))
                .containsExactly("questions[0].showIf.question");
        assertThat(fieldsAtFault(draft(List.of(q("recommend", QuestionType.NPS), later), null))).isEmpty();
        Question byOption = new Question("why", QuestionType.FREE_TEXT, "Why?", false, null, null,
                new ShowIf("pick", List.of("c"), null, null));
        assertThat(fieldsAtFault(draft(List.of(q("pick", QuestionType.SINGLE_CHOICE), byOption), null)))
                .containsExactly("questions[1].showIf.anyOf");
        Question rangeOnChoice = new Question("why", QuestionType.FREE_TEXT, "Why?", false, null, null,
                new ShowIf("pick", null, 1, null));
        assertThat(fieldsAtFault(draft(List.of(q("pick", QuestionType.SINGLE_CHOICE), rangeOnChoice), null)))
                .containsExactly("questions[1].showIf");
    }

    @Test
    void triggers_are_checked() {
        List<TriggerDefinition> triggers = List.of(
                new TriggerDefinition(TriggerKind.PERIODIC, "P1D", null, null),
                new TriggerDefinition(TriggerKind.COMPLAINT_RESOLVED, "two days", new BigDecimal("5"), 3),
                new TriggerDefinition(TriggerKind.COMPLAINT_RESOLVED, "-PT1H", null, null));
        assertThat(fieldsAtFault(draft(List.of(q("recommend", QuestionType.NPS)), triggers))).containsExactly(
                "triggers[0].everyMonths", "triggers[1].delay", "triggers[1].minimumAmount", "triggers[1].everyMonths",
                "triggers[2].on", "triggers[2].delay");
    }

    @Test
    void a_published_key_keeps_its_type_and_dimension() {
        List<List<Question>> published = List.of(List.of(q("recommend", QuestionType.NPS), q("product", QuestionType.RATING)));
        Questionnaire.requireKeysKeepTheirMeaning(List.of(q("recommend", QuestionType.NPS), q("new", QuestionType.CES)), published);
        assertThatThrownBy(() -> Questionnaire.requireKeysKeepTheirMeaning(List.of(q("recommend", QuestionType.CSAT)), published))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.errors().getFirst().field()).isEqualTo("questions[0].key");
                });
        Question otherDimension = new Question("product", QuestionType.RATING, "x", true, "STAFF", null, null);
        assertThatThrownBy(() -> Questionnaire.requireKeysKeepTheirMeaning(List.of(otherDimension), published))
                .isInstanceOf(ProblemException.class);
    }
}
