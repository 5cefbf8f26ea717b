package nl.vangnet.config.store;

/** The store suite on the embedded H2 database (PostgreSQL mode), one in-memory database per test. */
final class H2StoreTest extends AbstractStoreTest {
    @Override
    TestDatabase newTestDatabase() {
        return TestDatabase.h2();
    }
}
