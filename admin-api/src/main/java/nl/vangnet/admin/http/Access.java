package nl.vangnet.admin.http;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The access check in front of every {@link Endpoint}: public endpoints pass; {@link Endpoint.Surface#API}
 * endpoints need {@code Authorization: Bearer <token>} ({@link Authenticator}: 401 problem with
 * {@code WWW-Authenticate: Bearer} when missing or refused, 429 with {@code Retry-After} when throttled) and a role
 * the endpoint allows (403 problem otherwise); {@link Endpoint.Surface#PAGE} endpoints need a session
 * ({@link SessionAuth}: 303 to {@code /login?next=<path>} without one) and an allowed role (403 page otherwise).
 * Location scoping of care professionals is the controllers' part ({@link Principal#mayAccessLocation}). Immutable and
 * thread-safe.
 *
 * @param tokens   checks bearer tokens
 * @param sessions resolves page sessions ({@link #NO_SESSIONS} when the app serves no pages)
 */
public record Access(Authenticator tokens, SessionAuth sessions) {
    /** No page sessions: every page request goes to the login page. */
    public static final SessionAuth NO_SESSIONS = ctx -> Optional.empty();

    public Access {
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(sessions, "sessions");
    }

    /**
     * The outcome of the check of one request.
     *
     * @param proceed   whether the endpoint's handler runs; {@code false} when the page check already answered
     *                  (redirect to the login page, or 403)
     * @param principal the authenticated account, {@code null} for a public endpoint
     */
    public record Outcome(boolean proceed, Principal principal) {
        static final Outcome ANSWERED = new Outcome(false, null);
    }

    /**
     * Checks one request against the endpoint's surface and roles.
     *
     * @throws ApiException 401, 403 or 429 for an API endpoint
     */
    public Outcome check(Context ctx, Endpoint e) {
        if (e.isPublic()) {
            return new Outcome(true, null);
        }
        if (e.surface() == Endpoint.Surface.PAGE) {
            Optional<Principal> p = sessions.principal(ctx);
            if (p.isEmpty()) {
                String here = ctx.queryString() == null ? ctx.path() : ctx.path() + "?" + ctx.queryString();
                ctx.redirect("/login?next=" + URLEncoder.encode(here, StandardCharsets.UTF_8),
                        HttpStatus.SEE_OTHER);
                return Outcome.ANSWERED;
            }
            if (!e.roles().contains(p.get().role())) {
                ctx.status(403).contentType("text/plain; charset=utf-8")
                        .result("403 Geen toegang: deze pagina is niet voor de rol " + p.get().role() + ".");
                return Outcome.ANSWERED;
            }
            return new Outcome(true, p.get());
        }
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw ApiException.unauthorized("this route needs Authorization: Bearer <token>");
        }
        String[] parts = header.strip().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].toLowerCase(Locale.ROOT).equals("bearer")) {
            throw ApiException.unauthorized("the Authorization header must be 'Bearer <token>'");
        }
        AuthResult result = tokens.authenticate(parts[1], ctx.ip());
        if (result instanceof AuthResult.Throttled t) {
            throw ApiException.tooManyRequests((t.retryAfter().toMillis() + 999) / 1000);
        }
        if (result instanceof AuthResult.Rejected r) {
            throw ApiException.unauthorized("the token was refused: " + r.detail());
        }
        Principal principal = ((AuthResult.Authenticated) result).principal();
        if (!e.roles().contains(principal.role())) {
            throw ApiException.forbidden("role " + principal.role() + " may not use " + RouteTable.key(e)
                    + "; allowed: " + e.roles().stream().map(Enum::name).sorted().toList());
        }
        return new Outcome(true, principal);
    }
}
