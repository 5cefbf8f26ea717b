package nl.vangnet.benchmarks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import nl.vangnet.config.policy.PolicySnapshot;
import nl.vangnet.config.policy.SnapshotCompiler;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.proxy.decision.Decision;
import nl.vangnet.proxy.decision.Kind;
import nl.vangnet.proxy.decision.PolicyEngine;
import nl.vangnet.proxy.decision.Reason;
import nl.vangnet.proxy.decision.RequestFacts;
import nl.vangnet.proxy.identify.ClientMatch;
import nl.vangnet.proxy.identify.ClientResolver;
import nl.vangnet.proxy.lists.CompactListIndex;
import nl.vangnet.proxy.lists.ListQuery;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Whole decisions ({@link PolicyEngine#decide}) against a policy snapshot of 1,000 clients with one device each
 * (fixed IPv4 address), 100 of them restricted by a typical profile ({@link DecisionFixtures}), at a fixed instant
 * inside the profile's internet hours, with the list index of all of {@code ../shared/data} or of 1,000,000
 * synthetic names. The resolver looks the source address up in the snapshot, as identification by fixed IP does.
 *
 * <p>Request hosts: a ring of 65,536 (16,384 for the cached benchmark, which fits the 50,000-entry cache), about a
 * quarter of them names from the lists the profile blocks (half of those with an extra subdomain label), the rest
 * unlisted names of 2 to 5 labels ({@link HostMix}). Each host is asked for by one of the 100 restricted devices,
 * always the same one, so the cached benchmark has one cache entry per host. The {@link RequestFacts} (with their
 * own copy of the host string, laid out in ring order) are made in the setup: the benchmarks measure the engine
 * only. Cache size 0 (no cache at all) makes every restricted request computed in full, as a cache miss is in
 * production minus the cache's own lookup and insert.
 *
 * <ul>
 *   <li>{@code unknownClient}: a source address that no device has (unrestricted, {@code NO_REGISTRATION});</li>
 *   <li>{@code unrestrictedDevice}: a registered device whose client has no registration;</li>
 *   <li>{@code restrictedConnectUncached}: a restricted device, {@code CONNECT host:443}, cache size 0;</li>
 *   <li>{@code restrictedConnectUncachedHot}: the same on only 256 hosts, which stay in the CPU cache;</li>
 *   <li>{@code restrictedConnectCached}: the same with a cache of 50,000 entries, warmed in the setup;</li>
 *   <li>{@code restrictedHttpUncached}: a restricted device, plain HTTP to port 80 with a path, cache size 0.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class DecisionBenchmark {
    private static final int HOSTS = 1 << 16;
    private static final int CACHED_HOSTS = 1 << 14;
    private static final int HOT_HOSTS = 1 << 8;
    private static final String[] PATHS = {"/", "/index.html", "/games/play?level=2", "/a/b/c/d.png",
        "/search?q=x&page=2", "/nl/nieuws/2026/11/artikel"};
    /** Identification by fixed IP address only: a map lookup in the snapshot. */
    private static final ClientResolver BY_ADDRESS = (snapshot, addr, creds) ->
            snapshot.forAddress(addr).map(d -> new ClientMatch(d, ClientMatch.Via.IP));

    /** {@code shared}: all of {@code ../shared/data}; {@code synthetic-1m}: 1,000,000 made-up names. */
    @Param({"shared", "synthetic-1m"})
    public String index;

    private PolicyEngine uncached;
    private PolicyEngine cached;
    private RequestFacts[] unknown;
    private RequestFacts[] unrestricted;
    private RequestFacts[] connect;
    private RequestFacts[] http;
    private RequestFacts[] connectSmall;
    private int next;

    @Setup
    public void setup() throws UnknownHostException {
        CompactListIndex idx;
        List<String> categories;
        List<String> candidates;
        if (index.equals("shared")) {
            idx = SharedData.load();
            categories = DecisionFixtures.SHARED_CATEGORIES;
            candidates = SharedData.sampleNames(400_000, 11);
        } else if (index.equals("synthetic-1m")) {
            List<String> names = Synthetic.names(1_000_000);
            idx = Synthetic.index(names);
            categories = DecisionFixtures.SYNTHETIC_CATEGORIES;
            candidates = names.subList(0, 200_000);
        } else {
            throw new IllegalArgumentException("index must be shared or synthetic-1m: " + index);
        }
        // the listed share of the mix: names that the profile's category lists hold
        ListQuery profileLists = idx.query(categories);
        List<String> blockedNames = new ArrayList<>();
        for (String name : candidates) {
            if (blockedNames.size() < 50_000 && idx.find(name, null, profileLists).isPresent()) {
                blockedNames.add(name);
            }
        }
        if (blockedNames.isEmpty()) {
            throw new IllegalStateException("no name of the sample is in the lists " + categories);
        }

        PolicySnapshot snapshot = SnapshotCompiler.compile(DecisionFixtures.data(categories), 1,
                DecisionFixtures.AT, Limits.DEFAULTS);
        if (!snapshot.problems().isEmpty() || snapshot.restrictedCount() != DecisionFixtures.RESTRICTED) {
            throw new IllegalStateException("the benchmark's policy data is not as intended: "
                    + snapshot.restrictedCount() + " restricted clients, problems " + snapshot.problems());
        }
        uncached = PolicyEngine.builder().snapshots(() -> snapshot).lists(() -> idx).resolver(BY_ADDRESS)
                .cacheSize(0).build();
        cached = PolicyEngine.builder().snapshots(() -> snapshot).lists(() -> idx).resolver(BY_ADDRESS)
                .cacheSize(50_000).build();

        String[] hosts = HostMix.mix(blockedNames, HOSTS, 0.25, 7);
        InetAddress nobody = DecisionFixtures.unknownAddress();
        unknown = new RequestFacts[HOSTS];
        unrestricted = new RequestFacts[HOSTS];
        connect = new RequestFacts[HOSTS];
        http = new RequestFacts[HOSTS];
        // one array at a time, each with fresh copies of the host strings: a request's facts and host are
        // allocated side by side and read in order, so they come in by prefetch, as a just-parsed request is
        // in the cache; the index, snapshot and cache stay as cold as the ring of hosts makes them
        for (int i = 0; i < HOSTS; i++) {
            unknown[i] = new RequestFacts(nobody, null, copy(hosts[i]), 443, Kind.CONNECT, null,
                    DecisionFixtures.AT);
        }
        for (int i = 0; i < HOSTS; i++) {
            unrestricted[i] = new RequestFacts(DecisionFixtures.unrestrictedAddress(i % DecisionFixtures.UNRESTRICTED),
                    null, copy(hosts[i]), 443, Kind.CONNECT, null, DecisionFixtures.AT);
        }
        for (int i = 0; i < HOSTS; i++) {
            connect[i] = new RequestFacts(DecisionFixtures.restrictedAddress(i % DecisionFixtures.RESTRICTED), null,
                    copy(hosts[i]), 443, Kind.CONNECT, null, DecisionFixtures.AT);
        }
        for (int i = 0; i < HOSTS; i++) {
            http[i] = new RequestFacts(DecisionFixtures.restrictedAddress(i % DecisionFixtures.RESTRICTED), null,
                    copy(hosts[i]), 80, Kind.HTTP, PATHS[i % PATHS.length], DecisionFixtures.AT);
        }
        connectSmall = new RequestFacts[CACHED_HOSTS];
        System.arraycopy(connect, 0, connectSmall, 0, CACHED_HOSTS);
        for (RequestFacts f : connectSmall) {
            cached.decide(f);
        }

        System.out.printf(Locale.ROOT, "%n[%s] %d names, %d lists; snapshot: %d clients, %d restricted;"
                + " profile categories %s%n  CONNECT reasons: %s%n  HTTP reasons:    %s%n  cached set reasons: %s%n",
                index, idx.size(), idx.listIds().size(), snapshot.clients().size(), snapshot.restrictedCount(),
                categories, reasons(uncached, connect), reasons(uncached, http), reasons(cached, connectSmall));
    }

    /** A new string with its own char array, equal to {@code s}. */
    private static String copy(String s) {
        return new String(s.toCharArray());
    }

    /** The share of each reason among the decisions for {@code facts}, as text. */
    private static String reasons(PolicyEngine engine, RequestFacts[] facts) {
        Map<Reason, Integer> count = new EnumMap<>(Reason.class);
        for (RequestFacts f : facts) {
            count.merge(engine.decide(f).reason(), 1, Integer::sum);
        }
        StringBuilder b = new StringBuilder();
        count.forEach((reason, n) -> b.append(String.format(Locale.ROOT, "%s %.1f%%  ", reason,
                100.0 * n / facts.length)));
        return b.toString().strip();
    }

    /** (a) A source address that no device has: unrestricted, no list consulted. */
    @Benchmark
    public Decision unknownClient() {
        return uncached.decide(unknown[next++ & (HOSTS - 1)]);
    }

    /** (a') A registered device of a client without a registration: unrestricted, no list consulted. */
    @Benchmark
    public Decision unrestrictedDevice() {
        return uncached.decide(unrestricted[next++ & (HOSTS - 1)]);
    }

    /** (b) A restricted device, {@code CONNECT}, no cache: every request runs all checks. */
    @Benchmark
    public Decision restrictedConnectUncached() {
        return uncached.decide(connect[next++ & (HOSTS - 1)]);
    }

    /**
     * (b') As (b) on only the first {@value #HOT_HOSTS} hosts of the ring, whose list-table lines and profile state
     * stay in the CPU cache: the engine's own work without memory latency.
     */
    @Benchmark
    public Decision restrictedConnectUncachedHot() {
        return uncached.decide(connect[next++ & (HOT_HOSTS - 1)]);
    }

    /** (c) A restricted device, {@code CONNECT}, a warm cache holding every host of the (smaller) ring. */
    @Benchmark
    public Decision restrictedConnectCached() {
        return cached.decide(connectSmall[next++ & (CACHED_HOSTS - 1)]);
    }

    /** (d) A restricted device, plain HTTP with a path, no cache: host checks plus the URL-entry lookup. */
    @Benchmark
    public Decision restrictedHttpUncached() {
        return uncached.decide(http[next++ & (HOSTS - 1)]);
    }
}
