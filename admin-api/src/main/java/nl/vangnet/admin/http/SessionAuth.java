package nl.vangnet.admin.http;

import io.javalin.http.Context;
import java.util.Optional;

/**
 * Resolves the logged-in account of a page request from its session cookie. Implemented by the pages; the access
 * check of {@link Endpoint.Surface#PAGE} endpoints asks it. Implementations are thread-safe.
 */
@FunctionalInterface
public interface SessionAuth {
    /** The principal of the request's valid session, if any. */
    Optional<Principal> principal(Context ctx);
}
