package nl.vangnet.config.store;

import org.junit.jupiter.api.BeforeAll;

/**
 * The store suite on PostgreSQL, one new schema per test (dropped afterwards). Runs when system property
 * {@code vangnet.test.pg.url} names a server (e.g. {@code jdbc:postgresql://127.0.0.1:55432/postgres?user=postgres},
 * see scripts/pg-test-cluster.sh); skipped otherwise, unless {@code vangnet.test.pg.required=true}, which turns the
 * missing URL into a failure.
 */
final class PostgresStoreTest extends AbstractStoreTest {
    @BeforeAll
    static void requirePostgres() {
        TestDatabase.requirePostgresConfigured();
    }

    @Override
    TestDatabase newTestDatabase() {
        return TestDatabase.postgres();
    }
}
