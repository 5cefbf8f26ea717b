package nl.vangnet.proxy.decision;

import java.util.Objects;

/**
 * What the proxy does with one request: a value, never {@code null}, made by {@link Policy#decide}. The
 * listener adapters only carry it out; they never decide themselves.
 */
public sealed interface Decision permits Decision.Allow, Decision.Tunnel, Decision.Block {

    /** Why. */
    Reason reason();

    /** The ids behind the decision. */
    Trace trace();

    /**
     * Forward a plain HTTP request to {@code upstreamHost:upstreamPort} (the requested host and port, unless
     * SafeSearch reroutes it), unmodified.
     */
    record Allow(Reason reason, Trace trace, String upstreamHost, int upstreamPort) implements Decision {
        public Allow {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(trace, "trace");
            Objects.requireNonNull(upstreamHost, "upstreamHost");
        }
    }

    /**
     * Splice the bytes of a {@code CONNECT}/TLS connection to {@code upstreamHost:upstreamPort} (the requested host
     * and port, unless SafeSearch reroutes it), without decrypting anything.
     */
    record Tunnel(Reason reason, Trace trace, String upstreamHost, int upstreamPort) implements Decision {
        public Tunnel {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(trace, "trace");
            Objects.requireNonNull(upstreamHost, "upstreamHost");
        }
    }

    /**
     * Do not connect. For {@link Kind#HTTP} answer with the block page ({@code showPage}); for {@code CONNECT}
     * refuse with 403, for TLS close the handshake.
     *
     * @param showPage whether a block page can be shown (plain HTTP)
     */
    record Block(Reason reason, Trace trace, boolean showPage) implements Decision {
        public Block {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(trace, "trace");
        }
    }
}
