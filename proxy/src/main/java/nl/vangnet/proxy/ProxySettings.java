package nl.vangnet.proxy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of an explicit-mode proxy listener. Immutable and thread-safe.
 *
 * @param bind           address and port to listen on (port 0 picks a free port)
 * @param connectTimeout how long to wait for the upstream TCP connect
 * @param idleTimeout    how long a connection may be idle before it is closed
 */
public record ProxySettings(InetSocketAddress bind, Duration connectTimeout, Duration idleTimeout) {
    public ProxySettings {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (connectTimeout.isNegative() || connectTimeout.isZero() || idleTimeout.isNegative()
                || idleTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /** Defaults: connect timeout 10 s, idle timeout 70 s. */
    public static ProxySettings on(InetSocketAddress bind) {
        return new ProxySettings(bind, Duration.ofSeconds(10), Duration.ofSeconds(70));
    }
}
