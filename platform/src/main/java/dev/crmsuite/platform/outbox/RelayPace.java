package dev.crmsuite.platform.outbox;

import java.time.Duration;

/**
 * How long the outbox relay waits before its next look when nothing wakes it. Busy (the last look
 * published something) or contended (another replica held the relay lock, and rows committed after
 * that replica read its batch may be waiting): the short interval. Idle: each empty look doubles the
 * wait up to the idle interval, because a commit in this process wakes the relay anyway and an idle
 * look is a whole transaction. A wake-up starts again from the short interval.
 */
final class RelayPace {

    private final long shortest;
    private final long longest;
    private long next;

    RelayPace(Duration busy, Duration idle) {
        this.shortest = Math.max(1, busy.toMillis());
        this.longest = Math.max(shortest, idle.toMillis());
        this.next = shortest;
    }

    /** Milliseconds to wait after this look. */
    long after(OutboxRelay.Look look) {
        if (look.published() > 0 || !look.locked()) {
            next = shortest;
            return shortest;
        }
        long wait = next;
        next = Math.min(longest, next * 2);
        return wait;
    }

    /** A commit announced new rows: the next idle wait starts short again. */
    void wokenUp() {
        next = shortest;
    }
}
