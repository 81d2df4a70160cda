package dev.crmsuite.platform.time;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Reads a {@code timestamptz} column from a native query result. Depending on the Hibernate and
 * driver path the value arrives as OffsetDateTime, Instant or java.sql.Timestamp; the API always
 * shows UTC.
 */
public final class SqlTimes {

    private SqlTimes() {
    }

    public static OffsetDateTime utc(Object value) {
        return switch (value) {
            case null -> null;
            case OffsetDateTime t -> t.withOffsetSameInstant(ZoneOffset.UTC);
            case Instant i -> i.atOffset(ZoneOffset.UTC);
            case java.sql.Timestamp t -> t.toInstant().atOffset(ZoneOffset.UTC);
            default -> throw new IllegalStateException("unexpected time type " + value.getClass());
        };
    }
}
