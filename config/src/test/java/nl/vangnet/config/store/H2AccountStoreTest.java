package nl.vangnet.config.store;

/** The account store suite on the embedded H2 database (PostgreSQL mode), one in-memory database per test. */
final class H2AccountStoreTest extends AbstractAccountStoreTest {
    @Override
    TestDatabase newTestDatabase() {
        return TestDatabase.h2();
    }
}
