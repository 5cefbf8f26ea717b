package nl.vangnet.app;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import nl.vangnet.config.rules.Limits;

/**
 * Vangnet's validated settings, as loaded by {@link SettingsLoader}. Immutable and thread-safe.
 *
 * @param storeUrl the JDBC URL (for the default, an H2 file URL built from {@code store.h2-path})
 */
public record Settings(String storeUrl, String storeUser, String storePassword, boolean proxyEnabled,
        InetSocketAddress proxyBind, Duration proxyConnectTimeout, Duration proxyIdleTimeout, boolean adminEnabled,
        InetSocketAddress adminBind, Duration pollInterval, Limits limits) {

    /** The embedded H2 file URL for a path, in PostgreSQL compatibility mode. */
    public static String h2FileUrl(Path path) {
        return "jdbc:h2:file:" + path.toAbsolutePath().normalize()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }
}
