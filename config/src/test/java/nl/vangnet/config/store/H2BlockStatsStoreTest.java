package nl.vangnet.config.store;

/** The block-statistics store suite on the embedded H2 database (PostgreSQL mode), one database per test. */
final class H2BlockStatsStoreTest extends AbstractBlockStatsStoreTest {
    @Override
    TestDatabase newTestDatabase() {
        return TestDatabase.h2();
    }
}
