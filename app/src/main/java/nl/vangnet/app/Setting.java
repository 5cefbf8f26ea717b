package nl.vangnet.app;

import java.util.List;
import java.util.Locale;

/**
 * Every setting Vangnet reads, with its default and a one-line description. This enum is the configuration
 * reference: the README table and {@code config/vangnet.properties} are checked against it by a test.
 * The environment variable of a key is {@code VANGNET_} + the key upper-cased with {@code .} and {@code -} as
 * {@code _} (e.g. {@code store.url} → {@code VANGNET_STORE_URL}).
 */
public enum Setting {
    STORE_URL("store.url", "",
            "JDBC URL of the store. Empty: the embedded H2 file database at store.h2-path. "
                    + "PostgreSQL: jdbc:postgresql://host:5432/vangnet"),
    STORE_H2_PATH("store.h2-path", "data/vangnet",
            "Path (without .mv.db) of the embedded H2 database, used when store.url is empty"),
    STORE_USER("store.user", "", "Database user (PostgreSQL)"),
    STORE_PASSWORD("store.password", "", "Database password; prefer the environment variable VANGNET_STORE_PASSWORD"),
    PROXY_ENABLED("proxy.enabled", "true", "Run the explicit HTTP/CONNECT proxy listener in this process"),
    PROXY_BIND("proxy.bind", "127.0.0.1:3128", "Address and port of the explicit proxy listener"),
    PROXY_CONNECT_TIMEOUT("proxy.connect-timeout", "PT10S", "Upstream connect timeout (ISO-8601 duration)"),
    PROXY_IDLE_TIMEOUT("proxy.idle-timeout", "PT70S", "Idle connection timeout (ISO-8601 duration)"),
    PROXY_ADVERTISED_ADDRESS("proxy.advertised-address", "",
            "host:port that the PAC file (/proxy.pac, /wpad.dat) tells clients to use. Empty: the bound address"),
    PROXY_PAGES_HOST("proxy.pages-host", "mijn.vangnet",
            "Host name the proxy answers itself with the clients' \"Mijn afspraken\" page (http://<host>/afspraken,"
                    + " also /afspraken on the proxy port); never forwarded or resolved. Transparent mode: point this"
                    + " name at the proxy in the Wi-Fi's DNS"),
    PROXY_MAX_REQUEST_LINE("proxy.max-request-line", "8192",
            "Longest request line in bytes (256 to 1048576); longer gets 400"),
    PROXY_MAX_HEADER_SIZE("proxy.max-header-size", "16384",
            "Largest request header block in bytes (1024 to 1048576); larger gets 400"),
    PROXY_MAX_CONNECTIONS_PER_CLIENT("proxy.max-connections-per-client", "256",
            "Open connections allowed per client address; more get 429"),
    PROXY_MAX_CONNECTIONS("proxy.max-connections", "4096",
            "Open client connections allowed in total; more get 503 (raise ulimit -n to match)"),
    PROXY_ALLOWED_DESTINATIONS("proxy.allowed-destinations", "",
            "Comma-separated CIDRs the proxy may connect to although they are loopback, private, link-local or"
                    + " CGNAT (lab and test setups). Empty: none"),
    PROXY_HOSTS_FILE("proxy.hosts-file", "",
            "A hosts-format file (address name...) consulted before DNS when resolving destinations. Empty: none"),
    PROXY_DNS("proxy.dns", "true",
            "Resolve destinations through the system resolver (false: only proxy.hosts-file, for closed labs)"),
    PROXY_SAFESEARCH_TABLE("proxy.safesearch-table", "",
            "File with 'search-host enforced-host' lines replacing the built-in SafeSearch table. Empty: built-in"),
    PROXY_DECISION_CACHE_SIZE("proxy.decision-cache-size", "50000",
            "Cached decisions for restricted clients (0 turns the cache off)"),
    PROXY_TUNNEL_RECHECK_INTERVAL("proxy.tunnel-recheck-interval", "PT1M",
            "How often open tunnels of restricted clients are re-decided (also on every policy or list change)"),
    TRANSPARENT_HTTP_BIND("transparent.http-bind", "",
            "Address and port of the transparent HTTP listener (TCP port 80 redirected here, see 'vangnet firewall')."
                    + " Empty: off"),
    TRANSPARENT_TLS_BIND("transparent.tls-bind", "",
            "Address and port of the transparent TLS listener (TCP port 443 redirected here; decides on the SNI"
                    + " without decrypting). Empty: off"),
    TRANSPARENT_CLIENT_HELLO_TIMEOUT("transparent.client-hello-timeout", "PT10S",
            "How long the TLS listener waits for a complete ClientHello before closing (ISO-8601 duration)"),
    TRANSPARENT_MAX_CLIENT_HELLO("transparent.max-client-hello", "16384",
            "Largest accepted TLS ClientHello in bytes (512 to 65536); a larger one is closed"),
    TRANSPARENT_ECH_PUBLIC_NAMES("transparent.ech-public-names", "",
            "File with the public names of Encrypted Client Hello front-ends (one per line), replacing the built-in"
                    + " list; a ClientHello with ECH to one of them cannot be named. Empty: built-in"),
    TRANSPARENT_HTTPS_BLOCK_PAGE("transparent.https-block-page", "false",
            "Complete TLS for blocked hosts only, with a certificate of the local CA, to show the block page over"
                    + " HTTPS (devices must trust the CA: 'vangnet ca export'). Allowed traffic is never decrypted"),
    TRANSPARENT_CA_DIR("transparent.ca-dir", "data/ca",
            "Directory of the local CA for the HTTPS block page (created on first start, key readable by the owner"
                    + " only)"),
    FIREWALL_INTERFACE("firewall.interface", "wlan0",
            "Network interface of the Wi-Fi clients, for the nftables rules ('vangnet firewall')"),
    FIREWALL_TABLE("firewall.table", "vangnet", "Name of Vangnet's nftables table (family inet)"),
    FIREWALL_DOH_ENDPOINTS("firewall.doh-endpoints", "config/firewall/doh-endpoints.txt",
            "File listing the addresses of known DNS-over-HTTPS/TLS resolvers, dropped for restricted devices."
                    + " Empty: none"),
    FIREWALL_REDIRECT("firewall.redirect", "all",
            "Whose TCP 80/443 the nftables rules redirect to the transparent listeners: all or restricted (needs"
                    + " firewall.sync)"),
    FIREWALL_BLOCK_QUIC("firewall.block-quic", "all",
            "Whose UDP 443 (QUIC) the nftables rules drop so that browsers fall back to TCP: all, restricted (needs"
                    + " firewall.sync) or none"),
    FIREWALL_SYNC("firewall.sync", "false",
            "Keep the restricted-device sets of the nftables table up to date from the policy (runs firewall.nft)"),
    FIREWALL_NFT("firewall.nft", "nft", "The nft command used by firewall.sync"),
    LISTS_CATEGORY("lists.category.<id>", "",
            "Sources of list category <id> (e.g. lists.category.gambling), comma-separated source specs such as"
                    + " ut1:/srv/ut1/gambling or hosts:https://example.org/hosts.gz; see docs/lists.md"),
    LISTS_SERVICES("lists.services", "",
            "AdGuard services.json sources (services:PATH-or-URL), giving lists service:<id> for blocked services"),
    LISTS_RELOAD_INTERVAL("lists.reload-interval", "PT6H",
            "How often lists are reloaded from their sources (ISO-8601 duration); also POST /api/lists/reload"),
    DHCP_LEASE_FILE("dhcp.lease-file", "",
            "DHCP lease file to identify devices by MAC address. Empty: identify by fixed IP and proxy login only"),
    DHCP_LEASE_FORMAT("dhcp.lease-format", "auto", "Lease file format: dnsmasq, isc, kea or auto"),
    DHCP_POLL_INTERVAL("dhcp.poll-interval", "PT5S", "How often the lease file is checked for changes"),
    STATS_FLUSH_INTERVAL("stats.flush-interval", "PT1M",
            "How often block counts of restricted clients are written to the store"),
    STATS_PURGE_INTERVAL("stats.purge-interval", "PT1H",
            "How often per-host block events past their retention are deleted"),
    AUDIT_VERIFY_INTERVAL("audit.verify-interval", "PT1H",
            "How often the admin node walks the audit log's hash chain (metric vangnet_audit_verify_ok; a broken"
                    + " chain is logged as an error). 0 turns it off"),
    ADMIN_ENABLED("admin.enabled", "true", "Run the admin API in this process"),
    ADMIN_BIND("admin.bind", "127.0.0.1:8080", "Address and port of the admin API"),
    ADMIN_TLS("admin.tls", "auto",
            "TLS for the admin API: auto (TLS unless admin.bind is a loopback address), on, or off (refused unless"
                    + " admin.bind is loopback); see docs/admin-tls.md"),
    ADMIN_TLS_KEYSTORE("admin.tls-keystore", "",
            "PKCS#12 file with the admin API's key and certificate chain. Empty: a self-signed certificate in"
                    + " admin.tls-dir"),
    ADMIN_TLS_KEYSTORE_PASSWORD("admin.tls-keystore-password", "",
            "Password of admin.tls-keystore; prefer the environment variable VANGNET_ADMIN_TLS_PASSWORD, which wins"),
    ADMIN_TLS_HOSTNAMES("admin.tls-hostnames", "",
            "Comma-separated DNS names and IP addresses of the self-signed certificate. Empty: the bind address (all"
                    + " interface addresses for 0.0.0.0 or ::), localhost and the machine's host name"),
    ADMIN_TLS_DIR("admin.tls-dir", "data/admin-tls",
            "Directory of the self-signed certificate (created on first start, key readable by the owner only;"
                    + " 'vangnet admin-cert export')"),
    METRICS_BIND("metrics.bind", "",
            "Address and port of a listener serving only /health and /metrics, for proxy nodes without the admin API"
                    + " (admin.enabled=false; plain HTTP, keep it on loopback or a management network; see"
                    + " docs/nodes.md). Empty: none (the admin API serves both)"),
    SNAPSHOT_POLL_INTERVAL("snapshot.poll-interval", "PT1S",
            "How often the node checks the store for changes (ISO-8601 duration)"),
    LOG_FORMAT("log.format", "text",
            "Format of the log lines on standard error: text, or json (one JSON object per line, Logback's"
                    + " JsonEncoder). Either way nothing is logged about clients without a restriction"),
    LIMITS_WZD_INTERVAL("limits.max-evaluation-interval.wzd", "P3M",
            "Longest time to the next evaluation of a WZD registration (ISO-8601 period)"),
    LIMITS_VOLUNTARY_INTERVAL("limits.max-evaluation-interval.voluntary", "P6M",
            "Longest time to the next evaluation of a VOLUNTARY registration (ISO-8601 period)"),
    LIMITS_UNFORESEEN_DAYS("limits.max-unforeseen-days", "14",
            "Longest duration in days of a WZD_UNFORESEEN registration (art. 15 Wzd)"),
    LIMITS_LAPSE_GRACE_DAYS("limits.lapse-grace-days", "0",
            "Days after a passed evaluation date before the registration lapses"),
    LIMITS_WARNING_DAYS("limits.warning-days", "14", "Days ahead of an evaluation date that warnings start"),
    LIMITS_MAX_HOST_EVENT_RETENTION_DAYS("limits.max-host-event-retention-days", "90",
            "Longest retention in days a registration may set for per-host block events (default retention 30)");

    private final String key;
    private final String defaultValue;
    private final String description;

    Setting(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /**
     * The environment variable that overrides this setting. For a family ({@link #isFamily()}) it ends in
     * {@code <ID>}: the id upper-cased (e.g. {@code VANGNET_LISTS_CATEGORY_GAMBLING}).
     */
    public String environmentVariable() {
        return "VANGNET_" + key.replace("<id>", "<ID>").toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Whether this is a family of keys, one per id ({@code lists.category.<id>}). */
    public boolean isFamily() {
        return key.endsWith(".<id>");
    }

    /** For a family: the key prefix before the id ({@code lists.category.}). */
    public String familyPrefix() {
        return key.substring(0, key.length() - "<id>".length());
    }

    /** Whether the value is secret and must be masked when printed. */
    public boolean secret() {
        return this == STORE_PASSWORD || this == ADMIN_TLS_KEYSTORE_PASSWORD;
    }

    static List<Setting> all() {
        return List.of(values());
    }
}
