package nl.vangnet.admin.api;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import nl.vangnet.admin.AdminContext;
import nl.vangnet.admin.HealthResponse;
import nl.vangnet.admin.ListStatusResponse;
import nl.vangnet.admin.http.ApiParam;
import nl.vangnet.admin.http.Endpoint;
import nl.vangnet.admin.http.Page;
import nl.vangnet.admin.http.Paging;
import nl.vangnet.admin.http.Principal;
import nl.vangnet.admin.http.RouteTable;
import nl.vangnet.admin.http.Types;
import nl.vangnet.config.policy.PolicySnapshot;

/**
 * The node's own routes: {@code /health} and {@code /metrics} (public: they carry no client data — counts per
 * reason and list, never per client; protecting the Prometheus scrape is issue 7's), the block lists
 * ({@code /api/v1/lists}, {@code /api/v1/lists/reload}) and the node status ({@code /api/v1/node}). Thread-safe.
 */
final class SystemResource {

    /**
     * The status of this node.
     *
     * @param snapshotVersion  the policy snapshot in use (0: nothing loaded yet; everyone unrestricted)
     * @param dataVersion      the store data version it was compiled from
     * @param storeDataVersion the store's data version now (greater than {@code dataVersion}: a new snapshot is due)
     * @param compiledAt       when the snapshot was compiled
     * @param ageSeconds       how old it is
     * @param validUntil       when the clock alone changes a policy (a step, lapse or end), or {@code null} for never
     * @param clients          clients in the snapshot
     * @param devices          devices in the snapshot
     * @param restrictedClients clients restricted now
     * @param problems         inconsistencies the compiler worked around (empty for data the store wrote)
     * @param lists            the block lists' summary
     */
    record NodeResponse(long snapshotVersion, long dataVersion, long storeDataVersion, Instant compiledAt,
            long ageSeconds, Instant validUntil, int clients, int devices, int restrictedClients,
            List<String> problems, ListsSummary lists) {
    }

    /**
     * @param count   configured lists
     * @param loaded  lists holding contents
     * @param failing lists whose last load failed (the old contents keep serving)
     * @param entries names held in all lists
     */
    record ListsSummary(int count, int loaded, int failing, long entries) {
    }

    /** Body of a reload that takes longer than the wait. */
    record ReloadPending(String status, String detail) {
    }

    private final AdminContext context;
    private final Duration reloadWait;

    SystemResource(AdminContext context, Duration reloadWait) {
        this.context = context;
        this.reloadWait = reloadWait;
    }

    void addTo(RouteTable.Builder b) {
        b.add(new Endpoint(GET, "/health", Roles.PUBLIC, Endpoint.Surface.API,
                "Whether this node is up and which policy snapshot it serves (public: no client data)", null,
                HealthResponse.class, 200, this::health));
        b.add(new Endpoint(GET, "/metrics", Roles.PUBLIC, Endpoint.Surface.API,
                "Prometheus metrics (public: no per-client labels)", null, null, 200, this::metrics));
        b.add(new Endpoint(GET, "/api/v1/lists", Roles.IT, Endpoint.Surface.API, "The block lists' status", null,
                Types.pageOf(ListStatusResponse.class), 200, this::lists), ApiParam.paging());
        b.add(new Endpoint(POST, "/api/v1/lists/reload", Roles.IT, Endpoint.Surface.API,
                "Reload every list from its sources (202 when it takes longer than " + reloadWait.toSeconds()
                        + " s)", null, Types.listOf(ListStatusResponse.class), 200, this::reload));
        b.add(new Endpoint(GET, "/api/v1/node", Roles.IT, Endpoint.Surface.API,
                "This node: snapshot version and age, list status", null, NodeResponse.class, 200, this::node));
    }

    private void health(Context ctx, Principal p) {
        PolicySnapshot s = context.snapshots().get();
        ctx.json(new HealthResponse("UP", s.version(), s.dataVersion(), s.compiledAt()));
    }

    private void metrics(Context ctx, Principal p) {
        String accept = ctx.header("Accept");
        ctx.contentType(context.metrics().contentType(accept)).result(context.metrics().scrape(accept));
    }

    private void lists(Context ctx, Principal p) {
        Paging paging = Paging.of(ctx);
        ctx.json(Page.of(context.lists().status(), paging));
    }

    private void reload(Context ctx, Principal p) throws Exception {
        try {
            ctx.json(context.lists().reload().get(reloadWait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            ctx.status(HttpStatus.ACCEPTED).header("Location", "/api/v1/lists")
                    .json(new ReloadPending("reloading", "the reload takes longer than " + reloadWait.toSeconds()
                            + " s; GET /api/v1/lists shows when it is done"));
        }
    }

    private void node(Context ctx, Principal p) {
        PolicySnapshot s = context.snapshots().get();
        Clock clock = context.clock();
        List<ListStatusResponse> lists = context.lists().status();
        ListsSummary summary = new ListsSummary(lists.size(),
                (int) lists.stream().filter(l -> l.loadedAt() != null).count(),
                (int) lists.stream().filter(l -> l.lastFailure() != null).count(),
                lists.stream().mapToLong(ListStatusResponse::entries).sum());
        ctx.json(new NodeResponse(s.version(), s.dataVersion(), context.store().dataVersion(), s.compiledAt(),
                Math.max(0, Duration.between(s.compiledAt(), clock.instant()).toSeconds()),
                Instant.MAX.equals(s.validUntil()) ? null : s.validUntil(), s.clients().size(), s.entries().size(),
                s.restrictedCount(), s.problems(), summary));
    }
}
