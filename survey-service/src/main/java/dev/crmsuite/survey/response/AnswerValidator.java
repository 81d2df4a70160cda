package dev.crmsuite.survey.response;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.platform.problem.Problem.FieldError;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.survey.survey.Question;
import dev.crmsuite.survey.survey.QuestionType;
import dev.crmsuite.survey.survey.ShowIf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks answers against the questions of the version being answered: no unknown question, every
 * shown required question answered, every value on its scale or among its options, nothing
 * answered that the show-if logic hid. Plain Java, unit-tested without Quarkus.
 */
public final class AnswerValidator {

    private AnswerValidator() {
    }

    /** One valid answer, ready to store. */
    public record Answer(String key, QuestionType type, String dimension, Integer score, List<String> choices, String text) {
    }

    /** The valid answers in question order, or a 400 whose errors name each question at fault. */
    public static List<Answer> validate(List<Question> questions, Map<String, JsonNode> given, int freeTextMaxLength) {
        Map<String, JsonNode> answers = given == null ? Map.of() : given;
        List<FieldError> errors = new ArrayList<>();
        Set<String> known = new HashSet<>();
        questions.forEach(q -> known.add(q.key()));
        answers.keySet().stream().filter(k -> !known.contains(k)).sorted()
                .forEach(k -> errors.add(new FieldError("answers." + k, "is not a question of this survey")));

        Map<String, Answer> valid = new LinkedHashMap<>();
        Map<String, Boolean> shown = new HashMap<>();
        for (Question q : questions) {
            String field = "answers." + q.key();
            boolean visible = isShown(q.showIf(), valid, shown);
            shown.put(q.key(), visible);
            JsonNode value = answers.get(q.key());
            boolean present = value != null && !value.isNull();
            if (!visible) {
                if (present) {
                    errors.add(new FieldError(field, "is not asked given the answer to '" + q.showIf().question() + "'"));
                }
                continue;
            }
            if (!present) {
                if (q.mandatory()) {
                    errors.add(new FieldError(field, "is required"));
                }
                continue;
            }
            String problem = check(q, value, freeTextMaxLength);
            if (problem != null) {
                errors.add(new FieldError(field, problem));
                continue;
            }
            valid.put(q.key(), toAnswer(q, value));
        }
        if (!errors.isEmpty()) {
            FieldError first = errors.getFirst();
            throw new ProblemException(400, "invalid-answers", "Invalid answers", first.field() + ": " + first.message(), errors);
        }
        return List.copyOf(valid.values());
    }

    private static boolean isShown(ShowIf showIf, Map<String, Answer> valid, Map<String, Boolean> shown) {
        if (showIf == null) {
            return true;
        }
        if (!shown.getOrDefault(showIf.question(), false)) {
            return false;
        }
        Answer target = valid.get(showIf.question());
        if (target == null) {
            return false; // not answered (or answered wrongly): the follow-up question does not apply
        }
        if (target.score() != null) {
            return (showIf.atLeast() == null || target.score() >= showIf.atLeast())
                    && (showIf.atMost() == null || target.score() <= showIf.atMost());
        }
        if (target.choices() != null && showIf.anyOf() != null) {
            return target.choices().stream().anyMatch(showIf.anyOf()::contains);
        }
        return false;
    }

    private static String check(Question q, JsonNode value, int freeTextMaxLength) {
        QuestionType type = q.type();
        if (type.scale()) {
            if (!value.isIntegralNumber() || value.asInt() < type.min() || value.asInt() > type.max()
                    || !value.canConvertToInt()) {
                return "must be a whole number from " + type.min() + " to " + type.max();
            }
            return null;
        }
        return switch (type) {
            case SINGLE_CHOICE -> value.isTextual() && q.options().contains(value.asText()) ? null
                    : "must be one of " + q.options();
            case MULTIPLE_CHOICE -> {
                if (!value.isArray() || value.isEmpty()) {
                    yield "must be a non-empty list of options from " + q.options();
                }
                Set<String> seen = new HashSet<>();
                for (JsonNode item : value) {
                    if (!item.isTextual() || !q.options().contains(item.asText()) || !seen.add(item.asText())) {
                        yield "must list distinct options from " + q.options();
                    }
                }
                yield null;
            }
            case FREE_TEXT -> !value.isTextual() ? "must be text"
                    : value.asText().length() > freeTextMaxLength ? "must be at most " + freeTextMaxLength + " characters"
                    : null;
            default -> "is of an unknown type";
        };
    }

    private static Answer toAnswer(Question q, JsonNode value) {
        if (q.type().scale()) {
            return new Answer(q.key(), q.type(), q.dimension(), value.asInt(), null, null);
        }
        return switch (q.type()) {
            case SINGLE_CHOICE -> new Answer(q.key(), q.type(), null, null, List.of(value.asText()), null);
            case MULTIPLE_CHOICE -> {
                List<String> chosen = new ArrayList<>();
                value.forEach(v -> chosen.add(v.asText()));
                yield new Answer(q.key(), q.type(), null, null, List.copyOf(chosen), null);
            }
            default -> new Answer(q.key(), q.type(), null, null, null, value.asText().strip());
        };
    }
}
