package nl.vangnet.proxy.decision;

import java.util.Optional;
import nl.vangnet.proxy.lists.ListHit;
import nl.vangnet.proxy.lists.ListIndex;
import nl.vangnet.proxy.lists.ListQuery;

/**
 * The URL-path part of the {@link Check#CATEGORY} and {@link Check#SERVICE} checks, run uncached per plain HTTP
 * request when the cached host-level verdict came from a later check (so a URL entry such as
 * {@code example.com/casino} could still block it). Holds the queries of the host-level evaluation, which are
 * correct for as long as that verdict is. Immutable and thread-safe.
 *
 * @param index      the list index the queries belong to
 * @param categories the active category query, or {@code null}
 * @param services   the active service query, or {@code null}
 * @param base       the trace of the host-level verdict; a hit replaces its list version, rule, list and match
 */
record PathCheck(ListIndex index, ListQuery categories, ListQuery services, Trace base) {

    /** A path check for this evaluation and verdict, or {@code null} when no path can change the verdict. */
    static PathCheck of(HostEvaluation e, Verdict verdict) {
        if (e.kind != Kind.HTTP || !verdict.check().decidedAfterLists()) {
            return null;
        }
        boolean categories = e.categories != null && !e.categories.isEmpty();
        boolean services = e.services != null && !e.services.isEmpty();
        if (!categories && !services) {
            return null;
        }
        return new PathCheck(e.lists, categories ? e.categories : null, services ? e.services : null,
                verdict.trace());
    }

    /** The block verdict for a URL entry matching {@code host} + {@code path}, or {@code null}. */
    Verdict find(String host, String path) {
        Verdict v = find(Check.CATEGORY, Reason.BLOCKED_CATEGORY, categories, host, path);
        return v != null ? v : find(Check.SERVICE, Reason.BLOCKED_SERVICE, services, host, path);
    }

    private Verdict find(Check check, Reason reason, ListQuery query, String host, String path) {
        if (query == null) {
            return null;
        }
        Optional<ListHit> hit = index.find(host, path, query);
        if (hit.isEmpty()) {
            return null;
        }
        ListHit h = hit.get();
        Trace t = new Trace(base.snapshotVersion(), index.version(), base.deviceId(), base.clientId(),
                base.identifiedBy(), base.registrationId(), base.profileId(), base.phaseOutStep(),
                Check.ruleOf(h.listId()), h.listId(), h.matched());
        return Verdict.block(check, reason, t, Kind.HTTP);
    }
}
