package nl.vangnet.admin.http;

/**
 * Checks a presented bearer token, rate-limits failures per remote address and audits them. Used by the API (the
 * {@code Authorization} header) and by the pages' login form alike. Implementations are thread-safe.
 */
@FunctionalInterface
public interface Authenticator {
    /**
     * @param secret        the presented token (may be blank or garbage)
     * @param remoteAddress the client's address as text, for rate limiting and the audit detail
     */
    AuthResult authenticate(String secret, String remoteAddress);
}
