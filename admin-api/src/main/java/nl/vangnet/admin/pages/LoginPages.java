package nl.vangnet.admin.pages;

import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import nl.vangnet.admin.http.AuthResult;
import nl.vangnet.admin.http.Principal;
import nl.vangnet.config.model.AccountRole;

/**
 * The start page redirect, the login form (an account logs in with the bearer token issued to it) and logout.
 * Thread-safe.
 */
final class LoginPages {
    static final String TOKEN_FIELD = "toegangssleutel";
    static final String NEXT_FIELD = "next";

    private final Pages pages;

    LoginPages(Pages pages) {
        this.pages = pages;
    }

    /** {@code GET /}: to the review page when logged in, else to the login page. */
    void root(Context ctx) {
        boolean loggedIn = pages.context().sessions().principal(ctx).isPresent();
        PageRenderer.redirect(ctx, loggedIn ? LocalRedirect.DEFAULT : "/login");
    }

    /** {@code GET /login}. */
    void form(Context ctx) {
        String next = ctx.queryParam(NEXT_FIELD);
        form(ctx, 200, LocalRedirect.isLocal(next) ? next : "", null);
    }

    private void form(Context ctx, int status, String next, String message) {
        Map<String, Object> m = pages.model("Inloggen", null);
        m.put("loginCsrf", pages.context().sessions().loginToken(ctx));
        m.put("next", next);
        m.put("message", message);
        pages.send(ctx, status, "login", m);
    }

    /** {@code POST /login}. */
    void login(Context ctx) {
        PageSessions sessions = pages.context().sessions();
        String nextParam = ctx.formParam(NEXT_FIELD);
        String next = LocalRedirect.isLocal(nextParam) ? nextParam : "";
        if (!sessions.loginTokenValid(ctx)) {
            form(ctx, 403, next, "Het inlogformulier was verlopen, of uw browser stuurt geen cookies mee. Deze site"
                    + " heeft een cookie nodig om u ingelogd te houden. Probeer het nog eens.");
            return;
        }
        String token = ctx.formParam(TOKEN_FIELD);
        if (token == null || token.isBlank()) {
            form(ctx, 400, next, "Vul uw toegangssleutel in.");
            return;
        }
        AuthResult result = pages.context().authenticator().authenticate(token.strip(), ctx.ip());
        if (result instanceof AuthResult.Throttled t) {
            long seconds = Math.max(1, (t.retryAfter().toMillis() + 999) / 1000);
            ctx.header("Retry-After", Long.toString(seconds));
            form(ctx, 429, next, "Er is te vaak een verkeerde toegangssleutel ingevuld. Probeer het over "
                    + Dutch.waitTime(t.retryAfter()) + " opnieuw.");
        } else if (result instanceof AuthResult.Rejected) {
            form(ctx, 401, next, "Deze toegangssleutel klopt niet, of is ingetrokken of verlopen. Controleer de"
                    + " sleutel en probeer het opnieuw.");
        } else if (result instanceof AuthResult.Authenticated a) {
            Principal p = a.principal();
            if (p.role() != AccountRole.BEHAVIOURAL_EXPERT && p.role() != AccountRole.CARE_PROFESSIONAL) {
                form(ctx, 403, next, "Met dit account (" + Dutch.role(p.role()) + ") kunt u de beoordelingspagina"
                        + " niet gebruiken. De pagina's zijn er voor gedragsdeskundigen en begeleiders.");
                return;
            }
            sessions.start(ctx, p);
            sessions.endLogin(ctx);
            PageRenderer.redirect(ctx, LocalRedirect.target(next));
        }
    }

    /** {@code POST /logout}: ends the session (its CSRF token must match) and goes to the login page. */
    void logout(Context ctx) {
        Optional<PageSession> s = pages.context().sessions().session(ctx);
        if (s.isPresent() && !pages.csrfChecked(ctx, s.get())) {
            return;
        }
        pages.context().sessions().end(ctx);
        PageRenderer.redirect(ctx, "/login");
    }
}
