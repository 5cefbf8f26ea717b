package nl.vangnet.app.firewall;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import nl.vangnet.config.policy.PolicySnapshot;
import nl.vangnet.config.policy.SnapshotPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the restricted-device sets of Vangnet's nftables table equal to the policy ({@code firewall.sync=true}).
 * For every published snapshot (and at start) it computes the {@link RestrictedMembers} and, when they differ from
 * what it last applied, replaces the three sets in one atomic {@code nft -f} transaction
 * ({@link NftRuleset#syncScript}). A failure is logged at WARN with nft's message (never an address) and counted;
 * nothing counts as applied, so the next snapshot tries again.
 *
 * <p>{@link #apply} runs on the caller's thread. {@link #start} subscribes to a publisher and runs the sync on an
 * own daemon thread ({@value #THREAD_NAME}), because publisher listeners must be quick; snapshots published while
 * nft runs are coalesced into the newest. {@link #close()} stops that thread. Thread-safe.
 */
public final class FirewallSync implements AutoCloseable {
    /** Name of the sync thread made by {@link #start}. */
    public static final String THREAD_NAME = "vangnet-firewall-sync";
    private static final Logger LOG = LoggerFactory.getLogger(FirewallSync.class);

    private final String table;
    private final NftCommand nft;
    private final FirewallMetrics metrics;
    private final AtomicReference<PolicySnapshot> latest = new AtomicReference<>();
    private final Object lock = new Object();
    private volatile ExecutorService executor;
    private volatile boolean closed;
    /** The members last applied successfully, {@code null} before the first success. Guarded by {@link #lock}. */
    private RestrictedMembers applied;

    /**
     * @param table   the nftables table (family inet), {@code firewall.table}
     * @param nft     runs the scripts
     * @param metrics told of every outcome
     */
    public FirewallSync(String table, NftCommand nft, FirewallMetrics metrics) {
        this.table = Objects.requireNonNull(table, "table");
        this.nft = Objects.requireNonNull(nft, "nft");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Subscribes to {@code publisher} and applies its current snapshot, both on the sync thread.
     *
     * @throws IllegalStateException when already started or closed
     */
    public void start(SnapshotPublisher publisher) {
        synchronized (lock) {
            if (closed || executor != null) {
                throw new IllegalStateException(closed ? "closed" : "already started");
            }
            executor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, THREAD_NAME);
                t.setDaemon(true);
                return t;
            });
        }
        publisher.addListener(this::submit);
        submit(publisher.current());
    }

    private void submit(PolicySnapshot snapshot) {
        if (closed) {
            return;
        }
        latest.set(snapshot);
        try {
            executor.execute(() -> {
                PolicySnapshot newest = latest.getAndSet(null);
                if (newest != null && !closed) {
                    apply(newest);
                }
            });
        } catch (RejectedExecutionException e) {
            // closed meanwhile: nothing more to apply
        }
    }

    /**
     * Applies the snapshot's restricted devices when they differ from those last applied.
     *
     * @return whether the sets now hold exactly the snapshot's members (unchanged or applied now)
     */
    public boolean apply(PolicySnapshot snapshot) {
        RestrictedMembers members = RestrictedMembers.of(snapshot);
        synchronized (lock) {
            if (members.equals(applied)) {
                return true;
            }
            try {
                nft.run(NftRuleset.syncScript(table, members));
            } catch (IOException e) {
                metrics.failed();
                LOG.warn("could not update the restricted-device sets of nftables table inet {} (retrying on the next"
                        + " policy change): {}", table, e.getMessage());
                return false;
            }
            applied = members;
            metrics.applied(members.size());
            LOG.info("nftables table inet {}: restricted-device sets updated ({} addresses, {} MAC addresses)",
                    table, members.v4().size() + members.v6().size(), members.macs().size());
            return true;
        }
    }

    /** Stops the sync thread, waiting up to the given time for a running nft to finish. */
    public void close(Duration wait) throws InterruptedException {
        closed = true;
        ExecutorService e = executor;
        if (e != null) {
            e.shutdown();
            if (!e.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                e.shutdownNow();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        close(ProcessNftCommand.DEFAULT_TIMEOUT);
    }
}
