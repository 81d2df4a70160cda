package dev.crmsuite.complaint.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * Business time: working days, one working window per day, holidays, in one time zone. Deadlines
 * are promises made in working hours ("respond within 4 business hours"), so a complaint filed on
 * Friday afternoon is not overdue on Saturday morning. Plain class: no clock, no framework.
 */
public final class BusinessCalendar {

    /** No sane calendar has ten years without a working hour; past that the configuration is wrong. */
    private static final int MAX_DAYS = 3660;

    private final ZoneId zone;
    private final Set<DayOfWeek> workingDays;
    private final LocalTime dayStart;
    private final LocalTime dayEnd;
    private final Set<LocalDate> holidays;

    public BusinessCalendar(ZoneId zone, Set<DayOfWeek> workingDays, LocalTime dayStart, LocalTime dayEnd,
                            Set<LocalDate> holidays) {
        if (workingDays.isEmpty()) {
            throw new IllegalArgumentException("a business calendar needs at least one working day");
        }
        if (!dayStart.isBefore(dayEnd)) {
            throw new IllegalArgumentException("the working day must start before it ends: " + dayStart + "-" + dayEnd);
        }
        this.zone = zone;
        this.workingDays = EnumSet.copyOf(workingDays);
        this.dayStart = dayStart;
        this.dayEnd = dayEnd;
        this.holidays = Set.copyOf(holidays);
    }

    public ZoneId zone() {
        return zone;
    }

    public boolean isWorkingDay(LocalDate day) {
        return workingDays.contains(day.getDayOfWeek()) && !holidays.contains(day);
    }

    /**
     * The instant {@code amount} of business time after {@code from}. Adding nothing changes
     * nothing: {@code from} is kept even outside working hours (a deadline at 17:00 moved by a pause
     * of zero business seconds stays at 17:00, not the next morning's opening, which is the same
     * business instant but a different promise shown to the customer).
     */
    public Instant plus(Instant from, Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("business time to add must not be negative: " + amount);
        }
        if (amount.isZero()) {
            return from;
        }
        ZonedDateTime at = from.atZone(zone);
        LocalDate day = at.toLocalDate();
        LocalTime time = at.toLocalTime();
        long remainingNanos = amount.toNanos();
        for (int i = 0; i < MAX_DAYS; i++) {
            if (isWorkingDay(day)) {
                LocalTime start = time.isAfter(dayStart) ? time : dayStart;
                if (start.isBefore(dayEnd)) {
                    long available = Duration.between(start, dayEnd).toNanos();
                    if (remainingNanos <= available) {
                        return ZonedDateTime.of(day, start.plusNanos(remainingNanos), zone).toInstant();
                    }
                    remainingNanos -= available;
                }
            }
            day = day.plusDays(1);
            time = LocalTime.MIDNIGHT;
        }
        throw new IllegalStateException("no working time within " + MAX_DAYS + " days of " + from);
    }

    /** Business time from {@code from} to {@code to}; negative when {@code to} is earlier. */
    public Duration between(Instant from, Instant to) {
        if (to.isBefore(from)) {
            return between(to, from).negated();
        }
        ZonedDateTime a = from.atZone(zone);
        ZonedDateTime b = to.atZone(zone);
        long nanos = 0;
        for (LocalDate day = a.toLocalDate(); !day.isAfter(b.toLocalDate()); day = day.plusDays(1)) {
            if (!isWorkingDay(day)) {
                continue;
            }
            Instant open = ZonedDateTime.of(day, dayStart, zone).toInstant();
            Instant shut = ZonedDateTime.of(day, dayEnd, zone).toInstant();
            Instant s = from.isAfter(open) ? from : open;
            Instant e = to.isBefore(shut) ? to : shut;
            if (s.isBefore(e)) {
                nanos += Duration.between(s, e).toNanos();
            }
        }
        return Duration.ofNanos(nanos);
    }
}
