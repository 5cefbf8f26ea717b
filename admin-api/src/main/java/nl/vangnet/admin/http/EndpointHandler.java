package nl.vangnet.admin.http;

import io.javalin.http.Context;

/** The controller of one {@link Endpoint}: HTTP only, hands over to the store and model. */
@FunctionalInterface
public interface EndpointHandler {
    /**
     * Handles a request that passed the endpoint's access check.
     *
     * @param principal the authenticated account, or {@code null} for a public endpoint
     */
    void handle(Context ctx, Principal principal) throws Exception;
}
