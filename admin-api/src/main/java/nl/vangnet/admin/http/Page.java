package nl.vangnet.admin.http;

import java.util.List;

/**
 * One page of a list response. Immutable.
 *
 * @param items  the items of this page
 * @param total  how many items the whole list holds, or {@code null} where that is not known cheaply (cursor paging,
 *               e.g. the audit log)
 * @param limit  the page size asked for
 * @param offset the offset of this page (0 for cursor paging)
 * @param next   the path and query of the next page, or {@code null} on the last page
 */
public record Page<T>(List<T> items, Long total, int limit, int offset, String next) {
    public Page {
        items = List.copyOf(items);
    }

    /** The page of {@code all} that {@code paging} selects; {@code next} repeats the request's other parameters. */
    public static <T> Page<T> of(List<T> all, Paging paging) {
        int from = Math.min(paging.offset(), all.size());
        int to = Math.min(all.size(), from + paging.limit());
        String next = to < all.size() ? paging.linkTo("offset", Integer.toString(to)) : null;
        return new Page<>(all.subList(from, to), (long) all.size(), paging.limit(), from, next);
    }
}
