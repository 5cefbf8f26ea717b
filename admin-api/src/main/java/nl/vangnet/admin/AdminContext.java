package nl.vangnet.admin;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;
import nl.vangnet.config.policy.PolicySnapshot;
import nl.vangnet.config.store.VangnetStore;

/**
 * What the admin API needs from the rest of Vangnet. Immutable; the parts are thread-safe.
 *
 * @param snapshots the current policy snapshot (never null)
 * @param lists     the block lists of this node ({@link ListsAdmin#NONE} when it runs no proxy)
 * @param metrics   this node's metrics ({@link MetricsScrape#NONE} for none)
 */
public record AdminContext(VangnetStore store, Supplier<PolicySnapshot> snapshots, Clock clock, ListsAdmin lists,
        MetricsScrape metrics) {
    public AdminContext {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(snapshots, "snapshots");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(lists, "lists");
        Objects.requireNonNull(metrics, "metrics");
    }

    /** A context without lists and metrics. */
    public AdminContext(VangnetStore store, Supplier<PolicySnapshot> snapshots, Clock clock) {
        this(store, snapshots, clock, ListsAdmin.NONE, MetricsScrape.NONE);
    }
}
