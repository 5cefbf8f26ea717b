package nl.vangnet.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import nl.vangnet.config.audit.AuditVerification;
import nl.vangnet.config.policy.PolicySnapshot;
import nl.vangnet.config.policy.RegistrationCounts;
import nl.vangnet.config.policy.SnapshotCompiler;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.store.PolicyData;
import nl.vangnet.config.store.VangnetStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the admin node's metrics from the store, off the request path: the registration counts once per published
 * snapshot ({@link #published}), and the periodic audit-chain verify ({@link #startAuditVerify}). Both run on the
 * background executor; a scrape only reads what they left. Observes and never decides.
 *
 * <p><b>Counts.</b> The snapshot holds only each client's deciding registration, so the counts need the
 * registrations themselves: the data is loaded from the store when the snapshot's data version differs from the
 * data last loaded (once per change, not per scrape; a recompile at a clock boundary reuses it), and counted at the
 * snapshot's instant. When the store has moved on meanwhile, the loaded data is counted with a snapshot compiled
 * from it, so that the counts are always of one consistent read. A failed load is logged and the previous counts
 * stay.
 *
 * <p>Thread-safe: the tasks run one at a time on the (single-threaded) background executor.
 */
final class AdminMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(AdminMetrics.class);

    private final VangnetStore store;
    private final Limits limits;
    private final Clock clock;
    private final Executor background;
    private final Consumer<RegistrationCounts> counts;
    private final Consumer<AuditVerifyResult> verified;
    /** The data last loaded and the highest snapshot version counted; only touched by background tasks. */
    private PolicyData data;
    private long countedVersion = -1;

    /**
     * @param counts   told of every new count (the registration gauges)
     * @param verified told of every completed audit verify (the audit gauges)
     */
    AdminMetrics(VangnetStore store, Limits limits, Clock clock, Executor background,
            Consumer<RegistrationCounts> counts, Consumer<AuditVerifyResult> verified) {
        this.store = Objects.requireNonNull(store, "store");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.background = Objects.requireNonNull(background, "background");
        this.counts = Objects.requireNonNull(counts, "counts");
        this.verified = Objects.requireNonNull(verified, "verified");
    }

    /**
     * One audit verify: its result and when it finished.
     *
     * @param verification what the walk found
     * @param at           when it finished
     */
    record AuditVerifyResult(AuditVerification verification, Instant at) {
    }

    /** A snapshot listener: counts the registrations for {@code snapshot} on the background executor. */
    void published(PolicySnapshot snapshot) {
        background.execute(() -> count(snapshot));
    }

    /** Counts now, on the calling thread (the background task; tests). */
    synchronized void count(PolicySnapshot snapshot) {
        if (snapshot.version() < countedVersion) {
            return; // a later snapshot was counted already
        }
        try {
            if (data == null || data.dataVersion() != snapshot.dataVersion()) {
                data = store.load();
            }
            PolicySnapshot basis = data.dataVersion() == snapshot.dataVersion() ? snapshot
                    : SnapshotCompiler.compile(data, snapshot.version(), snapshot.compiledAt(), limits);
            counts.accept(RegistrationCounts.of(data, basis, limits));
            countedVersion = snapshot.version();
        } catch (RuntimeException e) {
            LOG.warn("could not count the registrations for the metrics (the previous counts stay): {}",
                    e.toString());
        }
    }

    /**
     * Verifies the audit chain every {@code interval} (the first time at once) on {@code executor}; does nothing for
     * {@link Duration#ZERO}.
     */
    void startAuditVerify(ScheduledExecutorService executor, Duration interval) {
        if (interval.isZero()) {
            LOG.info("audit.verify-interval is 0: the audit chain is not verified periodically");
            return;
        }
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(this::verifyAudit, 0, millis, TimeUnit.MILLISECONDS);
    }

    /** One verify, now, on the calling thread. A broken chain is logged as an error; a store failure as a warning. */
    void verifyAudit() {
        AuditVerification v;
        try {
            v = store.verifyAudit();
        } catch (RuntimeException e) {
            LOG.warn("could not verify the audit log (will retry): {}", e.toString());
            return;
        }
        if (!v.ok()) {
            LOG.error("the audit log's hash chain is broken at event {}: {} ({} events checked); see"
                    + " 'vangnet audit verify'", v.firstBrokenSeq(), v.problem(), v.checked());
        }
        verified.accept(new AuditVerifyResult(v, clock.instant()));
    }
}
