package nl.vangnet.app;

import com.github.benmanes.caffeine.cache.Ticker;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import nl.vangnet.admin.AdminApp;
import nl.vangnet.admin.AdminContext;
import nl.vangnet.admin.ListsAdmin;
import nl.vangnet.admin.pages.PageEndpoints;
import nl.vangnet.admin.pages.PageSessions;
import nl.vangnet.admin.pages.PagesContext;
import nl.vangnet.admin.report.WzdReportEndpoints;
import nl.vangnet.app.admintls.AdminCertificate;
import nl.vangnet.app.admintls.AdminTls;
import nl.vangnet.admin.http.Access;
import nl.vangnet.admin.http.RouteTable;
import nl.vangnet.admin.http.TokenAuthenticator;
import nl.vangnet.app.firewall.FirewallSync;
import nl.vangnet.app.firewall.ProcessNftCommand;
import nl.vangnet.config.policy.PolicySnapshot;
import nl.vangnet.config.policy.SnapshotPublisher;
import nl.vangnet.config.rules.ModelValidator;
import nl.vangnet.config.store.ChangeListener;
import nl.vangnet.config.store.Database;
import nl.vangnet.config.store.JdbcStore;
import nl.vangnet.config.store.VangnetStore;
import nl.vangnet.config.text.PlainDutch;
import nl.vangnet.proxy.ProxySettings;
import nl.vangnet.proxy.decision.DecisionObserver;
import nl.vangnet.proxy.decision.PolicyEngine;
import nl.vangnet.proxy.decision.SafeSearchTable;
import nl.vangnet.proxy.identify.DeviceResolver;
import nl.vangnet.proxy.identify.LeaseFileTable;
import nl.vangnet.proxy.identify.LeaseTable;
import nl.vangnet.proxy.lists.CatalogSettings;
import nl.vangnet.proxy.lists.ListCatalog;
import nl.vangnet.proxy.lists.ListConfig;
import nl.vangnet.proxy.lists.ListIndex;
import nl.vangnet.proxy.lists.SourceLimits;
import nl.vangnet.proxy.littleproxy.ExplicitProxyListener;
import nl.vangnet.proxy.tls.BlockedHostCertificates;
import nl.vangnet.proxy.tls.LocalCa;
import nl.vangnet.proxy.transparent.BlockPageTls;
import nl.vangnet.proxy.transparent.EchPublicNames;
import nl.vangnet.proxy.transparent.NetfilterOriginalDestination;
import nl.vangnet.proxy.transparent.TransparentListener;
import nl.vangnet.proxy.transparent.TransparentSettings;
import nl.vangnet.proxy.net.HostsFile;
import nl.vangnet.proxy.net.NameResolver;
import nl.vangnet.proxy.page.BlockPage;
import nl.vangnet.proxy.page.MyAgreements;
import nl.vangnet.proxy.stats.BlockStatsRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vangnet all-in-one: the store, the snapshot publisher (recompiled on data changes and on clock boundaries), the
 * recorder of clock-driven transitions (audited as {@code system}), the nftables sync of restricted devices
 * ({@code firewall.sync}), the block lists, the DHCP lease table, the
 * decision engine, the explicit proxy listener, the transparent listeners (HTTP Host, TLS SNI), the block statistics, the metrics and the admin API (TLS per {@code admin.tls}, see {@link AdminTls}), in one JVM.
 * Start with {@link #start}, stop with {@link #close()} (idempotent). Thread-safe.
 *
 * <p>On PostgreSQL the node also follows the store's change notifications ({@link ChangeListener}, LISTEN/NOTIFY;
 * polling stays the fallback), and with {@code metrics.bind} it serves {@code /health} and {@code /metrics} on a
 * listener of their own ({@link MetricsListener}), for proxy-only nodes without the admin API (docs/nodes.md).
 *
 * <p>Open tunnels of restricted clients are re-decided whenever the snapshot or the lists change and every
 * {@code proxy.tunnel-recheck-interval}; those now blocked are closed (see {@link ExplicitProxyListener}).
 */
public final class Vangnet implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Vangnet.class);
    /** How long start-up waits for the first list load before the proxy starts listening (default open after). */
    static final Duration FIRST_LIST_LOAD_WAIT = Duration.ofSeconds(30);
    /** The demo's own lists, relative to the working directory ({@code vangnet.sh} runs from the repository). */
    static final Path DEMO_LISTS = Path.of("config", "demo-lists");
    /** First wait before the PostgreSQL change listener reconnects; doubles up to {@link #LISTEN_MAX_BACKOFF}. */
    static final Duration LISTEN_MIN_BACKOFF = Duration.ofMillis(500);
    /** Longest wait before the PostgreSQL change listener reconnects. */
    static final Duration LISTEN_MAX_BACKOFF = Duration.ofSeconds(15);

    private final List<AutoCloseable> closeables;
    private final JdbcStore store;
    private final SnapshotPublisher publisher;
    private final ListCatalog lists;
    private final ExplicitProxyListener proxy;
    private final InetSocketAddress proxyAddress;
    private final TransparentListener transparent;
    private final TransparentListener.Addresses transparentAddresses;
    private final InetSocketAddress adminAddress;
    private final InetSocketAddress metricsAddress;
    private final ChangeListener changes;
    private final AdminTls adminTls;
    private final VangnetMetrics metrics;
    private final BlockStatsRecorder blockStats;

    private Vangnet(Parts p) {
        this.closeables = new ArrayList<>(p.closeables);
        this.store = p.store;
        this.publisher = p.publisher;
        this.lists = p.lists;
        this.proxy = p.proxy;
        this.proxyAddress = p.proxyAddress;
        this.transparent = p.transparent;
        this.transparentAddresses = p.transparentAddresses;
        this.adminAddress = p.adminAddress;
        this.metricsAddress = p.metricsAddress;
        this.changes = p.changes;
        this.adminTls = p.adminTls;
        this.metrics = p.metrics;
        this.blockStats = p.blockStats;
    }

    /** What has been started so far; closed in reverse order when start-up fails or on close. */
    private static final class Parts {
        final List<AutoCloseable> closeables = new ArrayList<>();
        JdbcStore store;
        SnapshotPublisher publisher;
        ListCatalog lists;
        ExplicitProxyListener proxy;
        InetSocketAddress proxyAddress;
        TransparentListener transparent;
        TransparentListener.Addresses transparentAddresses;
        InetSocketAddress adminAddress;
        InetSocketAddress metricsAddress;
        ChangeListener changes;
        AdminTls adminTls;
        VangnetMetrics metrics;
        BlockStatsRecorder blockStats;
        /** Prints the tokens created on this start, given the admin API's URL; {@code null} once printed. */
        java.util.function.Consumer<String> firstStartNotice;

        <T extends AutoCloseable> T add(T c) {
            closeables.add(c);
            return c;
        }
    }

    /**
     * Opens the store (running migrations), optionally seeds demo data, and starts the enabled listeners; the
     * once-only tokens of a first start go to standard output (see {@link #start(Settings, boolean, Clock,
     * PrintWriter)}).
     */
    public static Vangnet start(Settings settings, boolean demo, Clock clock) {
        return start(settings, demo, clock, new PrintWriter(System.out, true));
    }

    /**
     * Opens the store (running migrations), optionally seeds demo data, and starts the enabled listeners. With the
     * admin API enabled, a store without accounts gets its first admin ({@link AdminBootstrap}, token from
     * {@code VANGNET_ADMIN_TOKEN} or new) and, with {@code demo}, the demo accounts ({@link DemoAccounts}); the
     * tokens created on this start are written once to {@code console} ({@link FirstStartNotice}), never to the
     * log.
     */
    public static Vangnet start(Settings settings, boolean demo, Clock clock, PrintWriter console) {
        Parts p = new Parts();
        try {
            // before anything opens: a refused setting or a broken certificate stops start-up at once
            AdminTls adminTls = settings.adminEnabled()
                    ? AdminTls.prepare(settings.adminTls(), settings.adminBind(), clock) : null;
            p.adminTls = adminTls;
            Database database = p.add(Database.open(settings.storeUrl(), settings.storeUser(),
                    settings.storePassword()));
            JdbcStore store = new JdbcStore(database, new ModelValidator(settings.limits()), clock);
            p.store = store;
            if (demo && DemoSeed.seedIfEmpty(store, clock, settings.limits())) {
                LOG.info("demo data seeded");
            }
            if (settings.adminEnabled()) {
                // before the first snapshot, so that these writes do not make it stale at once; shown once the
                // admin API listens (or, should start-up fail, before the error)
                Optional<AdminBootstrap.FirstAdmin> firstAdmin = AdminBootstrap.bootstrapIfEmpty(store,
                        System.getenv(AdminBootstrap.ENV));
                List<DemoAccounts.Created> demoAccounts = demo ? DemoAccounts.seedMissing(store) : List.of();
                p.firstStartNotice = url -> FirstStartNotice.print(console, url, firstAdmin, demo, demoAccounts);
            }
            store.recordTransitions(clock.instant());
            VangnetMetrics metrics = new VangnetMetrics();
            p.metrics = metrics;

            ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "vangnet-background");
                t.setDaemon(true);
                return t;
            });
            p.add(() -> {
                background.shutdown();
                background.awaitTermination(5, TimeUnit.SECONDS);
            });
            SnapshotPublisher publisher = p.add(new SnapshotPublisher(store::load, settings.limits(), clock));
            p.publisher = publisher;
            publisher.refresh();
            publisher.addListener(snapshot -> background.execute(() -> recordTransitions(store, clock)));
            publisher.start(settings.pollInterval(), store::dataVersion);
            metrics.bindSnapshots(publisher);
            if (database.dialect() == Database.Dialect.POSTGRESQL) {
                p.changes = p.add(followChanges(database, publisher, metrics));
            }
            if (settings.adminEnabled()) {
                // the admin node's registration and audit metrics (proxy-only nodes would repeat them)
                AdminMetrics adminMetrics = new AdminMetrics(store, settings.limits(), clock, background,
                        metrics.registrations(), metrics.audit(publisher));
                publisher.addListener(adminMetrics::published);
                adminMetrics.published(publisher.current());
                adminMetrics.startAuditVerify(background, settings.auditVerifyInterval());
            }
            if (settings.firewall().sync()) {
                FirewallSync sync = p.add(new FirewallSync(settings.firewall().table(),
                        new ProcessNftCommand(settings.firewall().nft(), ProcessNftCommand.DEFAULT_TIMEOUT),
                        metrics.firewall()));
                sync.start(publisher);
            }
            long purgeMillis = settings.stats().purgeInterval().toMillis();
            background.scheduleWithFixedDelay(() -> purge(store, clock), purgeMillis, purgeMillis,
                    TimeUnit.MILLISECONDS);

            if (settings.proxyEnabled() || settings.transparent().enabled()) {
                startProxy(settings, demo, clock, p, background);
            }
            if (settings.adminEnabled()) {
                ListsAdmin listsAdmin = p.lists == null ? ListsAdmin.NONE : new CatalogListsAdmin(p.lists);
                ListCatalog catalog = p.lists;
                AdminContext adminContext = new AdminContext(store, store, publisher::current, clock,
                        settings.limits(), listsAdmin, metrics,
                        catalog == null ? ListIndex::empty : catalog::current,
                        safeSearch(settings.proxy().safeSearchTable()), publisher::refresh);
                TokenAuthenticator authenticator = new TokenAuthenticator(store, clock);
                PageSessions sessions = new PageSessions(PageSessions.DEFAULT_IDLE, PageSessions.DEFAULT_ABSOLUTE,
                        Ticker.systemTicker(), principal -> store.account(principal.accountId())
                                .filter(a -> !a.disabled() && a.role() == principal.role()).isPresent());
                PagesContext pages = new PagesContext(store, authenticator, sessions, settings.limits(), clock,
                        PlainDutch::profileSummary);
                Javalin admin = AdminApp.create(adminContext, new Access(authenticator, sessions),
                        adminTls::configure, metrics.adminRequests(), RouteTable.of(PageEndpoints.create(pages)),
                        WzdReportEndpoints.routes(store::load, settings.limits(), clock));
                p.add(admin::stop);
                admin.start(); // host and port come from adminTls's connector
                p.adminAddress = new InetSocketAddress(settings.adminBind().getAddress(), admin.port());
                LOG.info("admin API listening on {}", adminTls.baseUri(p.adminAddress));
                adminTls.certificate().ifPresent(c -> LOG.info("admin API certificate: {}, SHA-256 fingerprint {},"
                        + " public key pin {}, valid until {}; 'vangnet admin-cert export' prints it", c.source(),
                        c.fingerprintSha256(), c.publicKeyPin(), c.notAfter()));
                printFirstStartNotice(p, p.adminAddress);
            }
            if (settings.metricsBind() != null) {
                MetricsListener listener = p.add(MetricsListener.start(settings.metricsBind(), publisher::current,
                        metrics));
                p.metricsAddress = listener.address();
                LOG.info("/health and /metrics listening on http://{}:{}", listener.address().getHostString(),
                        listener.address().getPort());
            } else if (!settings.adminEnabled()) {
                LOG.info("admin API off and metrics.bind empty: this node serves no /health or /metrics");
            }
            return new Vangnet(p);
        } catch (RuntimeException e) {
            printFirstStartNotice(p, settings.adminBind());
            closeAll(p.closeables);
            throw e;
        }
    }

    /**
     * Starts following the store's change notifications (PostgreSQL {@code LISTEN vangnet_changes}) on a dedicated
     * connection: a notification queues a reload at once, a (re)connected listener makes the publisher check for
     * what it missed; polling stays the fallback.
     */
    private static ChangeListener followChanges(Database database, SnapshotPublisher publisher,
            VangnetMetrics metrics) {
        ChangeListener listener = new ChangeListener(database::connectUnpooled, new ChangeListener.Handler() {
            @Override
            public boolean changed(long dataVersion) {
                return publisher.changed(dataVersion);
            }

            @Override
            public void listening() {
                publisher.checkNow();
            }
        }, metrics.changes(), LISTEN_MIN_BACKOFF, LISTEN_MAX_BACKOFF);
        listener.start();
        return listener;
    }

    /** Shows the tokens created on this start, once, with the admin API's base URL at {@code admin}. */
    private static void printFirstStartNotice(Parts p, InetSocketAddress admin) {
        if (p.firstStartNotice != null) {
            String base = p.adminTls != null ? p.adminTls.baseUri(admin).toString()
                    : "http://" + admin.getHostString() + ":" + admin.getPort();
            p.firstStartNotice.accept(base.replaceAll("/+$", "") + "/api/v1");
            p.firstStartNotice = null;
        }
    }

    private static void startProxy(Settings settings, boolean demo, Clock clock, Parts p,
            ScheduledExecutorService background) {
        VangnetMetrics metrics = p.metrics;
        Settings.ListOptions listOptions = settings.lists();
        if (demo && listOptions.isEmpty()) {
            listOptions = demoLists(listOptions);
        }
        List<ListConfig> configs = new ArrayList<>();
        listOptions.categories().forEach((id, sources) -> configs.add(new ListConfig(id, sources)));
        ListCatalog lists = p.add(new ListCatalog(new CatalogSettings(configs, listOptions.services(),
                listOptions.reloadInterval(), SourceLimits.DEFAULT), metrics.lists(), clock));
        p.lists = lists;
        awaitFirstLoad(lists);

        LeaseTable leases = LeaseTable.NONE;
        if (settings.dhcp().leaseFile() != null) {
            leases = p.add(LeaseFileTable.watch(settings.dhcp().leaseFile(), settings.dhcp().format(),
                    settings.dhcp().pollInterval(), clock, metrics.leases()));
        }
        BlockStatsRecorder blockStats = new BlockStatsRecorder(p.store::recordBlocks, settings.limits().zone(),
                BlockStatsRecorder.DEFAULT_MAX_COUNTERS, BlockStatsRecorder.DEFAULT_MAX_EVENTS,
                metrics.blockStats());
        blockStats.start(settings.stats().flushInterval());
        p.blockStats = blockStats;
        DecisionObserver observer = Observers.both(metrics.decisions(), blockStats);
        SnapshotPublisher publisher = p.publisher;
        DeviceResolver devices = new DeviceResolver(leases);
        PolicyEngine engine = PolicyEngine.builder().snapshots(publisher::current).lists(lists::current)
                .resolver(devices).observer(observer)
                .safeSearch(safeSearch(settings.proxy().safeSearchTable()))
                .cacheSize(settings.proxy().decisionCacheSize()).zone(settings.limits().zone()).build();

        Settings.ProxyOptions o = settings.proxy();
        NameResolver resolver = nameResolver(o);
        MyAgreements agreements = new MyAgreements(o.pagesHost(), publisher::current, devices,
                settings.limits().zone(), metrics.agreements());
        BlockPage blockPage = new BlockPage(agreements.url());
        List<Runnable> rechecks = new ArrayList<>();
        // closed in reverse order: the recorder flushes after the listeners stopped producing blocks, before the
        // store closes
        p.add(blockStats);
        if (settings.proxyEnabled()) {
            ProxySettings proxySettings = ProxySettings.on(settings.proxyBind()).withAdvertised(o.advertised())
                    .withTimeouts(settings.proxyConnectTimeout(), settings.proxyIdleTimeout())
                    .withRequestLimits(o.maxRequestLine(), o.maxHeaderSize())
                    .withConnectionLimits(o.maxConnectionsPerClient(), o.maxConnections())
                    .withAllowedDestinations(o.allowedDestinations());
            ExplicitProxyListener proxy = p.add(new ExplicitProxyListener(proxySettings, engine, resolver,
                    blockPage, agreements, clock, metrics.listener()));
            p.proxy = proxy;
            p.proxyAddress = proxy.start();
            metrics.bindListener(proxy::openConnections, proxy::openTunnels);
            rechecks.add(proxy::recheckTunnels);
        }
        if (settings.transparent().enabled()) {
            TransparentListener transparent = p.add(new TransparentListener(transparentSettings(settings), engine,
                    resolver, blockPage, agreements, clock, metrics.transparent(), new NetfilterOriginalDestination(),
                    blockPageTls(settings.transparent(), clock)));
            p.transparent = transparent;
            p.transparentAddresses = transparent.start();
            metrics.bindTransparent(transparent::openConnections, transparent::openTunnels);
            rechecks.add(transparent::recheckTunnels);
        }
        Runnable recheckAll = () -> rechecks.forEach(Vangnet::recheck);
        publisher.addListener(snapshot -> background.execute(recheckAll));
        lists.addListener(index -> background.execute(recheckAll));
        long recheck = o.tunnelRecheckInterval().toMillis();
        background.scheduleWithFixedDelay(recheckAll, recheck, recheck, TimeUnit.MILLISECONDS);
    }

    private static TransparentSettings transparentSettings(Settings settings) {
        Settings.TransparentOptions t = settings.transparent();
        Settings.ProxyOptions o = settings.proxy();
        Set<String> ech;
        try {
            ech = t.echPublicNames() == null ? EchPublicNames.defaults() : EchPublicNames.read(t.echPublicNames());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read transparent.ech-public-names " + t.echPublicNames() + ": "
                    + e.getMessage(), e);
        }
        return TransparentSettings.on(t.httpBind(), t.tlsBind())
                .withTimeouts(settings.proxyConnectTimeout(), settings.proxyIdleTimeout(), t.clientHelloTimeout())
                .withSizeLimits(t.maxClientHello(), o.maxRequestLine(), o.maxHeaderSize())
                .withConnectionLimits(o.maxConnectionsPerClient(), o.maxConnections())
                .withAllowedDestinations(o.allowedDestinations())
                .withEchPublicNames(ech);
    }

    /** The HTTPS block page's certificates, or {@code null} when it is off; a broken CA stops start-up. */
    private static BlockPageTls blockPageTls(Settings.TransparentOptions t, Clock clock) {
        if (!t.httpsBlockPage()) {
            return null;
        }
        LocalCa ca = LocalCa.loadOrCreate(t.caDir(), clock);
        LOG.info("HTTPS block page on: local CA {} (fingerprint {}); export it with 'vangnet ca export'",
                t.caDir(), ca.fingerprintSha256());
        return new BlockedHostCertificates(ca, clock);
    }

    private static Settings.ListOptions demoLists(Settings.ListOptions configured) {
        if (!Files.isDirectory(DEMO_LISTS)) {
            LOG.warn("demo lists not found at {} (run from the repository root, as vangnet.sh does);"
                    + " the demo runs without category lists", DEMO_LISTS.toAbsolutePath());
            return configured;
        }
        Map<String, List<String>> categories = new TreeMap<>();
        categories.put("gambling", List.of("ut1:" + DEMO_LISTS.resolve("gambling")));
        categories.put("social_networks", List.of("ut1:" + DEMO_LISTS.resolve("social_networks")));
        LOG.info("demo: using the demo lists in {}", DEMO_LISTS);
        return new Settings.ListOptions(categories,
                List.of("services:" + DEMO_LISTS.resolve("services.json")), configured.reloadInterval());
    }

    private static void awaitFirstLoad(ListCatalog lists) {
        try {
            lists.start().get(FIRST_LIST_LOAD_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("block lists still loading after {} s; the proxy starts now and applies them when ready",
                    FIRST_LIST_LOAD_WAIT.toSeconds());
        } catch (ExecutionException e) {
            LOG.warn("first block list load failed: {} (see GET /api/lists); retrying on schedule",
                    e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The accounts of the admin API: the JDBC store implements them (migration V3). */
    private static SafeSearchTable safeSearch(Path file) {
        if (file == null) {
            return SafeSearchTable.defaults();
        }
        try {
            return SafeSearchTable.load(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read proxy.safesearch-table " + file + ": " + e.getMessage(), e);
        }
    }

    private static NameResolver nameResolver(Settings.ProxyOptions o) {
        if (o.hostsFile() == null) {
            return NameResolver.SYSTEM;
        }
        NameResolver table;
        try {
            table = HostsFile.read(o.hostsFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read proxy.hosts-file " + o.hostsFile() + ": " + e.getMessage(),
                    e);
        }
        return o.dns() ? table.orElse(NameResolver.SYSTEM) : table;
    }

    private static void recheck(Runnable recheckTunnels) {
        try {
            recheckTunnels.run();
        } catch (RuntimeException e) {
            LOG.warn("tunnel re-check failed: {}", e.getClass().getName());
        }
    }

    private static void purge(VangnetStore store, Clock clock) {
        try {
            int n = store.purgeBlockEvents(clock.instant());
            if (n > 0) {
                LOG.info("purged {} per-host block events past their retention", n);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not purge block events (will retry): {}", e.toString());
        }
    }

    private static void recordTransitions(VangnetStore store, Clock clock) {
        try {
            int n = store.recordTransitions(clock.instant());
            if (n > 0) {
                LOG.info("recorded {} clock-driven registration transitions", n);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not record registration transitions (will retry on the next snapshot): {}",
                    e.toString());
        }
    }

    public VangnetStore store() {
        return store;
    }

    public PolicySnapshot snapshot() {
        return publisher.current();
    }

    public SnapshotPublisher publisher() {
        return publisher;
    }

    /** The list catalog, or {@code null} when the proxy is disabled. */
    public ListCatalog lists() {
        return lists;
    }

    /** The proxy listener, or {@code null} when the proxy is disabled. */
    public ExplicitProxyListener proxy() {
        return proxy;
    }

    /** The transparent listeners, or {@code null} when transparent mode is off. */
    public TransparentListener transparent() {
        return transparent;
    }

    /** The transparent listeners' bound addresses, or {@code null} when transparent mode is off. */
    public TransparentListener.Addresses transparentAddresses() {
        return transparentAddresses;
    }

    /** The block statistics recorder, or {@code null} when the proxy is disabled. */
    public BlockStatsRecorder blockStats() {
        return blockStats;
    }

    /** The Prometheus text exposition of this node's metrics (as served at {@code /metrics}). */
    public String scrapeMetrics() {
        return metrics.scrape(null);
    }

    /** The proxy's bound address, or {@code null} when the proxy is disabled. */
    public InetSocketAddress proxyAddress() {
        return proxyAddress;
    }

    /** The {@code metrics.bind} listener's bound address, or {@code null} when it is off. */
    public InetSocketAddress metricsAddress() {
        return metricsAddress;
    }

    /** Whether this node listens for the store's change notifications now (PostgreSQL only; false on H2). */
    public boolean listeningForChanges() {
        return changes != null && changes.listening();
    }

    /** The admin API's bound address, or {@code null} when the admin API is disabled. */
    public InetSocketAddress adminAddress() {
        return adminAddress;
    }

    /** The admin API's base URL ({@code https://127.0.0.1:8443}), or {@code null} when the admin API is disabled. */
    public URI adminUrl() {
        return adminAddress == null ? null : adminTls.baseUri(adminAddress);
    }

    /** The admin API's TLS certificate, or {@code null} when the admin API is disabled or speaks plain HTTP. */
    public AdminCertificate adminCertificate() {
        return adminTls == null ? null : adminTls.certificate().orElse(null);
    }

    @Override
    public void close() {
        closeAll(closeables);
    }

    private static void closeAll(List<AutoCloseable> closeables) {
        synchronized (closeables) {
            for (int i = closeables.size() - 1; i >= 0; i--) {
                try {
                    closeables.get(i).close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    LOG.warn("error while stopping: {}", e.toString());
                }
            }
            closeables.clear();
        }
    }
}
