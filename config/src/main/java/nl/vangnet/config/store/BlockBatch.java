package nl.vangnet.config.store;

import java.util.List;

/**
 * Block statistics collected by a proxy node since its last flush, for {@link VangnetStore#recordBlocks}.
 * Immutable.
 *
 * @param counts block counts to add (the same registration, day and category may occur more than once; they are
 *               added up)
 * @param events per-host block events; the store keeps only those of registrations that record the need for them
 */
public record BlockBatch(List<BlockCount> counts, List<BlockEvent> events) {
    /** A batch with nothing in it. */
    public static final BlockBatch EMPTY = new BlockBatch(List.of(), List.of());

    public BlockBatch {
        counts = List.copyOf(counts);
        events = List.copyOf(events);
    }

    /** Whether there is nothing to record. */
    public boolean isEmpty() {
        return counts.isEmpty() && events.isEmpty();
    }
}
