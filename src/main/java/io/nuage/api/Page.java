package io.nuage.api;

import java.util.List;

/**
 * One page of a list. {@code next_page_token} is null on the last page; pass it back as
 * {@code page_token} to get the next one.
 */
public record Page<T>(List<T> items, String nextPageToken) {

    public static final int MIN_LIMIT = 1;
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 500;

    /** Builds a page from up to {@code limit + 1} rows ordered by the cursor key. */
    public static <T> Page<T> of(List<T> rows, int limit, java.util.function.Function<T, String> cursor) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, limit);
        return new Page<>(List.copyOf(items), cursor.apply(items.get(limit - 1)));
    }
}
