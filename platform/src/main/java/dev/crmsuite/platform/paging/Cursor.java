package dev.crmsuite.platform.paging;

import dev.crmsuite.platform.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * An opaque keyset cursor: the sort key values of the last row of a page. Clients pass it back
 * untouched; the next page starts strictly after that row, so page 10,000 costs what page 1 costs
 * (an index range scan, no OFFSET).
 */
public record Cursor(List<String> values) {

    private static final char SEPARATOR = '\u001f';

    public static Cursor of(Object... values) {
        return new Cursor(java.util.Arrays.stream(values).map(String::valueOf).toList());
    }

    public String encode() {
        String joined = String.join(String.valueOf(SEPARATOR), values);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor with the expected number of keys; anything else is a 400 naming {@code cursor}. */
    public static Cursor decode(String token, int keys) {
        if (token == null || token.isBlank()) {
            return null;
        }
        try {
            String joined = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            List<String> values = List.of(joined.split(String.valueOf(SEPARATOR), -1));
            if (values.size() != keys) {
                throw new IllegalArgumentException("wrong key count");
            }
            return new Cursor(values);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this endpoint issued");
        }
    }

    public String get(int i) {
        return values.get(i);
    }
}
