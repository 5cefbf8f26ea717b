package nl.vangnet.config.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.store.PolicyData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the current {@link PolicySnapshot} in an {@link AtomicReference} and replaces it when the data changes
 * and when the clock crosses a boundary, without a restart.
 *
 * <p><b>Default open.</b> It starts with an empty snapshot (version 0: nobody is restricted). When the loader or
 * the data-version probe throws, the last good snapshot stays, the failure is logged and counted
 * ({@link #consecutiveFailures()}, {@link #lastLoadFailure()}); the boundary timer keeps recompiling the last good
 * data, so lapses, ends and withdrawals still take effect while the store is away.
 *
 * <p><b>Versions.</b> Every publication gets the next version (1, 2, ...). Listeners are told of every new
 * snapshot, in version order, on the publishing thread while the publisher holds its lock: they must be quick. A
 * listener that throws is logged and does not stop the others. When two loads overlap, the one that started
 * later wins: an earlier load finishing afterwards is dropped.
 *
 * <p><b>Timers</b> ({@link #start}): every {@code pollInterval} the cheap data-version probe is read and the data is
 * reloaded when it differs from the loaded data's version (or nothing was loaded yet); and a boundary timer, armed
 * after every publication at {@code min(validUntil - now, pollInterval)}, recompiles <em>without reloading</em>
 * whenever the snapshot is no longer valid at the clock's instant ({@code now >= validUntil}, or the clock went
 * back before {@code compiledAt}). Because the timer fires at least every {@code pollInterval}, a jump of the clock
 * cannot leave a stale snapshot for longer than that.
 *
 * <p><b>Change notifications</b> ({@link #changed}, {@link #checkNow}): a node that is told of a change (PostgreSQL
 * {@code LISTEN/NOTIFY}, see {@code ChangeListener}) queues one reload on the publisher's executor at once instead
 * of waiting for the next poll; notifications that arrive while one is queued ride along with it.
 *
 * <p><b>Store health</b>: {@link #storeUp()} is whether the last contact with the store (probe or load) worked, and
 * {@link #lastSuccess()} when the store last answered (a load, or a probe that found the data current). A streak of
 * failures is logged once at WARN when it starts and once at INFO when it ends, not on every poll.
 *
 * <p>All instants come from the injected {@link Clock}. Thread-safe.
 */
public final class SnapshotPublisher implements AutoCloseable {
    /** Name of the daemon thread the publisher makes when it is given no executor. */
    public static final String THREAD_NAME = "vangnet-snapshot";

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotPublisher.class);

    private final Supplier<PolicyData> loader;
    private final Limits limits;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final boolean ownsExecutor;
    private final AtomicReference<PolicySnapshot> current;
    private final List<Consumer<PolicySnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong loadTickets = new AtomicLong();
    private final AtomicLong consecutiveFailures = new AtomicLong();
    private final AtomicLong totalFailures = new AtomicLong();
    private final AtomicReference<LoadFailure> lastFailure = new AtomicReference<>();
    private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();
    private final AtomicBoolean storeUp = new AtomicBoolean();
    private final AtomicBoolean reloadQueued = new AtomicBoolean();
    /** When the running streak of failures began; {@code null} when healthy. Guarded by {@link #lock}. */
    private Instant outageSince;

    private final Object lock = new Object();
    /** The last loaded data; {@code null} before the first successful load. Guarded by {@link #lock}. */
    private PolicyData data;
    private long publishedTicket;
    private long lastVersion;
    private Duration pollInterval;
    private LongSupplier probe;
    private ScheduledFuture<?> pollTask;
    private ScheduledFuture<?> boundaryTask;
    private boolean closed;

    /** A publisher with its own single daemon thread named {@value #THREAD_NAME}, shut down by {@link #close()}. */
    public SnapshotPublisher(Supplier<PolicyData> loader, Limits limits, Clock clock) {
        this(loader, limits, clock, Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, THREAD_NAME);
            t.setDaemon(true);
            return t;
        }), true);
    }

    /**
     * A publisher whose timers run on {@code executor}; {@link #close()} cancels its tasks but leaves the executor
     * to its owner.
     *
     * @param loader loads all policy data in one consistent read (the store's {@code load()}); may throw
     */
    public SnapshotPublisher(Supplier<PolicyData> loader, Limits limits, Clock clock,
            ScheduledExecutorService executor) {
        this(loader, limits, clock, executor, false);
    }

    private SnapshotPublisher(Supplier<PolicyData> loader, Limits limits, Clock clock,
            ScheduledExecutorService executor, boolean ownsExecutor) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.ownsExecutor = ownsExecutor;
        this.current = new AtomicReference<>(SnapshotCompiler.compile(PolicyData.empty(), 0, clock.instant(), limits));
    }

    /** The snapshot in force; never {@code null}. */
    public PolicySnapshot current() {
        return current.get();
    }

    /** Adds a listener told of every snapshot published from now on. */
    public void addListener(Consumer<PolicySnapshot> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Loads the data and publishes a snapshot compiled at the clock's instant, now, on the calling thread. If
     * loading fails, the failure is recorded and the current snapshot stays.
     *
     * @return the snapshot in force afterwards (the new one, or the unchanged one after a failure)
     */
    public PolicySnapshot refresh() {
        long ticket = loadTickets.incrementAndGet();
        PolicyData loaded;
        try {
            loaded = Objects.requireNonNull(loader.get(), "the loader returned null");
        } catch (RuntimeException e) {
            recordFailure("loading the policy data", true, e);
            return current();
        }
        synchronized (lock) {
            if (ticket < publishedTicket) {
                LOG.debug("dropping data version {}: a later load was published first", loaded.dataVersion());
                return current();
            }
            publishedTicket = ticket;
            data = loaded;
            storeAnswered();
            try {
                return compileAndPublish();
            } catch (RuntimeException e) {
                recordFailure("compiling the policy snapshot", false, e);
                return current();
            }
        }
    }

    /**
     * Starts the timers: the data-version poll (first run at once) and the boundary timer.
     *
     * @param pollInterval     how often to read {@code dataVersionProbe}; also the longest the boundary timer waits
     * @param dataVersionProbe the store's cheap current data version; may throw
     * @throws IllegalStateException when already started or closed
     */
    public void start(Duration pollInterval, LongSupplier dataVersionProbe) {
        Objects.requireNonNull(dataVersionProbe, "dataVersionProbe");
        if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive");
        }
        synchronized (lock) {
            if (closed || this.pollInterval != null) {
                throw new IllegalStateException(closed ? "closed" : "already started");
            }
            this.pollInterval = pollInterval;
            this.probe = dataVersionProbe;
            pollTask = executor.scheduleWithFixedDelay(() -> poll(dataVersionProbe), 0, pollInterval.toNanos(),
                    TimeUnit.NANOSECONDS);
            armBoundaryTimer();
        }
    }

    /** Stops the timers (and the own thread, if any). {@link #current()} and {@link #refresh()} keep working. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (pollTask != null) {
                pollTask.cancel(false);
            }
            if (boundaryTask != null) {
                boundaryTask.cancel(false);
            }
        }
        if (ownsExecutor) {
            executor.shutdownNow();
        }
    }

    /**
     * A committed write moved the store's data version to {@code dataVersion}: queues one reload on the executor
     * unless that version is already loaded or a queued reload will pick it up. Returns at once; any thread.
     *
     * @return whether this call queued a reload
     */
    public boolean changed(long dataVersion) {
        PolicyData loaded;
        synchronized (lock) {
            loaded = data;
        }
        if (loaded != null && loaded.dataVersion() >= dataVersion) {
            return false;
        }
        return queue(reloadQueued, this::refresh);
    }

    /**
     * Probes the data version now (on the executor, not waiting for the poll), reloading when it changed: for a
     * node that may have missed changes, e.g. after its change listener reconnected. Does nothing before
     * {@link #start} or after {@link #close()}. Returns at once; any thread.
     */
    public void checkNow() {
        LongSupplier p;
        synchronized (lock) {
            if (closed || probe == null) {
                return;
            }
            p = probe;
        }
        execute(() -> poll(p));
    }

    /** Whether the last contact with the store (a data-version probe or a load) worked; false before the first. */
    public boolean storeUp() {
        return storeUp.get();
    }

    /** When the store last answered: a successful load, or a probe that found the loaded data current. */
    public Optional<Instant> lastSuccess() {
        return Optional.ofNullable(lastSuccess.get());
    }

    /** The last failed probe, load or compile, if any since construction. */
    public Optional<LoadFailure> lastLoadFailure() {
        return Optional.ofNullable(lastFailure.get());
    }

    /** Failed probes, loads and compiles since the last successful load (0 when healthy). */
    public long consecutiveFailures() {
        return consecutiveFailures.get();
    }

    /** Failed probes, loads and compiles since construction. */
    public long totalFailures() {
        return totalFailures.get();
    }

    private void poll(LongSupplier probe) {
        try {
            long version = probe.getAsLong();
            PolicyData loaded;
            synchronized (lock) {
                loaded = data;
            }
            if (loaded == null || loaded.dataVersion() != version) {
                refresh();
            } else {
                synchronized (lock) {
                    storeAnswered();
                }
            }
        } catch (RuntimeException e) {
            // Thrown out of a fixed-delay task, it would cancel all later runs.
            recordFailure("probing the data version", true, e);
        }
    }

    private void boundaryTick() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            try {
                if (!current().isValidAt(clock.instant())) {
                    compileAndPublish();
                    return;
                }
            } catch (RuntimeException e) {
                recordFailure("recompiling the policy snapshot", false, e);
            }
            armBoundaryTimer();
        }
    }

    /** Compiles the last loaded data at the clock's instant and publishes it. Caller holds {@link #lock}. */
    private PolicySnapshot compileAndPublish() {
        PolicySnapshot snapshot = SnapshotCompiler.compile(data == null ? PolicyData.empty() : data,
                lastVersion + 1, clock.instant(), limits);
        lastVersion = snapshot.version();
        current.set(snapshot);
        if (!snapshot.problems().isEmpty()) {
            LOG.warn("policy snapshot {} worked around {} data problem(s): {}", snapshot.version(),
                    snapshot.problems().size(), snapshot.problems());
        }
        LOG.debug("published {}", snapshot);
        for (Consumer<PolicySnapshot> listener : listeners) {
            try {
                listener.accept(snapshot);
            } catch (RuntimeException e) {
                LOG.error("snapshot listener {} failed on version {}", listener, snapshot.version(), e);
            }
        }
        armBoundaryTimer();
        return snapshot;
    }

    /** (Re)schedules the boundary check at {@code min(validUntil - now, pollInterval)}. Caller holds the lock. */
    private void armBoundaryTimer() {
        if (closed || pollInterval == null) {
            return;
        }
        if (boundaryTask != null) {
            boundaryTask.cancel(false);
        }
        Instant now = clock.instant();
        Duration untilBoundary = Duration.between(now, current().validUntil());
        Duration delay = untilBoundary.isNegative() ? Duration.ZERO
                : untilBoundary.compareTo(pollInterval) < 0 ? untilBoundary : pollInterval;
        try {
            boundaryTask = executor.schedule(this::boundaryTick, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            LOG.warn("cannot schedule the snapshot boundary timer: the executor is shut down", e);
        }
    }

    /** Runs {@code task} on the executor unless one queued with {@code flag} is still waiting to run. */
    private boolean queue(AtomicBoolean flag, Runnable task) {
        if (!flag.compareAndSet(false, true)) {
            return false;
        }
        if (!execute(() -> {
            flag.set(false);
            task.run();
        })) {
            flag.set(false);
            return false;
        }
        return true;
    }

    private boolean execute(Runnable task) {
        try {
            executor.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            LOG.debug("snapshot executor is shut down; not running {}", task);
            return false;
        }
    }

    /** The store answered: ends a streak of failures (logged once). Caller holds {@link #lock}. */
    private void storeAnswered() {
        Instant now = clock.instant();
        long failures = consecutiveFailures.getAndSet(0);
        lastSuccess.set(now);
        storeUp.set(true);
        if (outageSince != null) {
            LOG.info("the store answers again after {} failed attempt(s) since {}; serving policy snapshot {}",
                    failures, outageSince, current().version());
            outageSince = null;
        }
    }

    /** Counts and logs a failure; {@code store}: the store did not answer (rather than the compiler failing). */
    private void recordFailure(String what, boolean store, RuntimeException e) {
        long n = consecutiveFailures.incrementAndGet();
        totalFailures.incrementAndGet();
        Instant now = clock.instant();
        lastFailure.set(new LoadFailure(now, e));
        if (store) {
            storeUp.set(false);
        }
        boolean first;
        synchronized (lock) {
            first = outageSince == null;
            if (first) {
                outageSince = now;
            }
        }
        if (first) {
            LOG.warn("{} failed; keeping policy snapshot {} (the last good one) until the store answers again;"
                    + " further failures are logged at DEBUG", what, current().version(), e);
        } else {
            LOG.debug("{} failed ({} in a row); keeping policy snapshot {}: {}", what, n, current().version(),
                    e.toString());
        }
    }
}
