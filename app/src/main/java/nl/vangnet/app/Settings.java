package nl.vangnet.app;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import nl.vangnet.app.admintls.AdminTlsOptions;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.proxy.identify.LeaseFormat;
import nl.vangnet.proxy.net.Cidr;

/**
 * Vangnet's validated settings, as loaded by {@link SettingsLoader}. Immutable and thread-safe.
 *
 * @param storeUrl the JDBC URL (for the default, an H2 file URL built from {@code store.h2-path})
 * @param proxy    the proxy's limits, destinations and resolver ({@code proxy.*} beyond bind and timeouts)
 * @param lists    block list sources ({@code lists.*})
 * @param dhcp     the DHCP lease file ({@code dhcp.*})
 * @param stats    block statistics ({@code stats.*})
 * @param transparent the transparent listeners ({@code transparent.*})
 * @param firewall the nftables rules and their sync ({@code firewall.*})
 * @param adminTls TLS of the admin API ({@code admin.tls*})
 * @param logFormat the format of the log lines ({@code log.format})
 * @param metricsBind the listener serving only {@code /health} and {@code /metrics} ({@code metrics.bind}), or
 *                 {@code null} for none
 * @param auditVerifyInterval how often the admin node verifies the audit chain ({@code audit.verify-interval});
 *                 {@link Duration#ZERO} when off
 */
public record Settings(String storeUrl, String storeUser, String storePassword, boolean proxyEnabled,
        InetSocketAddress proxyBind, Duration proxyConnectTimeout, Duration proxyIdleTimeout, boolean adminEnabled,
        InetSocketAddress adminBind, Duration pollInterval, Limits limits, ProxyOptions proxy, ListOptions lists,
        DhcpOptions dhcp, StatsOptions stats, TransparentOptions transparent, FirewallOptions firewall,
        AdminTlsOptions adminTls, LogFormat logFormat, InetSocketAddress metricsBind,
        Duration auditVerifyInterval) {

    /** The embedded H2 file URL for a path, in PostgreSQL compatibility mode. */
    public static String h2FileUrl(Path path) {
        return "jdbc:h2:file:" + path.toAbsolutePath().normalize()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    /**
     * The proxy's further settings.
     *
     * @param advertised      address written into the PAC file, {@code null} for the bound address
     * @param hostsFile       hosts-format file consulted before DNS, or {@code null}
     * @param dns             whether the system resolver is used after the hosts file
     * @param safeSearchTable replacement SafeSearch table file, or {@code null} for the built-in one
     * @param pagesHost       the host name the proxy answers itself ("Mijn afspraken"), lower case
     */
    public record ProxyOptions(InetSocketAddress advertised, int maxRequestLine, int maxHeaderSize,
            int maxConnectionsPerClient, int maxConnections, List<Cidr> allowedDestinations, Path hostsFile,
            boolean dns, Path safeSearchTable, long decisionCacheSize, Duration tunnelRecheckInterval,
            String pagesHost) {
        public ProxyOptions {
            allowedDestinations = List.copyOf(allowedDestinations);
        }
    }

    /**
     * Block list sources.
     *
     * @param categories category id → source specs, in id order
     * @param services   AdGuard services.json source specs
     */
    public record ListOptions(Map<String, List<String>> categories, List<String> services, Duration reloadInterval) {
        public ListOptions {
            categories = Map.copyOf(categories);
            services = List.copyOf(services);
        }

        /** Whether no list is configured at all. */
        public boolean isEmpty() {
            return categories.isEmpty() && services.isEmpty();
        }
    }

    /**
     * The DHCP lease file.
     *
     * @param leaseFile the file, or {@code null} for none
     */
    public record DhcpOptions(Path leaseFile, LeaseFormat format, Duration pollInterval) {
    }

    /** Block statistics. */
    public record StatsOptions(Duration flushInterval, Duration purgeInterval) {
    }

    /**
     * The transparent listeners.
     *
     * @param httpBind          transparent HTTP listener, or {@code null} when off
     * @param tlsBind           transparent TLS listener, or {@code null} when off
     * @param clientHelloTimeout how long to wait for a complete ClientHello
     * @param maxClientHello    largest accepted ClientHello, in bytes
     * @param echPublicNames    file replacing the built-in ECH front-end names, or {@code null} for the built-in list
     * @param httpsBlockPage    whether blocked TLS hosts get the block page under a local-CA certificate
     * @param caDir             directory of the local CA
     */
    public record TransparentOptions(InetSocketAddress httpBind, InetSocketAddress tlsBind,
            Duration clientHelloTimeout, int maxClientHello, Path echPublicNames, boolean httpsBlockPage, Path caDir) {

        /** Whether any transparent listener is configured. */
        public boolean enabled() {
            return httpBind != null || tlsBind != null;
        }
    }

    /** Whose traffic an nftables rule applies to. */
    public enum Scope {
        /** Every device on the Wi-Fi interface. */
        ALL,
        /** Only the devices in the restricted sets ({@code firewall.sync} keeps them up to date). */
        RESTRICTED,
        /** Nobody: the rule is left out. */
        NONE;

        /** The lower-case name used in the settings. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The nftables rules ({@code vangnet firewall}) and their sync.
     *
     * @param iface        the Wi-Fi clients' interface
     * @param table        the nftables table name (family {@code inet})
     * @param dohEndpoints file of DoH/DoT resolver addresses, or {@code null} for none
     * @param redirect     whose TCP 80/443 is redirected ({@link Scope#ALL} or {@link Scope#RESTRICTED})
     * @param blockQuic    whose UDP 443 is dropped
     * @param sync         whether Vangnet keeps the restricted sets up to date
     * @param nft          the nft command
     */
    public record FirewallOptions(String iface, String table, Path dohEndpoints, Scope redirect, Scope blockQuic,
            boolean sync, String nft) {
    }
}
