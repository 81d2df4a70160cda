package dev.crmsuite.customer.analytics;

import dev.crmsuite.platform.problem.ProblemException;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** A reporting period from query parameters: ISO dates or date-times, {@code to} exclusive; the last 12 months by default. */
public record Period(OffsetDateTime from, OffsetDateTime to) {

    public static Period of(String from, String to, Clock clock) {
        OffsetDateTime end = to == null ? OffsetDateTime.now(clock) : parse("to", to);
        OffsetDateTime start = from == null ? end.minusMonths(12) : parse("from", from);
        if (!start.isBefore(end)) {
            throw ProblemException.invalid("from", "must be before to");
        }
        return new Period(start, end);
    }

    private static OffsetDateTime parse(String field, String value) {
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay().atOffset(ZoneOffset.UTC) : OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "must be an ISO date (2026-01-31) or date-time (2026-01-31T00:00:00Z)");
        }
    }
}
