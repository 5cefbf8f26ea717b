package nl.vangnet.admin.api;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

import io.javalin.http.Context;
import java.util.List;
import nl.vangnet.admin.http.ApiException;
import nl.vangnet.admin.http.ApiParam;
import nl.vangnet.admin.http.ETags;
import nl.vangnet.admin.http.Endpoint;
import nl.vangnet.admin.http.Json;
import nl.vangnet.admin.http.Page;
import nl.vangnet.admin.http.Paging;
import nl.vangnet.admin.http.Principal;
import nl.vangnet.admin.http.QueryParams;
import nl.vangnet.admin.http.RouteTable;
import nl.vangnet.admin.http.Types;
import nl.vangnet.config.model.Device;
import nl.vangnet.config.rules.PasswordHasher;
import nl.vangnet.config.store.VangnetStore;

/**
 * {@code /api/v1/devices}: a client's phones, tablets and consoles, as the proxy recognises them (fixed IP, MAC,
 * proxy credentials). IT staff only. A device on its own restricts nothing: only a registration of its client does.
 * The proxy password is given in plain in a request, stored only as a {@link PasswordHasher} hash and never
 * returned. Thread-safe.
 */
final class DevicesResource {
    static final String BASE = "/api/v1/devices";

    /**
     * Body of a create or update.
     *
     * @param proxyPassword the proxy password in plain (hashed before storing); on update {@code null} keeps the
     *                      stored one and {@code ""} removes it
     */
    record DeviceRequest(long clientId, String label, List<String> macAddresses, List<String> ipAddresses,
            String proxyUsername, String proxyPassword, String reason) {
        @Override
        public String toString() {
            return "DeviceRequest[clientId=" + clientId + ", label=" + label + ", proxyPassword=***]";
        }
    }

    /** A device as the API shows it: whether a proxy password is set, never the password or its hash. */
    record DeviceResponse(long id, long clientId, String label, List<String> macAddresses, List<String> ipAddresses,
            String proxyUsername, boolean proxyPasswordSet, long version) {
        static DeviceResponse of(Device d) {
            return new DeviceResponse(d.id(), d.clientId(), d.label(), d.macAddresses(), d.ipAddresses(),
                    d.proxyUsername(), d.proxyPasswordHash() != null, d.version());
        }
    }

    private final VangnetStore store;

    DevicesResource(VangnetStore store) {
        this.store = store;
    }

    void addTo(RouteTable.Builder b) {
        b.add(new Endpoint(GET, BASE, Roles.IT, Endpoint.Surface.API, "List devices", null,
                Types.pageOf(DeviceResponse.class), 200, this::list), ClientsResource.with(ApiParam.paging(),
                ApiParam.integer("clientId", "only devices of this client")));
        b.add(new Endpoint(POST, BASE, Roles.IT, Endpoint.Surface.API, "Register a device", DeviceRequest.class,
                DeviceResponse.class, 201, this::create));
        b.add(new Endpoint(GET, BASE + "/{id}", Roles.IT, Endpoint.Surface.API, "Read a device", null,
                DeviceResponse.class, 200, this::get));
        b.add(new Endpoint(PUT, BASE + "/{id}", Roles.IT, Endpoint.Surface.API, "Change a device",
                DeviceRequest.class, DeviceResponse.class, 200, this::update), ApiParam.ifMatch());
        b.add(new Endpoint(DELETE, BASE + "/{id}", Roles.IT, Endpoint.Surface.API, "Delete a device", null, null,
                204, this::delete), ApiParam.ifMatch(), ApiParam.string("reason", "why, for the audit log"));
    }

    private void list(Context ctx, Principal p) {
        Paging paging = Paging.of(ctx);
        Long clientId = QueryParams.longParam(ctx, "clientId");
        ctx.json(Page.of(store.devices().stream().filter(d -> clientId == null || d.clientId() == clientId)
                .map(DeviceResponse::of).toList(), paging));
    }

    private void create(Context ctx, Principal p) {
        DeviceRequest r = Json.read(ctx, DeviceRequest.class);
        String hash = r.proxyPassword() == null || r.proxyPassword().isEmpty() ? null : hash(r.proxyPassword());
        Device d = store.createDevice(p.actor(), new Device(0, r.clientId(), r.label(), r.macAddresses(),
                r.ipAddresses(), r.proxyUsername(), hash, 0), r.reason());
        respond(ctx, d).header("Location", BASE + "/" + d.id());
    }

    private void get(Context ctx, Principal p) {
        respond(ctx, device(ctx));
    }

    private void update(Context ctx, Principal p) {
        Device stored = device(ctx);
        long version = ETags.ifMatch(ctx);
        DeviceRequest r = Json.read(ctx, DeviceRequest.class);
        String hash = r.proxyPassword() == null ? stored.proxyPasswordHash()
                : r.proxyPassword().isEmpty() ? null : hash(r.proxyPassword());
        respond(ctx, store.updateDevice(p.actor(), new Device(stored.id(), r.clientId(), r.label(),
                r.macAddresses(), r.ipAddresses(), r.proxyUsername(), hash, version), r.reason()));
    }

    private void delete(Context ctx, Principal p) {
        Device d = device(ctx);
        store.deleteDevice(p.actor(), d.id(), ETags.ifMatch(ctx), ctx.queryParam("reason"));
    }

    private Device device(Context ctx) {
        long id = QueryParams.id(ctx, "id");
        return store.device(id).orElseThrow(() -> ApiException.notFound("device " + id + " does not exist"));
    }

    private static String hash(String password) {
        char[] chars = password.toCharArray();
        try {
            return PasswordHasher.hash(chars);
        } finally {
            PasswordHasher.clear(chars);
        }
    }

    private static Context respond(Context ctx, Device d) {
        ETags.set(ctx, d.version());
        return ctx.json(DeviceResponse.of(d));
    }
}
