package nl.vangnet.config.store;

/** The phase-out approval suite on the embedded H2 database (PostgreSQL mode), one in-memory database per test. */
final class H2PhaseOutApprovalStoreTest extends AbstractPhaseOutApprovalStoreTest {
    @Override
    TestDatabase newTestDatabase() {
        return TestDatabase.h2();
    }
}
