package nl.vangnet.proxy.decision;

import nl.vangnet.config.policy.ClientEntry;
import nl.vangnet.config.policy.ClientPolicy;
import nl.vangnet.config.policy.DeviceEntry;
import nl.vangnet.proxy.lists.ListHit;
import nl.vangnet.proxy.lists.ListIndex;
import nl.vangnet.proxy.lists.ListQuery;

/**
 * What the host checks ({@link Check}) look at for one restricted client, normalised host, request kind and minute
 * of the week, and what they found on the way (the list queries, kept for the uncached URL-path check). One per
 * evaluation, confined to the evaluating thread.
 */
final class HostEvaluation {
    final long snapshotVersion;
    final DeviceEntry device;
    final String identifiedBy;
    final CompiledProfile profile;
    final String host;
    final Kind kind;
    final int minuteOfWeek;
    final ListIndex lists;
    final SafeSearchTable safeSearch;

    /** The category query made by {@link Check#CATEGORY}, or {@code null} (no category rule active). */
    ListQuery categories;
    /** The service query made by {@link Check#SERVICE}, or {@code null} (no service rule active). */
    ListQuery services;
    /**
     * Set by {@link Check#CATEGORY} when it already looked the host up in the service lists too (one query for
     * both): then {@link Check#SERVICE} only reports {@link #serviceHit}.
     */
    boolean servicesLookedUp;
    /** The service-list hit found by {@link Check#CATEGORY}'s combined lookup, or {@code null}. */
    ListHit serviceHit;

    HostEvaluation(long snapshotVersion, DeviceEntry device, String identifiedBy, CompiledProfile profile,
            String host, Kind kind, int minuteOfWeek, ListIndex lists, SafeSearchTable safeSearch) {
        this.snapshotVersion = snapshotVersion;
        this.device = device;
        this.identifiedBy = identifiedBy;
        this.profile = profile;
        this.host = host;
        this.kind = kind;
        this.minuteOfWeek = minuteOfWeek;
        this.lists = lists;
        this.safeSearch = safeSearch;
    }

    /** Whether a list was consulted (a category or service query was made). */
    boolean listsConsulted() {
        return categories != null || services != null;
    }

    /** The trace of a decision made now, with the deciding rule value, list and matched name (each nullable). */
    Trace trace(String rule, String listId, String matched) {
        return trace(device, identifiedBy, snapshotVersion, listsConsulted() ? lists.version() : 0, profile.id(),
                rule, listId, matched);
    }

    /** The trace of a restricted client's decision. */
    static Trace trace(DeviceEntry device, String identifiedBy, long snapshotVersion, long listVersion,
            Long profileId, String rule, String listId, String matched) {
        ClientEntry client = device.client();
        ClientPolicy policy = client.policy();
        Integer step = policy.state() == null || policy.state().stepIndex() < 0 ? null : policy.state().stepIndex();
        return new Trace(snapshotVersion, listVersion, device.device().id(), client.client().id(), identifiedBy,
                policy.registrationId(), profileId, step, rule, listId, matched);
    }
}
