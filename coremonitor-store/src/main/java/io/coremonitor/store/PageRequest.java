package io.coremonitor.store;

import java.util.Optional;

/**
 * Which page of a keyset-paginated list to read.
 *
 * @param limit  how many items at most, 1 to {@value #MAX_LIMIT}
 * @param cursor the opaque {@code nextCursor} of the previous page, empty for the first page
 */
public record PageRequest(int limit, Optional<String> cursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidPageRequestException(InvalidPageRequestException.LIMIT,
                    "limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        if (cursor == null) {
            throw new InvalidPageRequestException(InvalidPageRequestException.CURSOR,
                    "cursor must not be null (use Optional.empty())");
        }
        if (cursor.isPresent() && cursor.get().isBlank()) {
            cursor = Optional.empty();
        }
    }

    /** The first page with the default limit. */
    public static PageRequest first() {
        return new PageRequest(DEFAULT_LIMIT, Optional.empty());
    }

    /** The first page with this limit. */
    public static PageRequest first(int limit) {
        return new PageRequest(limit, Optional.empty());
    }

    /** From query parameters: either may be null (default limit, first page). */
    public static PageRequest of(Integer limit, String cursor) {
        return new PageRequest(limit == null ? DEFAULT_LIMIT : limit, Optional.ofNullable(cursor));
    }

    /** The page after the one whose {@code nextCursor} is given, same limit. */
    public PageRequest next(String nextCursor) {
        return new PageRequest(limit, Optional.of(nextCursor));
    }
}
