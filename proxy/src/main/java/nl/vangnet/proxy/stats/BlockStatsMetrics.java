package nl.vangnet.proxy.stats;

/**
 * What the {@link BlockStatsRecorder} reports for monitoring: drops and flushes, never anything about a client (no
 * per-client labels). Implementations must be fast, thread-safe and must not throw; {@link #NONE} does nothing.
 */
public interface BlockStatsMetrics {

    /** Metrics that go nowhere. */
    BlockStatsMetrics NONE = new BlockStatsMetrics() {
    };

    /** {@code blocks} blocked requests were not counted because the counter table was full. */
    default void blocksDropped(long blocks) {
    }

    /** One per-host block event was not kept because the event queue was full. */
    default void eventDropped() {
    }

    /** A flush handed {@code counts} counts and {@code events} events to the store. */
    default void flushed(int counts, int events) {
    }

    /** A flush failed; its counts and events were put back for the next one (as far as the bounds allow). */
    default void flushFailed() {
    }
}
