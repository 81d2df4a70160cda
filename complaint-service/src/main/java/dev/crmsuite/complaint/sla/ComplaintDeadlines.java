package dev.crmsuite.complaint.sla;

import dev.crmsuite.complaint.complaint.Priority;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * First-response and resolution deadlines by priority, counted in business time. While a complaint
 * waits on the customer the clock stops: on resume the deadlines move out by the business time the
 * pause lasted, so the handler keeps exactly the time that was left.
 */
public final class ComplaintDeadlines {

    public enum Kind { FIRST_RESPONSE, RESOLUTION }

    public record Due(Instant respondBy, Instant resolveBy) {
    }

    private final BusinessCalendar calendar;
    private final Map<Priority, Duration> firstResponse;
    private final Map<Priority, Duration> resolution;

    public ComplaintDeadlines(BusinessCalendar calendar, Map<Priority, Duration> firstResponse,
                              Map<Priority, Duration> resolution) {
        for (Priority p : Priority.values()) {
            if (!firstResponse.containsKey(p) || !resolution.containsKey(p)) {
                throw new IllegalArgumentException("first-response and resolution targets are needed for every priority; "
                        + p + " is missing");
            }
        }
        this.calendar = calendar;
        this.firstResponse = new EnumMap<>(firstResponse);
        this.resolution = new EnumMap<>(resolution);
    }

    public BusinessCalendar calendar() {
        return calendar;
    }

    /** Deadlines of a complaint of {@code priority} filed at {@code filedAt}. */
    public Due on(Priority priority, Instant filedAt) {
        return new Due(calendar.plus(filedAt, firstResponse.get(priority)), calendar.plus(filedAt, resolution.get(priority)));
    }

    /** A fresh resolution deadline counted from {@code from} (used when a complaint is reopened). */
    public Instant resolveBy(Priority priority, Instant from) {
        return calendar.plus(from, resolution.get(priority));
    }

    /** Business time a pause from {@code pausedAt} to {@code resumedAt} took off the clock. */
    public Duration pauseLength(Instant pausedAt, Instant resumedAt) {
        return calendar.between(pausedAt, resumedAt);
    }

    /** {@code due} moved out by {@code pause} of business time. */
    public Instant extend(Instant due, Duration pause) {
        return calendar.plus(due, pause);
    }

    /**
     * Business time left until {@code due} at {@code now}; negative once overdue. While paused the
     * answer is frozen at the pause start, since the clock does not run.
     */
    public Duration timeLeft(Instant due, Instant now, Instant pausedSince) {
        return calendar.between(pausedSince != null ? pausedSince : now, due);
    }
}
