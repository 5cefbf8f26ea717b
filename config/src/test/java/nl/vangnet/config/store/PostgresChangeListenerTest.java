package nl.vangnet.config.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import nl.vangnet.config.model.Actor;
import nl.vangnet.config.policy.MutableClock;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.rules.ModelValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link ChangeListener} on a real PostgreSQL (skipped without {@code vangnet.test.pg.url}, failed instead when
 * {@code vangnet.test.pg.required=true}): the trigger of migration V3_1 notifies every committed audited write with
 * the new data version, and the listener reconnects after its connection is killed.
 */
final class PostgresChangeListenerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Actor IT = new Actor("it", "IT_ADMIN");

    private final List<Long> changes = new CopyOnWriteArrayList<>();
    private final AtomicInteger listening = new AtomicInteger();
    private final Map<ChangeListener.Result, AtomicInteger> results = new ConcurrentHashMap<>();
    private TestDatabase testDb;
    private Database database;
    private ChangeListener listener;

    @BeforeAll
    static void requirePostgres() {
        TestDatabase.requirePostgresConfigured();
    }

    @AfterEach
    void close() {
        if (listener != null) {
            listener.close();
        }
        if (database != null) {
            database.close();
        }
        if (testDb != null) {
            testDb.close();
        }
    }

    private ChangeListener.Handler handler(boolean reload) {
        return new ChangeListener.Handler() {
            @Override
            public boolean changed(long dataVersion) {
                changes.add(dataVersion);
                return reload;
            }

            @Override
            public void listening() {
                listening.incrementAndGet();
            }
        };
    }

    private ChangeListener.Metrics metrics() {
        return r -> results.computeIfAbsent(r, k -> new AtomicInteger()).incrementAndGet();
    }

    private static void await(BooleanSupplier done, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    @Test
    void everyCommittedWriteIsNotifiedWithTheNewDataVersionAndTheListenerReconnects() throws Exception {
        testDb = TestDatabase.postgres();
        database = testDb.open();
        JdbcStore store = new JdbcStore(database, new ModelValidator(Limits.DEFAULTS),
                new MutableClock(Instant.parse("2026-01-15T09:00:00Z"), Limits.AMSTERDAM));
        listener = new ChangeListener(database::connectUnpooled, handler(true), metrics(), Duration.ofMillis(50),
                Duration.ofMillis(200));
        listener.start();
        await(() -> listening.get() == 1 && listener.listening(), "LISTEN");

        store.createClient(IT, Fixtures.client("C-1"), "first");
        store.createClient(IT, Fixtures.client("C-2"), "second");
        long version = store.dataVersion();
        await(() -> changes.size() == 2, "two notifications");
        assertThat(changes).containsExactly(version - 1, version);
        assertThat(results.get(ChangeListener.Result.RELOAD)).hasValue(2);

        // a NOTIFY on the channel that Vangnet did not send
        try (Connection c = DriverManager.getConnection(testDb.url()); Statement s = c.createStatement()) {
            s.execute("NOTIFY " + ChangeListener.CHANNEL + ", 'not a number'");
        }
        await(() -> results.containsKey(ChangeListener.Result.MALFORMED), "the malformed notification");
        assertThat(changes).hasSize(2);

        // The server ends the listening connection: the listener comes back and says so (to catch up).
        try (Connection c = DriverManager.getConnection(testDb.url()); Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'vangnet-listen'"
                    + " AND pid <> pg_backend_pid()");
        }
        await(() -> listening.get() >= 2 && listener.listening(), "LISTEN again");
        store.createClient(IT, Fixtures.client("C-3"), "third");
        await(() -> changes.size() == 3, "the notification after reconnecting");
        assertThat(changes.get(2)).isEqualTo(store.dataVersion());

        listener.close();
        assertThat(listener.listening()).isFalse();
    }

    @Test
    void aConnectorThatFailsIsRetriedUntilItWorks() {
        testDb = TestDatabase.postgres();
        database = testDb.open();
        AtomicInteger attempts = new AtomicInteger();
        listener = new ChangeListener(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new java.sql.SQLException("database away");
            }
            return database.connectUnpooled();
        }, handler(false), metrics(), Duration.ofMillis(10), Duration.ofMillis(40));
        listener.start();

        await(listener::listening, "LISTEN after two failed attempts");
        assertThat(attempts).hasValue(3);
        assertThat(listening).hasValue(1);
    }
}
