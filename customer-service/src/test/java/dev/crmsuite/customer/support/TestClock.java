package dev.crmsuite.customer.support;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock every rule reads, controllable by tests: follow-up dates, rolling revenue and recency
 * are checked by moving time instead of waiting for it. Runs with real time unless a test sets it;
 * tests that set it put it back with {@link #useRealTime()}.
 */
@ApplicationScoped
public class TestClock {

    private static volatile Instant fixed;

    public static void set(Instant instant) {
        fixed = instant;
    }

    public static void advance(Duration d) {
        fixed = (fixed == null ? Instant.now() : fixed).plus(d);
    }

    public static void useRealTime() {
        fixed = null;
    }

    @Produces
    @Alternative
    @Priority(1)
    @ApplicationScoped
    Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                Instant f = fixed;
                return f != null ? f : Instant.now();
            }
        };
    }
}
