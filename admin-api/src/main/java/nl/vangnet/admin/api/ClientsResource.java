package nl.vangnet.admin.api;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

import io.javalin.http.Context;
import java.util.List;
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
import nl.vangnet.config.model.Client;
import nl.vangnet.config.store.VangnetStore;

/**
 * {@code /api/v1/clients}: pseudonymous clients (code, dossier reference, location). A client on its own restricts
 * nothing. Care professionals record them (own location only); IT staff and behavioural experts read them.
 * Thread-safe.
 */
final class ClientsResource {
    static final String BASE = "/api/v1/clients";

    /** Body of a create or update. {@code reason} goes into the audit log. */
    record ClientRequest(String code, String dossierReference, String location, String reason) {
    }

    /** A client as the API shows it; {@code version} is also its ETag. */
    record ClientResponse(long id, String code, String dossierReference, String location, long version) {
        static ClientResponse of(Client c) {
            return new ClientResponse(c.id(), c.code(), c.dossierReference(), c.location(), c.version());
        }
    }

    private final VangnetStore store;

    ClientsResource(VangnetStore store) {
        this.store = store;
    }

    void addTo(RouteTable.Builder b) {
        b.add(new Endpoint(GET, BASE, Roles.READ_CARE, Endpoint.Surface.API,
                "List clients (care professionals: their location only)", null,
                Types.pageOf(ClientResponse.class), 200, this::list), with(ApiParam.paging(),
                ApiParam.string("location", "only clients of this location")));
        b.add(new Endpoint(POST, BASE, Roles.RECORD, Endpoint.Surface.API, "Create a client", ClientRequest.class,
                ClientResponse.class, 201, this::create));
        b.add(new Endpoint(GET, BASE + "/{id}", Roles.READ_CARE, Endpoint.Surface.API, "Read a client", null,
                ClientResponse.class, 200, this::get));
        b.add(new Endpoint(PUT, BASE + "/{id}", Roles.RECORD, Endpoint.Surface.API, "Change a client",
                ClientRequest.class, ClientResponse.class, 200, this::update), ApiParam.ifMatch());
        b.add(new Endpoint(DELETE, BASE + "/{id}", Roles.RECORD, Endpoint.Surface.API,
                "Delete a client without devices or registrations", null, null, 204, this::delete),
                ApiParam.ifMatch(), ApiParam.string("reason", "why, for the audit log"));
    }

    static ApiParam[] with(ApiParam[] first, ApiParam... more) {
        ApiParam[] out = new ApiParam[first.length + more.length];
        System.arraycopy(first, 0, out, 0, first.length);
        System.arraycopy(more, 0, out, first.length, more.length);
        return out;
    }

    private void list(Context ctx, Principal p) {
        Paging paging = Paging.of(ctx);
        String location = ctx.queryParam("location");
        List<ClientResponse> all = store.clients().stream()
                .filter(c -> p.mayAccessLocation(c.location()))
                .filter(c -> location == null || location.strip().equals(c.location()))
                .map(ClientResponse::of).toList();
        ctx.json(Page.of(all, paging));
    }

    private void create(Context ctx, Principal p) {
        ClientRequest r = Json.read(ctx, ClientRequest.class);
        Scope.locationField(p, r.location());
        Client c = store.createClient(p.actor(), new Client(0, r.code(), r.dossierReference(), r.location(), 0),
                r.reason());
        respond(ctx, c).header("Location", BASE + "/" + c.id());
    }

    private void get(Context ctx, Principal p) {
        respond(ctx, Scope.client(store, p, QueryParams.id(ctx, "id")));
    }

    private void update(Context ctx, Principal p) {
        long id = QueryParams.id(ctx, "id");
        Scope.client(store, p, id);
        long version = ETags.ifMatch(ctx);
        ClientRequest r = Json.read(ctx, ClientRequest.class);
        Scope.locationField(p, r.location());
        respond(ctx, store.updateClient(p.actor(), new Client(id, r.code(), r.dossierReference(), r.location(),
                version), r.reason()));
    }

    private void delete(Context ctx, Principal p) {
        long id = QueryParams.id(ctx, "id");
        Scope.client(store, p, id);
        store.deleteClient(p.actor(), id, ETags.ifMatch(ctx), ctx.queryParam("reason"));
    }

    private static Context respond(Context ctx, Client c) {
        ETags.set(ctx, c.version());
        return ctx.json(ClientResponse.of(c));
    }
}
