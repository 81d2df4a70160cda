package dev.crmsuite.complaint.complaint;

import dev.crmsuite.platform.problem.ProblemException;

import java.util.regex.Pattern;

/** Who made a change: the {@code X-Actor} header of the request, or "system" for rules and events. */
public final class Actor {

    public static final String HEADER = "X-Actor";
    public static final String SYSTEM = "system";
    private static final Pattern ACCEPTABLE = Pattern.compile("[\\p{L}\\p{N} ._@'-]{1,100}");

    private Actor() {
    }

    public static String of(String header) {
        if (header == null || header.isBlank()) {
            return SYSTEM;
        }
        String actor = header.trim();
        if (!ACCEPTABLE.matcher(actor).matches()) {
            throw ProblemException.invalid(HEADER, "must be 1 to 100 letters, digits, spaces or . _ @ ' -");
        }
        return actor;
    }
}
