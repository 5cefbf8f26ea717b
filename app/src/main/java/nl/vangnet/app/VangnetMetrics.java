package nl.vangnet.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import nl.vangnet.admin.MetricsScrape;
import nl.vangnet.app.firewall.FirewallMetrics;
import nl.vangnet.config.policy.DeviceEntry;
import nl.vangnet.config.policy.PolicySnapshot;
import nl.vangnet.config.policy.SnapshotPublisher;
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
 * the proxy (listener, traffic, decisions, lists, leases, block statistics), the nftables sync, snapshot gauges, JVM
 * and Netty allocator metrics. Histograms publish Prometheus buckets only (no client-side percentiles). Every meter
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
    }

    private static double warnings(SnapshotPublisher p) {
        PolicySnapshot s = p.current();
        return s.clients().stream().filter(c -> c.policy().evaluationWarning()).count();
    }

    /** Gauges of the listener's open connections and tunnels. */
    void bindListener(Supplier<Integer> connections, Supplier<Integer> tunnels) {
        Gauge.builder("vangnet.proxy.open.connections", connections, s -> s.get()).strongReference(true)
                .description("Open client connections to the explicit proxy").register(registry);
        Gauge.builder("vangnet.proxy.open.tunnels", tunnels, s -> s.get()).strongReference(true)
                .description("Open CONNECT tunnels of restricted clients (re-checked on every change)")
                .register(registry);
    }

    /** Decision outcomes, by outcome and reason; unrestricted requests only as one count. */
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
                byOutcome.computeIfAbsent(outcome + "/" + reason, k -> counter("vangnet.decisions.restricted",
                        "Decisions for clients with a restriction in effect, by outcome and reason",
                        "outcome", outcome, "reason", reason)).increment();
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
        Gauge.builder("vangnet.transparent.open.connections", connections, s -> s.get()).strongReference(true)
                .description("Open client connections to the transparent listeners (HTTP and TLS)").register(registry);
        Gauge.builder("vangnet.transparent.open.tunnels", tunnels, s -> s.get()).strongReference(true)
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
