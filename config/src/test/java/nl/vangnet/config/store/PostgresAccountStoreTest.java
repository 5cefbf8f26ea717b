package nl.vangnet.config.store;

import org.junit.jupiter.api.BeforeAll;

/**
 * The account store suite on PostgreSQL, one new schema per test. Runs when system property
 * {@code vangnet.test.pg.url} is set (see {@link PostgresStoreTest}); skipped otherwise.
 */
final class PostgresAccountStoreTest extends AbstractAccountStoreTest {
    @BeforeAll
    static void requirePostgres() {
        TestDatabase.requirePostgresConfigured();
    }

    @Override
    TestDatabase newTestDatabase() {
        return TestDatabase.postgres();
    }
}
