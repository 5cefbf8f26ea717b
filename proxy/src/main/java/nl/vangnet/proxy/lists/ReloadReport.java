package nl.vangnet.proxy.lists;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one reload of a {@link ListCatalog}. Immutable.
 *
 * @param version   the version of the index in use after the reload (unchanged when nothing could be loaded)
 * @param startedAt when the reload started
 * @param took      how long it took, reading and building
 * @param loaded    ids of the lists (and services sources) that were read successfully
 * @param failed    id → failure, for the lists (and services sources) that kept their previous contents
 * @param size      distinct keys in the index in use
 * @param heapBytes heap bytes of the index in use ({@link CompactListIndex#heapBytes()})
 */
public record ReloadReport(long version, Instant startedAt, Duration took, List<String> loaded,
        Map<String, ListFailure> failed, int size, long heapBytes) {
    public ReloadReport {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(took, "took");
        loaded = List.copyOf(loaded);
        failed = Map.copyOf(failed);
    }

    /** Whether every list was read successfully. */
    public boolean ok() {
        return failed.isEmpty();
    }
}
