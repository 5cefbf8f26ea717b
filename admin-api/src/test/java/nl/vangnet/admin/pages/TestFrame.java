package nl.vangnet.admin.pages;

import io.javalin.Javalin;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import nl.vangnet.admin.http.Endpoint;
import nl.vangnet.admin.http.Principal;
import nl.vangnet.admin.http.SessionAuth;

/**
 * Test-scope stand-in for the admin app's frame: registers page endpoints and does the same access check (no
 * session: 303 to {@code /login?next=}; a role not listed: 403). Stateless.
 */
final class TestFrame {
    private TestFrame() {
    }

    static Javalin register(Javalin app, List<Endpoint> endpoints, SessionAuth sessions) {
        for (Endpoint e : endpoints) {
            app.addHttpHandler(e.method(), e.path(), ctx -> {
                Principal principal = null;
                if (!e.isPublic()) {
                    Optional<Principal> p = sessions.principal(ctx);
                    if (p.isEmpty()) {
                        String target = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
                        ctx.status(303).header("Location",
                                "/login?next=" + URLEncoder.encode(target, StandardCharsets.UTF_8));
                        return;
                    }
                    if (!e.roles().contains(p.get().role())) {
                        ctx.status(403).result("forbidden");
                        return;
                    }
                    principal = p.get();
                }
                e.handler().handle(ctx, principal);
            });
        }
        return app;
    }
}
