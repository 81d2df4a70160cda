package dev.crmsuite.gateway.routing;

import java.time.Clock;
import java.time.Duration;

/**
 * Stops sending requests to a service that keeps failing, so callers get a fast 503 instead of
 * piling up on timeouts, and lets one trial request through after a pause to see if it is back.
 * CLOSED → (N consecutive failures) → OPEN → (after openFor) → HALF_OPEN → success: CLOSED, failure: OPEN.
 */
public final class CircuitBreaker {

    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int failureThreshold;
    private final Duration openFor;
    private final Clock clock;
    private State state = State.CLOSED;
    private int consecutiveFailures;
    private long openedAt;
    private boolean trialInFlight;

    public CircuitBreaker(int failureThreshold, Duration openFor, Clock clock) {
        this.failureThreshold = failureThreshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    /** Whether a request may go through now. In HALF_OPEN only one trial at a time. */
    public synchronized boolean allowRequest() {
        if (state == State.OPEN && clock.millis() - openedAt >= openFor.toMillis()) {
            state = State.HALF_OPEN;
            trialInFlight = false;
        }
        return switch (state) {
            case CLOSED -> true;
            case OPEN -> false;
            case HALF_OPEN -> {
                if (trialInFlight) {
                    yield false;
                }
                trialInFlight = true;
                yield true;
            }
        };
    }

    public synchronized void onSuccess() {
        state = State.CLOSED;
        consecutiveFailures = 0;
        trialInFlight = false;
    }

    public synchronized void onFailure() {
        consecutiveFailures++;
        if (state == State.HALF_OPEN || consecutiveFailures >= failureThreshold) {
            state = State.OPEN;
            openedAt = clock.millis();
            trialInFlight = false;
        }
    }

    public synchronized State state() {
        if (state == State.OPEN && clock.millis() - openedAt >= openFor.toMillis()) {
            return State.HALF_OPEN;
        }
        return state;
    }

    /** Seconds until a trial request will be let through (for Retry-After). */
    public synchronized long secondsUntilRetry() {
        long left = openFor.toMillis() - (clock.millis() - openedAt);
        return Math.max(1, (left + 999) / 1000);
    }
}
