package nl.vangnet.proxy.littleproxy;

import nl.vangnet.proxy.TrafficMetrics;
import nl.vangnet.proxy.decision.Kind;
import nl.vangnet.proxy.net.Refusal;

/**
 * Counts what the explicit proxy listener does, for metrics. Observes, never decides; carries no client, host or
 * other per-request data (no per-client labels). Called on I/O threads: implementations must be fast, thread-safe
 * and must not block or throw. Every method has a no-op default; {@link #NONE} does nothing.
 */
public interface ListenerMetrics {

    /** Metrics that count nothing. */
    ListenerMetrics NONE = new ListenerMetrics() {
    };

    /** Why a request or connection was turned away before any decision. */
    enum Rejection {
        /** Unparsable request target, several {@code Host} headers and the like: 400. */
        BAD_REQUEST,
        /** An origin-form request other than the PAC file: 400. */
        NOT_A_PROXY_REQUEST,
        /** Too many connections from one client address: 429. */
        CLIENT_CONNECTION_LIMIT,
        /** Too many connections in total: 503. */
        TOTAL_CONNECTION_LIMIT
    }

    /** A request or tunnel was passed upstream; {@code rerouted} when SafeSearch changed the upstream host. */
    default void forwarded(Kind kind, boolean rerouted) {
    }

    /** A request was blocked (block page or 403). */
    default void blocked(Kind kind) {
    }

    /** The destination guard refused an upstream destination (403; 502 for {@link Refusal#UNRESOLVABLE}). */
    default void destinationRefused(Refusal refusal) {
    }

    /** A request or connection was turned away. */
    default void rejected(Rejection rejection) {
    }

    /** The PAC file was served. */
    default void pacServed() {
    }

    /** {@code count} open tunnels were closed by a recheck because their host is now blocked. */
    default void tunnelsClosed(int count) {
    }

    /** The policy threw; the request was passed through unchanged (default open). */
    default void policyFailed() {
    }

    /**
     * The explicit listener's request latency, upstream connects and relayed bytes. Asked once when the listener
     * starts; {@link TrafficMetrics#NONE} by default.
     */
    default TrafficMetrics traffic() {
        return TrafficMetrics.NONE;
    }
}
