package nl.vangnet.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import nl.vangnet.proxy.lists.CompactListIndex;
import nl.vangnet.proxy.lists.EntryKind;
import nl.vangnet.proxy.lists.ListContent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * List load times: the whole of {@code ../shared/data} read, parsed and indexed by a {@link
 * nl.vangnet.proxy.lists.ListCatalog} (what a proxy node does at start and at each scheduled reload); rebuilding
 * the index when one list of the loaded data changes (the others are taken from the previous index); and
 * building an index of 1,000,000 names that are already parsed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ListLoadBenchmark {
    private CompactListIndex shared;
    private ListContent gambling;
    private List<String> synthetic;

    @Setup
    public void setup() {
        shared = SharedData.load();
        ListContent.Builder b = ListContent.builder();
        for (String name : SharedData.sampleNames(30_000, 5)) {
            b.addName(EntryKind.DOMAIN, name);
        }
        gambling = b.build();
        synthetic = Synthetic.names(1_000_000);
    }

    /** Read, parse and index all of the shared data. */
    @Benchmark
    public CompactListIndex loadSharedData() {
        return SharedData.load();
    }

    /** Replace one list (30,000 names) in the shared-data index, keeping the other 153 lists. */
    @Benchmark
    public CompactListIndex rebuildOneList() {
        CompactListIndex.Builder b = CompactListIndex.builder(shared.version() + 1, shared);
        for (String id : shared.listIds()) {
            if (id.equals("gambling")) {
                b.put(id, gambling);
            } else {
                b.keep(id);
            }
        }
        return b.build();
    }

    /** Hash and index 1,000,000 parsed names in 10 lists. */
    @Benchmark
    public CompactListIndex buildSynthetic1m() {
        return Synthetic.index(synthetic);
    }
}
