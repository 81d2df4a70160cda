package dev.crmsuite.platform.web;

import dev.crmsuite.platform.problem.ProblemException;
import jakarta.ws.rs.core.EntityTag;

/**
 * Optimistic concurrency over HTTP: a resource's ETag is its row version, and an update must name
 * the version it read in {@code If-Match}. A missing header is 428, a stale one 412, so two
 * editors can never silently overwrite each other.
 */
public final class Versions {

    private Versions() {
    }

    public static EntityTag etag(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** Checks {@code If-Match} against the current version. */
    public static void requireMatch(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(428, "precondition-required", "Precondition required",
                    "send If-Match with the ETag you read, so concurrent edits cannot overwrite each other");
        }
        String wanted = '"' + Long.toString(currentVersion) + '"';
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || tag.equals(wanted)) {
                return;
            }
        }
        throw new ProblemException(412, "precondition-failed", "Precondition failed",
                "the resource changed since you read it (current ETag " + wanted + "); read it again and retry")
                .with("currentEtag", wanted);
    }
}
