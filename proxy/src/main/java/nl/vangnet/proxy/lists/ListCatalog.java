package nl.vangnet.proxy.lists;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured block lists, loaded in the background: at {@link #start()}, every
 * {@link CatalogSettings#interval()} after that, and on {@link #reload()}. A reload reads every source and builds a
 * new {@link CompactListIndex}; {@link #current()} returns the old one until the new one is complete. A list whose
 * source fails keeps its previous contents (if it had any); the failure is logged (WARN), counted
 * ({@link ListMetrics#failed}) and shown in {@link #status()}. Reloads run one at a time on one daemon thread;
 * requests made while one is waiting to start share it.
 *
 * <p>Thread-safe. {@link #current()} is a volatile read, cheap enough for every request.
 */
public final class ListCatalog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ListCatalog.class);

    private final CatalogSettings settings;
    private final ListMetrics metrics;
    private final Clock clock;
    private final ListLoader loader;
    private final ScheduledThreadPoolExecutor executor;
    private final AtomicReference<ListIndex> current = new AtomicReference<>(ListIndex.empty());
    private final List<Consumer<ListIndex>> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private volatile Map<String, ListStatus> statuses;
    private volatile List<String> statusOrder;

    // Guarded by lock.
    private CompletableFuture<ReloadReport> pending;
    private boolean started;
    private boolean closed;

    // Only touched on the loader thread.
    private CompactListIndex compact;
    private final Map<String, List<String>> servicesBySource = new LinkedHashMap<>();

    /** A catalog that reads real files and URLs, with no metrics and the system clock. */
    public ListCatalog(CatalogSettings settings) {
        this(settings, ListMetrics.NONE, Clock.systemUTC());
    }

    /** A catalog that reads real files and URLs. */
    public ListCatalog(CatalogSettings settings, ListMetrics metrics, Clock clock) {
        this(settings, metrics, clock, new SourceFetcher(settings.limits()));
    }

    ListCatalog(CatalogSettings settings, ListMetrics metrics, Clock clock, SourceOpener opener) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.loader = new ListLoader(opener, settings.limits().maxBytes());
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "vangnet-lists");
            t.setDaemon(true);
            return t;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        Map<String, ListStatus> initial = new LinkedHashMap<>();
        for (ListConfig c : settings.lists()) {
            initial.put(c.id(), new ListStatus(c.id(), c.sources(), 0, 0, 0, List.of(), null, null));
        }
        for (String spec : settings.services()) {
            String id = ListSource.parse(spec).spec();
            initial.put(id, new ListStatus(id, List.of(id), 0, 0, 0, List.of(), null, null));
        }
        this.statuses = Map.copyOf(initial);
        this.statusOrder = List.copyOf(initial.keySet());
    }

    /**
     * Starts loading in the background, then reloads every {@link CatalogSettings#interval()}. Until the first
     * load completes, {@link #current()} is {@link ListIndex#empty()} (so nothing is blocked by a list).
     *
     * @return the outcome of the first load
     * @throws IllegalStateException if already started or closed
     */
    public CompletableFuture<ReloadReport> start() {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the list catalog is closed");
            }
            if (started) {
                throw new IllegalStateException("the list catalog was already started");
            }
            started = true;
            long ms = settings.interval().toMillis();
            executor.scheduleWithFixedDelay(this::reload, ms, ms, TimeUnit.MILLISECONDS);
        }
        return reload();
    }

    /**
     * Reloads every list in the background. If a reload is already waiting to start, this returns (a copy of) its
     * future; one that is running is not interrupted, and another reload is queued after it.
     *
     * @return completes with the report when the new index is in use (or when every source failed); fails with
     *         {@link CancellationException} if the catalog is closed first
     */
    public CompletableFuture<ReloadReport> reload() {
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("the list catalog is closed"));
            }
            if (pending == null) {
                CompletableFuture<ReloadReport> f = new CompletableFuture<>();
                pending = f;
                executor.execute(() -> run(f));
            }
            return pending.copy();
        }
    }

    /** The index in use now: {@link ListIndex#empty()} until the first load has completed. */
    public ListIndex current() {
        return current.get();
    }

    /**
     * Per list, in configuration order (categories, then per services source its summary and its services): id,
     * sources, entries, skipped lines, when loaded, the last failure.
     */
    public List<ListStatus> status() {
        Map<String, ListStatus> s = statuses;
        List<ListStatus> out = new ArrayList<>();
        for (String id : statusOrder) {
            ListStatus st = s.get(id);
            if (st != null) {
                out.add(st);
            }
        }
        return List.copyOf(out);
    }

    /**
     * Calls {@code listener} with every index published after this call, on the loader thread; it should return
     * quickly. An exception it throws is logged and otherwise ignored.
     */
    public void addListener(Consumer<ListIndex> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Stops the schedule and the loader thread: a download in progress is cancelled, a reload in progress stops
     * without publishing or reporting anything, and its future and that of a waiting reload fail with
     * {@link CancellationException}. {@link #current()} keeps returning the last index.
     */
    @Override
    public void close() {
        CompletableFuture<ReloadReport> waiting;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            waiting = pending;
            pending = null;
        }
        executor.shutdownNow();
        if (waiting != null) {
            waiting.completeExceptionally(new CancellationException("the list catalog was closed"));
        }
    }

    private void run(CompletableFuture<ReloadReport> f) {
        synchronized (lock) {
            if (pending == f) {
                pending = null;
            }
            if (closed) {
                f.completeExceptionally(new CancellationException("the list catalog was closed"));
                return;
            }
        }
        try {
            f.complete(reloadNow());
        } catch (CancellationException e) {
            f.completeExceptionally(e);
        } catch (RuntimeException | Error e) {
            LOG.error("List reload failed unexpectedly; the lists in use stay as they were", e);
            f.completeExceptionally(e);
        }
    }

    /** One reload, on the loader thread. */
    private ReloadReport reloadNow() {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        Map<String, ListContent> fresh = new LinkedHashMap<>();
        Map<String, ListFailure> failed = new LinkedHashMap<>();
        Map<String, ListStatus> next = new LinkedHashMap<>(statuses);
        List<String> order = new ArrayList<>();

        for (ListConfig c : settings.lists()) {
            order.add(c.id());
            checkOpen();
            try {
                ListLoader.Loaded l = loader.load(c.parsedSources());
                fresh.put(c.id(), l.content());
                next.put(c.id(), loadedStatus(c.id(), c.sources(), l.content().size(), l.log(), started));
                metrics.loaded(c.id(), l.content().size(), started.getEpochSecond());
                logProblems(c.id(), l.log());
            } catch (IOException | RuntimeException e) {
                checkOpen();
                fail(c.id(), e, started, next, failed);
            }
        }

        Set<String> claimed = new HashSet<>();
        List<String> serviceOrder = new ArrayList<>();
        for (String spec : settings.services()) {
            ListSource source = ListSource.parse(spec);
            String sid = source.spec();
            order.add(sid);
            checkOpen();
            try {
                ServicesJson.Parsed p = loader.loadServices(source);
                List<String> ids = new ArrayList<>();
                int entries = 0;
                for (Map.Entry<String, ListContent> e : p.lists().entrySet()) {
                    String id = e.getKey();
                    if (!claimed.add(id)) {
                        p.fileLog().malformed(sid, 0, id, "service '" + id + "' is already defined by an earlier"
                                + " services source, which is used");
                        continue;
                    }
                    ids.add(id);
                    ListContent content = e.getValue();
                    ImportLog log = p.logs().get(id);
                    fresh.put(id, content);
                    entries += content.size();
                    next.put(id, loadedStatus(id, List.of(sid), content.size(), log, started));
                    metrics.loaded(id, content.size(), started.getEpochSecond());
                }
                for (String gone : servicesBySource.getOrDefault(sid, List.of())) {
                    if (!ids.contains(gone)) {
                        next.remove(gone);
                    }
                }
                servicesBySource.put(sid, List.copyOf(ids));
                next.put(sid, loadedStatus(sid, List.of(sid), entries, summary(p), started));
                metrics.loaded(sid, entries, started.getEpochSecond());
                logProblems(sid, summary(p));
            } catch (IOException | RuntimeException e) {
                checkOpen();
                fail(sid, e, started, next, failed);
                for (String id : servicesBySource.getOrDefault(sid, List.of())) {
                    if (claimed.add(id)) {
                        fail(id, e, started, next, null);
                    }
                }
            }
            for (String id : servicesBySource.getOrDefault(sid, List.of())) {
                order.add(id);
                serviceOrder.add(id);
            }
        }

        checkOpen();
        CompactListIndex published = compact;
        if (!fresh.isEmpty()) {
            published = build(fresh);
            compact = published;
            current.set(published);
        }
        statuses = Map.copyOf(next);
        statusOrder = List.copyOf(order);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        int size = published == null ? 0 : published.size();
        long bytes = published == null ? 0 : published.heapBytes();
        List<String> loaded = new ArrayList<>(fresh.keySet());
        loaded.removeAll(serviceOrder);
        for (String spec : settings.services()) {
            String sid = ListSource.parse(spec).spec();
            if (!failed.containsKey(sid)) {
                loaded.add(sid);
            }
        }
        if (published != null && !fresh.isEmpty()) {
            LOG.info("Lists loaded in {} ms: index version {}, {} lists, {} names, {} bytes ({} B/name){}",
                    took.toMillis(), published.version(), published.listIds().size(), size, bytes,
                    size == 0 ? 0 : String.format(java.util.Locale.ROOT, "%.1f", (double) bytes / size),
                    failed.isEmpty() ? "" : "; kept the previous contents of " + failed.keySet());
            metrics.published(size, bytes);
            for (Consumer<ListIndex> l : listeners) {
                try {
                    l.accept(published);
                } catch (RuntimeException e) {
                    LOG.warn("A list index listener failed", e);
                }
            }
        }
        return new ReloadReport(published == null ? 0 : published.version(), started, took, loaded, failed, size,
                bytes);
    }

    /** Stops a reload once the catalog is closed: nothing more is read, reported or published. */
    private void checkOpen() {
        synchronized (lock) {
            if (closed) {
                throw new CancellationException("the list catalog was closed");
            }
        }
    }

    private CompactListIndex build(Map<String, ListContent> fresh) {
        CompactListIndex base = compact;
        long version = base == null ? 1 : base.version() + 1;
        CompactListIndex.Builder b = base == null ? CompactListIndex.builder(version)
                : CompactListIndex.builder(version, base);
        List<String> ids = new ArrayList<>();
        for (ListConfig c : settings.lists()) {
            ids.add(c.id());
        }
        for (List<String> s : servicesBySource.values()) {
            ids.addAll(s);
        }
        for (String id : ids) {
            ListContent c = fresh.get(id);
            if (c != null) {
                b.put(id, c);
            } else if (base != null && base.listIds().contains(id)) {
                b.keep(id);
            }
        }
        return b.build();
    }

    private void fail(String id, Exception e, Instant at, Map<String, ListStatus> next,
            Map<String, ListFailure> failed) {
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getName();
        ListFailure failure = new ListFailure(message, at);
        if (failed != null) {
            failed.put(id, failure);
        }
        ListStatus old = next.get(id);
        if (old == null) {
            old = new ListStatus(id, List.of(), 0, 0, 0, List.of(), null, null);
        }
        next.put(id, new ListStatus(id, old.sources(), old.entries(), old.malformed(), old.unsupported(),
                old.problems(), old.loadedAt(), failure));
        metrics.failed(id);
        if (failed != null) {
            if (old.loaded()) {
                LOG.warn("List '{}' could not be reloaded; keeping its {} entries loaded at {}: {}", id,
                        old.entries(), old.loadedAt(), message);
            } else {
                LOG.warn("List '{}' could not be loaded; it is not in use: {}", id, message);
            }
        }
    }

    private static ListStatus loadedStatus(String id, List<String> sources, int entries, ImportLog log,
            Instant at) {
        return new ListStatus(id, sources, entries, log.malformed(), log.unsupported(), log.problems(), at, null);
    }

    /** One log for a services source: its own problems, then those of its services. */
    private static ImportLog summary(ServicesJson.Parsed p) {
        ImportLog sum = new ImportLog();
        List<ImportLog> logs = new ArrayList<>();
        logs.add(p.fileLog());
        logs.addAll(p.logs().values());
        sum.addAll(logs);
        return sum;
    }

    private static void logProblems(String id, ImportLog log) {
        if (log.skipped() > 0) {
            LOG.info("List '{}': skipped {} malformed and {} unsupported lines; first: {}", id, log.malformed(),
                    log.unsupported(), log.problems().get(0));
        }
    }
}
