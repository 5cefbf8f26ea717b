package nl.vangnet.admin.pages;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import nl.vangnet.admin.http.Principal;
import nl.vangnet.admin.http.SessionAuth;

/**
 * The login sessions of the pages, in memory: a session id of 256 random bits ({@link SecureRandom}) in the cookie
 * {@value #COOKIE} ({@code HttpOnly}, {@code SameSite=Strict}, {@code Path=/}, {@code Secure} when the request came
 * over TLS), valid until it has been idle for the idle timeout (default 30 minutes) or has existed for the absolute
 * timeout (default 8 hours), whichever comes first. At most {@value #MAX_SESSIONS} sessions are kept (the least
 * recently used go first). Sessions do not survive a restart and are not shared between admin nodes: the account
 * logs in again.
 *
 * <p>Every session has a CSRF token; every form carries it in {@value #CSRF_FIELD} and every POST checks it
 * ({@link #csrfValid}). The login form, which has no session yet, uses a double-submit token in the cookie
 * {@value #LOGIN_COOKIE} instead.
 *
 * <p>Thread-safe.
 */
public final class PageSessions implements SessionAuth {
    /** The session cookie. */
    public static final String COOKIE = "vangnet_session";
    /** The cookie that carries the login form's CSRF token. */
    public static final String LOGIN_COOKIE = "vangnet_login";
    /** The form field of the CSRF token. */
    public static final String CSRF_FIELD = "_csrf";
    /** The default idle timeout. */
    public static final Duration DEFAULT_IDLE = Duration.ofMinutes(30);
    /** The default absolute timeout. */
    public static final Duration DEFAULT_ABSOLUTE = Duration.ofHours(8);
    /** The most sessions kept at once. */
    public static final int MAX_SESSIONS = 10_000;

    private static final int RANDOM_BYTES = 32;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random = new SecureRandom();
    private final Cache<String, PageSession> sessions;
    private final Ticker ticker;
    private final Predicate<Principal> stillAllowed;

    /** Sessions with the default timeouts on the system clock, for accounts that stay allowed. */
    public PageSessions() {
        this(DEFAULT_IDLE, DEFAULT_ABSOLUTE, Ticker.systemTicker(), p -> true);
    }

    /**
     * @param idle         a session ends after this long without a request (positive)
     * @param absolute     a session ends this long after the login, however active (positive)
     * @param ticker       the time source (nanoseconds), {@link Ticker#systemTicker()} outside tests
     * @param stillAllowed asked on every request whether the session's account may still use the pages (e.g. is not
     *                     disabled); a session whose account is refused ends at once
     */
    public PageSessions(Duration idle, Duration absolute, Ticker ticker, Predicate<Principal> stillAllowed) {
        if (idle.isNegative() || idle.isZero() || absolute.isNegative() || absolute.isZero()) {
            throw new IllegalArgumentException("session timeouts must be positive: idle " + idle + ", absolute "
                    + absolute);
        }
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.stillAllowed = Objects.requireNonNull(stillAllowed, "stillAllowed");
        long idleNanos = idle.toNanos();
        long absoluteNanos = absolute.toNanos();
        this.sessions = Caffeine.newBuilder()
                .maximumSize(MAX_SESSIONS)
                .ticker(ticker)
                .executor(Runnable::run)
                .expireAfter(new Expiry<String, PageSession>() {
                    @Override
                    public long expireAfterCreate(String key, PageSession s, long currentTime) {
                        return remaining(s, currentTime);
                    }

                    @Override
                    public long expireAfterUpdate(String key, PageSession s, long currentTime, long currentDuration) {
                        return remaining(s, currentTime);
                    }

                    @Override
                    public long expireAfterRead(String key, PageSession s, long currentTime, long currentDuration) {
                        return remaining(s, currentTime);
                    }

                    private long remaining(PageSession s, long now) {
                        return Math.max(0, Math.min(idleNanos, s.createdNanos() + absoluteNanos - now));
                    }
                })
                .build();
    }

    @Override
    public Optional<Principal> principal(Context ctx) {
        return session(ctx).map(PageSession::principal);
    }

    /** The request's valid session, if any (this counts as activity for the idle timeout). */
    public Optional<PageSession> session(Context ctx) {
        String id = ctx.cookie(COOKIE);
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        PageSession s = sessions.getIfPresent(id);
        if (s == null) {
            return Optional.empty();
        }
        if (!stillAllowed.test(s.principal())) {
            sessions.invalidate(id);
            return Optional.empty();
        }
        return Optional.of(s);
    }

    /**
     * Logs {@code principal} in: ends the request's current session, if any (a new id on every login, so a planted
     * cookie is worthless), starts a new one and sets its cookie on the response.
     */
    public PageSession start(Context ctx, Principal principal) {
        Objects.requireNonNull(principal, "principal");
        String old = ctx.cookie(COOKIE);
        if (old != null) {
            sessions.invalidate(old);
        }
        PageSession s = open(principal);
        ctx.res().addHeader("Set-Cookie", cookie(COOKIE, s.id(), secure(ctx), false));
        return s;
    }

    /**
     * Starts a session for {@code principal} without a request: a new id and CSRF token, kept like every other
     * session (the same timeouts). The caller hands the id to the browser in the cookie {@value #COOKIE};
     * {@link #start} does that for a login. Does not check the role: the frame's access check does, per route.
     */
    public PageSession open(Principal principal) {
        Objects.requireNonNull(principal, "principal");
        PageSession s = new PageSession(randomToken(), principal, randomToken(), ticker.read());
        sessions.put(s.id(), s);
        return s;
    }

    /** Logs out: ends the request's session, if any, and deletes its cookie. */
    public void end(Context ctx) {
        String id = ctx.cookie(COOKIE);
        if (id != null) {
            sessions.invalidate(id);
        }
        ctx.res().addHeader("Set-Cookie", cookie(COOKIE, "", secure(ctx), true));
    }

    /** Whether the POSTed form of this request carries {@code session}'s CSRF token. */
    public boolean csrfValid(Context ctx, PageSession session) {
        return session.csrfMatches(ctx.formParam(CSRF_FIELD));
    }

    /**
     * The login form's CSRF token: the one in the request's {@value #LOGIN_COOKIE} cookie when it looks like one
     * of ours, else a new one, set as that cookie on the response.
     */
    public String loginToken(Context ctx) {
        String existing = ctx.cookie(LOGIN_COOKIE);
        if (existing != null && existing.matches("[A-Za-z0-9_-]{43}")) {
            return existing;
        }
        String token = randomToken();
        ctx.res().addHeader("Set-Cookie", cookie(LOGIN_COOKIE, token, secure(ctx), false));
        return token;
    }

    /** Whether the POSTed login form carries the token of its {@value #LOGIN_COOKIE} cookie. */
    public boolean loginTokenValid(Context ctx) {
        String cookie = ctx.cookie(LOGIN_COOKIE);
        String field = ctx.formParam(CSRF_FIELD);
        return cookie != null && field != null && !cookie.isEmpty()
                && MessageDigest.isEqual(cookie.getBytes(StandardCharsets.UTF_8),
                        field.getBytes(StandardCharsets.UTF_8));
    }

    /** Deletes the login form's cookie (after a successful login). */
    void endLogin(Context ctx) {
        ctx.res().addHeader("Set-Cookie", cookie(LOGIN_COOKIE, "", secure(ctx), true));
    }

    /** How many sessions are live (for tests and a future gauge). */
    long size() {
        sessions.cleanUp();
        return sessions.estimatedSize();
    }

    private String randomToken() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    /** Whether the request came over TLS (to this server; a TLS-terminating proxy in front is not trusted). */
    static boolean secure(Context ctx) {
        return ctx.req().isSecure();
    }

    static String cookie(String name, String value, boolean secure, boolean delete) {
        StringBuilder b = new StringBuilder(name).append('=').append(value)
                .append("; Path=/; HttpOnly; SameSite=Strict");
        if (secure) {
            b.append("; Secure");
        }
        if (delete) {
            b.append("; Max-Age=0");
        }
        return b.toString();
    }
}
