package dev.crmsuite.platform.web;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.ser.OffsetDateTimeSerializer;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes an {@link OffsetDateTime} as the text Jackson's java.time module writes, without
 * {@link DateTimeFormatter}. The formatter's general machinery (a print context, a field lookup
 * per letter) was 7% of customer-service's CPU in a search page of 20 customers with eight
 * timestamps each (JFR, 2026-12-05: {@code DateTimeFormatter.format} under
 * {@code OffsetDateTimeSerializer}); the text is the same, character for character
 * ({@code OffsetDateTimeTextTest} compares it with Jackson's over random and edge values).
 *
 * <p>Everything but the default form stays with Jackson: a property with its own
 * {@code @JsonFormat} pattern, timestamps as numbers ({@code WRITE_DATES_AS_TIMESTAMPS}). The
 * mapper's time zone applies as in Jackson: with an explicit zone and
 * {@code WRITE_DATES_WITH_CONTEXT_TIME_ZONE} the instant is written in that zone, else with the
 * value's own offset (Quarkus sets no zone for its default, UTC).
 */
public final class OffsetDateTimeText {

    private OffsetDateTimeText() {
    }

    /** Registered on the REST mapper by {@link JsonAccessors}. */
    static SimpleModule module() {
        return new SimpleModule("crm-offset-date-time-text").addSerializer(OffsetDateTime.class, new Serializer());
    }

    /**
     * {@code DateTimeFormatter.ISO_OFFSET_DATE_TIME} of the instant in {@code zone}, or of the value as
     * it is when {@code zone} is null: {@code 2026-12-05T09:30:00Z}, {@code 2026-12-05T09:30:00.12+01:00}.
     */
    static String format(OffsetDateTime value, ZoneId zone) {
        if (zone == null) {
            return format(value.toLocalDateTime(), value.getOffset());
        }
        ZoneOffset offset = zone.getRules().getOffset(value.toInstant());
        return format(LocalDateTime.ofEpochSecond(value.toEpochSecond(), value.getNano(), offset), offset);
    }

    static String format(LocalDateTime t, ZoneOffset offset) {
        StringBuilder s = new StringBuilder(36);
        int year = t.getYear();
        // SignStyle.EXCEEDS_PAD at width 4: a sign for a negative year and for one past 9999
        if (year < 0) {
            s.append('-');
            pad(s, -year, 4);
        } else {
            if (year > 9999) {
                s.append('+');
            }
            pad(s, year, 4);
        }
        s.append('-');
        pad(s, t.getMonthValue(), 2);
        s.append('-');
        pad(s, t.getDayOfMonth(), 2);
        s.append('T');
        pad(s, t.getHour(), 2);
        s.append(':');
        pad(s, t.getMinute(), 2);
        s.append(':');
        pad(s, t.getSecond(), 2);
        int nano = t.getNano();
        if (nano != 0) { // a fraction of 0 to 9 digits without trailing zeros; none for a whole second
            int digits = 9;
            while (nano % 10 == 0) {
                nano /= 10;
                digits--;
            }
            s.append('.');
            pad(s, nano, digits);
        }
        int seconds = offset.getTotalSeconds();
        if (seconds == 0) {
            return s.append('Z').toString();
        }
        int abs = Math.abs(seconds);
        s.append(seconds < 0 ? '-' : '+');
        pad(s, abs / 3600, 2);
        s.append(':');
        pad(s, abs / 60 % 60, 2);
        if (abs % 60 != 0) {
            s.append(':');
            pad(s, abs % 60, 2);
        }
        return s.toString();
    }

    /** {@code value} (not negative) with leading zeros to {@code width} digits, more when it has more. */
    private static void pad(StringBuilder s, int value, int width) {
        for (int limit = 10, w = 1; w < width; w++, limit *= 10) {
            if (value < limit) {
                s.append('0');
            }
        }
        s.append(value);
    }

    /**
     * Jackson's serializer, with its default form written by {@link #format}. Its derived copies (for
     * a property's format or features) are made by Jackson's own class and format as Jackson does.
     */
    static final class Serializer extends OffsetDateTimeSerializer {

        Serializer() {
            super();
        }

        private Serializer(OffsetDateTimeSerializer base, Boolean useTimestamp, DateTimeFormatter formatter, JsonFormat.Shape shape) {
            super(base, useTimestamp, formatter, shape);
        }

        @Override
        protected OffsetDateTimeSerializer withFormat(Boolean useTimestamp, DateTimeFormatter formatter, JsonFormat.Shape shape) {
            // Jackson derives a copy for every property, even without a format of its own: keep this class then
            return formatter == null ? new Serializer(this, useTimestamp, null, shape) : new OffsetDateTimeSerializer(this, useTimestamp, formatter, shape);
        }

        @Override
        protected String formatValue(OffsetDateTime value, SerializerProvider provider) {
            if (_formatter != null) {
                return super.formatValue(value, provider);
            }
            boolean contextZone = provider.getConfig().hasExplicitTimeZone()
                    && provider.isEnabled(SerializationFeature.WRITE_DATES_WITH_CONTEXT_TIME_ZONE);
            return format(value, contextZone ? provider.getTimeZone().toZoneId() : null);
        }
    }
}
