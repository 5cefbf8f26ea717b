package nl.vangnet.admin.api;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import io.javalin.http.Context;
import java.time.Instant;
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
import nl.vangnet.config.model.Account;
import nl.vangnet.config.model.AccountRole;
import nl.vangnet.config.store.AccountStore;
import nl.vangnet.config.store.IssuedToken;
import nl.vangnet.config.store.TokenInfo;

/**
 * {@code /api/v1/accounts} and {@code /api/v1/tokens}: the admin API's accounts and their bearer tokens. IT staff
 * only. A token's secret is returned once, by the route that issues it; it is never stored or shown again. Issuing
 * and revoking tokens need no {@code If-Match}: tokens have no version (issuing creates one; revoking is idempotent).
 * Thread-safe.
 */
final class AccountsResource {
    static final String BASE = "/api/v1/accounts";

    /** Body of {@code POST /accounts}; {@code location} only (and required) for care professionals. */
    record AccountRequest(String name, AccountRole role, String location, String reason) {
    }

    /** An account; {@code version} is also its ETag. */
    record AccountResponse(long id, String name, AccountRole role, String location, boolean disabled,
            Instant createdAt, long version) {
        static AccountResponse of(Account a) {
            return new AccountResponse(a.id(), a.name(), a.role(), a.location(), a.disabled(), a.createdAt(),
                    a.version());
        }
    }

    /** Body of {@code POST /accounts/{id}/tokens}; {@code expiresAt} {@code null} for never. */
    record TokenRequest(String label, Instant expiresAt, String reason) {
    }

    /** A token as stored: never the secret. */
    record TokenResponse(long id, long accountId, String label, String prefix, Instant createdAt, Instant expiresAt,
            Instant revokedAt) {
        static TokenResponse of(TokenInfo t) {
            return new TokenResponse(t.id(), t.accountId(), t.label(), t.prefix(), t.createdAt(), t.expiresAt(),
                    t.revokedAt());
        }
    }

    /** A freshly issued token: {@code secret} is shown this once ({@code Authorization: Bearer <secret>}). */
    record IssuedTokenResponse(TokenResponse token, String secret) {
        @Override
        public String toString() {
            return "IssuedTokenResponse[" + token + ", secret=***]";
        }
    }

    private final AccountStore accounts;

    AccountsResource(AccountStore accounts) {
        this.accounts = accounts;
    }

    void addTo(RouteTable.Builder b) {
        b.add(new Endpoint(GET, BASE, Roles.IT, Endpoint.Surface.API, "List accounts", null,
                Types.pageOf(AccountResponse.class), 200, this::list), ApiParam.paging());
        b.add(new Endpoint(POST, BASE, Roles.IT, Endpoint.Surface.API, "Create an account", AccountRequest.class,
                AccountResponse.class, 201, this::create));
        b.add(new Endpoint(GET, BASE + "/{id}", Roles.IT, Endpoint.Surface.API, "Read an account", null,
                AccountResponse.class, 200, this::get));
        b.add(new Endpoint(GET, BASE + "/{id}/tokens", Roles.IT, Endpoint.Surface.API,
                "An account's tokens, newest first (never their secrets)", null, Types.pageOf(TokenResponse.class),
                200, this::tokens), ApiParam.paging());
        b.add(new Endpoint(POST, BASE + "/{id}/tokens", Roles.IT, Endpoint.Surface.API,
                "Issue a token; the response holds its secret, once", TokenRequest.class,
                IssuedTokenResponse.class, 201, this::issue));
        b.add(new Endpoint(DELETE, "/api/v1/tokens/{id}", Roles.IT, Endpoint.Surface.API,
                "Revoke a token (at once on this node's next look-up; cached look-ups end within 10 s)", null,
                TokenResponse.class, 200, this::revoke), ApiParam.string("reason", "why, for the audit log"));
    }

    private void list(Context ctx, Principal p) {
        Paging paging = Paging.of(ctx);
        ctx.json(Page.of(accounts.accounts().stream().map(AccountResponse::of).toList(), paging));
    }

    private void create(Context ctx, Principal p) {
        AccountRequest r = Json.read(ctx, AccountRequest.class);
        Account a = accounts.createAccount(p.actor(), new Account(0, r.name(), r.role(), r.location(), false, null,
                0), r.reason());
        ETags.set(ctx, a.version());
        ctx.header("Location", BASE + "/" + a.id()).json(AccountResponse.of(a));
    }

    private void get(Context ctx, Principal p) {
        Account a = account(ctx);
        ETags.set(ctx, a.version());
        ctx.json(AccountResponse.of(a));
    }

    private void tokens(Context ctx, Principal p) {
        Account a = account(ctx);
        Paging paging = Paging.of(ctx);
        ctx.json(Page.of(accounts.tokens(a.id()).stream().map(TokenResponse::of).toList(), paging));
    }

    private void issue(Context ctx, Principal p) {
        Account a = account(ctx);
        TokenRequest r = Json.read(ctx, TokenRequest.class);
        IssuedToken t = accounts.issueToken(p.actor(), a.id(), r.label(), r.expiresAt(), r.reason());
        ctx.header("Cache-Control", "no-store").json(new IssuedTokenResponse(TokenResponse.of(t.info()),
                t.secret()));
    }

    private void revoke(Context ctx, Principal p) {
        long id = QueryParams.id(ctx, "id");
        ctx.json(TokenResponse.of(accounts.revokeToken(p.actor(), id, ctx.queryParam("reason"))));
    }

    private Account account(Context ctx) {
        long id = QueryParams.id(ctx, "id");
        return accounts.account(id).orElseThrow(() -> ApiException.notFound("account " + id + " does not exist"));
    }
}
