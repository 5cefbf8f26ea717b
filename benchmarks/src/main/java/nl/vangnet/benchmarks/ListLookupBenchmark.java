package nl.vangnet.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import nl.vangnet.proxy.lists.CompactListIndex;
import nl.vangnet.proxy.lists.ListHit;
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
 * Uncached list lookups ({@link CompactListIndex#find}): one host per call from a ring of 65,536 hosts (so the
 * table's cache lines are mostly cold), about a quarter of them from the lists (half of those with an extra
 * subdomain label) and the rest unlisted names of 2 to 5 labels.
 *
 * <ul>
 *   <li>{@code index=shared}: everything in {@code ../shared/data} (18 lists and 136 services);</li>
 *   <li>{@code index=synthetic-1m}: 1,000,000 made-up names in 10 lists;</li>
 *   <li>{@code index=synthetic-10k}: 10,000 names, a table that stays in the CPU cache: the cost of hashing and
 *       probing without memory latency.</li>
 *   <li>{@code query=all}: every list of the index (the worst case); {@code query=profile}: a typical profile's
 *       handful of lists.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ListLookupBenchmark {
    private static final int HOSTS = 1 << 16;
    private static final String[] PATHS = {"/", "/index.html", "/games/play?level=2", "/a/b/c/d.png",
        "/search?q=x&page=2", "/nl/nieuws/2026/11/artikel"};

    @Param({"shared", "synthetic-1m", "synthetic-10k"})
    public String index;

    @Param({"all", "profile"})
    public String query;

    private CompactListIndex idx;
    private ListQuery q;
    private String[] hosts;
    private int next;

    @Setup
    public void setup() {
        List<String> listed;
        List<String> profile;
        if (index.equals("shared")) {
            idx = SharedData.load();
            listed = SharedData.sampleNames(50_000, 11);
            profile = List.of("gambling", "gambling-hosts", "dating", "porn", "service:tiktok", "service:tinder");
        } else if (index.startsWith("synthetic-")) {
            int n = index.equals("synthetic-1m") ? 1_000_000 : index.equals("synthetic-10k") ? 10_000 : -1;
            if (n < 0) {
                throw new IllegalArgumentException("unknown index: " + index);
            }
            List<String> names = Synthetic.names(n);
            idx = Synthetic.index(names);
            listed = names.subList(0, Math.min(n, 50_000));
            profile = List.of("synthetic-0", "synthetic-3", "synthetic-7");
        } else {
            throw new IllegalArgumentException("index must be shared, synthetic-1m or synthetic-10k: " + index);
        }
        q = idx.query(query.equals("all") ? new ArrayList<>(idx.listIds()) : profile);
        hosts = HostMix.mix(listed, HOSTS, 0.25, 7);
        System.out.printf(Locale.ROOT, "%n[%s/%s] %d names, %d lists, %d combos, %d heap bytes = %.2f B/name,"
                + " hits in this mix: %.1f%%%n", index, query, idx.size(), idx.listIds().size(), idx.comboCount(),
                idx.heapBytes(), (double) idx.heapBytes() / idx.size(), 100 * HostMix.hitShare(idx, q, hosts));
    }

    /** A CONNECT/TLS lookup: host only. */
    @Benchmark
    public Optional<ListHit> host() {
        String h = hosts[next++ & (HOSTS - 1)];
        return idx.find(h, null, q);
    }

    /** A plain HTTP lookup: host and path (URL entries are tried too). */
    @Benchmark
    public Optional<ListHit> hostAndPath() {
        int i = next++;
        return idx.find(hosts[i & (HOSTS - 1)], PATHS[i % PATHS.length], q);
    }
}
