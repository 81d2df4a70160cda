package dev.crmsuite.customer.followup;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * When a high-value purchase's "call N days later" is due. A call whose moment has passed when the
 * purchase is recorded (history imported, a backdated purchase) is not created: a "one week later"
 * call made months late is not that call, and importing history must not flood every queue with
 * overdue work. Only a call missed by less than the grace (a purchase keyed in a few days late) is
 * still made, due now.
 */
public final class HighValueCalls {

    private HighValueCalls() {
    }

    /** The due time of the call {@code days} after {@code purchasedAt}, or null when it is not to be made. */
    public static OffsetDateTime dueAt(OffsetDateTime purchasedAt, int days, OffsetDateTime now, Duration grace) {
        OffsetDateTime due = purchasedAt.plusDays(days);
        if (!due.isBefore(now)) {
            return due;
        }
        return due.isBefore(now.minus(grace)) ? null : now;
    }
}
