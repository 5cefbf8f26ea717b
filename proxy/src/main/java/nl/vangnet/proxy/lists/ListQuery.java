package nl.vangnet.proxy.lists;

import java.util.List;

/**
 * A set of list ids compiled against one {@link ListIndex}, to look hosts up in without per-lookup set
 * operations. Immutable and thread-safe.
 */
public interface ListQuery {

    /** The ids that the index holds, in query order. */
    List<String> listIds();

    /** The requested ids that the index does not hold (not configured, or never loaded successfully). */
    List<String> missing();

    /** Whether no requested list is held: then nothing can match. */
    default boolean isEmpty() {
        return listIds().isEmpty();
    }
}
