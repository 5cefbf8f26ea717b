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
    ADMIN_ENABLED("admin.enabled", "true", "Run the admin API in this process"),
    ADMIN_BIND("admin.bind", "127.0.0.1:8080", "Address and port of the admin API"),
    SNAPSHOT_POLL_INTERVAL("snapshot.poll-interval", "PT5S",
            "How often the node checks the store for changes (ISO-8601 duration)"),
    LIMITS_WZD_INTERVAL("limits.max-evaluation-interval.wzd", "P3M",
            "Longest time to the next evaluation of a WZD registration (ISO-8601 period)"),
    LIMITS_VOLUNTARY_INTERVAL("limits.max-evaluation-interval.voluntary", "P6M",
            "Longest time to the next evaluation of a VOLUNTARY registration (ISO-8601 period)"),
    LIMITS_UNFORESEEN_DAYS("limits.max-unforeseen-days", "14",
            "Longest duration in days of a WZD_UNFORESEEN registration (art. 15 Wzd)"),
    LIMITS_LAPSE_GRACE_DAYS("limits.lapse-grace-days", "0",
            "Days after a passed evaluation date before the registration lapses"),
    LIMITS_WARNING_DAYS("limits.warning-days", "14", "Days ahead of an evaluation date that warnings start");

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

    /** The environment variable that overrides this setting. */
    public String environmentVariable() {
        return "VANGNET_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Whether the value is secret and must be masked when printed. */
    public boolean secret() {
        return this == STORE_PASSWORD;
    }

    static List<Setting> all() {
        return List.of(values());
    }
}
