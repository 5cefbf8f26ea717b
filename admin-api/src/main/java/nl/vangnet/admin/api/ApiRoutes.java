package nl.vangnet.admin.api;

import java.time.Duration;
import nl.vangnet.admin.AdminContext;
import nl.vangnet.admin.http.RouteTable;

/** The core API's route table: every resource of this package. Stateless. */
public final class ApiRoutes {
    private ApiRoutes() {
    }

    /**
     * The routes of the core API.
     *
     * @param reloadWait how long {@code POST /api/v1/lists/reload} waits before answering 202
     */
    public static RouteTable create(AdminContext context, Duration reloadWait) {
        RouteTable.Builder b = RouteTable.builder();
        new SystemResource(context, reloadWait).addTo(b);
        new ClientsResource(context.store()).addTo(b);
        new DevicesResource(context.store()).addTo(b);
        new ProfilesResource(context.store()).addTo(b);
        new RegistrationsResource(context.store(), context.clock(), context.limits()).addTo(b);
        new CheckResource(context).addTo(b);
        new AuditResource(context.store()).addTo(b);
        new AccountsResource(context.accounts()).addTo(b);
        return b.build();
    }
}
