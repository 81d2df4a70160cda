package dev.crmsuite.survey.invitation;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** What an invitation is now: the stored status read against the clock. */
@Schema(description = "SCHEDULED (waiting for its send time), OPEN (can be answered), ANSWERED, EXPIRED, or SKIPPED (never sent; see skipReason)")
public enum InvitationStatus {
    SCHEDULED, OPEN, ANSWERED, EXPIRED, SKIPPED;

    public static InvitationStatus of(Invitation i, Instant now) {
        return switch (i.status) {
            case Invitation.SKIPPED -> SKIPPED;
            case Invitation.ANSWERED -> ANSWERED;
            default -> !now.isBefore(i.expiresAt.toInstant()) ? EXPIRED
                    : now.isBefore(i.sendAt.toInstant()) ? SCHEDULED : OPEN;
        };
    }
}
