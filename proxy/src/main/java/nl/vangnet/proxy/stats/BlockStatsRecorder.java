package nl.vangnet.proxy.stats;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import nl.vangnet.config.model.Registration;
import nl.vangnet.config.policy.DeviceEntry;
import nl.vangnet.config.rules.Domains;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.store.BlockBatch;
import nl.vangnet.config.store.BlockCount;
import nl.vangnet.config.store.BlockEvent;
import nl.vangnet.proxy.decision.Decision;
import nl.vangnet.proxy.decision.DecisionObserver;
import nl.vangnet.proxy.decision.Reason;
import nl.vangnet.proxy.decision.RequestFacts;
import nl.vangnet.proxy.decision.Trace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects block statistics on the proxy node and hands them to the store in batches (DESIGN §2 rule 7).
 *
 * <p>For every {@link Decision.Block} of a restricted client it adds 1 to an in-memory counter keyed by the
 * deciding registration ({@link Trace#registrationId()}), the local day of the request in the organisation's zone
 * (Europe/Amsterdam) and the category: the list that matched ({@link Trace#listId()}, e.g. {@code gambling} or
 * {@code service:tiktok}), else the lower-case reason ({@code blocked_domain}, {@code not_on_allow_list},
 * {@code outside_internet_hours}). Only when the device's registration records the need for per-host events
 * ({@link Registration#hostEvents()} set) does it also queue a {@link BlockEvent} with the instant, the normalised
 * host (the listed or ruled name that matched, else the requested host), the reason and the list. Other decisions
 * are ignored, and the policy does not call observers with request data for unrestricted clients at all.
 *
 * <p>{@link #flush()} drains the counters and the queue into one {@link BlockBatch} and hands it to the sink
 * (typically {@code store::recordBlocks}, which re-checks every registration). When the sink throws, the counts
 * and events are put back and go with the next flush, so nothing is lost while the store is briefly away. The
 * store's verdict wins: counts of registrations withdrawn in the meantime, and events the registration no longer
 * asks for, are dropped there. {@link #start(Duration)} flushes periodically on one daemon thread;
 * {@link #close()} stops it and flushes once more; observations after {@code close()} are ignored.
 *
 * <p>Memory is bounded: at most {@code maxCounters} counter keys and {@code maxEvents} queued events (also when a
 * failed batch is put back). What does not fit is dropped and counted ({@link #droppedBlocks()},
 * {@link #droppedEvents()}, {@link BlockStatsMetrics}).
 *
 * <p>Thread-safe. {@link #restricted} runs on the request threads: it never blocks, never touches the store and
 * never throws; counters are lock-free ({@link ConcurrentHashMap} of {@link AtomicLong}s that a flush seals before
 * it removes them, so an increment racing a flush lands either in this batch or in the next, never nowhere).
 * Flushes are serialised with each other.
 */
public final class BlockStatsRecorder implements DecisionObserver, AutoCloseable {
    /** Default bound on counter keys (registration × day × category) between two flushes. */
    public static final int DEFAULT_MAX_COUNTERS = 100_000;
    /** Default bound on queued per-host block events between two flushes. */
    public static final int DEFAULT_MAX_EVENTS = 100_000;

    private static final Logger LOG = LoggerFactory.getLogger(BlockStatsRecorder.class);
    /** The value of a counter that a flush has taken: writers that see it go to a new counter. */
    private static final long SEALED = Long.MIN_VALUE;
    private static final Map<Reason, String> CATEGORY_OF_REASON = new EnumMap<>(Reason.class);

    static {
        for (Reason r : Reason.values()) {
            CATEGORY_OF_REASON.put(r, r.name().toLowerCase(Locale.ROOT));
        }
    }

    private final Consumer<BlockBatch> sink;
    private final ZoneId zone;
    private final int maxCounters;
    private final int maxEvents;
    private final BlockStatsMetrics metrics;

    private final ConcurrentHashMap<Key, AtomicLong> counters = new ConcurrentHashMap<>();
    private final AtomicInteger counterKeys = new AtomicInteger();
    private final Queue<BlockEvent> events = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queuedEvents = new AtomicInteger();
    private final LongAdder droppedBlocks = new LongAdder();
    private final LongAdder droppedEvents = new LongAdder();
    private final Object flushLock = new Object();

    private volatile boolean closed;
    private ScheduledExecutorService scheduler;

    /** The counter key. */
    private record Key(long registrationId, LocalDate day, String category) {
    }

    /** A recorder with the default bounds, zone Europe/Amsterdam and no metrics, flushing into {@code sink}. */
    public BlockStatsRecorder(Consumer<BlockBatch> sink) {
        this(sink, Limits.AMSTERDAM, DEFAULT_MAX_COUNTERS, DEFAULT_MAX_EVENTS, BlockStatsMetrics.NONE);
    }

    /**
     * A recorder.
     *
     * @param sink        takes each non-empty batch (e.g. {@code store::recordBlocks}); may throw to refuse it
     * @param zone        the zone whose calendar days the counts are kept per (the organisation's: Europe/Amsterdam)
     * @param maxCounters at most this many counter keys are held (at least 1)
     * @param maxEvents   at most this many per-host events are queued (at least 1)
     * @param metrics     where drops and flushes are reported
     */
    public BlockStatsRecorder(Consumer<BlockBatch> sink, ZoneId zone, int maxCounters, int maxEvents,
            BlockStatsMetrics metrics) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        if (maxCounters < 1 || maxEvents < 1) {
            throw new IllegalArgumentException("maxCounters and maxEvents must be at least 1, not " + maxCounters
                    + " and " + maxEvents);
        }
        this.maxCounters = maxCounters;
        this.maxEvents = maxEvents;
    }

    // ---- the request thread --------------------------------------------------------------------------------

    @Override
    public void restricted(Decision decision, DeviceEntry device, RequestFacts facts) {
        if (closed || !(decision instanceof Decision.Block) || facts == null) {
            return;
        }
        Trace trace = decision.trace();
        Long registrationId = trace.registrationId();
        if (registrationId == null || registrationId <= 0) {
            return;
        }
        Reason reason = decision.reason();
        String category = trace.listId() != null && !trace.listId().isEmpty()
                ? clip(trace.listId(), BlockCount.MAX_CATEGORY) : CATEGORY_OF_REASON.get(reason);
        Key key = new Key(registrationId, LocalDate.ofInstant(facts.at(), zone), category);
        if (!add(key, 1)) {
            droppedBlocks.increment();
            metrics.blocksDropped(1);
        }
        if (recordsHostEvents(device)) {
            String host = host(trace.matched() != null ? trace.matched() : facts.host());
            if (!host.isEmpty()) {
                String listId = trace.listId() == null || trace.listId().isEmpty() ? null
                        : clip(trace.listId(), BlockCount.MAX_CATEGORY);
                offer(BlockEvent.of(registrationId, facts.at(), host, CATEGORY_OF_REASON.get(reason), listId));
            }
        }
    }

    private static boolean recordsHostEvents(DeviceEntry device) {
        if (device == null) {
            return false;
        }
        Registration r = device.client().policy().registration();
        return r != null && r.hostEvents() != null;
    }

    /** The host as the store keeps it: brackets of an IPv6 literal removed, normalised, at most 253 characters. */
    private static String host(String raw) {
        String h = raw.strip();
        if (h.length() > 1 && h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return clip(Domains.normalise(h), BlockEvent.MAX_HOST);
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    /** Adds {@code n} to the counter of {@code key}; false if the key is new and the counter table is full. */
    private boolean add(Key key, long n) {
        for (;;) {
            AtomicLong counter = counters.get(key);
            if (counter == null) {
                if (counterKeys.incrementAndGet() > maxCounters) {
                    counterKeys.decrementAndGet();
                    return false;
                }
                AtomicLong fresh = new AtomicLong(n);
                AtomicLong existing = counters.putIfAbsent(key, fresh);
                if (existing == null) {
                    return true;
                }
                counterKeys.decrementAndGet();
                counter = existing;
            }
            for (long v = counter.get(); v != SEALED; v = counter.get()) {
                if (counter.compareAndSet(v, v + n)) {
                    return true;
                }
            }
            // a flush took this counter: help remove it, then start over with a new one
            if (counters.remove(key, counter)) {
                counterKeys.decrementAndGet();
            }
        }
    }

    private void offer(BlockEvent event) {
        if (queuedEvents.incrementAndGet() > maxEvents) {
            queuedEvents.decrementAndGet();
            droppedEvents.increment();
            metrics.eventDropped();
            return;
        }
        events.add(event);
    }

    // ---- flushing ----------------------------------------------------------------------------------------

    /**
     * Drains the counters and the event queue into one batch and hands it to the sink (not at all when there is
     * nothing). Returns {@code true} when the sink took the batch or there was nothing to flush; {@code false} when
     * the sink threw, in which case the batch was put back (as far as the bounds allow) for the next flush.
     */
    public boolean flush() {
        synchronized (flushLock) {
            BlockBatch batch = drain();
            if (batch.isEmpty()) {
                return true;
            }
            try {
                sink.accept(batch);
            } catch (RuntimeException e) {
                restore(batch);
                metrics.flushFailed();
                LOG.warn("could not store block statistics, keeping {} counts and {} events for the next flush: {}",
                        batch.counts().size(), batch.events().size(), e.toString());
                return false;
            }
            metrics.flushed(batch.counts().size(), batch.events().size());
            return true;
        }
    }

    private BlockBatch drain() {
        List<BlockCount> counts = new ArrayList<>();
        for (Map.Entry<Key, AtomicLong> e : counters.entrySet()) {
            AtomicLong counter = e.getValue();
            long n = counter.getAndSet(SEALED);
            if (n == SEALED) {
                continue;
            }
            if (counters.remove(e.getKey(), counter)) {
                counterKeys.decrementAndGet();
            }
            Key k = e.getKey();
            counts.add(new BlockCount(k.registrationId(), k.day(), k.category(), n));
        }
        List<BlockEvent> drained = new ArrayList<>();
        for (BlockEvent e = events.poll(); e != null; e = events.poll()) {
            queuedEvents.decrementAndGet();
            drained.add(e);
        }
        return new BlockBatch(counts, drained);
    }

    /** Puts a batch the sink refused back, merging counts with those collected meanwhile. */
    private void restore(BlockBatch batch) {
        long lostBlocks = 0;
        for (BlockCount n : batch.counts()) {
            if (!add(new Key(n.registrationId(), n.day(), n.category()), n.blocks())) {
                lostBlocks += n.blocks();
            }
        }
        if (lostBlocks > 0) {
            droppedBlocks.add(lostBlocks);
            metrics.blocksDropped(lostBlocks);
        }
        for (BlockEvent e : batch.events()) {
            offer(e);
        }
    }

    /**
     * Flushes every {@code interval} (after the previous flush ended) on one daemon thread, until {@link #close()}.
     *
     * @throws IllegalArgumentException when {@code interval} is not positive
     * @throws IllegalStateException    when already started or closed
     */
    public synchronized void start(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the flush interval must be positive, not " + interval);
        }
        if (closed) {
            throw new IllegalStateException("the block statistics recorder is closed");
        }
        if (scheduler != null) {
            throw new IllegalStateException("the block statistics recorder is already started");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vangnet-block-stats");
            t.setDaemon(true);
            return t;
        });
        long nanos = interval.toNanos();
        scheduler.scheduleWithFixedDelay(this::scheduledFlush, nanos, nanos, TimeUnit.NANOSECONDS);
    }

    /** A periodic flush; never lets an exception end the schedule. */
    private void scheduledFlush() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("block statistics flush failed: {}", e.toString());
        }
    }

    /**
     * Stops the periodic flushes (waiting for one in progress) and flushes once more; idempotent. What the sink
     * refuses now is lost, and said so in the log.
     */
    @Override
    public void close() {
        ScheduledExecutorService s;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            s = scheduler;
        }
        if (s != null) {
            s.shutdown();
        }
        if (!flush()) {
            LOG.warn("block statistics of this node could not be stored before it stopped: {} counts and {} events"
                    + " are lost", counterKeys.get(), queuedEvents.get());
        }
    }

    // ---- observation ---------------------------------------------------------------------------------------

    /** Blocked requests not counted because the counter table was full (since the start). */
    public long droppedBlocks() {
        return droppedBlocks.sum();
    }

    /** Per-host events not kept because the queue was full (since the start). */
    public long droppedEvents() {
        return droppedEvents.sum();
    }

    /** Counter keys waiting for the next flush. */
    public int pendingCounters() {
        return counterKeys.get();
    }

    /** Per-host events waiting for the next flush. */
    public int pendingEvents() {
        return queuedEvents.get();
    }
}
