package nl.vangnet.proxy.identify;

/**
 * Observes a {@link LeaseFileTable}'s reloads for metrics; never influences them. Called on the polling thread (or
 * the caller of a forced reload), so implementations must be thread-safe, fast, and must not throw. Carries counts
 * only, never client data.
 */
public interface LeaseMetrics {

    /** Metrics that record nothing. */
    LeaseMetrics NONE = new LeaseMetrics() {
    };

    /**
     * A (re-)read succeeded and its table is now in use.
     *
     * @param leases    how many addresses have a lease in the new table (including leases that have ended since)
     * @param malformed how many lines or blocks were skipped as malformed
     */
    default void reloaded(int leases, int malformed) {
    }

    /** A (re-)read failed; the previous table stays in use. */
    default void reloadFailed() {
    }
}
