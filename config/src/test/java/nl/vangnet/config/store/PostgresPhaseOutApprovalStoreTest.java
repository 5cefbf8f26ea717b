package nl.vangnet.config.store;

import org.junit.jupiter.api.BeforeAll;

/**
 * The phase-out approval suite on PostgreSQL, one new schema per test. Runs when system property
 * {@code vangnet.test.pg.url} is set (see {@link PostgresStoreTest}); skipped otherwise.
 */
final class PostgresPhaseOutApprovalStoreTest extends AbstractPhaseOutApprovalStoreTest {
    @BeforeAll
    static void requirePostgres() {
        TestDatabase.requirePostgresConfigured();
    }

    @Override
    TestDatabase newTestDatabase() {
        return TestDatabase.postgres();
    }
}
