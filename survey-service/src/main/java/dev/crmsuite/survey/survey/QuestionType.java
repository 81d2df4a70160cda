package dev.crmsuite.survey.survey;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The kinds of question, with the answer scale of the numeric ones. */
@Schema(description = "NPS 0-10, CSAT 1-5, CES 1-7, RATING 1-5 on a dimension, single or multiple choice, free text")
public enum QuestionType {
    NPS(0, 10), CSAT(1, 5), CES(1, 7), RATING(1, 5), SINGLE_CHOICE, MULTIPLE_CHOICE, FREE_TEXT;

    private final Integer min;
    private final Integer max;

    QuestionType() {
        this(null, null);
    }

    QuestionType(Integer min, Integer max) {
        this.min = min;
        this.max = max;
    }

    public boolean scale() {
        return min != null;
    }

    public boolean choice() {
        return this == SINGLE_CHOICE || this == MULTIPLE_CHOICE;
    }

    public int min() {
        return min;
    }

    public int max() {
        return max;
    }
}
