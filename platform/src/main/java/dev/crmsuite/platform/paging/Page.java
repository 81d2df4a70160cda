package dev.crmsuite.platform.paging;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.function.Function;

/** One page of a keyset-paginated list. {@code nextCursor} is absent on the last page. */
@Schema(description = "A page of results. Pass nextCursor as the cursor parameter to read the next page.")
public record Page<T>(
        @Schema(description = "The items of this page") List<T> items,
        @Schema(description = "Opaque cursor of the next page; absent on the last page", examples = "MjAyNi0xMS0yMlQxMDowMDowMFofYTFiMg")
        String nextCursor) {

    /**
     * Builds a page from {@code limit + 1} fetched rows: the extra row only tells that more exist.
     */
    public static <R, T> Page<T> of(List<R> rows, int limit, Function<R, Cursor> cursorOf, Function<R, T> toItem) {
        boolean more = rows.size() > limit;
        List<R> shown = more ? rows.subList(0, limit) : rows;
        String next = more ? cursorOf.apply(shown.getLast()).encode() : null;
        return new Page<>(shown.stream().map(toItem).toList(), next);
    }
}
