package dev.crmsuite.platform.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;

/**
 * Every rule that depends on "now" (deadlines, expiry, follow-up dates) reads this clock, so tests
 * can replace it with a controllable one instead of waiting for real time to pass.
 */
@ApplicationScoped
public class SystemClock {

    @Produces
    @DefaultBean
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }
}
