package nl.vangnet.app;

import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.function.Supplier;
import nl.vangnet.admin.AdminApp;
import nl.vangnet.admin.HealthResponse;
import nl.vangnet.admin.MetricsScrape;
import nl.vangnet.config.policy.PolicySnapshot;

/**
 * The small HTTP listener of {@code metrics.bind}: only {@code GET /health} (the same body as the admin API's) and
 * {@code GET /metrics} (Prometheus text, or OpenMetrics when asked for), so that a proxy node without the admin API
 * ({@code admin.enabled=false}) can still be scraped and health-checked. Everything else is 404. Plain HTTP and no
 * authentication, like those two routes on the admin API: they carry no client data; bind it to loopback or a
 * management network. Thread-safe; {@link #close()} is idempotent.
 */
final class MetricsListener implements AutoCloseable {
    private final Javalin app;
    private final InetSocketAddress address;

    private MetricsListener(Javalin app, InetSocketAddress address) {
        this.app = app;
        this.address = address;
    }

    /**
     * Starts listening on {@code bind} (port 0: any free port).
     *
     * @param snapshots the snapshot this node serves, for {@code /health}
     * @param metrics   this node's metrics, for {@code /metrics}
     */
    static MetricsListener start(InetSocketAddress bind, Supplier<PolicySnapshot> snapshots, MetricsScrape metrics) {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(snapshots, "snapshots");
        Objects.requireNonNull(metrics, "metrics");
        Javalin app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.jsonMapper(new JavalinJackson(AdminApp.jsonMapper(), false));
        });
        app.get("/health", ctx -> {
            PolicySnapshot s = snapshots.get();
            ctx.json(new HealthResponse("UP", s.version(), s.dataVersion(), s.compiledAt()));
        });
        app.get("/metrics", ctx -> {
            String accept = ctx.header("Accept");
            ctx.contentType(metrics.contentType(accept)).result(metrics.scrape(accept));
        });
        app.error(HttpStatus.NOT_FOUND, ctx -> ctx.contentType("text/plain; charset=utf-8")
                .result("not found: this listener serves only /health and /metrics"));
        try {
            app.start(bind.getHostString(), bind.getPort());
        } catch (RuntimeException e) {
            app.stop();
            throw new IllegalStateException("cannot listen on metrics.bind " + bind.getHostString() + ":"
                    + bind.getPort() + ": " + e.getMessage(), e);
        }
        return new MetricsListener(app, new InetSocketAddress(bind.getAddress(), app.port()));
    }

    /** The bound address (with the actual port). */
    InetSocketAddress address() {
        return address;
    }

    @Override
    public void close() {
        app.stop();
    }
}
