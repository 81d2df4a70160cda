package dev.crmsuite.survey.support;

import dev.crmsuite.platform.problem.ProblemException;

import java.util.UUID;
import java.util.regex.Pattern;

/** Query parameters parsed by hand, so a malformed one is a 400 naming it rather than a bare 404. */
public final class Params {

    /**
     * The one spelling of a UUID (either case). {@code UUID.fromString} also takes short forms such as
     * {@code 1-1-1-1-1}; an id that names a customer is matched only as written, never trimmed or widened.
     */
    private static final Pattern UUID_SHAPE = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Params() {
    }

    /** The UUID in {@code value}; null when the parameter is absent or empty. */
    public static UUID uuid(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!UUID_SHAPE.matcher(value).matches()) {
            throw ProblemException.invalid(name, "must be a UUID");
        }
        return UUID.fromString(value);
    }
}
