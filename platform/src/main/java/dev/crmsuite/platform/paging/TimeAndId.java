package dev.crmsuite.platform.paging;

import dev.crmsuite.platform.problem.ProblemException;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A (time, id) keyset position, the usual one for lists in creation order: {@code Cursor.of(at, id)}. */
public record TimeAndId(OffsetDateTime at, UUID id) {

    /** Decodes a (time, id) cursor; null when absent, a 400 naming {@code cursor} when it is not one of ours. */
    public static TimeAndId decode(String cursor) {
        Cursor c = Cursor.decode(cursor, 2);
        if (c == null) {
            return null;
        }
        try {
            return new TimeAndId(OffsetDateTime.parse(c.get(0)), UUID.fromString(c.get(1)));
        } catch (RuntimeException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this endpoint issued");
        }
    }
}
