package nl.vangnet.proxy.decision;

import java.util.Objects;

/**
 * Credentials from a {@code Proxy-Authorization: Basic} header, as sent (not yet verified). Immutable.
 * {@link #toString()} never shows the password.
 *
 * @param username the user name
 * @param password the password as sent
 */
public record ProxyCredentials(String username, String password) {
    public ProxyCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "ProxyCredentials[username=" + username + ", password=***]";
    }
}
