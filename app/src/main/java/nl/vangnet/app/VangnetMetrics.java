package nl.vangnet.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyAllocatorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.buffer.PooledByteBufAllocator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import nl.vangnet.admin.MetricsScrape;
import nl.vangnet.admin.RequestMetrics;
import nl.vangnet.app.firewall.FirewallMetrics;
import nl.vangnet.config.model.Basis;
import nl.vangnet.config.policy.DeviceEntry;
import nl.vangnet.config.policy.EffectiveReason;
import nl.vangnet.config.policy.PolicySnapshot;
import nl.vangnet.config.policy.RegistrationCounts;
import nl.vangnet.config.policy.SnapshotPublisher;
import nl.vangnet.config.store.ChangeListener;
import nl.vangnet.proxy.TrafficMetrics;
import nl.vangnet.proxy.decision.Decision;
import nl.vangnet.proxy.decision.DecisionObserver;
import nl.vangnet.proxy.decision.Kind;
import nl.vangnet.proxy.decision.RequestFacts;
import nl.vangnet.proxy.identify.LeaseMetrics;
import nl.vangnet.proxy.lists.ListMetrics;
import nl.vangnet.proxy.littleproxy.ListenerMetrics;
import nl.vangnet.proxy.transparent.TransparentMetrics;
import nl.vangnet.proxy.net.Refusal;
import nl.vangnet.proxy.page.AgreementsMetrics;
import nl.vangnet.proxy.stats.BlockStatsMetrics;

/**
 * Vangnet's metrics in one Prometheus registry: the Micrometer implementations of the small metric interfaces of
 * the proxy (listener, traffic, decisions, lists, leases, block statistics), the nftables sync, snapshot gauges, the
 * admin node's registration, audit and request meters, JVM and Netty allocator metrics. Histograms publish Prometheus
 * buckets only (no client-side percentiles). Every meter
 * is documented in {@code docs/metrics.md}. No meter has a per-client label: labels are outcomes, reasons, kinds
 * and list ids only. Thread-safe.
 */
final class VangnetMetrics implements MetricsScrape {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Counter> lazyCounters = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> listEntries = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> listLoaded = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> listLastSuccess = new ConcurrentHashMap<>();
    private final Map<String, TrafficMetrics> traffic = new ConcurrentHashMap<>();
    private final AtomicLong listNames = new AtomicLong();
    private final AtomicLong listHeapBytes = new AtomicLong();
    private final AtomicLong leases = new AtomicLong();
    /** The buckets of the admin request histogram: the Prometheus client libraries' default buckets. */
    static final List<Duration> PROMETHEUS_BUCKETS = List.of(Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10));

    VangnetMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        bindNettyAllocator(registry);
        Gauge.builder("vangnet.lists.names", listNames, AtomicLong::get)
                .description("Distinct names (domains, hosts, URL prefixes) in the list index now serving")
                .register(registry);
        Gauge.builder("vangnet.lists.heap", listHeapBytes, AtomicLong::get).baseUnit("bytes")
                .description("Heap held by the list index now serving").register(registry);
        Gauge.builder("vangnet.dhcp.leases", leases, AtomicLong::get)
                .description("Active leases read from the DHCP lease file at the last successful read")
                .register(registry);
    }

    /**
     * Netty's allocator metrics ({@code netty_allocator_*}) for the allocator the listeners use: Netty's default
     * (adaptive in Netty 4.2, unless {@code -Dio.netty.allocator.type} says otherwise), plus the pooled default
     * allocator when that is the one in use.
     */
    private static void bindNettyAllocator(MeterRegistry registry) {
        registry.config().meterFilter(NETTY_HELP);
        ByteBufAllocator inUse = ByteBufAllocator.DEFAULT;
        if (inUse instanceof ByteBufAllocatorMetricProvider provider) {
            new NettyAllocatorMetrics(provider).bindTo(registry);
        } else if (inUse == PooledByteBufAllocator.DEFAULT) {
            new NettyAllocatorMetrics(PooledByteBufAllocator.DEFAULT).bindTo(registry);
        }
    }

    /** Micrometer's Netty binder registers its meters without a description (an empty HELP line): add one. */
    private static final MeterFilter NETTY_HELP = new MeterFilter() {
        private final Map<String, String> help = Map.of(
                "netty.allocator.memory.used", "Bytes held by the Netty allocator the listeners use",
                "netty.allocator.memory.pinned", "Bytes of the Netty allocator's memory pinned by buffers in use",
                "netty.allocator.pooled.arenas", "Arenas of the pooled Netty allocator",
                "netty.allocator.pooled.cache.size", "Cache sizes of the pooled Netty allocator",
                "netty.allocator.pooled.threadlocal.caches", "Thread-local caches of the pooled Netty allocator",
                "netty.allocator.pooled.chunk.size", "Chunk size of the pooled Netty allocator");

        @Override
        public Meter.Id map(Meter.Id id) {
            if (id.getDescription() != null || !id.getName().startsWith("netty.allocator.")) {
                return id;
            }
            return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(),
                    help.getOrDefault(id.getName(), "Netty allocator metric (Micrometer NettyAllocatorMetrics)"),
                    id.getType());
        }
    };

    MeterRegistry registry() {
        return registry;
    }

    @Override
    public String scrape(String accept) {
        return accept != null && accept.contains("application/openmetrics-text")
                ? registry.scrape("application/openmetrics-text; version=1.0.0; charset=utf-8")
                : registry.scrape();
    }

    private Counter counter(String name, String description, String... tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    /** Adds one to a counter made on first use (I/O-thread fast path: one map lookup). */
    private void count(String name, String description, String... tags) {
        countBy(1, name, description, tags);
    }

    /** Adds {@code amount} to a counter made on first use. */
    private void countBy(double amount, String name, String description, String... tags) {
        lazyCounters.computeIfAbsent(name + '/' + String.join("/", tags), k -> counter(name, description, tags))
                .increment(amount);
    }

    private static String label(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** Gauges of the policy snapshot and the store connection. */
    void bindSnapshots(SnapshotPublisher publisher) {
        Gauge.builder("vangnet.snapshot.version", publisher, p -> p.current().version())
                .description("Version of the policy snapshot this node serves").register(registry);
        Gauge.builder("vangnet.snapshot.data.version", publisher, p -> p.current().dataVersion())
                .description("Store data version the serving snapshot was compiled from").register(registry);
        Gauge.builder("vangnet.snapshot.compiled", publisher,
                p -> p.current().compiledAt().toEpochMilli() / 1000.0).baseUnit("seconds")
                .description("When the serving snapshot was compiled (Unix time)").register(registry);
        Gauge.builder("vangnet.snapshot.restricted.clients", publisher, p -> p.current().restrictedCount())
                .description("Clients with a restriction in effect in the serving snapshot").register(registry);
        Gauge.builder("vangnet.snapshot.evaluation.warnings", publisher, VangnetMetrics::warnings)
                .description("Registrations in effect whose evaluation is due within the warning period")
                .register(registry);
        Gauge.builder("vangnet.snapshot.load.consecutive.failures", publisher, SnapshotPublisher::consecutiveFailures)
                .description("Failed loads from the store since the last success (0 = store reachable)")
                .register(registry);
        Gauge.builder("vangnet.store.up", publisher, p -> p.storeUp() ? 1 : 0)
                .description("Whether the last contact with the store (data-version probe or load) worked: 1 up,"
                        + " 0 down (the node serves its last good snapshot)").register(registry);
        Gauge.builder("vangnet.snapshot.last.success", publisher,
                p -> p.lastSuccess().map(t -> t.toEpochMilli() / 1000.0).orElse(0.0)).baseUnit("seconds")
                .description("When the store last answered: a load, or a probe that found the data current (Unix"
                        + " time; 0 = never)").register(registry);
    }

    /** Counts of the store's change notifications (PostgreSQL LISTEN/NOTIFY), by result; all results at 0 first. */
    ChangeListener.Metrics changes() {
        Map<ChangeListener.Result, Counter> byResult = new EnumMap<>(ChangeListener.Result.class);
        for (ChangeListener.Result r : ChangeListener.Result.values()) {
            byResult.put(r, counter("vangnet.snapshot.notifications",
                    "Change notifications from the store (PostgreSQL LISTEN/NOTIFY), by what they caused",
                    "result", r.label()));
        }
        return result -> byResult.get(result).increment();
    }

    private static double warnings(SnapshotPublisher p) {
        PolicySnapshot s = p.current();
        return s.clients().stream().filter(c -> c.policy().evaluationWarning()).count();
    }

    /** Gauges of the listener's open connections and tunnels. */
    void bindListener(Supplier<Integer> connections, Supplier<Integer> tunnels) {
        Gauge.builder("vangnet.proxy.open.connections", connections, s -> s.get())
                .strongReference(true) // the supplier lambda is only held here: a weak reference gives NaN
                .description("Open client connections to the explicit proxy").register(registry);
        Gauge.builder("vangnet.proxy.open.tunnels", tunnels, s -> s.get())
                .strongReference(true) // the supplier lambda is only held here: a weak reference gives NaN
                .description("Open CONNECT tunnels of restricted clients (re-checked on every change)")
                .register(registry);
    }

    /**
     * Decision outcomes, by outcome, reason and the list (category or {@code service:<id>}) that matched, if any;
     * unrestricted requests only as one count.
     */
    DecisionObserver decisions() {
        Counter unrestricted = counter("vangnet.decisions.unrestricted",
                "Requests of clients without a restriction in effect (passed through; nothing else is recorded)");
        Counter hits = counter("vangnet.decision.cache", "Decision cache lookups for restricted clients",
                "result", "hit");
        Counter misses = counter("vangnet.decision.cache", "Decision cache lookups for restricted clients",
                "result", "miss");
        Map<String, Counter> byOutcome = new ConcurrentHashMap<>();
        return new DecisionObserver() {
            @Override
            public void unrestricted() {
                unrestricted.increment();
            }

            @Override
            public void restricted(Decision decision, DeviceEntry device, RequestFacts facts) {
                String outcome = decision instanceof Decision.Block ? "block"
                        : decision instanceof Decision.Tunnel ? "tunnel" : "allow";
                String reason = label(decision.reason());
                String list = decision.trace().listId() == null ? "none" : decision.trace().listId();
                byOutcome.computeIfAbsent(outcome + "/" + reason + "/" + list, k -> counter(
                        "vangnet.decisions.restricted",
                        "Decisions for clients with a restriction in effect, by outcome, reason and matching list",
                        "outcome", outcome, "reason", reason, "list", list)).increment();
            }

            @Override
            public void cache(boolean hit) {
                (hit ? hits : misses).increment();
            }
        };
    }

    ListMetrics lists() {
        return new ListMetrics() {
            @Override
            public void loaded(String listId, int entries, long epochSecond) {
                counter("vangnet.list.loads", "List loads from the sources, by list and result", "list", listId,
                        "result", "ok").increment();
                gauge(listEntries, "vangnet.list.entries", null, "Entries of the list now serving", listId)
                        .set(entries);
                gauge(listLoaded, "vangnet.list.loaded", "seconds",
                        "When the list now serving was loaded (Unix time)", listId).set(epochSecond);
                gauge(listLastSuccess, "vangnet.list.last.success", "seconds",
                        "When the list was last loaded successfully (Unix time), also when its contents did not change",
                        listId).set(epochSecond);
            }

            @Override
            public void failed(String listId) {
                counter("vangnet.list.loads", "List loads from the sources, by list and result", "list", listId,
                        "result", "failed").increment();
            }

            @Override
            public void published(int size, long heapBytes) {
                listNames.set(size);
                listHeapBytes.set(heapBytes);
            }
        };
    }

    private AtomicLong gauge(Map<String, AtomicLong> values, String name, String unit, String description,
            String listId) {
        return values.computeIfAbsent(listId, id -> {
            AtomicLong v = new AtomicLong();
            Gauge.builder(name, v, AtomicLong::get).description(description).baseUnit(unit).tag("list", id)
                    .register(registry);
            return v;
        });
    }

    LeaseMetrics leases() {
        Counter ok = counter("vangnet.dhcp.reloads", "Reads of the DHCP lease file, by result", "result", "ok");
        Counter failed = counter("vangnet.dhcp.reloads", "Reads of the DHCP lease file, by result", "result",
                "failed");
        return new LeaseMetrics() {
            @Override
            public void reloaded(int count, int malformed) {
                ok.increment();
                leases.set(count);
            }

            @Override
            public void reloadFailed() {
                failed.increment();
            }
        };
    }

    BlockStatsMetrics blockStats() {
        Counter droppedBlocks = counter("vangnet.block.stats.dropped",
                "Blocks or per-host events not recorded because the in-memory bounds were full", "kind", "count");
        Counter droppedEvents = counter("vangnet.block.stats.dropped",
                "Blocks or per-host events not recorded because the in-memory bounds were full", "kind", "event");
        Counter flushed = counter("vangnet.block.stats.flushes", "Writes of block statistics to the store",
                "result", "ok");
        Counter failed = counter("vangnet.block.stats.flushes", "Writes of block statistics to the store",
                "result", "failed");
        return new BlockStatsMetrics() {
            @Override
            public void blocksDropped(long blocks) {
                droppedBlocks.increment(blocks);
            }

            @Override
            public void eventDropped() {
                droppedEvents.increment();
            }

            @Override
            public void flushed(int counts, int events) {
                flushed.increment();
            }

            @Override
            public void flushFailed() {
                failed.increment();
            }
        };
    }

    /** The nftables sync: applications by result, and the size of the restricted sets last applied. */
    FirewallMetrics firewall() {
        Counter ok = counter("vangnet.firewall.syncs", "Updates of the nftables restricted-device sets, by result",
                "result", "ok");
        Counter failed = counter("vangnet.firewall.syncs", "Updates of the nftables restricted-device sets, by result",
                "result", "failed");
        AtomicLong members = new AtomicLong();
        Gauge.builder("vangnet.firewall.restricted.members", members, AtomicLong::get)
                .description("Entries (addresses and MAC addresses) in the nftables restricted sets last applied")
                .register(registry);
        return new FirewallMetrics() {
            @Override
            public void applied(int count) {
                ok.increment();
                members.set(count);
            }

            @Override
            public void failed() {
                failed.increment();
            }
        };
    }

    /** "Mijn afspraken" pages served, by outcome only (never per client). */
    AgreementsMetrics agreements() {
        return new AgreementsMetrics() {
            @Override
            public void served(Outcome outcome) {
                count("vangnet.proxy.agreements.served",
                        "\"Mijn afspraken\" pages served, by what they showed (restricted: an agreement; unrestricted:"
                                + " none)", "outcome", label(outcome));
            }
        };
    }

    ListenerMetrics listener() {
        TrafficMetrics explicit = traffic("explicit", true);
        return new ListenerMetrics() {
            @Override
            public TrafficMetrics traffic() {
                return explicit;
            }

            @Override
            public void forwarded(Kind kind, boolean rerouted) {
                count("vangnet.proxy.forwarded", "Requests and tunnels passed upstream, by kind and SafeSearch reroute",
                        "kind", label(kind), "rerouted", Boolean.toString(rerouted));
            }

            @Override
            public void blocked(Kind kind) {
                count("vangnet.proxy.blocked", "Requests answered with the block page or tunnels refused",
                        "kind", label(kind));
            }

            @Override
            public void destinationRefused(Refusal refusal) {
                count("vangnet.proxy.destination.refused",
                        "Destinations refused for safety (inside addresses, the proxy itself, unresolvable)",
                        "refusal", label(refusal));
            }

            @Override
            public void rejected(Rejection rejection) {
                count("vangnet.proxy.rejected", "Requests rejected before a decision (limits, malformed, smuggling)",
                        "rejection", label(rejection));
            }

            @Override
            public void pacServed() {
                count("vangnet.proxy.pac.served", "PAC files (/proxy.pac, /wpad.dat) served");
            }

            @Override
            public void tunnelsClosed(int count) {
                countBy(count, "vangnet.proxy.tunnels.closed",
                        "Open tunnels closed because a re-check now blocks them");
            }

            @Override
            public void policyFailed() {
                count("vangnet.proxy.policy.failures",
                        "Requests passed through unchanged because the policy failed (default open)");
            }
        };
    }

    /** Gauges of the transparent listeners' open connections and tunnels. */
    void bindTransparent(Supplier<Integer> connections, Supplier<Integer> tunnels) {
        Gauge.builder("vangnet.transparent.open.connections", connections, s -> s.get())
                .strongReference(true) // the supplier lambda is only held here: a weak reference gives NaN
                .description("Open client connections to the transparent listeners (HTTP and TLS)").register(registry);
        Gauge.builder("vangnet.transparent.open.tunnels", tunnels, s -> s.get())
                .strongReference(true) // the supplier lambda is only held here: a weak reference gives NaN
                .description("Open transparent TLS tunnels of restricted clients (re-checked on every change)")
                .register(registry);
    }

    TransparentMetrics transparent() {
        TrafficMetrics http = traffic("transparent_http", true);
        TrafficMetrics tls = traffic("transparent_tls", false);
        return new TransparentMetrics() {
            @Override
            public TrafficMetrics httpTraffic() {
                return http;
            }

            @Override
            public TrafficMetrics tlsTraffic() {
                return tls;
            }

            @Override
            public void forwarded(Kind kind, Route route) {
                count("vangnet.transparent.forwarded",
                        "Transparent TLS connections spliced and HTTP requests relayed, by kind and route",
                        "kind", label(kind), "route", label(route));
            }

            @Override
            public void blocked(Kind kind, boolean blockPage) {
                count("vangnet.transparent.blocked",
                        "Transparent connections and requests blocked, by kind and whether a block page was shown",
                        "kind", label(kind), "block_page", Boolean.toString(blockPage));
            }

            @Override
            public void hello(HelloOutcome outcome) {
                count("vangnet.transparent.hello", "What the first bytes on the transparent TLS listener were",
                        "outcome", label(outcome));
            }

            @Override
            public void destinationRefused(Refusal refusal) {
                count("vangnet.transparent.destination.refused",
                        "Transparent destinations refused for safety or because they did not resolve",
                        "refusal", label(refusal));
            }

            @Override
            public void rejected(Rejection rejection) {
                count("vangnet.transparent.rejected",
                        "Transparent connections or requests turned away before a decision", "rejection",
                        label(rejection));
            }

            @Override
            public void upstreamFailed() {
                count("vangnet.transparent.upstream.failures",
                        "Transparent upstream connections that could not be made (refused, timed out)");
            }

            @Override
            public void tunnelsClosed(int count) {
                countBy(count, "vangnet.transparent.tunnels.closed",
                        "Open transparent TLS tunnels closed because a re-check now blocks them");
            }

            @Override
            public void policyFailed() {
                count("vangnet.transparent.policy.failures",
                        "Transparent connections passed through because the policy failed (default open)");
            }
        };
    }

    /**
     * The registration gauges ({@code vangnet_registrations}, {@code vangnet_registrations_in_effect},
     * {@code vangnet_evaluations_due_soon}, {@code vangnet_evaluations_overdue}), reading the counts last given to
     * the returned consumer (0 everywhere before the first). The state-and-basis series are fixed; the location
     * series follow the locations of the last counts: a location that disappears drops its series. Call the consumer
     * from one thread at a time.
     */
    Consumer<RegistrationCounts> registrations() {
        AtomicReference<RegistrationCounts> current = new AtomicReference<>(RegistrationCounts.EMPTY);
        MultiGauge byState = MultiGauge.builder("vangnet.registrations")
                .description("Registrations by state (ACTIVE, NOT_STARTED, EVALUATION_OVERDUE, ENDED, WITHDRAWN)"
                        + " and legal basis").register(registry);
        MultiGauge inEffect = MultiGauge.builder("vangnet.registrations.in.effect")
                .description("Registrations in effect (state ACTIVE) by legal basis and location").register(registry);
        MultiGauge dueSoon = MultiGauge.builder("vangnet.evaluations.due.soon")
                .description("Clients whose registration in effect is due for evaluation within limits.warning-days,"
                        + " by location").register(registry);
        MultiGauge overdue = MultiGauge.builder("vangnet.evaluations.overdue")
                .description("Registrations lapsed because their evaluation date passed without an evaluation, by"
                        + " location").register(registry);
        List<MultiGauge.Row<?>> stateRows = new ArrayList<>();
        for (EffectiveReason state : RegistrationCounts.STATES) {
            for (Basis basis : Basis.values()) {
                stateRows.add(MultiGauge.Row.of(Tags.of("state", state.name(), "basis", basis.name()), current,
                        c -> c.get().registrations(state, basis)));
            }
        }
        byState.register(stateRows);
        return counts -> {
            current.set(counts);
            List<MultiGauge.Row<?>> effectRows = new ArrayList<>();
            List<MultiGauge.Row<?>> dueRows = new ArrayList<>();
            List<MultiGauge.Row<?>> overdueRows = new ArrayList<>();
            for (String location : counts.locations()) {
                for (Basis basis : Basis.values()) {
                    effectRows.add(MultiGauge.Row.of(Tags.of("basis", basis.name(), "location", location), current,
                            c -> c.get().inEffect(basis, location)));
                }
                dueRows.add(MultiGauge.Row.of(Tags.of("location", location), current,
                        c -> c.get().dueSoon(location)));
                overdueRows.add(MultiGauge.Row.of(Tags.of("location", location), current,
                        c -> c.get().overdue(location)));
            }
            // no overwrite: the rows read the reference, so a series that stays is never removed and re-added (a
            // scrape in between would miss it); rows not given any more are removed either way
            inEffect.register(effectRows, false);
            dueSoon.register(dueRows, false);
            overdue.register(overdueRows, false);
        };
    }

    /**
     * The audit gauges: chain length ({@code vangnet_audit_events}, the data version of the serving snapshot, which is
     * the audit log's last sequence number: sequence numbers are gap-free from 1), and the last verify's result and
     * time ({@code NaN} until the first verify).
     */
    Consumer<AdminMetrics.AuditVerifyResult> audit(SnapshotPublisher publisher) {
        AtomicReference<AdminMetrics.AuditVerifyResult> last = new AtomicReference<>();
        Gauge.builder("vangnet.audit.events", publisher, p -> p.current().dataVersion())
                .description("Events in the audit log's hash chain (its last sequence number), as of the serving"
                        + " snapshot").register(registry);
        Gauge.builder("vangnet.audit.verify.ok", last, r -> r.get() == null ? Double.NaN
                        : r.get().verification().ok() ? 1 : 0)
                .description("Whether the last audit chain verify found every link intact (1) or a break (0)")
                .register(registry);
        Gauge.builder("vangnet.audit.verify", last, r -> r.get() == null ? Double.NaN
                        : r.get().at().toEpochMilli() / 1000.0).baseUnit("seconds")
                .description("When the audit chain was last verified (Unix time)").register(registry);
        return last::set;
    }

    /**
     * The admin API's request histogram {@code vangnet_admin_request_duration_seconds{route, method, status}}, with
     * the Prometheus default buckets ({@link #PROMETHEUS_BUCKETS}). Routes are path templates, so the label sets are
     * bounded by the route table.
     */
    RequestMetrics adminRequests() {
        Map<String, Timer> timers = new ConcurrentHashMap<>();
        Duration[] buckets = PROMETHEUS_BUCKETS.toArray(Duration[]::new);
        return (route, method, status, durationNanos) -> {
            String code = RequestMetrics.statusLabel(status);
            timers.computeIfAbsent(route + ' ' + method + ' ' + code, k -> Timer
                    .builder("vangnet.admin.request.duration")
                    .description("Admin API requests by route template, method and status, from the start of"
                            + " handling to the final status")
                    .tags("route", route, "method", method, "status", code)
                    .serviceLevelObjectives(buckets).minimumExpectedValue(buckets[0])
                    .maximumExpectedValue(buckets[buckets.length - 1])
                    .register(registry)).record(Math.max(0, durationNanos), TimeUnit.NANOSECONDS);
        };
    }

    /**
     * The traffic meters of one listener, made once with every label value (so they exist from the start at 0):
     * request latency by decision (when {@code requests}), upstream connect latency and failures by cause, relayed
     * bytes by direction. {@code listener} is a fixed name ({@code explicit}, {@code transparent_http},
     * {@code transparent_tls}), never client data. The returned instance does no lookups per call.
     */
    private TrafficMetrics traffic(String listener, boolean requests) {
        return traffic.computeIfAbsent(listener, l -> {
            EnumMap<TrafficMetrics.Outcome, Timer> byOutcome = new EnumMap<>(TrafficMetrics.Outcome.class);
            if (requests) {
                for (TrafficMetrics.Outcome o : TrafficMetrics.Outcome.values()) {
                    byOutcome.put(o, Timer.builder("vangnet.proxy.request.duration")
                            .description("Decided plain-HTTP requests, from the request head received to the response"
                                    + " head or block page written, by listener and decision")
                            .tags("listener", l, "decision", label(o))
                            .publishPercentileHistogram()
                            .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
                            .register(registry));
                }
            }
            Timer connect = Timer.builder("vangnet.upstream.connect.duration")
                    .description("Upstream TCP connects that succeeded, from connect call to established, by listener")
                    .tags("listener", l)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                    .register(registry);
            EnumMap<TrafficMetrics.ConnectFailure, Counter> failures =
                    new EnumMap<>(TrafficMetrics.ConnectFailure.class);
            for (TrafficMetrics.ConnectFailure c : TrafficMetrics.ConnectFailure.values()) {
                failures.put(c, counter("vangnet.upstream.connect.failures",
                        "Upstream TCP connects that failed, by listener and cause", "listener", l, "cause",
                        label(c)));
            }
            EnumMap<TrafficMetrics.Direction, Counter> bytes = new EnumMap<>(TrafficMetrics.Direction.class);
            for (TrafficMetrics.Direction d : TrafficMetrics.Direction.values()) {
                bytes.put(d, Counter.builder("vangnet.relayed").baseUnit("bytes")
                        .description("Bytes relayed on upstream connections (requests, responses, tunnels), by"
                                + " listener and direction")
                        .tags("listener", l, "direction", label(d)).register(registry));
            }
            return new TrafficMetrics() {
                @Override
                public void requestCompleted(Outcome outcome, long nanos) {
                    Timer t = byOutcome.get(outcome);
                    if (t != null) {
                        t.record(nanos, TimeUnit.NANOSECONDS);
                    }
                }

                @Override
                public void upstreamConnected(long nanos) {
                    connect.record(nanos, TimeUnit.NANOSECONDS);
                }

                @Override
                public void upstreamConnectFailed(ConnectFailure cause) {
                    failures.get(cause).increment();
                }

                @Override
                public void relayed(Direction direction, long count) {
                    bytes.get(direction).increment(count);
                }
            };
        });
    }
}
