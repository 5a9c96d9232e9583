package io.coremonitor.server.internal;

import java.util.List;
import java.util.Optional;

/** The two list shapes of the API: a page of a paginated list, and a complete list. */
final class ListBodies {

    private ListBodies() {
    }

    /**
     * A page: {@code {"items":[...],"next_cursor":"..."|null}}.
     *
     * @param items      this page's items
     * @param nextCursor what to pass as {@code ?cursor=} for the next page; null on the last page
     */
    record PageView<T>(List<T> items, Optional<String> nextCursor) {
    }

    /**
     * A whole list: {@code {"items":[...]}}.
     *
     * @param items every item
     */
    record ItemsView<T>(List<T> items) {
    }
}
