package dev.crmsuite.complaint.sla;

import dev.crmsuite.complaint.complaint.Priority;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Business-hour arithmetic across a weekend and holidays, with pause and resume. */
class ComplaintDeadlinesTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final BusinessCalendar CALENDAR = new BusinessCalendar(BERLIN,
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(17, 0),
            Set.of(LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 25), LocalDate.of(2026, 12, 31), LocalDate.of(2027, 1, 1)));
    static final ComplaintDeadlines DEADLINES = new ComplaintDeadlines(CALENDAR,
            Map.of(Priority.URGENT, Duration.ofHours(1), Priority.HIGH, Duration.ofHours(4), Priority.MEDIUM, Duration.ofHours(8),
                    Priority.LOW, Duration.ofHours(16)),
            Map.of(Priority.URGENT, Duration.ofHours(8), Priority.HIGH, Duration.ofHours(16), Priority.MEDIUM, Duration.ofHours(40),
                    Priority.LOW, Duration.ofHours(80)));

    static Instant berlin(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    @Test
    void within_one_day() {
        assertThat(CALENDAR.plus(berlin("2026-11-23T10:00"), Duration.ofHours(3))).isEqualTo(berlin("2026-11-23T13:00"));
        assertThat(CALENDAR.between(berlin("2026-11-23T10:00"), berlin("2026-11-23T13:30"))).isEqualTo(Duration.ofMinutes(210));
    }

    @Test
    void outside_working_hours_counting_starts_at_the_next_opening() {
        assertThat(CALENDAR.plus(berlin("2026-11-23T07:12"), Duration.ofHours(1))).isEqualTo(berlin("2026-11-23T10:00"));
        assertThat(CALENDAR.plus(berlin("2026-11-23T18:00"), Duration.ofHours(1))).isEqualTo(berlin("2026-11-24T10:00"));
        assertThat(CALENDAR.plus(berlin("2026-11-23T16:00"), Duration.ofHours(1))).as("ends exactly at closing")
                .isEqualTo(berlin("2026-11-23T17:00"));
    }

    @Test
    void a_pause_of_zero_business_time_moves_nothing() {
        // A deadline at closing time, a pause entirely in the evening: the deadline stays where it was.
        Instant due = berlin("2026-11-27T17:00");
        Duration pause = DEADLINES.pauseLength(berlin("2026-11-23T18:00"), berlin("2026-11-23T20:00"));
        assertThat(pause).isZero();
        assertThat(DEADLINES.extend(due, pause)).isEqualTo(due);
        assertThat(CALENDAR.plus(berlin("2026-11-28T12:00"), Duration.ZERO)).as("a Saturday stays a Saturday")
                .isEqualTo(berlin("2026-11-28T12:00"));
        assertThat(DEADLINES.extend(due, Duration.ofHours(1))).as("any real pause still counts from the next opening")
                .isEqualTo(berlin("2026-11-30T10:00"));
    }

    @Test
    void friday_afternoon_runs_over_the_weekend() {
        // Fri 27 Nov 2026 15:00 + 4h: 2h on Friday, 2h on Monday.
        assertThat(CALENDAR.plus(berlin("2026-11-27T15:00"), Duration.ofHours(4))).isEqualTo(berlin("2026-11-30T11:00"));
        assertThat(CALENDAR.between(berlin("2026-11-27T15:00"), berlin("2026-11-30T11:00"))).isEqualTo(Duration.ofHours(4));
        assertThat(CALENDAR.between(berlin("2026-11-28T10:00"), berlin("2026-11-29T16:00"))).as("weekend only").isZero();
    }

    @Test
    void holidays_and_the_weekend_together() {
        // Wed 23 Dec 15:00: 2h Wed, Thu 24 + Fri 25 holidays, weekend, Mon 28 9-11.
        Instant filed = berlin("2026-12-23T15:00");
        ComplaintDeadlines.Due due = DEADLINES.on(Priority.HIGH, filed);
        assertThat(due.respondBy()).isEqualTo(berlin("2026-12-28T11:00"));
        // 16h: 2h Wed, 8h Mon, 6h Tue.
        assertThat(due.resolveBy()).isEqualTo(berlin("2026-12-29T15:00"));
        assertThat(CALENDAR.between(filed, due.resolveBy())).isEqualTo(Duration.ofHours(16));
    }

    @Test
    void a_pause_moves_the_deadline_by_its_business_length_and_time_left_freezes() {
        Instant resolveBy = berlin("2026-12-29T15:00");
        Instant pausedAt = berlin("2026-12-28T12:00");
        assertThat(DEADLINES.timeLeft(resolveBy, pausedAt, null)).isEqualTo(Duration.ofHours(11));
        // Still 11h left days later: the clock does not run while waiting on the customer.
        assertThat(DEADLINES.timeLeft(resolveBy, berlin("2026-12-30T09:30"), pausedAt)).isEqualTo(Duration.ofHours(11));
        Instant resumedAt = berlin("2026-12-30T10:00");
        Duration pause = DEADLINES.pauseLength(pausedAt, resumedAt);
        assertThat(pause).isEqualTo(Duration.ofHours(5 + 8 + 1));
        Instant moved = DEADLINES.extend(resolveBy, pause);
        // 14h after Tue 15:00: 2h Tue, 8h Wed 30, Thu 31 and Fri 1 Jan are holidays, weekend, 4h Mon 4 Jan.
        assertThat(moved).isEqualTo(berlin("2027-01-04T13:00"));
        assertThat(DEADLINES.timeLeft(moved, resumedAt, null)).as("exactly the time that was left").isEqualTo(Duration.ofHours(11));
    }

    @Test
    void time_left_is_negative_once_overdue() {
        assertThat(DEADLINES.timeLeft(berlin("2026-11-23T10:00"), berlin("2026-11-23T12:30"), null))
                .isEqualTo(Duration.ofMinutes(-150));
    }

    @Test
    void nonsense_calendars_are_refused() {
        assertThatThrownBy(() -> new BusinessCalendar(BERLIN, Set.of(), LocalTime.of(9, 0), LocalTime.of(17, 0), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BusinessCalendar(BERLIN, Set.of(DayOfWeek.MONDAY), LocalTime.of(17, 0), LocalTime.of(9, 0), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ComplaintDeadlines(CALENDAR, Map.of(), Map.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
