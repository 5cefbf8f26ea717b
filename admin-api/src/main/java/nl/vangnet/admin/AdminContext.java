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
 */
public record AdminContext(VangnetStore store, Supplier<PolicySnapshot> snapshots, Clock clock) {
    public AdminContext {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(snapshots, "snapshots");
        Objects.requireNonNull(clock, "clock");
    }
}
