package dev.crmsuite.survey.support;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.crmsuite.platform.events.EventJson;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;

/** Reading native-query columns and JSON documents, whatever JDBC type the driver hands back. */
public final class Rows {

    private Rows() {
    }

    public static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case Instant i -> i;
            case OffsetDateTime o -> o.toInstant();
            case ZonedDateTime z -> z.toInstant();
            case Timestamp t -> t.toInstant();
            case java.util.Date d -> d.toInstant();
            default -> throw new IllegalStateException("not a timestamp: " + value.getClass());
        };
    }

    public static OffsetDateTime utc(Object value) {
        Instant i = instant(value);
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    /** UTC, cut to the microseconds PostgreSQL keeps, so what we hold equals what we read back. */
    public static OffsetDateTime utc(Instant value) {
        return value == null ? null : OffsetDateTime.ofInstant(value.truncatedTo(java.time.temporal.ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    public static UUID uuid(Object value) {
        return value == null ? null : value instanceof UUID u ? u : UUID.fromString(value.toString());
    }

    public static Integer integer(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }

    public static long count(Object value) {
        return ((Number) value).longValue();
    }

    public static String text(Object value) {
        return value == null ? null : value.toString();
    }

    public static String json(Object value) {
        return EventJson.write(value);
    }

    public static <T> T fromJson(Object json, TypeReference<T> type) {
        try {
            return EventJson.MAPPER.readValue(json.toString(), type);
        } catch (Exception e) {
            throw new IllegalStateException("stored JSON does not match " + type.getType(), e);
        }
    }
}
