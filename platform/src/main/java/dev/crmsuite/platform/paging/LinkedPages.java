package dev.crmsuite.platform.paging;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.util.List;
import java.util.function.Function;

/**
 * Keyset pages for lists whose released (v1) answer is a bare JSON array: the body stays that array,
 * so existing clients keep working, and the next page travels in an RFC 8288 {@code Link} header
 * ({@code <...?cursor=...&limit=...>; rel="next"}), absent on the last page. The link repeats the
 * request's other query parameters (filters), so a client follows it without rebuilding the URL.
 * Lists released with an object body use {@link Page} and {@code nextCursor} instead.
 */
public final class LinkedPages {

    /** The header's documentation, shared by every operation that answers this way. */
    public static final String LINK_DESCRIPTION = "RFC 8288 link to the next page, absent on the last page: "
            + "<...?cursor=...&limit=...>; rel=\"next\". Follow it as is (it keeps the other query parameters).";

    private LinkedPages() {
    }

    /** Builds the answer from {@code limit + 1} fetched rows: the extra row only tells that more exist. */
    public static <R, T> Response of(List<R> rows, int limit, Function<R, Cursor> cursorOf, Function<R, T> toItem, UriInfo uri) {
        Page<T> page = Page.of(rows, limit, cursorOf, toItem);
        Response.ResponseBuilder answer = Response.ok(page.items());
        if (page.nextCursor() != null) {
            answer.header("Link", "<" + next(uri.getRequestUri(), page.nextCursor(), limit) + ">; rel=\"next\"");
        }
        return answer.build();
    }

    /** A (time, id) keyset position, the usual one for lists in creation order. */
    public record After(java.time.OffsetDateTime at, java.util.UUID id) {
    }

    /** Decodes a (time, id) cursor; null when absent, a 400 naming {@code cursor} when it is not one of ours. */
    public static After after(String cursor) {
        Cursor c = Cursor.decode(cursor, 2);
        if (c == null) {
            return null;
        }
        try {
            return new After(java.time.OffsetDateTime.parse(c.get(0)), java.util.UUID.fromString(c.get(1)));
        } catch (RuntimeException e) {
            throw dev.crmsuite.platform.problem.ProblemException.invalid("cursor", "is not a cursor this endpoint issued");
        }
    }

    /** The request's path and query with cursor and limit replaced; relative, so it is right behind the gateway too. */
    static String next(URI request, String cursor, int limit) {
        URI next = UriBuilder.fromUri(request).replaceQueryParam("cursor", cursor).replaceQueryParam("limit", limit).build();
        return next.getRawPath() + "?" + next.getRawQuery();
    }
}
