package nl.vangnet.admin;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;
import nl.vangnet.config.policy.PolicySnapshot;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.store.AccountStore;
import nl.vangnet.config.store.VangnetStore;
import nl.vangnet.proxy.decision.SafeSearchTable;
import nl.vangnet.proxy.lists.ListIndex;

/**
 * What the admin API needs from the rest of Vangnet. Immutable; the parts are thread-safe.
 *
 * @param store      the policy data, audited writes
 * @param accounts   accounts and tokens (the same JDBC store in the launcher)
 * @param snapshots  the current policy snapshot (never null)
 * @param clock      the clock ({@code GET /check} without {@code at}, node status)
 * @param limits     the organisation's limits (zone; compiling a snapshot for {@code GET /check?at=})
 * @param lists      the block lists of this node ({@link ListsAdmin#NONE} when it runs no proxy)
 * @param metrics    this node's metrics ({@link MetricsScrape#NONE} for none)
 * @param listIndex  the proxy's current list index, for {@code GET /check} ({@link ListIndex#empty()} when this node
 *                   runs no proxy: then category and service rules match nothing)
 * @param safeSearch the proxy's SafeSearch table, for {@code GET /check}
 * @param afterWrite run after every successful write through the API or the pages (status below 400, method other
 *                   than GET/HEAD), before the response is sent: the launcher refreshes the policy snapshot there,
 *                   so that the next {@code GET /check} — and this node's proxy — sees the change at once (other
 *                   nodes follow by polling). A failure is logged, never turned into an error: the write is done
 */
public record AdminContext(VangnetStore store, AccountStore accounts, Supplier<PolicySnapshot> snapshots,
        Clock clock, Limits limits, ListsAdmin lists, MetricsScrape metrics, Supplier<ListIndex> listIndex,
        SafeSearchTable safeSearch, Runnable afterWrite) {
    public AdminContext {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(snapshots, "snapshots");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(lists, "lists");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(listIndex, "listIndex");
        Objects.requireNonNull(safeSearch, "safeSearch");
        Objects.requireNonNull(afterWrite, "afterWrite");
    }

    /** A context that does nothing after writes (the snapshot follows the store by polling alone). */
    public AdminContext(VangnetStore store, AccountStore accounts, Supplier<PolicySnapshot> snapshots, Clock clock,
            Limits limits, ListsAdmin lists, MetricsScrape metrics, Supplier<ListIndex> listIndex,
            SafeSearchTable safeSearch) {
        this(store, accounts, snapshots, clock, limits, lists, metrics, listIndex, safeSearch, () -> { });
    }

    /** A context without lists and metrics, with the default limits and SafeSearch table. */
    public AdminContext(VangnetStore store, AccountStore accounts, Supplier<PolicySnapshot> snapshots, Clock clock) {
        this(store, accounts, snapshots, clock, Limits.DEFAULTS, ListsAdmin.NONE, MetricsScrape.NONE,
                ListIndex::empty, SafeSearchTable.defaults());
    }
}
