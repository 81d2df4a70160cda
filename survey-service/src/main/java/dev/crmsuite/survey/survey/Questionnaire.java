package dev.crmsuite.survey.survey;

import dev.crmsuite.platform.problem.Problem.FieldError;
import dev.crmsuite.platform.problem.ProblemException;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of a well-formed questionnaire, kept free of Quarkus so they are unit-tested directly.
 * A draft may be saved only if it could be published, so a publish never fails on shape.
 */
public final class Questionnaire {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    private static final Pattern DIMENSION = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");
    private static final Duration MAX_DELAY = Duration.ofDays(366);

    private Questionnaire() {
    }

    /** The draft with defaults filled in, or a 400 naming every field at fault. */
    public static SurveyDraft normalise(SurveyDraft draft) {
        List<FieldError> errors = new ArrayList<>();
        errors.addAll(checkQuestions(draft.questions()));
        List<TriggerDefinition> triggers = draft.triggers() == null ? List.of() : draft.triggers();
        List<TriggerDefinition> normalisedTriggers = new ArrayList<>();
        Set<TriggerKind> seen = EnumSet.noneOf(TriggerKind.class);
        for (int i = 0; i < triggers.size(); i++) {
            TriggerDefinition t = triggers.get(i);
            String at = "triggers[" + i + "]";
            if (t == null || t.on() == null) {
                errors.add(new FieldError(at + ".on", "is required"));
                continue;
            }
            if (!seen.add(t.on())) {
                errors.add(new FieldError(at + ".on", "appears twice; a survey has at most one trigger of each kind"));
            }
            Duration delay = Duration.ZERO;
            if (t.delay() != null) {
                try {
                    delay = Duration.parse(t.delay());
                    if (delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
                        errors.add(new FieldError(at + ".delay", "must be between PT0S and P366D"));
                    }
                } catch (DateTimeParseException e) {
                    errors.add(new FieldError(at + ".delay", "must be an ISO 8601 duration such as P2D or PT4H"));
                }
            }
            if (t.minimumAmount() != null) {
                if (t.on() != TriggerKind.PURCHASE_RECORDED) {
                    errors.add(new FieldError(at + ".minimumAmount", "applies only to PURCHASE_RECORDED"));
                } else if (t.minimumAmount().signum() < 0) {
                    errors.add(new FieldError(at + ".minimumAmount", "must not be negative"));
                }
            }
            if (t.on() == TriggerKind.PERIODIC) {
                if (t.everyMonths() == null || t.everyMonths() < 1 || t.everyMonths() > 120) {
                    errors.add(new FieldError(at + ".everyMonths", "is required for PERIODIC, between 1 and 120"));
                }
            } else if (t.everyMonths() != null) {
                errors.add(new FieldError(at + ".everyMonths", "applies only to PERIODIC"));
            }
            BigDecimal minimum = t.minimumAmount() == null ? null : t.minimumAmount().setScale(2, java.math.RoundingMode.HALF_UP);
            normalisedTriggers.add(new TriggerDefinition(t.on(), delay.toString(), minimum, t.everyMonths()));
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return new SurveyDraft(draft.title().strip(), draft.description(), Boolean.TRUE.equals(draft.anonymous()),
                draft.questions().stream().map(Question::normalised).toList(), List.copyOf(normalisedTriggers));
    }

    static List<FieldError> checkQuestions(List<Question> questions) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Question> earlier = new HashMap<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < questions.size(); i++) {
            Question q = questions.get(i);
            String at = "questions[" + i + "]";
            if (q == null) {
                errors.add(new FieldError(at, "must not be null"));
                continue;
            }
            if (q.key() == null || !KEY.matcher(q.key()).matches()) {
                errors.add(new FieldError(at + ".key", "must be 1-63 lower case letters, digits, - or _, starting with a letter"));
            } else if (!keys.add(q.key())) {
                errors.add(new FieldError(at + ".key", "'" + q.key() + "' is used by an earlier question"));
            }
            if (q.type() == null) {
                errors.add(new FieldError(at + ".type", "is required"));
                continue;
            }
            if (q.text() == null || q.text().isBlank() || q.text().length() > 1000) {
                errors.add(new FieldError(at + ".text", "is required, at most 1000 characters"));
            }
            if (q.type() == QuestionType.RATING) {
                if (q.dimension() == null || !DIMENSION.matcher(q.dimension()).matches()) {
                    errors.add(new FieldError(at + ".dimension",
                            "is required for RATING: PRODUCT, STAFF, SERVICE or a custom upper-case name"));
                }
            } else if (q.dimension() != null) {
                errors.add(new FieldError(at + ".dimension", "applies only to RATING questions"));
            }
            if (q.type().choice()) {
                if (q.options() == null || q.options().size() < 2 || q.options().size() > 50
                        || q.options().stream().anyMatch(o -> o == null || o.isBlank() || o.length() > 200)
                        || new HashSet<>(q.options()).size() != q.options().size()) {
                    errors.add(new FieldError(at + ".options", "needs 2 to 50 distinct, non-blank options"));
                }
            } else if (q.options() != null) {
                errors.add(new FieldError(at + ".options", "applies only to choice questions"));
            }
            if (q.showIf() != null) {
                checkShowIf(q.showIf(), earlier, at + ".showIf", errors);
            }
            if (q.key() != null) {
                earlier.putIfAbsent(q.key(), q);
            }
        }
        return errors;
    }

    private static void checkShowIf(ShowIf showIf, Map<String, Question> earlier, String at, List<FieldError> errors) {
        Question target = showIf.question() == null ? null : earlier.get(showIf.question());
        if (target == null) {
            errors.add(new FieldError(at + ".question", "must name an earlier question"));
            return;
        }
        if (target.type() == null) {
            return;
        }
        if (target.type().choice()) {
            if (showIf.anyOf() == null || showIf.anyOf().isEmpty() || showIf.atLeast() != null || showIf.atMost() != null) {
                errors.add(new FieldError(at, "on a choice question, give anyOf (and no atLeast/atMost)"));
            } else if (target.options() != null && !target.options().containsAll(showIf.anyOf())) {
                errors.add(new FieldError(at + ".anyOf", "must list options of question '" + target.key() + "'"));
            }
        } else if (target.type().scale()) {
            if (showIf.anyOf() != null || (showIf.atLeast() == null && showIf.atMost() == null)) {
                errors.add(new FieldError(at, "on a scale question, give atLeast and/or atMost (and no anyOf)"));
            }
        } else {
            errors.add(new FieldError(at + ".question", "a free-text answer cannot control another question"));
        }
    }

    /**
     * A key keeps its meaning for ever: reusing it with another type or dimension would splice two
     * different measures into one trend line. 409 naming the key.
     */
    public static void requireKeysKeepTheirMeaning(List<Question> draft, List<List<Question>> published) {
        Map<String, Question> before = new HashMap<>();
        published.forEach(version -> version.forEach(q -> before.putIfAbsent(q.key(), q)));
        for (int i = 0; i < draft.size(); i++) {
            Question q = draft.get(i);
            Question old = before.get(q.key());
            if (old != null && (old.type() != q.type() || !java.util.Objects.equals(old.dimension(), q.dimension()))) {
                throw new ProblemException(409, "question-key-reused", "Conflict",
                        "question key '" + q.key() + "' was published as " + describe(old) + "; give the new "
                                + describe(q) + " question a new key so trends stay comparable",
                        List.of(new FieldError("questions[" + i + "].key", "was published as " + describe(old))));
            }
        }
    }

    private static String describe(Question q) {
        return q.dimension() == null ? q.type().name() : q.type() + " of " + q.dimension();
    }

    private static ProblemException invalid(List<FieldError> errors) {
        FieldError first = errors.getFirst();
        return new ProblemException(400, "validation", "Invalid request", first.field() + ": " + first.message(), errors);
    }
}
