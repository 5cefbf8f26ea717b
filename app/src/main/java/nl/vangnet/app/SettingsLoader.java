package nl.vangnet.app;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.nio.file.InvalidPathException;
import java.util.Locale;
import java.util.TreeMap;
import nl.vangnet.app.admintls.AdminTlsMode;
import nl.vangnet.app.admintls.AdminTlsOptions;
import nl.vangnet.app.admintls.HostNames;
import nl.vangnet.proxy.identify.LeaseFormat;
import nl.vangnet.proxy.lists.ListFormat;
import nl.vangnet.proxy.lists.ListSource;
import nl.vangnet.proxy.net.Cidr;
import nl.vangnet.proxy.page.MyAgreements;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.rules.Problem;
import nl.vangnet.config.rules.ValidationException;

/**
 * Loads {@link Settings}: defaults, then the properties file (if given), then environment variables
 * ({@link Setting#environmentVariable()}), then explicit overrides from the command line; later wins. The keystore
 * password in {@value AdminTlsOptions#PASSWORD_ENV} wins over all of them. Unknown keys in
 * the file and malformed values are reported together, each with the key, as a {@link ValidationException}.
 * Stateless and thread-safe.
 */
public final class SettingsLoader {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%\\w+)?");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern IFACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,14}");

    private SettingsLoader() {
    }

    /**
     * @param file      the properties file, or {@code null} for none
     * @param env       the environment (usually {@code System.getenv()})
     * @param overrides values given on the command line
     */
    public static Settings load(Path file, Map<String, String> env, Map<Setting, String> overrides) {
        List<Problem> problems = new ArrayList<>();
        Map<Setting, String> raw = new EnumMap<>(Setting.class);
        Map<String, String> categories = new TreeMap<>();
        for (Setting s : Setting.values()) {
            if (!s.isFamily()) {
                raw.put(s, s.defaultValue());
            }
        }
        if (file != null) {
            readFile(file, raw, categories, problems);
        }
        for (Setting s : Setting.values()) {
            String v = s.isFamily() ? null : env.get(s.environmentVariable());
            if (v != null) {
                raw.put(s, v.strip());
            }
        }
        String envPrefix = Setting.LISTS_CATEGORY.environmentVariable().replace("<ID>", "");
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            if (e.getKey().startsWith(envPrefix) && e.getKey().length() > envPrefix.length()) {
                String id = e.getKey().substring(envPrefix.length()).toLowerCase(Locale.ROOT);
                categories.put(id, e.getValue().strip());
                if (!ID.matcher(id).matches()) {
                    problems.add(new Problem(e.getKey(), "'" + id + "' is not a valid list id: use 1 to 64 letters,"
                            + " digits, '.', '_' or '-', starting with a letter or digit"));
                }
            }
        }
        raw.putAll(overrides);
        String tlsPassword = env.get(AdminTlsOptions.PASSWORD_ENV);
        if (tlsPassword != null) {
            raw.put(Setting.ADMIN_TLS_KEYSTORE_PASSWORD, tlsPassword);
        }
        if (problems.stream().anyMatch(pr -> pr.field().equals("config"))) {
            ValidationException.throwIfAny(problems);
        }
        return parse(raw, categories, problems);
    }

    private static void readFile(Path file, Map<Setting, String> raw, Map<String, String> categories,
            List<Problem> problems) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            problems.add(new Problem("config", "cannot read settings file " + file + ": " + e.getMessage()));
            return;
        }
        String prefix = Setting.LISTS_CATEGORY.familyPrefix();
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            Setting s = byKey(key);
            if (key.startsWith(prefix)) {
                String id = key.substring(prefix.length());
                if (ID.matcher(id).matches()) {
                    categories.put(id, p.getProperty(key).strip());
                } else {
                    problems.add(new Problem(key, "'" + id + "' is not a valid list id: use 1 to 64 lower-case"
                            + " letters, digits, '.', '_' or '-', starting with a letter or digit"));
                }
            } else if (s == null || s.isFamily()) {
                problems.add(new Problem(key, "unknown setting in " + file + " (see the configuration reference"
                        + " in README.md)"));
            } else {
                raw.put(s, p.getProperty(key).strip());
            }
        }
    }

    private static Setting byKey(String key) {
        for (Setting s : Setting.values()) {
            if (s.key().equals(key)) {
                return s;
            }
        }
        return null;
    }

    private static Settings parse(Map<Setting, String> raw, Map<String, String> categoryValues,
            List<Problem> earlier) {
        Parser p = new Parser(raw);
        p.problems.addAll(earlier);
        String url = raw.get(Setting.STORE_URL);
        if (url.isEmpty()) {
            String path = raw.get(Setting.STORE_H2_PATH);
            if (path.isEmpty()) {
                p.problem(Setting.STORE_H2_PATH, "must not be empty when store.url is empty");
            } else {
                url = Settings.h2FileUrl(Path.of(path));
            }
        } else if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            p.problem(Setting.STORE_URL, "must be a jdbc:postgresql: or jdbc:h2: URL, got '" + url + "'");
        }
        boolean proxyEnabled = p.bool(Setting.PROXY_ENABLED);
        InetSocketAddress proxyBind = p.address(Setting.PROXY_BIND);
        Duration connectTimeout = p.duration(Setting.PROXY_CONNECT_TIMEOUT);
        Duration idleTimeout = p.duration(Setting.PROXY_IDLE_TIMEOUT);
        boolean adminEnabled = p.bool(Setting.ADMIN_ENABLED);
        InetSocketAddress adminBind = p.address(Setting.ADMIN_BIND);
        Duration poll = p.duration(Setting.SNAPSHOT_POLL_INTERVAL);
        InetSocketAddress metricsBind = p.optionalAddress(Setting.METRICS_BIND);
        Period wzd = p.period(Setting.LIMITS_WZD_INTERVAL);
        Period voluntary = p.period(Setting.LIMITS_VOLUNTARY_INTERVAL);
        int unforeseen = p.integer(Setting.LIMITS_UNFORESEEN_DAYS, 1, 366);
        int grace = p.integer(Setting.LIMITS_LAPSE_GRACE_DAYS, 0, 366);
        int warning = p.integer(Setting.LIMITS_WARNING_DAYS, 0, 366);
        int retention = p.integer(Setting.LIMITS_MAX_HOST_EVENT_RETENTION_DAYS, 1, 3660);

        InetSocketAddress advertised = raw.get(Setting.PROXY_ADVERTISED_ADDRESS).isEmpty() ? null
                : p.address(Setting.PROXY_ADVERTISED_ADDRESS);
        Settings.ProxyOptions proxy = new Settings.ProxyOptions(advertised,
                p.integer(Setting.PROXY_MAX_REQUEST_LINE, 256, 1 << 20),
                p.integer(Setting.PROXY_MAX_HEADER_SIZE, 1024, 1 << 20),
                p.integer(Setting.PROXY_MAX_CONNECTIONS_PER_CLIENT, 1, 1_000_000),
                p.integer(Setting.PROXY_MAX_CONNECTIONS, 1, 1_000_000),
                p.cidrs(Setting.PROXY_ALLOWED_DESTINATIONS), p.path(Setting.PROXY_HOSTS_FILE),
                p.bool(Setting.PROXY_DNS), p.path(Setting.PROXY_SAFESEARCH_TABLE),
                p.integer(Setting.PROXY_DECISION_CACHE_SIZE, 0, 10_000_000),
                p.duration(Setting.PROXY_TUNNEL_RECHECK_INTERVAL), p.pagesHost(Setting.PROXY_PAGES_HOST));
        if (!proxy.dns() && proxy.hostsFile() == null) {
            p.problem(Setting.PROXY_DNS, "is false but proxy.hosts-file is empty: the proxy could resolve no"
                    + " destination at all");
        }
        Map<String, List<String>> categories = new TreeMap<>();
        for (Map.Entry<String, String> e : categoryValues.entrySet()) {
            List<String> sources = p.sources(Setting.LISTS_CATEGORY.familyPrefix() + e.getKey(), e.getValue(),
                    false);
            if (!sources.isEmpty()) {
                categories.put(e.getKey(), sources);
            }
        }
        Settings.ListOptions lists = new Settings.ListOptions(categories,
                p.sources(Setting.LISTS_SERVICES.key(), raw.get(Setting.LISTS_SERVICES), true),
                p.duration(Setting.LISTS_RELOAD_INTERVAL));
        LeaseFormat format = LeaseFormat.AUTO;
        try {
            format = LeaseFormat.fromName(raw.get(Setting.DHCP_LEASE_FORMAT));
        } catch (IllegalArgumentException e) {
            p.problem(Setting.DHCP_LEASE_FORMAT, e.getMessage());
        }
        Settings.DhcpOptions dhcp = new Settings.DhcpOptions(p.path(Setting.DHCP_LEASE_FILE), format,
                p.duration(Setting.DHCP_POLL_INTERVAL));
        Settings.StatsOptions stats = new Settings.StatsOptions(p.duration(Setting.STATS_FLUSH_INTERVAL),
                p.duration(Setting.STATS_PURGE_INTERVAL));
        Settings.TransparentOptions transparent = new Settings.TransparentOptions(
                p.optionalAddress(Setting.TRANSPARENT_HTTP_BIND), p.optionalAddress(Setting.TRANSPARENT_TLS_BIND),
                p.duration(Setting.TRANSPARENT_CLIENT_HELLO_TIMEOUT),
                p.integer(Setting.TRANSPARENT_MAX_CLIENT_HELLO, 512, 65536),
                p.path(Setting.TRANSPARENT_ECH_PUBLIC_NAMES), p.bool(Setting.TRANSPARENT_HTTPS_BLOCK_PAGE),
                p.path(Setting.TRANSPARENT_CA_DIR));
        if (transparent.caDir() == null && transparent.httpsBlockPage()) {
            p.problem(Setting.TRANSPARENT_CA_DIR, "must not be empty when transparent.https-block-page is true");
        }
        Settings.FirewallOptions firewall = new Settings.FirewallOptions(
                p.word(Setting.FIREWALL_INTERFACE, IFACE, "a network interface name (letters, digits, . _ -, at"
                        + " most 15 characters)"),
                p.word(Setting.FIREWALL_TABLE, ID, "an nftables table name (lower-case letters, digits, . _ -)"),
                p.path(Setting.FIREWALL_DOH_ENDPOINTS),
                p.scope(Setting.FIREWALL_REDIRECT, Settings.Scope.ALL, Settings.Scope.RESTRICTED),
                p.scope(Setting.FIREWALL_BLOCK_QUIC, Settings.Scope.values()),
                p.bool(Setting.FIREWALL_SYNC), raw.get(Setting.FIREWALL_NFT));
        if (firewall.nft().isBlank()) {
            p.problem(Setting.FIREWALL_NFT, "must name the nft command");
        }
        if (adminEnabled && metricsBind != null && metricsBind.equals(adminBind)) {
            p.problem(Setting.METRICS_BIND, "is the same address as admin.bind (" + raw.get(Setting.ADMIN_BIND)
                    + "), which already serves /health and /metrics: leave metrics.bind empty or pick another port");
        }
        AdminTlsOptions adminTls = adminTls(p, adminEnabled, adminBind);
        LogFormat logFormat = LogFormat.TEXT;
        try {
            logFormat = LogFormat.parse(raw.get(Setting.LOG_FORMAT));
        } catch (IllegalArgumentException e) {
            p.problem(Setting.LOG_FORMAT, e.getMessage());
        }
        Duration auditVerifyInterval = p.durationOrZero(Setting.AUDIT_VERIFY_INTERVAL);
        ValidationException.throwIfAny(p.problems);
        return new Settings(url, raw.get(Setting.STORE_USER), raw.get(Setting.STORE_PASSWORD), proxyEnabled,
                proxyBind, connectTimeout, idleTimeout, adminEnabled, adminBind, poll,
                new Limits(wzd, voluntary, unforeseen, grace, warning, Limits.AMSTERDAM, retention), proxy, lists,
                dhcp, stats, transparent, firewall, adminTls, logFormat, metricsBind, auditVerifyInterval);
    }

    private static AdminTlsOptions adminTls(Parser p, boolean adminEnabled, InetSocketAddress adminBind) {
        AdminTlsMode mode = AdminTlsMode.AUTO;
        try {
            mode = AdminTlsMode.parse(p.raw.get(Setting.ADMIN_TLS));
        } catch (IllegalArgumentException e) {
            p.problem(Setting.ADMIN_TLS, e.getMessage());
        }
        if (adminEnabled && adminBind != null && mode == AdminTlsMode.OFF) {
            String refusal = AdminTlsMode.refusal(adminBind);
            if (refusal != null) {
                p.problem(Setting.ADMIN_TLS, refusal);
            }
        }
        List<String> hostnames = List.of();
        try {
            hostnames = HostNames.parse(p.raw.get(Setting.ADMIN_TLS_HOSTNAMES));
        } catch (IllegalArgumentException e) {
            p.problem(Setting.ADMIN_TLS_HOSTNAMES, e.getMessage());
        }
        Path dir = p.path(Setting.ADMIN_TLS_DIR);
        if (dir == null) {
            p.problem(Setting.ADMIN_TLS_DIR, "must not be empty");
            dir = Path.of(Setting.ADMIN_TLS_DIR.defaultValue());
        }
        return new AdminTlsOptions(mode, p.path(Setting.ADMIN_TLS_KEYSTORE),
                p.raw.get(Setting.ADMIN_TLS_KEYSTORE_PASSWORD), hostnames, dir);
    }

    /** Parses one value at a time, collecting problems instead of stopping at the first. */
    private static final class Parser {
        private final Map<Setting, String> raw;
        private final List<Problem> problems = new ArrayList<>();

        Parser(Map<Setting, String> raw) {
            this.raw = raw;
        }

        void problem(Setting s, String message) {
            problems.add(new Problem(s.key(), message));
        }

        /** A host name for the proxy's own pages, lower case; the default after a problem. */
        String pagesHost(Setting s) {
            try {
                return MyAgreements.requireValidPagesHost(raw.get(s));
            } catch (IllegalArgumentException e) {
                problem(s, e.getMessage());
                return MyAgreements.DEFAULT_HOST;
            }
        }

        boolean bool(Setting s) {
            String v = raw.get(s);
            if (v.equalsIgnoreCase("true")) {
                return true;
            }
            if (!v.equalsIgnoreCase("false")) {
                problem(s, "must be true or false, got '" + v + "'");
            }
            return false;
        }

        int integer(Setting s, int min, int max) {
            String v = raw.get(s);
            try {
                int i = Integer.parseInt(v);
                if (i >= min && i <= max) {
                    return i;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            problem(s, "must be a whole number from " + min + " to " + max + ", got '" + v + "'");
            return min;
        }

        Path path(Setting s) {
            String v = raw.get(s);
            if (v.isEmpty()) {
                return null;
            }
            try {
                return Path.of(v);
            } catch (InvalidPathException e) {
                problem(s, "not a valid path: '" + v + "'");
                return null;
            }
        }

        /** The value if it matches {@code pattern} in full, else a problem naming {@code what}. */
        String word(Setting s, Pattern pattern, String what) {
            String v = raw.get(s);
            if (!pattern.matcher(v).matches()) {
                problem(s, "must be " + what + ", got '" + v + "'");
            }
            return v;
        }

        /** One of {@code allowed}, written in lower case. */
        Settings.Scope scope(Setting s, Settings.Scope... allowed) {
            String v = raw.get(s);
            for (Settings.Scope scope : allowed) {
                if (scope.label().equalsIgnoreCase(v)) {
                    return scope;
                }
            }
            problem(s, "must be one of " + java.util.Arrays.stream(allowed).map(Settings.Scope::label)
                    .collect(java.util.stream.Collectors.joining(", ")) + ", got '" + v + "'");
            return allowed[0];
        }

        /** An address, or {@code null} for an empty value. */
        InetSocketAddress optionalAddress(Setting s) {
            return raw.get(s).isEmpty() ? null : address(s);
        }

        List<Cidr> cidrs(Setting s) {
            List<Cidr> out = new ArrayList<>();
            for (String part : raw.get(s).split(",")) {
                if (!part.isBlank()) {
                    try {
                        out.add(Cidr.parse(part.strip()));
                    } catch (IllegalArgumentException e) {
                        problem(s, e.getMessage());
                    }
                }
            }
            return out;
        }

        List<String> sources(String key, String value, boolean services) {
            List<String> out = new ArrayList<>();
            for (String part : value.split(",")) {
                String spec = part.strip();
                if (spec.isEmpty()) {
                    continue;
                }
                try {
                    ListSource source = ListSource.parse(spec);
                    if (services != (source.format() == ListFormat.SERVICES)) {
                        problems.add(new Problem(key, services
                                ? "'" + spec + "' must be a services.json source: services:PATH-or-URL"
                                : "'" + spec + "': services.json sources belong in lists.services, not in a"
                                        + " category"));
                    } else {
                        out.add(spec);
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(new Problem(key, e.getMessage()));
                }
            }
            return out;
        }

        Duration duration(Setting s) {
            String v = raw.get(s);
            try {
                Duration d = Duration.parse(v);
                if (!d.isNegative() && !d.isZero()) {
                    return d;
                }
            } catch (DateTimeParseException e) {
                // reported below
            }
            problem(s, "must be a positive ISO-8601 duration such as PT5S, got '" + v + "'");
            return Duration.ofSeconds(1);
        }

        /** A positive ISO-8601 duration, or {@code 0} / {@code PT0S} for "off" ({@link Duration#ZERO}). */
        Duration durationOrZero(Setting s) {
            String v = raw.get(s);
            if (v.equals("0")) {
                return Duration.ZERO;
            }
            try {
                Duration d = Duration.parse(v);
                if (!d.isNegative()) {
                    return d;
                }
            } catch (DateTimeParseException e) {
                // reported below
            }
            problem(s, "must be an ISO-8601 duration such as PT1H, or 0 for off, got '" + v + "'");
            return Duration.ZERO;
        }

        Period period(Setting s) {
            String v = raw.get(s);
            try {
                Period d = Period.parse(v);
                if (!d.isNegative() && !d.isZero()) {
                    return d;
                }
            } catch (DateTimeParseException e) {
                // reported below
            }
            problem(s, "must be a positive ISO-8601 period such as P3M, got '" + v + "'");
            return Period.ofDays(1);
        }

        InetSocketAddress address(Setting s) {
            String v = raw.get(s);
            int colon = v.lastIndexOf(':');
            if (colon <= 0 || colon == v.length() - 1) {
                problem(s, "must be host:port with an IP address, e.g. 127.0.0.1:3128 or [::1]:3128, got '" + v
                        + "'");
                return null;
            }
            String host = v.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            } else if (host.contains(":")) {
                problem(s, "an IPv6 address must be in brackets, e.g. [::1]:3128, got '" + v + "'");
                return null;
            }
            int port;
            try {
                port = Integer.parseInt(v.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 0 || port > 65535) {
                problem(s, "port must be a number from 0 to 65535, got '" + v.substring(colon + 1) + "'");
                return null;
            }
            boolean literal = IPV4.matcher(host).matches() || (host.contains(":") && IPV6.matcher(host).matches());
            if (!literal && !host.equals("localhost")) {
                problem(s, "host must be an IP address (or localhost), not a name, got '" + host + "'");
                return null;
            }
            try {
                // a literal or "localhost" is never looked up in DNS
                return new InetSocketAddress(InetAddress.getByName(host), port);
            } catch (UnknownHostException e) {
                problem(s, "not a valid IP address: '" + host + "'");
                return null;
            }
        }
    }
}
