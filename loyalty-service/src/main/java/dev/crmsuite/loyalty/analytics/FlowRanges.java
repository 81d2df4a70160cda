package dev.crmsuite.loyalty.analytics;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * How an analytics range [from, to) splits into whole closed UTC days, whose flows are read from
 * their roll-up ({@link LedgerDayFlows}), and the rest, read from the ledger itself: the partial days
 * at either end and the days not yet closed. A day is closed once it ended {@code closedAfter} ago:
 * entries are dated by the clock of the replica that writes them, when it writes them, so after that
 * margin no entry of that day can still commit.
 *
 * @param closedFrom first closed whole day in the range, or null when there is none
 * @param closedTo   the day after the last one (exclusive)
 * @param live       the parts of the range read from the ledger, in order
 */
record FlowRanges(LocalDate closedFrom, LocalDate closedTo, List<Span> live) {

    /** A part of the range, [from, to). */
    record Span(OffsetDateTime from, OffsetDateTime to) {
    }

    static FlowRanges of(OffsetDateTime from, OffsetDateTime to, OffsetDateTime now, Duration closedAfter) {
        LocalDate closedUntil = utc(now.minus(closedAfter)).toLocalDate();
        LocalDate first = ceilingDay(from);
        LocalDate last = utc(to).toLocalDate();
        LocalDate end = last.isBefore(closedUntil) ? last : closedUntil;
        if (!first.isBefore(end)) {
            return new FlowRanges(null, null, List.of(new Span(from, to)));
        }
        List<Span> live = new ArrayList<>(2);
        OffsetDateTime closedStart = start(first);
        OffsetDateTime closedEnd = start(end);
        if (from.isBefore(closedStart)) {
            live.add(new Span(from, closedStart));
        }
        if (closedEnd.isBefore(to)) {
            live.add(new Span(closedEnd, to));
        }
        return new FlowRanges(first, end, List.copyOf(live));
    }

    static OffsetDateTime start(LocalDate day) {
        return day.atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    /** The first day that starts at or after the instant. */
    private static LocalDate ceilingDay(OffsetDateTime instant) {
        OffsetDateTime t = utc(instant);
        LocalDate day = t.toLocalDate();
        return t.equals(start(day)) ? day : day.plusDays(1);
    }

    private static OffsetDateTime utc(OffsetDateTime t) {
        return t.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
