package nl.vangnet.proxy;

/**
 * Times and sizes the traffic of one listener, for metrics: how long decided plain-HTTP requests took, how long
 * upstream TCP connects took and why they failed, and how many bytes were relayed in each direction. Observes, never
 * decides; carries no client, host, address or other per-request data (no per-client labels): the listener is known
 * to the implementation, the arguments are outcomes, durations and byte counts only. Called on I/O threads for every
 * request, connect and read/write: implementations must be fast (no lookup by name per call), thread-safe, and must
 * not block or throw. Every method has a no-op default; {@link #NONE} does nothing.
 */
public interface TrafficMetrics {

    /** Metrics that count nothing. */
    TrafficMetrics NONE = new TrafficMetrics() {
    };

    /** How a decided plain-HTTP request was answered. */
    enum Outcome {
        /** Forwarded, and the upstream's response head was relayed to the client. */
        ALLOW,
        /** Blocked: the block page was written. */
        BLOCK,
        /**
         * Allowed by the decision, but the proxy answered with an error or closed instead: destination refused or
         * unresolvable (403/502), upstream connect failed (502), no response from the upstream (502/504, closed).
         */
        ERROR
    }

    /** Which way relayed bytes went. */
    enum Direction {
        /** From the client, written to the upstream connection. */
        CLIENT_TO_UPSTREAM,
        /** Read from the upstream connection, for the client. */
        UPSTREAM_TO_CLIENT
    }

    /** Why an upstream TCP connect failed. */
    enum ConnectFailure {
        /** The upstream refused it (RST; nothing listens on the port). */
        REFUSED,
        /** No answer within the connect timeout. */
        TIMEOUT,
        /** No route to the host or network (ICMP unreachable). */
        UNREACHABLE,
        /** Any other error. */
        OTHER
    }

    /**
     * A decided plain-HTTP request was answered (tunnels and TLS connections are not requests).
     *
     * @param outcome how
     * @param nanos   from its request head received to the response head (or block page) written to the client,
     *                in nanoseconds
     */
    default void requestCompleted(Outcome outcome, long nanos) {
    }

    /**
     * An upstream TCP connection was established.
     *
     * @param nanos from the connect call to the connection established, in nanoseconds
     */
    default void upstreamConnected(long nanos) {
    }

    /** An upstream TCP connect failed (not counted: connects abandoned because the client went away). */
    default void upstreamConnectFailed(ConnectFailure cause) {
    }

    /**
     * Bytes were relayed on an upstream connection (request heads and bodies, responses, tunnel bytes as they
     * pass the upstream socket; the proxy's own answers such as block pages are not relayed bytes).
     *
     * @param direction which way
     * @param bytes     how many, at least 1
     */
    default void relayed(Direction direction, long bytes) {
    }
}
