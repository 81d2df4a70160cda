package dev.crmsuite.survey.response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.survey.survey.Question;
import dev.crmsuite.survey.survey.QuestionType;
import dev.crmsuite.survey.survey.ShowIf;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerValidatorTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static final List<Question> QUESTIONS = List.of(
            new Question("recommend", QuestionType.NPS, "Recommend?", true, null, null, null),
            new Question("effort", QuestionType.CES, "Effort?", false, null, null, null),
            new Question("staff", QuestionType.RATING, "Staff?", false, "STAFF", null, null),
            new Question("channel", QuestionType.SINGLE_CHOICE, "Where?", false, null, List.of("web", "shop"), null),
            new Question("extras", QuestionType.MULTIPLE_CHOICE, "What else?", false, null, List.of("a", "b", "c"), null),
            new Question("why", QuestionType.FREE_TEXT, "What went wrong?", true, null, null, new ShowIf("recommend", null, null, 6)),
            new Question("web-issue", QuestionType.FREE_TEXT, "Web problem?", false, null, null, new ShowIf("channel", List.of("web"), null, null)));

    static Map<String, JsonNode> answers(String json) {
        try {
            return JSON.readValue(json, new com.fasterxml.jackson.core.type.TypeReference<>() {
            });
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static List<String> faults(String json) {
        try {
            AnswerValidator.validate(QUESTIONS, answers(json), 20);
            return List.of();
        } catch (ProblemException e) {
            assertThat(e.status()).isEqualTo(400);
            return e.errors().stream().map(Problem.FieldError::field).toList();
        }
    }

    @Test
    void accepts_valid_answers_in_question_order() {
        List<AnswerValidator.Answer> valid = AnswerValidator.validate(QUESTIONS,
                answers("{\"extras\":[\"a\",\"c\"],\"recommend\":10,\"effort\":7,\"staff\":1,\"channel\":\"shop\"}"), 20);
        assertThat(valid).extracting(AnswerValidator.Answer::key).containsExactly("recommend", "effort", "staff", "channel", "extras");
        assertThat(valid.get(2).dimension()).isEqualTo("STAFF");
        assertThat(valid.get(4).choices()).containsExactly("a", "c");
    }

    @Test
    void out_of_range_and_wrong_types_name_the_question() {
        assertThat(faults("{\"recommend\":11}")).containsExactly("answers.recommend");
        assertThat(faults("{\"recommend\":-1}")).containsExactly("answers.recommend");
        assertThat(faults("{\"recommend\":8.5}")).containsExactly("answers.recommend");
        assertThat(faults("{\"recommend\":\"9\"}")).containsExactly("answers.recommend");
        assertThat(faults("{\"recommend\":9,\"effort\":0,\"staff\":6}")).containsExactly("answers.effort", "answers.staff");
        assertThat(faults("{\"recommend\":9,\"channel\":\"phone\"}")).containsExactly("answers.channel");
        assertThat(faults("{\"recommend\":9,\"extras\":[\"a\",\"a\"]}")).containsExactly("answers.extras");
        assertThat(faults("{\"recommend\":9,\"extras\":[]}")).containsExactly("answers.extras");
        assertThat(faults("{\"recommend\":9,\"channel\":\"web\",\"web-issue\":\"" + "x".repeat(21) + "\"}"))
                .containsExactly("answers.web-issue");
    }

    @Test
    void required_unknown_and_hidden_answers() {
        assertThat(faults("{}")).containsExactly("answers.recommend");
        assertThat(faults("{\"recommend\":null}")).containsExactly("answers.recommend");
        assertThat(faults("{\"recommend\":9,\"colour\":\"blue\"}")).containsExactly("answers.colour");
        // "why" is required only when shown, i.e. for a detractor
        assertThat(faults("{\"recommend\":9}")).isEmpty();
        assertThat(faults("{\"recommend\":6}")).containsExactly("answers.why");
        assertThat(faults("{\"recommend\":6,\"why\":\"slow\"}")).isEmpty();
        assertThat(faults("{\"recommend\":9,\"why\":\"slow\"}")).containsExactly("answers.why");
        assertThat(faults("{\"recommend\":9,\"channel\":\"shop\",\"web-issue\":\"x\"}")).containsExactly("answers.web-issue");
        assertThat(faults("{\"recommend\":9,\"channel\":\"web\",\"web-issue\":\"x\"}")).isEmpty();
    }
}
