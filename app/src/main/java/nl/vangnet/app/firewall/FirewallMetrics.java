package nl.vangnet.app.firewall;

/**
 * What {@link FirewallSync} reports to the metrics; observes only. Implementations must be thread-safe and quick.
 */
public interface FirewallMetrics {
    /** Reports nothing. */
    FirewallMetrics NONE = new FirewallMetrics() {
        @Override
        public void applied(int members) {
        }

        @Override
        public void failed() {
        }
    };

    /** The restricted sets were replaced; they now hold {@code members} entries in total. */
    void applied(int members);

    /** Replacing the restricted sets failed (to be retried on the next snapshot). */
    void failed();
}
