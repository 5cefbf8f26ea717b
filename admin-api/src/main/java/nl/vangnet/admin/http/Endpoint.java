package nl.vangnet.admin.http;

import io.javalin.http.HandlerType;
import java.lang.reflect.Type;
import java.util.Objects;
import java.util.Set;
import nl.vangnet.config.model.AccountRole;

/**
 * One route of the admin app with everything needed to serve, protect and document it: the route table is the
 * single source of the Javalin routes, the access checks, the route-by-role test and the OpenAPI document. Immutable.
 *
 * @param method       the HTTP method
 * @param path         Javalin path, e.g. {@code /api/v1/registrations/{id}}
 * @param roles        the roles that may use it; empty means public (no authentication)
 * @param surface      {@link Surface#API} (bearer token, JSON, problem details) or {@link Surface#PAGE}
 *                     (session cookie, HTML, redirect to the login page)
 * @param summary      one line for the OpenAPI document
 * @param requestBody  the JSON request record, or {@code null} for none
 * @param responseBody the JSON response type (a record, or a parameterised {@code List}/page type), or {@code null}
 *                     for none or a non-JSON body
 * @param status       the success status (200, 201, 204, 303)
 * @param handler      the controller
 */
public record Endpoint(HandlerType method, String path, Set<AccountRole> roles, Surface surface, String summary,
        Class<?> requestBody, Type responseBody, int status, EndpointHandler handler) {

    /** Where an endpoint belongs: the JSON API or the HTML pages. */
    public enum Surface {
        API,
        PAGE
    }

    public Endpoint {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        roles = Set.copyOf(roles);
        Objects.requireNonNull(surface, "surface");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(handler, "handler");
    }

    /** Whether anyone may use it without authenticating. */
    public boolean isPublic() {
        return roles.isEmpty();
    }
}
