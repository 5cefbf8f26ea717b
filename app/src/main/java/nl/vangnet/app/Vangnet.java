package nl.vangnet.app;

import io.javalin.Javalin;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import nl.vangnet.admin.AdminApp;
import nl.vangnet.admin.AdminContext;
import nl.vangnet.config.policy.PolicySnapshot;
import nl.vangnet.config.policy.SnapshotPublisher;
import nl.vangnet.config.rules.ModelValidator;
import nl.vangnet.config.store.Database;
import nl.vangnet.config.store.JdbcStore;
import nl.vangnet.config.store.VangnetStore;
import nl.vangnet.proxy.ProxySettings;
import nl.vangnet.proxy.littleproxy.ExplicitProxyListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vangnet all-in-one: the store, the snapshot publisher (recompiled on data changes and on clock boundaries), the
 * recorder of clock-driven transitions (audited as {@code system}), the explicit proxy listener and the admin API,
 * in one JVM. Start with {@link #start}, stop with {@link #close()} (idempotent). Thread-safe.
 */
public final class Vangnet implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Vangnet.class);

    private final Database database;
    private final JdbcStore store;
    private final SnapshotPublisher publisher;
    private final ExecutorService transitions;
    private final ExplicitProxyListener proxy;
    private final InetSocketAddress proxyAddress;
    private final Javalin admin;
    private final InetSocketAddress adminAddress;

    private Vangnet(Database database, JdbcStore store, SnapshotPublisher publisher, ExecutorService transitions,
            ExplicitProxyListener proxy, InetSocketAddress proxyAddress, Javalin admin,
            InetSocketAddress adminAddress) {
        this.database = database;
        this.store = store;
        this.publisher = publisher;
        this.transitions = transitions;
        this.proxy = proxy;
        this.proxyAddress = proxyAddress;
        this.admin = admin;
        this.adminAddress = adminAddress;
    }

    /** Opens the store (running migrations), optionally seeds demo data, and starts the enabled listeners. */
    public static Vangnet start(Settings settings, boolean demo, Clock clock) {
        Database database = Database.open(settings.storeUrl(), settings.storeUser(), settings.storePassword());
        JdbcStore store = null;
        SnapshotPublisher publisher = null;
        ExecutorService transitions = null;
        ExplicitProxyListener proxy = null;
        Javalin admin = null;
        try {
            store = new JdbcStore(database, new ModelValidator(settings.limits()), clock);
            if (demo && DemoSeed.seedIfEmpty(store, clock, settings.limits())) {
                LOG.info("demo data seeded");
            }
            store.recordTransitions(clock.instant());
            transitions = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "vangnet-transitions");
                t.setDaemon(true);
                return t;
            });
            publisher = new SnapshotPublisher(store::load, settings.limits(), clock);
            publisher.refresh();
            JdbcStore s = store;
            ExecutorService tx = transitions;
            publisher.addListener(snapshot -> tx.execute(() -> recordTransitions(s, clock)));
            publisher.start(settings.pollInterval(), store::dataVersion);

            InetSocketAddress proxyAddress = null;
            if (settings.proxyEnabled()) {
                proxy = new ExplicitProxyListener(new ProxySettings(settings.proxyBind(),
                        settings.proxyConnectTimeout(), settings.proxyIdleTimeout()));
                proxyAddress = proxy.start();
            }
            InetSocketAddress adminAddress = null;
            if (settings.adminEnabled()) {
                SnapshotPublisher p = publisher;
                admin = AdminApp.create(new AdminContext(store, p::current, clock));
                admin.start(settings.adminBind().getHostString(), settings.adminBind().getPort());
                adminAddress = new InetSocketAddress(settings.adminBind().getAddress(), admin.port());
                LOG.info("admin API listening on {}", adminAddress);
            }
            return new Vangnet(database, store, publisher, transitions, proxy, proxyAddress, admin, adminAddress);
        } catch (RuntimeException e) {
            closeQuietly(admin, proxy, publisher, transitions, store, database);
            throw e;
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

    /** The proxy's bound address, or {@code null} when the proxy is disabled. */
    public InetSocketAddress proxyAddress() {
        return proxyAddress;
    }

    /** The admin API's bound address, or {@code null} when the admin API is disabled. */
    public InetSocketAddress adminAddress() {
        return adminAddress;
    }

    @Override
    public void close() {
        closeQuietly(admin, proxy, publisher, transitions, store, database);
    }

    private static void closeQuietly(Javalin admin, ExplicitProxyListener proxy, SnapshotPublisher publisher,
            ExecutorService transitions, JdbcStore store, Database database) {
        try {
            if (admin != null) {
                admin.stop();
            }
            if (proxy != null) {
                proxy.stop();
            }
            if (publisher != null) {
                publisher.close();
            }
            if (transitions != null) {
                transitions.shutdown();
                transitions.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (store != null) {
                store.close();
            }
            database.close();
        }
    }
}
