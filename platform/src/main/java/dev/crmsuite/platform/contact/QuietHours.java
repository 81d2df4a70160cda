package dev.crmsuite.platform.contact;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Hours in the customer's own time zone when no marketing message is delivered (e.g. 21:00 to
 * 08:00). A message due inside them is not dropped but deferred to their end, so the campaign still
 * reaches the customer, in the morning. Start equal to end means no quiet hours.
 */
public final class QuietHours {

    private final LocalTime start;
    private final LocalTime end;

    public QuietHours(LocalTime start, LocalTime end) {
        this.start = start;
        this.end = end;
    }

    public static QuietHours of(ContactConfig config) {
        return new QuietHours(config.quietHours().start(), config.quietHours().end());
    }

    /** Whether {@code at} falls inside the quiet hours in {@code zone}. */
    public boolean contains(Instant at, ZoneId zone) {
        if (start.equals(end)) {
            return false;
        }
        LocalTime local = at.atZone(zone).toLocalTime();
        return start.isBefore(end)
                ? !local.isBefore(start) && local.isBefore(end)
                : !local.isBefore(start) || local.isBefore(end);
    }

    /** {@code at} itself when outside the quiet hours, else the first instant after they end in {@code zone}. */
    public Instant nextAllowed(Instant at, ZoneId zone) {
        if (!contains(at, zone)) {
            return at;
        }
        ZonedDateTime local = at.atZone(zone);
        LocalDate day = local.toLocalDate();
        // Inside an overnight window before midnight, the window ends tomorrow.
        if (start.isAfter(end) && !local.toLocalTime().isBefore(start)) {
            day = day.plusDays(1);
        }
        // atZone resolves a local time skipped by a daylight-saving gap to the instant after the gap.
        return ZonedDateTime.of(day, end, zone).toInstant();
    }
}
