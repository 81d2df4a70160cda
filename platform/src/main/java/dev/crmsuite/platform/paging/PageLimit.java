package dev.crmsuite.platform.paging;

import dev.crmsuite.platform.problem.ProblemException;

/** Page sizes: a default when absent, and a cap so one request cannot ask for the whole table. */
public final class PageLimit {
    public static final int DEFAULT = 20;
    public static final int MAX = 200;

    private PageLimit() {
    }

    public static int of(Integer requested) {
        if (requested == null) {
            return DEFAULT;
        }
        if (requested < 1 || requested > MAX) {
            throw ProblemException.invalid("limit", "must be between 1 and " + MAX);
        }
        return requested;
    }
}
