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
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.rules.Problem;
import nl.vangnet.config.rules.ValidationException;

/**
 * Loads {@link Settings}: defaults, then the properties file (if given), then environment variables
 * ({@link Setting#environmentVariable()}), then explicit overrides from the command line; later wins. Unknown keys in
 * the file and malformed values are reported together, each with the key, as a {@link ValidationException}.
 * Stateless and thread-safe.
 */
public final class SettingsLoader {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%\\w+)?");

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
        for (Setting s : Setting.values()) {
            raw.put(s, s.defaultValue());
        }
        if (file != null) {
            readFile(file, raw, problems);
        }
        for (Setting s : Setting.values()) {
            String v = env.get(s.environmentVariable());
            if (v != null) {
                raw.put(s, v.strip());
            }
        }
        raw.putAll(overrides);
        ValidationException.throwIfAny(problems);
        return parse(raw);
    }

    private static void readFile(Path file, Map<Setting, String> raw, List<Problem> problems) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            problems.add(new Problem("config", "cannot read settings file " + file + ": " + e.getMessage()));
            return;
        }
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            Setting s = byKey(key);
            if (s == null) {
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

    private static Settings parse(Map<Setting, String> raw) {
        Parser p = new Parser(raw);
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
        Period wzd = p.period(Setting.LIMITS_WZD_INTERVAL);
        Period voluntary = p.period(Setting.LIMITS_VOLUNTARY_INTERVAL);
        int unforeseen = p.integer(Setting.LIMITS_UNFORESEEN_DAYS, 1, 366);
        int grace = p.integer(Setting.LIMITS_LAPSE_GRACE_DAYS, 0, 366);
        int warning = p.integer(Setting.LIMITS_WARNING_DAYS, 0, 366);
        ValidationException.throwIfAny(p.problems);
        return new Settings(url, raw.get(Setting.STORE_USER), raw.get(Setting.STORE_PASSWORD), proxyEnabled,
                proxyBind, connectTimeout, idleTimeout, adminEnabled, adminBind, poll,
                new Limits(wzd, voluntary, unforeseen, grace, warning, Limits.AMSTERDAM));
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
