package dev.crmsuite.survey.support;

import dev.crmsuite.platform.problem.ProblemException;

import java.util.UUID;

/** Query parameters parsed by hand, so a malformed one is a 400 naming it rather than a bare 404. */
public final class Params {

    private Params() {
    }

    public static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(name, "must be a UUID");
        }
    }
}
