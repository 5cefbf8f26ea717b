package nl.vangnet.config.store;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh, empty database for one test: a uniquely named in-memory H2 database, or a new schema in the PostgreSQL
 * named by system property {@value #PG_URL} (dropped again by {@link #close()}). PostgreSQL tests are skipped when
 * that property is blank, and fail instead when {@value #PG_REQUIRED} is {@code true}.
 *
 * <p>Not thread-safe; one instance per test.
 */
public final class TestDatabase implements AutoCloseable {
    /** System property: admin JDBC URL of a PostgreSQL server to test against, e.g.
     *  {@code jdbc:postgresql://127.0.0.1:55432/postgres?user=postgres}. */
    public static final String PG_URL = "vangnet.test.pg.url";
    /** System property: {@code true} makes a missing {@value #PG_URL} a test failure instead of a skip. */
    public static final String PG_REQUIRED = "vangnet.test.pg.required";

    private final String url;
    private final String adminUrl;
    private final String schema;

    private TestDatabase(String url, String adminUrl, String schema) {
        this.url = url;
        this.adminUrl = adminUrl;
        this.schema = schema;
    }

    /** A new, empty in-memory H2 database (PostgreSQL mode). */
    public static TestDatabase h2() {
        return new TestDatabase(Database.h2Memory("vangnet-test-" + UUID.randomUUID()), null, null);
    }

    /**
     * Skips the calling test class when no PostgreSQL URL is configured, or fails it when one is required. Call
     * from {@code @BeforeAll}.
     */
    public static void requirePostgresConfigured() {
        String url = pgAdminUrl();
        if (url.isEmpty()) {
            if (Boolean.parseBoolean(property(PG_REQUIRED))) {
                fail("system property " + PG_REQUIRED + "=true but " + PG_URL + " is not set: the PostgreSQL store"
                        + " suite must run (start a cluster with scripts/pg-test-cluster.sh start and pass -D"
                        + PG_URL + "=$(scripts/pg-test-cluster.sh url))");
            }
            Assumptions.abort("PostgreSQL store suite skipped: set -D" + PG_URL + "=jdbc:postgresql://…");
        }
    }

    /** A new, empty schema in the configured PostgreSQL database. */
    public static TestDatabase postgres() {
        requirePostgresConfigured();
        String admin = pgAdminUrl();
        String schema = "vangnet_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
                .toLowerCase(Locale.ROOT);
        execute(admin, "CREATE SCHEMA " + schema);
        String url = admin + (admin.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new TestDatabase(url, admin, schema);
    }

    /** The JDBC URL of this test database (credentials, if any, are part of it). */
    public String url() {
        return url;
    }

    public boolean isPostgres() {
        return schema != null;
    }

    /** Opens (and migrates) a pool on this database; the caller closes it. */
    public Database open() {
        return Database.open(url, null, null, 4);
    }

    /** A plain JDBC connection (auto-commit on), for tests that change tables behind the store's back. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    /** Drops the PostgreSQL schema; the H2 in-memory database simply stays unused. */
    @Override
    public void close() {
        if (schema != null) {
            execute(adminUrl, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private static String pgAdminUrl() {
        String url = property(PG_URL);
        return url.startsWith("${") ? "" : url;
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        return value == null ? "" : value.strip();
    }

    private static void execute(String jdbcUrl, String sql) {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on " + jdbcUrl + ": " + e.getMessage(), e);
        }
    }

    /** The first column of the first row of {@code sql} as text, or {@code null} when there is no row. */
    public String column(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The number of rows in {@code table}. */
    public long count(String table) {
        return Long.parseLong(column("SELECT COUNT(*) FROM " + table));
    }
}
