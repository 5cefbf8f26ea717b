package nl.vangnet.admin.api;

import static io.javalin.http.HandlerType.GET;

import com.google.common.net.InetAddresses;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import nl.vangnet.admin.AdminContext;
import nl.vangnet.admin.http.ApiException;
import nl.vangnet.admin.http.ApiParam;
import nl.vangnet.admin.http.Endpoint;
import nl.vangnet.admin.http.Principal;
import nl.vangnet.admin.http.QueryParams;
import nl.vangnet.admin.http.RouteTable;
import nl.vangnet.config.model.Basis;
import nl.vangnet.config.model.Device;
import nl.vangnet.config.policy.ClientEntry;
import nl.vangnet.config.policy.DeviceEntry;
import nl.vangnet.config.policy.EffectiveReason;
import nl.vangnet.config.policy.PolicySnapshot;
import nl.vangnet.config.policy.SnapshotCompiler;
import nl.vangnet.proxy.decision.Decision;
import nl.vangnet.proxy.decision.Kind;
import nl.vangnet.proxy.decision.PolicyEngine;
import nl.vangnet.proxy.decision.Trace;

/**
 * {@code GET /api/v1/check}: exactly what the proxy would do now (or at {@code at}) for a client, device or source
 * address requesting a host, and why — through the proxy's own {@link PolicyEngine#decideFor} with this node's list
 * index and SafeSearch table. Now: against the current snapshot. At another instant: against a snapshot compiled
 * from the store for that instant (registrations, steps and lapses as they are or will be then, with today's data).
 * Care professionals may check clients of their own location only. Thread-safe.
 */
final class CheckResource {
    static final String PATH = "/api/v1/check";

    /**
     * The answer.
     *
     * @param decision         {@code allow} (plain HTTP forwarded), {@code tunnel} (CONNECT/TLS spliced) or
     *                         {@code block}
     * @param reason           the deciding check, lower case (e.g. {@code blocked_category}, {@code no_registration})
     * @param upstream         where the proxy connects ({@code host:port}; SafeSearch may reroute), {@code null} for a
     *                         block
     * @param blockPage        for a block: whether a block page is shown (plain HTTP) or the connection refused
     * @param clientId         the client, {@code null} for an unknown address
     * @param registrationId   the deciding registration, {@code null} when the client has none
     * @param registrationState whether it applies ({@code ACTIVE}) or why not
     * @param basis            its legal basis
     * @param profileId        the applied profile
     * @param profileName      its name
     * @param phaseOutStep     0 for the registered profile, k for step k; {@code null} when nothing applies
     * @param rule             the profile rule that decided (domain, category or service id)
     * @param listId           the list that matched
     * @param matched          the listed or ruled name that matched
     * @param devices          the devices considered (all of the client's for {@code client=}; the device otherwise)
     * @param snapshotVersion  the snapshot decided against (0 for one compiled for {@code at})
     * @param at               the instant decided for
     */
    record CheckResponse(String decision, String reason, String upstream, Boolean blockPage, Long clientId,
            Long registrationId, EffectiveReason registrationState, Basis basis, Long profileId, String profileName,
            Integer phaseOutStep, String rule, String listId, String matched, List<Long> devices,
            long snapshotVersion, Instant at) {
    }

    private final AdminContext context;

    CheckResource(AdminContext context) {
        this.context = context;
    }

    void addTo(RouteTable.Builder b) {
        b.add(new Endpoint(GET, PATH, Roles.CHECK, Endpoint.Surface.API,
                "What the proxy would do for a client, device or address requesting a host, and why", null,
                CheckResponse.class, 200, this::check),
                ApiParam.integer("client", "a client id (give exactly one of client, device, address)"),
                ApiParam.integer("device", "a device id"),
                ApiParam.string("address", "a source IP address literal"),
                new ApiParam("query", "host", "string", null, true, "the requested host name or IP literal"),
                new ApiParam("query", "port", "integer", "int32", false, "1-65535 (default 80 for http, else 443)"),
                ApiParam.string("kind", "http, connect (default), tls or opaque"),
                ApiParam.string("path", "for kind=http: the request path (default /)"),
                ApiParam.instant("at", "decide for this instant instead of now"));
    }

    private void check(Context ctx, Principal p) {
        Long clientId = QueryParams.longParam(ctx, "client");
        Long deviceId = QueryParams.longParam(ctx, "device");
        String address = ctx.queryParam("address");
        int given = (clientId == null ? 0 : 1) + (deviceId == null ? 0 : 1)
                + (address == null || address.isBlank() ? 0 : 1);
        if (given != 1) {
            throw ApiException.badParameter("client", "give exactly one of client, device and address");
        }
        String host = ctx.queryParam("host");
        if (host == null || host.isBlank()) {
            throw ApiException.badParameter("host", "the requested host is required");
        }
        Kind kind = kind(ctx.queryParam("kind"));
        int port = QueryParams.intParam(ctx, "port", kind == Kind.HTTP ? 80 : 443, 1, 65535);
        String path = ctx.queryParam("path");
        if (path != null && !path.startsWith("/")) {
            throw ApiException.badParameter("path", "must start with /");
        }
        Instant requested = QueryParams.instant(ctx, "at");
        Instant at = requested == null ? context.clock().instant() : requested;
        PolicySnapshot snapshot = requested == null ? context.snapshots().get()
                : SnapshotCompiler.compile(context.store().load(), 0, at, context.limits());

        DeviceEntry entry;
        List<Long> devices;
        if (clientId != null) {
            ClientEntry client = snapshot.forClient(clientId).filter(c -> p.mayAccessLocation(c.client().location()))
                    .orElseThrow(() -> ApiException.notFound("client " + clientId + " does not exist"));
            List<DeviceEntry> own = snapshot.entries().stream()
                    .filter(d -> d.device().clientId() == clientId).toList();
            devices = own.stream().map(d -> d.device().id()).toList();
            // every device of a client shares the client's policy; a client without devices is checked as one
            entry = own.isEmpty() ? new DeviceEntry(new Device(0, clientId, "(no device)", List.of(), List.of(),
                    null, null, 0), client) : own.get(0);
        } else {
            Optional<DeviceEntry> found = deviceId != null ? snapshot.forDevice(deviceId)
                    : snapshot.forAddress(literal(address.strip()));
            found = found.filter(d -> p.mayAccessLocation(d.client().client().location()));
            if (found.isEmpty()) {
                if (deviceId != null || !p.mayAccessLocation(null)) {
                    throw ApiException.notFound(deviceId != null ? "device " + deviceId + " does not exist"
                            : "no device of your location has address " + address.strip());
                }
                // an unknown address: the proxy passes it through untouched
                ctx.json(new CheckResponse(kind == Kind.HTTP ? "allow" : "tunnel", "no_registration",
                        host.strip() + ":" + port, null, null, null, null, null, null, null, null, null, null, null,
                        List.of(), snapshot.version(), at));
                return;
            }
            entry = found.get();
            devices = List.of(entry.device().id());
        }
        PolicyEngine engine = PolicyEngine.builder().snapshots(() -> snapshot).lists(context.listIndex())
                .resolver((s, a, c) -> Optional.empty()).safeSearch(context.safeSearch()).cacheSize(0)
                .zone(context.limits().zone()).build();
        Decision d = engine.decideFor(entry, host.strip(), port, kind, kind == Kind.HTTP
                ? (path == null ? "/" : path) : null, at);
        ctx.json(response(d, entry.client(), devices, snapshot.version(), at));
    }

    private static CheckResponse response(Decision d, ClientEntry client, List<Long> devices, long snapshotVersion,
            Instant at) {
        Trace t = d.trace();
        String decision;
        String upstream = null;
        Boolean page = null;
        if (d instanceof Decision.Allow a) {
            decision = "allow";
            upstream = a.upstreamHost() + ":" + a.upstreamPort();
        } else if (d instanceof Decision.Tunnel tu) {
            decision = "tunnel";
            upstream = tu.upstreamHost() + ":" + tu.upstreamPort();
        } else {
            decision = "block";
            page = ((Decision.Block) d).showPage();
        }
        var policy = client.policy();
        var registration = policy.registration();
        return new CheckResponse(decision, d.reason().name().toLowerCase(Locale.ROOT), upstream, page,
                client.client().id(), policy.registrationId(), policy.state() == null ? null
                        : policy.state().reason(), registration == null ? null : registration.basis(),
                t.profileId(), client.profile() == null ? null : client.profile().name(), t.phaseOutStep(), t.rule(),
                t.listId(), t.matched(), devices, snapshotVersion, at);
    }

    private static Kind kind(String raw) {
        if (raw == null || raw.isBlank()) {
            return Kind.CONNECT;
        }
        try {
            return Kind.valueOf(raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter("kind", "'" + raw.strip() + "' is not one of http, connect, tls, "
                    + "opaque");
        }
    }

    private static InetAddress literal(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!InetAddresses.isInetAddress(bare)) {
            throw ApiException.badParameter("address", "'" + text + "' is not an IP address literal");
        }
        return InetAddresses.forString(bare);
    }
}
