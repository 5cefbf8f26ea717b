package nl.vangnet.proxy.decision;

/**
 * The outcome of the host checks for one restricted client and normalised host, independent of the port and of
 * the host's spelling in the request, so that it can be cached and turned into a {@link Decision} per request.
 * Immutable.
 *
 * @param check   the check that decided
 * @param reason  why
 * @param trace   the ids behind it
 * @param reroute the SafeSearch host to connect to instead of the requested one, or {@code null}
 * @param block   the block decision when blocking ({@code showPage} already set for the request kind), else
 *                {@code null}
 */
record Verdict(Check check, Reason reason, Trace trace, String reroute, Decision.Block block) {

    static Verdict block(Check check, Reason reason, Trace trace, Kind kind) {
        return new Verdict(check, reason, trace, null, new Decision.Block(reason, trace, kind.canShowPage()));
    }

    static Verdict pass(Check check, Reason reason, Trace trace, String reroute) {
        return new Verdict(check, reason, trace, reroute, null);
    }

    /** The decision for a request for {@code requestedHost:port} of this kind. */
    Decision decision(Kind kind, String requestedHost, int port) {
        if (block != null) {
            return block;
        }
        String upstream = reroute != null ? reroute : requestedHost;
        return kind == Kind.HTTP ? new Decision.Allow(reason, trace, upstream, port)
                : new Decision.Tunnel(reason, trace, upstream, port);
    }
}
