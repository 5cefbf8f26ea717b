package nl.vangnet.proxy.page;

/**
 * Counts the "Mijn afspraken" pages served, for metrics. Observes, never decides; carries no client, device or
 * address (no per-client labels). Called on I/O threads: implementations must be fast, thread-safe and must not
 * block or throw. Every method has a no-op default; {@link #NONE} does nothing.
 */
public interface AgreementsMetrics {

    /** Metrics that count nothing. */
    AgreementsMetrics NONE = new AgreementsMetrics() {
    };

    /** What a served page showed. */
    enum Outcome {
        /** The agreement in effect for the client. */
        RESTRICTED,
        /** Only "Er zijn geen afspraken over je internet." (unknown device or no restriction in effect). */
        UNRESTRICTED
    }

    /** A page was served. */
    default void served(Outcome outcome) {
    }
}
