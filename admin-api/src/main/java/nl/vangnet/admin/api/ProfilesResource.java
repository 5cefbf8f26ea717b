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
import nl.vangnet.config.model.Profile;
import nl.vangnet.config.model.Rule;
import nl.vangnet.config.model.TimeWindow;
import nl.vangnet.config.store.VangnetStore;

/**
 * {@code /api/v1/profiles}: named, reusable sets of restrictions (rules with their risks and time windows). A profile
 * restricts nobody: only a registration applies it. IT staff write them; everyone who records or reviews
 * registrations reads them. Thread-safe.
 */
final class ProfilesResource {
    static final String BASE = "/api/v1/profiles";

    /** Body of a create or update; rules and windows as in the model ({@code docs/admin-api.md}). */
    record ProfileRequest(String name, String description, List<Rule> blockedCategories, List<Rule> blockedServices,
            List<Rule> blockedDomains, List<Rule> allowedDomains, boolean allowListOnly,
            List<TimeWindow> internetHours, boolean safeSearch, boolean allowOpaqueConnections, String reason) {
        Profile toModel(long id, long version) {
            return new Profile(id, name, description, blockedCategories, blockedServices, blockedDomains,
                    allowedDomains, allowListOnly, internetHours, safeSearch, allowOpaqueConnections, version);
        }
    }

    /** A profile as the API shows it; {@code version} is also its ETag. */
    record ProfileResponse(long id, String name, String description, List<Rule> blockedCategories,
            List<Rule> blockedServices, List<Rule> blockedDomains, List<Rule> allowedDomains, boolean allowListOnly,
            List<TimeWindow> internetHours, boolean safeSearch, boolean allowOpaqueConnections, long version) {
        static ProfileResponse of(Profile p) {
            return new ProfileResponse(p.id(), p.name(), p.description(), p.blockedCategories(),
                    p.blockedServices(), p.blockedDomains(), p.allowedDomains(), p.allowListOnly(),
                    p.internetHours(), p.safeSearch(), p.allowOpaqueConnections(), p.version());
        }
    }

    private final VangnetStore store;

    ProfilesResource(VangnetStore store) {
        this.store = store;
    }

    void addTo(RouteTable.Builder b) {
        b.add(new Endpoint(GET, BASE, Roles.READ_CARE, Endpoint.Surface.API, "List profiles", null,
                Types.pageOf(ProfileResponse.class), 200, this::list), ApiParam.paging());
        b.add(new Endpoint(POST, BASE, Roles.IT, Endpoint.Surface.API, "Create a profile", ProfileRequest.class,
                ProfileResponse.class, 201, this::create));
        b.add(new Endpoint(GET, BASE + "/{id}", Roles.READ_CARE, Endpoint.Surface.API, "Read a profile", null,
                ProfileResponse.class, 200, this::get));
        b.add(new Endpoint(PUT, BASE + "/{id}", Roles.IT, Endpoint.Surface.API,
                "Change a profile (refused if it would break a schedule that uses it)", ProfileRequest.class,
                ProfileResponse.class, 200, this::update), ApiParam.ifMatch());
        b.add(new Endpoint(DELETE, BASE + "/{id}", Roles.IT, Endpoint.Surface.API,
                "Delete a profile that no registration uses", null, null, 204, this::delete), ApiParam.ifMatch(),
                ApiParam.string("reason", "why, for the audit log"));
    }

    private void list(Context ctx, Principal p) {
        Paging paging = Paging.of(ctx);
        ctx.json(Page.of(store.profiles().stream().map(ProfileResponse::of).toList(), paging));
    }

    private void create(Context ctx, Principal p) {
        ProfileRequest r = Json.read(ctx, ProfileRequest.class);
        Profile created = store.createProfile(p.actor(), r.toModel(0, 0), r.reason());
        respond(ctx, created).header("Location", BASE + "/" + created.id());
    }

    private void get(Context ctx, Principal p) {
        respond(ctx, profile(ctx));
    }

    private void update(Context ctx, Principal p) {
        Profile stored = profile(ctx);
        long version = ETags.ifMatch(ctx);
        ProfileRequest r = Json.read(ctx, ProfileRequest.class);
        respond(ctx, store.updateProfile(p.actor(), r.toModel(stored.id(), version), r.reason()));
    }

    private void delete(Context ctx, Principal p) {
        Profile stored = profile(ctx);
        store.deleteProfile(p.actor(), stored.id(), ETags.ifMatch(ctx), ctx.queryParam("reason"));
    }

    private Profile profile(Context ctx) {
        long id = QueryParams.id(ctx, "id");
        return store.profile(id).orElseThrow(() -> ApiException.notFound("profile " + id + " does not exist"));
    }

    private static Context respond(Context ctx, Profile p) {
        ETags.set(ctx, p.version());
        return ctx.json(ProfileResponse.of(p));
    }
}
