package nl.vangnet.admin.pages;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import nl.vangnet.admin.http.Principal;

/**
 * One logged-in browser: the account, the CSRF token every form of the session carries, and a one-time message to
 * show on the next page (after a redirect-after-post). The id and token are never logged. Thread-safe.
 */
public final class PageSession {
    private final String id;
    private final Principal principal;
    private final String csrfToken;
    private final long createdNanos;
    private final AtomicReference<String> flash = new AtomicReference<>();

    PageSession(String id, Principal principal, String csrfToken, long createdNanos) {
        this.id = Objects.requireNonNull(id, "id");
        this.principal = Objects.requireNonNull(principal, "principal");
        this.csrfToken = Objects.requireNonNull(csrfToken, "csrfToken");
        this.createdNanos = createdNanos;
    }

    /** The session id: the value of the cookie {@value PageSessions#COOKIE}. A secret: never logged. */
    public String id() {
        return id;
    }

    /** The logged-in account. */
    public Principal principal() {
        return principal;
    }

    /** The token every form of this session posts back in the field {@value PageSessions#CSRF_FIELD}. */
    public String csrfToken() {
        return csrfToken;
    }

    long createdNanos() {
        return createdNanos;
    }

    /** Whether {@code presented} is this session's CSRF token (compared in constant time). */
    public boolean csrfMatches(String presented) {
        return presented != null && MessageDigest.isEqual(csrfToken.getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    /** Keeps {@code message} for the next page (replacing an unshown one). */
    public void flash(String message) {
        flash.set(message);
    }

    /** The message kept for this page, once; {@code null} when there is none. */
    public String takeFlash() {
        return flash.getAndSet(null);
    }

    @Override
    public String toString() {
        return "PageSession[" + principal.account() + "]";
    }
}
