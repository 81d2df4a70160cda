package dev.crmsuite.platform.web;

/**
 * The suite's one rule for partial updates: every PATCH is a JSON Merge Patch (RFC 7396) — a member
 * present replaces, {@code null} removes an optional member, an absent member stays as it is — and is
 * accepted as {@code application/merge-patch+json} and, with the same meaning, as
 * {@code application/json}, because many HTTP clients and generated clients send nothing else.
 * Annotate a PATCH with {@code @Consumes({PartialUpdates.MERGE_PATCH, MediaType.APPLICATION_JSON})}.
 */
public final class PartialUpdates {

    public static final String MERGE_PATCH = "application/merge-patch+json";

    /** What a 415 on a PATCH says is accepted. */
    public static final String ACCEPTED = MERGE_PATCH + " (RFC 7396) or application/json";

    private PartialUpdates() {
    }
}
