package nl.vangnet.proxy.transparent;

import nl.vangnet.proxy.TrafficMetrics;
import nl.vangnet.proxy.decision.Kind;
import nl.vangnet.proxy.net.Refusal;

/**
 * Counts what the transparent listeners do, for metrics. Observes, never decides; carries no client, host or other
 * per-request data (no per-client labels). Called on I/O threads: implementations must be fast, thread-safe and must
 * not block or throw. Every method has a no-op default; {@link #NONE} does nothing.
 */
public interface TransparentMetrics {

    /** Metrics that count nothing. */
    TransparentMetrics NONE = new TransparentMetrics() {
    };

    /** Where an allowed connection or request went (see {@link TransparentListener}'s "where to connect"). */
    enum Route {
        /** To the connection's original destination, as the client addressed it. */
        ORIGINAL,
        /** To the first address of the name (SNI/Host), resolved by the proxy: no original destination known. */
        RESOLVED,
        /**
         * A restricted client's original destination was not among the addresses of the name it sent: the
         * connection went to the name's resolved address instead (the original destination was not trusted).
         */
        MISMATCH_RESOLVED,
        /** SafeSearch: to the resolved address of the enforced host the decision names instead of the one asked. */
        REROUTED
    }

    /** What the first bytes on the TLS listener turned out to be. */
    enum HelloOutcome {
        /** A ClientHello with SNI and without the ECH extension: decided as TLS on the SNI. */
        SNI,
        /**
         * A ClientHello with the ECH extension and an outer SNI that is not a known ECH front-end (GREASE ECH, or
         * real ECH to a name we decide on anyway): decided as TLS on the outer SNI.
         */
        ECH_GREASE_OR_NAMED,
        /** A ClientHello with the ECH extension to a known ECH front-end: the true name is hidden; OPAQUE. */
        ECH_FRONTEND,
        /** A ClientHello without SNI: OPAQUE. */
        NO_SNI,
        /** Bytes that are not a TLS handshake record: OPAQUE. */
        NOT_TLS,
        /** A ClientHello larger than the limit: closed, no decision. */
        TOO_LARGE,
        /** No complete ClientHello (or first bytes) in time: closed, no decision. */
        TIMEOUT,
        /** A TLS record that is not a well-formed ClientHello: closed, no decision. */
        MALFORMED
    }

    /** Why a connection or request was turned away before (or instead of) a decision. */
    enum Rejection {
        /** Too many connections from one client address (HTTP: 429; TLS: closed). */
        CLIENT_CONNECTION_LIMIT,
        /** Too many connections in total (HTTP: 503; TLS: closed). */
        TOTAL_CONNECTION_LIMIT,
        /** An HTTP request that cannot be decided: bad request line, headers too large, no or several or an invalid
         *  {@code Host}, a target not in origin form (400, closed). */
        BAD_REQUEST,
        /** An OPAQUE connection without a known original destination: there is nowhere to decide on (closed). */
        NO_ORIGINAL_DESTINATION
    }

    /** An allowed TLS connection was spliced, or an allowed HTTP request was sent upstream, by {@code route}. */
    default void forwarded(Kind kind, Route route) {
    }

    /**
     * A connection or request was blocked; {@code blockPage} when the block page was shown (plain HTTP, or HTTPS with
     * the optional local CA), else the TLS connection was refused with an alert or closed.
     */
    default void blocked(Kind kind, boolean blockPage) {
    }

    /** The TLS listener classified a connection's first bytes (one call per connection that sent any). */
    default void hello(HelloOutcome outcome) {
    }

    /** The destination guard refused where an allowed connection would go (HTTP 403/502; TLS closed). */
    default void destinationRefused(Refusal refusal) {
    }

    /** A connection or request was turned away. */
    default void rejected(Rejection rejection) {
    }

    /** An upstream connection could not be made (connect failed or timed out): HTTP 502, TLS closed. */
    default void upstreamFailed() {
    }

    /** {@code count} open TLS tunnels were closed by a recheck because their host is now blocked. */
    default void tunnelsClosed(int count) {
    }

    /** The policy threw; the connection or request was passed through (default open). */
    default void policyFailed() {
    }

    /**
     * The transparent HTTP listener's request latency, upstream connects and relayed bytes. Asked once when the
     * listeners start; {@link TrafficMetrics#NONE} by default.
     */
    default TrafficMetrics httpTraffic() {
        return TrafficMetrics.NONE;
    }

    /**
     * The transparent TLS listener's upstream connects and relayed (spliced) bytes; it has no requests. Asked once
     * when the listeners start; {@link TrafficMetrics#NONE} by default.
     */
    default TrafficMetrics tlsTraffic() {
        return TrafficMetrics.NONE;
    }
}
