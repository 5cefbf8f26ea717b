package nl.vangnet.config.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * A pooled connection to Vangnet's database, migrated to the current schema on {@link #open}. The embedded H2 file
 * database ({@link #h2File}) is the default; PostgreSQL ({@code jdbc:postgresql://…}) is used when several nodes
 * share one database. The same SQL runs on both (see {@code db/migration}); PostgreSQL also runs
 * {@code db/postgresql}, whose trigger sends {@code NOTIFY vangnet_changes} on every audited write (see
 * {@link ChangeListener}).
 *
 * <p>Connections from {@link #dataSource()} start with auto-commit off and isolation READ COMMITTED.
 *
 * <p>Thread-safe: the pool may be shared by any number of threads. {@link #close()} closes the pool.
 */
public final class Database implements AutoCloseable {

    /** The SQL dialect, detected from the JDBC URL. */
    public enum Dialect {
        /** Embedded H2 in PostgreSQL compatibility mode. */
        H2,
        /** PostgreSQL 15 or newer. */
        POSTGRESQL;

        /**
         * The dialect of {@code jdbcUrl}.
         *
         * @throws IllegalArgumentException for any other kind of URL
         */
        public static Dialect of(String jdbcUrl) {
            String url = Objects.requireNonNull(jdbcUrl, "jdbcUrl").strip().toLowerCase(Locale.ROOT);
            if (url.startsWith("jdbc:h2:")) {
                return H2;
            }
            if (url.startsWith("jdbc:postgresql:")) {
                return POSTGRESQL;
            }
            throw new IllegalArgumentException(
                    "unsupported JDBC URL (expected jdbc:h2:… or jdbc:postgresql:…): " + jdbcUrl);
        }
    }

    /** Migrations both databases run. */
    static final String SHARED_MIGRATIONS = "classpath:db/migration";
    /** Migrations only PostgreSQL runs (the change-notification trigger, see {@link ChangeListener}). */
    static final String POSTGRESQL_MIGRATIONS = "classpath:db/postgresql";
    /** Seconds an unpooled connection ({@link #connectUnpooled()}) waits for the server when connecting. */
    static final int UNPOOLED_CONNECT_TIMEOUT_SECONDS = 5;

    private static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    private final HikariDataSource dataSource;
    private final Dialect dialect;

    private Database(HikariDataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    /** The URL of the embedded H2 file database at {@code path} (H2 adds {@code .mv.db}). */
    public static String h2File(Path path) {
        return "jdbc:h2:file:" + path.toAbsolutePath().normalize() + H2_OPTIONS;
    }

    /**
     * The URL of a named in-memory H2 database that lives until the JVM exits ({@code DB_CLOSE_DELAY=-1}), so that
     * several pools in one JVM see the same data. For tests.
     */
    public static String h2Memory(String name) {
        return "jdbc:h2:mem:" + name + H2_OPTIONS + ";DB_CLOSE_DELAY=-1";
    }

    /** Opens a pool of at most 10 connections and migrates the schema. */
    public static Database open(String jdbcUrl, String user, String password) {
        return open(jdbcUrl, user, password, 10);
    }

    /**
     * Opens a pool of at most {@code maxPoolSize} connections to {@code jdbcUrl} and runs the Flyway migrations
     * from {@code classpath:db/migration}. {@code user} and {@code password} may be {@code null} when the URL
     * carries them (or none are needed).
     *
     * @throws IllegalArgumentException   for an unsupported URL
     * @throws StoreUnavailableException if the database cannot be reached or migrated
     */
    public static Database open(String jdbcUrl, String user, String password, int maxPoolSize) {
        Dialect dialect = Dialect.of(jdbcUrl);
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl.strip());
        if (user != null && !user.isBlank()) {
            config.setUsername(user);
        }
        if (password != null && !password.isEmpty()) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(maxPoolSize);
        config.setMinimumIdle(Math.min(2, maxPoolSize));
        config.setAutoCommit(false);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setPoolName("vangnet-" + dialect.name().toLowerCase(Locale.ROOT));
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(-1);
        HikariDataSource ds = new HikariDataSource(config);
        try {
            migrate(ds, dialect);
            return new Database(ds, dialect);
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
    }

    /** The migration locations of {@code dialect}: the shared ones, plus PostgreSQL's own. */
    static List<String> migrationLocations(Dialect dialect) {
        return dialect == Dialect.POSTGRESQL ? List.of(SHARED_MIGRATIONS, POSTGRESQL_MIGRATIONS)
                : List.of(SHARED_MIGRATIONS);
    }

    private static void migrate(DataSource ds, Dialect dialect) {
        try (Connection probe = ds.getConnection()) {
            probe.isValid(5);
        } catch (java.sql.SQLException e) {
            throw new StoreUnavailableException("cannot connect to the database: " + e.getMessage(), e);
        }
        try {
            Flyway.configure()
                    .dataSource(ds)
                    .locations(migrationLocations(dialect).toArray(String[]::new))
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StoreUnavailableException("cannot migrate the database schema: " + e.getMessage(), e);
        }
    }

    /** The pool. Connections start with auto-commit off and isolation READ COMMITTED. */
    public DataSource dataSource() {
        return dataSource;
    }

    public Dialect dialect() {
        return dialect;
    }

    /**
     * A new connection outside the pool, with the pool's URL and credentials, auto-commit on, TCP keep-alive on
     * and a connect timeout of {@value #UNPOOLED_CONNECT_TIMEOUT_SECONDS} s (PostgreSQL). For a connection that
     * lives as long as the caller wants, such as the one that {@code LISTEN}s for changes; the caller closes it.
     *
     * @throws SQLException when the database cannot be reached
     */
    public Connection connectUnpooled() throws SQLException {
        Properties props = new Properties();
        if (dataSource.getUsername() != null) {
            props.setProperty("user", dataSource.getUsername());
        }
        if (dataSource.getPassword() != null) {
            props.setProperty("password", dataSource.getPassword());
        }
        if (dialect == Dialect.POSTGRESQL) {
            props.setProperty("connectTimeout", Integer.toString(UNPOOLED_CONNECT_TIMEOUT_SECONDS));
            props.setProperty("tcpKeepAlive", "true");
            props.setProperty("ApplicationName", "vangnet-listen");
        }
        Connection c = DriverManager.getConnection(dataSource.getJdbcUrl(), props);
        c.setAutoCommit(true);
        return c;
    }

    /** Closes the pool; idempotent. */
    @Override
    public void close() {
        dataSource.close();
    }
}
