package nl.vangnet.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import nl.vangnet.proxy.lists.CompactListIndex;

/**
 * Heap bytes per listed name, two ways: {@link CompactListIndex#heapBytes()} (from the array sizes) and the used
 * heap measured with {@link MemoryMXBean} after full GCs, before and after building the index with nothing else
 * kept (after one build to warm up, so class loading and static state are not counted). Run: {@code java -cp benchmarks/target/benchmarks.jar nl.vangnet.benchmarks.ListHeapReport}.
 */
public final class ListHeapReport {

    private ListHeapReport() {
    }

    /** Prints the report for the shared data and for a synthetic index of 1,000,000 names. */
    public static void main(String[] args) {
        report("shared data", SharedData::load);
        List<String> names = Synthetic.names(1_000_000);
        report("synthetic 1M", () -> Synthetic.index(names));
    }

    private static void report(String what, Supplier<CompactListIndex> build) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        // once to load the classes and static state (Jackson, HttpClient, logging), which are not the index's
        build.get();
        long before = usedAfterGc(memory);
        CompactListIndex idx = build.get();
        long after = usedAfterGc(memory);
        System.out.printf(Locale.ROOT, "%-13s %,9d names in %3d lists: heapBytes() %,11d = %5.2f B/name;"
                + " MemoryMXBean after GC %,11d = %5.2f B/name%n", what, idx.size(), idx.listIds().size(),
                idx.heapBytes(), (double) idx.heapBytes() / idx.size(), after - before,
                (double) (after - before) / idx.size());
        if (idx.find("x.invalid", null, idx.query(List.of())).isPresent()) {
            throw new IllegalStateException("unreachable: keeps the index alive until after the measurement");
        }
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
