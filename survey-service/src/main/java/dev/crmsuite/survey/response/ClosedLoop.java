package dev.crmsuite.survey.response;

import dev.crmsuite.survey.survey.QuestionType;

import java.util.List;
import java.util.Optional;

/**
 * Which answers count as unhappy and need a human reaction: an NPS detractor (0-6 by default) or
 * a CSAT of 1-2. When a response has both, NPS is reported: one response, one follow-up.
 */
public final class ClosedLoop {

    private ClosedLoop() {
    }

    public record Unhappy(String scoreType, int score) {
    }

    public static Optional<Unhappy> unhappy(List<AnswerValidator.Answer> answers, int npsMax, int csatMax) {
        Optional<Unhappy> nps = first(answers, QuestionType.NPS).filter(s -> s <= npsMax).map(s -> new Unhappy("NPS", s));
        return nps.isPresent() ? nps
                : first(answers, QuestionType.CSAT).filter(s -> s <= csatMax).map(s -> new Unhappy("CSAT", s));
    }

    /** The first answer of that type: a response's headline NPS, CSAT or CES. */
    public static Optional<Integer> first(List<AnswerValidator.Answer> answers, QuestionType type) {
        return answers.stream().filter(a -> a.type() == type && a.score() != null).map(AnswerValidator.Answer::score).findFirst();
    }
}
