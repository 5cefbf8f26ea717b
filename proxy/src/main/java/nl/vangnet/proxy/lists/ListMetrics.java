package nl.vangnet.proxy.lists;

/**
 * Observes list loading, for monitoring (e.g. Micrometer gauges and counters). Labels are list ids, which are
 * configuration, never client data. Implementations must be thread-safe and fast, and must not throw; they observe
 * and never decide. Called on the catalog's loader thread.
 */
public interface ListMetrics {
    /** Does nothing. */
    ListMetrics NONE = new ListMetrics() {
    };

    /**
     * A list (or services source) was read successfully.
     *
     * @param listId           the list id or services source spec
     * @param entries          its distinct entries
     * @param epochSecond      when the reload started, seconds since the epoch (the "last success" gauge)
     */
    default void loaded(String listId, int entries, long epochSecond) {
    }

    /** A list (or services source) failed to load and kept its previous contents. */
    default void failed(String listId) {
    }

    /**
     * A new index was published.
     *
     * @param size      distinct keys in it
     * @param heapBytes its heap bytes
     */
    default void published(int size, long heapBytes) {
    }
}
