package dev.crmsuite.platform.testing;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The application clock in every service's tests, replacing the platform's system clock, so rules
 * that depend on "now" (deadlines, expiry, follow-up dates, tiers) are tested without waiting.
 * Real time until a test says otherwise: {@link #set} freezes time at an instant, {@link #advance}
 * moves it forward (the frozen instant, or an offset on real time so time still ticks), and
 * {@link #reset} goes back to real time. The state is static: one application per test JVM, and
 * tests may reach it without injection.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class ControllableClock extends Clock {

    private static volatile Instant frozen;
    private static volatile Duration offset = Duration.ZERO;

    /** Freezes time at {@code instant}. */
    public static void set(Instant instant) {
        frozen = instant;
    }

    /** Moves time forward: the frozen instant if time is frozen, else real time plus an offset. */
    public static synchronized void advance(Duration by) {
        if (frozen != null) {
            frozen = frozen.plus(by);
        } else {
            offset = offset.plus(by);
        }
    }

    /** Back to real time. */
    public static synchronized void reset() {
        frozen = null;
        offset = Duration.ZERO;
    }

    public static void useRealTime() {
        reset();
    }

    @Override
    public Instant instant() {
        Instant f = frozen;
        return f != null ? f : Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }
}
