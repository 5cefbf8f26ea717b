package nl.vangnet.proxy.decision;

import java.time.Instant;

/**
 * A host-level {@link Verdict} with the interval {@code [validFrom, validUntil)} in which it is correct: no time
 * window of the profile begins or ends, no zone transition happens, and the snapshot is valid. Immutable.
 *
 * @param verdict    the host-level verdict
 * @param validFrom  first instant it is correct for
 * @param validUntil first instant it is no longer known to be correct for
 * @param paths      the uncached URL-path check to run for plain HTTP requests with a path, or {@code null}
 */
record CachedVerdict(Verdict verdict, Instant validFrom, Instant validUntil, PathCheck paths) {

    /** Whether the verdict is correct at {@code at}. */
    boolean covers(Instant at) {
        return !at.isBefore(validFrom) && at.isBefore(validUntil);
    }

    /** The decision for one request. */
    Decision decision(Kind kind, String requestedHost, String host, int port, String path) {
        if (paths != null && path != null) {
            Verdict byPath = paths.find(host, path);
            if (byPath != null) {
                return byPath.decision(kind, requestedHost, port);
            }
        }
        return verdict.decision(kind, requestedHost, port);
    }
}
