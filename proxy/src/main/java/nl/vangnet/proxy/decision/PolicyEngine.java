package nl.vangnet.proxy.decision;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import nl.vangnet.config.model.Profile;
import nl.vangnet.config.policy.ClientPolicy;
import nl.vangnet.config.policy.DeviceEntry;
import nl.vangnet.config.policy.EffectiveReason;
import nl.vangnet.config.policy.PolicySnapshot;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.proxy.identify.ClientMatch;
import nl.vangnet.proxy.identify.ClientResolver;
import nl.vangnet.proxy.lists.ListIndex;

/**
 * The proxy's one decision point: runs the named {@link Check checks} in order against the current
 * {@link PolicySnapshot} and {@link ListIndex}; the first that matches decides.
 *
 * <p><b>Unrestricted clients.</b> The client is identified first ({@link ClientResolver}). An unknown client, or one
 * without any registration, gets {@link Reason#NO_REGISTRATION}; one whose registrations do not restrict now (not
 * started, lapsed, ended, withdrawn, at an unrestricted phase-out step, or naming a missing profile) gets
 * {@link Reason#NOT_IN_EFFECT}. Both are passed to the requested host and port as sent ({@link Decision.Allow} for
 * plain HTTP, {@link Decision.Tunnel} for CONNECT/TLS) without normalising the host, consulting the list index
 * (not even its supplier), touching the cache or telling the observer anything but
 * {@link DecisionObserver#unrestricted()}: the request costs the resolver's map lookups and two small objects.
 * Their {@link Trace} carries the device, client and registration ids (for {@code /api/check}); adapters must not
 * log it.
 *
 * <p><b>Restricted clients.</b> The host is normalised ({@link HostName}) and the applied profile's checks run:
 * allow rule, block rule, category lists, service lists, allow-list-only mode, internet hours, SafeSearch, default
 * ({@link Check} documents each). Time windows are read at the request instant's local minute of the week in the
 * configured zone (Europe/Amsterdam). Blocks show a page for plain HTTP only ({@link Kind#canShowPage()}).
 * SafeSearch reroutes to the enforced host on the same port; every other pass goes to the requested host and port
 * exactly as sent in {@link RequestFacts}.
 *
 * <p><b>Cache.</b> Only restricted clients' host-level verdicts are cached (Caffeine, bounded by entry count), keyed
 * by (snapshot version, list-index version, device id, how the device was identified, normalised host, kind).
 * Every entry carries the interval {@code [validFrom, validUntil)} in which it is correct: from the last to the next
 * minute of the week at which any time window of the profile (internet hours, a rule's active period) begins or
 * ends, cut at zone transitions (DST) and at the snapshot's {@code [compiledAt, validUntil)} (a phase-out step, lapse
 * or end). A hit outside its interval is recomputed, and a new snapshot or list index has a new version, so the
 * cache never serves a decision across a window, step or version boundary. Every restricted lookup reports
 * {@link DecisionObserver#cache(boolean)}.
 *
 * <p><b>URL paths.</b> Category lists may hold URL entries ({@code host/path}) that apply to plain HTTP requests
 * only. The path is not part of the cache key, so paths never multiply the entries: the cached verdict is the
 * host-level one (lists asked without a path), and only when it was decided by a check after the list checks
 * (allow-list-only, internet hours, SafeSearch, default) — where a URL entry could still block — is the request's
 * path looked up in the same active lists, uncached, per request. A host-level list hit, an allow rule or a block
 * rule already decides, whatever the path.
 *
 * <p>Thread-safe; {@link #decide} never returns {@code null}. Nothing here logs.
 */
public final class PolicyEngine implements Policy {
    /** The default bound on cached verdicts. */
    public static final long DEFAULT_CACHE_SIZE = 50_000;

    private final Supplier<PolicySnapshot> snapshots;
    private final Supplier<ListIndex> lists;
    private final ClientResolver resolver;
    private final SafeSearchTable safeSearch;
    private final DecisionObserver observer;
    private final LocalWeek week;
    /** {@code null} when the cache size is 0. */
    private final Cache<Key, CachedVerdict> cache;
    private volatile ProfileTable profiles;

    /** The cache key; the host is normalised. */
    private record Key(long snapshotVersion, long listVersion, long deviceId, ClientMatch.Via via, String host,
            Kind kind) {
    }

    /** The compiled profiles of one snapshot, by profile id, compiled on first use. */
    private record ProfileTable(PolicySnapshot snapshot, ConcurrentHashMap<Long, CompiledProfile> byId) {
    }

    private PolicyEngine(Builder b) {
        this.snapshots = Objects.requireNonNull(b.snapshots, "snapshots");
        this.resolver = Objects.requireNonNull(b.resolver, "resolver");
        this.lists = b.lists;
        this.safeSearch = b.safeSearch;
        this.observer = b.observer;
        this.week = new LocalWeek(b.zone);
        // size 0: no cache at all, rather than one that inserts and evicts every verdict on the request thread
        this.cache = b.cacheSize == 0 ? null
                : Caffeine.newBuilder().maximumSize(b.cacheSize).executor(Runnable::run).build();
    }

    /** A builder; {@link Builder#snapshots} and {@link Builder#resolver} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The checks in the order in which they run (see {@link Check}). */
    public static List<Check> checks() {
        return Check.inOrder();
    }

    /** The checks' names in the order in which they run, e.g. {@code client, allow-rule, ...}. */
    public static List<String> checkNames() {
        return Check.inOrder().stream().map(Check::label).toList();
    }

    @Override
    public Decision decide(RequestFacts facts) {
        PolicySnapshot snapshot = snapshots.get();
        ClientMatch match = resolver.resolve(snapshot, facts.client(), facts.credentials()).orElse(null);
        if (match == null) {
            observer.unrestricted();
            return pass(facts.kind(), Reason.NO_REGISTRATION, Trace.anonymous(snapshot.version()), facts.host(),
                    facts.port());
        }
        DeviceEntry device = match.device();
        if (!device.restricted()) {
            observer.unrestricted();
            return unrestricted(device, match.via().label(), snapshot.version(), facts.kind(), facts.host(),
                    facts.port());
        }
        ListIndex index = lists.get();
        String host = HostName.normalise(facts.host());
        Kind kind = facts.kind();
        Instant at = facts.at();
        Key key = cache == null ? null
                : new Key(snapshot.version(), index.version(), device.device().id(), match.via(), host, kind);
        CachedVerdict verdict = key == null ? null : cache.getIfPresent(key);
        boolean hit = verdict != null && verdict.covers(at);
        observer.cache(hit);
        if (!hit) {
            verdict = evaluate(snapshot, index, device, match.via().label(), host, kind, at, true);
            if (key != null && verdict.covers(at)) {
                cache.put(key, verdict);
            }
        }
        Decision decision = verdict.decision(kind, facts.host(), host, facts.port(),
                kind == Kind.HTTP ? facts.path() : null);
        observer.restricted(decision, device, facts);
        return decision;
    }

    /**
     * What the proxy would decide for {@code device} requesting {@code host:port} at {@code at}, without a
     * connection and without identifying anyone (for {@code GET /api/check}). The device's registration state and
     * applied profile are those of its entry (take it from the current snapshot, e.g.
     * {@code snapshot.forDevice(id)}); time windows are read at {@code at}. The trace names the current snapshot's
     * version and no {@code identifiedBy}. Not cached, and the observer is not called.
     *
     * @param host as a client would send it (it is normalised like any request)
     * @param port 1–65535
     * @param path the origin-form path of a plain HTTP request, or {@code null}
     * @throws IllegalArgumentException if the port is out of range
     */
    public Decision decideFor(DeviceEntry device, String host, int port, Kind kind, String path, Instant at) {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        PolicySnapshot snapshot = snapshots.get();
        if (!device.restricted()) {
            return unrestricted(device, null, snapshot.version(), kind, host, port);
        }
        String normalised = HostName.normalise(host);
        CachedVerdict verdict = evaluate(snapshot, lists.get(), device, null, normalised, kind, at, false);
        return verdict.decision(kind, host, normalised, port, kind == Kind.HTTP ? path : null);
    }

    /** Runs the host checks for a restricted device; {@code store}: keep the compiled profile for this snapshot. */
    private CachedVerdict evaluate(PolicySnapshot snapshot, ListIndex index, DeviceEntry device, String identifiedBy,
            String host, Kind kind, Instant at, boolean store) {
        CompiledProfile profile = compiled(snapshot, device.client().profile(), store);
        int minute = week.minuteOfWeek(at);
        HostEvaluation e = new HostEvaluation(snapshot.version(), device, identifiedBy, profile, host, kind, minute,
                index, safeSearch);
        Verdict verdict = Check.evaluate(e);
        Instant from = later(snapshot.compiledAt(), week.previousBoundary(at, minute, profile.boundaries()));
        Instant until = earlier(snapshot.validUntil(), week.nextBoundary(at, minute, profile.boundaries()));
        return new CachedVerdict(verdict, from, until, PathCheck.of(e, verdict));
    }

    private CompiledProfile compiled(PolicySnapshot snapshot, Profile profile, boolean store) {
        ProfileTable table = profiles;
        if (table == null || table.snapshot() != snapshot) {
            table = new ProfileTable(snapshot, new ConcurrentHashMap<>());
            profiles = table;
        }
        CompiledProfile known = table.byId().get(profile.id());
        if (known != null && known.source() == profile) {
            return known;
        }
        CompiledProfile fresh = CompiledProfile.compile(profile);
        if (store && known == null) {
            table.byId().putIfAbsent(profile.id(), fresh);
        }
        return fresh;
    }

    private static Decision unrestricted(DeviceEntry device, String identifiedBy, long snapshotVersion, Kind kind,
            String host, int port) {
        ClientPolicy policy = device.client().policy();
        Reason reason = policy.reason() == EffectiveReason.NO_REGISTRATION ? Reason.NO_REGISTRATION
                : Reason.NOT_IN_EFFECT;
        Trace trace = HostEvaluation.trace(device, identifiedBy, snapshotVersion, 0, null, null, null, null);
        return pass(kind, reason, trace, host, port);
    }

    private static Decision pass(Kind kind, Reason reason, Trace trace, String host, int port) {
        return kind == Kind.HTTP ? new Decision.Allow(reason, trace, host, port)
                : new Decision.Tunnel(reason, trace, host, port);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /**
     * Builds a {@link PolicyEngine}. Defaults: no lists ({@link ListIndex#empty()}), the bundled
     * {@link SafeSearchTable#defaults() SafeSearch table}, {@link DecisionObserver#NONE}, a cache of
     * {@value #DEFAULT_CACHE_SIZE} entries, zone Europe/Amsterdam. Not thread-safe; the engine it builds is.
     */
    public static final class Builder {
        private Supplier<PolicySnapshot> snapshots;
        private Supplier<ListIndex> lists = ListIndex::empty;
        private ClientResolver resolver;
        private SafeSearchTable safeSearch;
        private DecisionObserver observer = DecisionObserver.NONE;
        private long cacheSize = DEFAULT_CACHE_SIZE;
        private ZoneId zone = Limits.AMSTERDAM;

        private Builder() {
        }

        /** The current policy snapshot, read once per request (e.g. {@code publisher::current}); never null. */
        public Builder snapshots(Supplier<PolicySnapshot> value) {
            snapshots = Objects.requireNonNull(value, "snapshots");
            return this;
        }

        /** The current list index, read once per restricted request; never null. */
        public Builder lists(Supplier<ListIndex> value) {
            lists = Objects.requireNonNull(value, "lists");
            return this;
        }

        /** Identifies the device behind a request. */
        public Builder resolver(ClientResolver value) {
            resolver = Objects.requireNonNull(value, "resolver");
            return this;
        }

        /** The SafeSearch hosts. */
        public Builder safeSearch(SafeSearchTable value) {
            safeSearch = Objects.requireNonNull(value, "safeSearch");
            return this;
        }

        /** Told about decisions (metrics, block statistics); never influences them. */
        public Builder observer(DecisionObserver value) {
            observer = Objects.requireNonNull(value, "observer");
            return this;
        }

        /** The most cached verdicts kept (restricted clients only); 0 disables the cache. */
        public Builder cacheSize(long value) {
            if (value < 0) {
                throw new IllegalArgumentException("cache size must be 0 or more, got " + value);
            }
            cacheSize = value;
            return this;
        }

        /** The zone in which time windows are read; Europe/Amsterdam unless a test needs another. */
        public Builder zone(ZoneId value) {
            zone = Objects.requireNonNull(value, "zone");
            return this;
        }

        /**
         * The engine.
         *
         * @throws NullPointerException if the snapshots or the resolver are missing
         */
        public PolicyEngine build() {
            if (safeSearch == null) {
                safeSearch = SafeSearchTable.defaults();
            }
            return new PolicyEngine(this);
        }
    }
}
