package nl.vangnet.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import nl.vangnet.config.model.Actor;
import nl.vangnet.config.model.Client;
import nl.vangnet.config.policy.PolicySnapshot;
import nl.vangnet.config.policy.RegistrationCounts;
import nl.vangnet.config.policy.SnapshotCompiler;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.rules.ModelValidator;
import nl.vangnet.config.store.Database;
import nl.vangnet.config.store.JdbcStore;
import nl.vangnet.config.store.PolicyData;
import nl.vangnet.config.store.VangnetStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** {@link AdminMetrics} on a real H2 store: loads once per data version, and reports a broken audit chain. */
class AdminMetricsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    private Database database;
    private JdbcStore store;
    private final AtomicInteger loads = new AtomicInteger();
    private final List<RegistrationCounts> counts = new ArrayList<>();
    private final List<AdminMetrics.AuditVerifyResult> verifies = new ArrayList<>();
    private AdminMetrics metrics;

    @BeforeEach
    void open() {
        database = Database.open(Database.h2File(dir.resolve("db")), "", "");
        store = new JdbcStore(database, new ModelValidator(Limits.DEFAULTS), CLOCK);
        // the store, counting its full loads
        VangnetStore counting = (VangnetStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {VangnetStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("load")) {
                        loads.incrementAndGet();
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        metrics = new AdminMetrics(counting, Limits.DEFAULTS, CLOCK, Runnable::run, counts::add, verifies::add);
        List<String> locations = List.of("De Linde", "Het Anker", "De Linde");
        for (int i = 0; i < locations.size(); i++) {
            store.createClient(Actor.SYSTEM, new Client(0, "C-" + i, "d", locations.get(i), 0), null);
        }
    }

    @AfterEach
    void close() {
        database.close();
    }

    private PolicySnapshot snapshot(long version) {
        return SnapshotCompiler.compile(store.load(), version, CLOCK.instant(), Limits.DEFAULTS);
    }

    @Test
    void loadsOncePerDataVersionAndSkipsOlderSnapshots() {
        PolicySnapshot first = snapshot(1);
        PolicySnapshot recompiled = snapshot(2);
        loads.set(0);

        metrics.published(first);
        metrics.published(recompiled);   // same data version: no second load
        metrics.published(first);        // older than the one counted: ignored
        assertThat(loads).hasValue(1);
        assertThat(counts).hasSize(2);
        assertThat(counts.get(1).locations()).containsExactly("De Linde", "Het Anker");

        store.createClient(Actor.SYSTEM, new Client(0, "C-new", "d", "De Horst", 0), null);
        metrics.published(snapshot(3));
        assertThat(counts).hasSize(3);
        assertThat(counts.get(2).locations()).containsExactly("De Horst", "De Linde", "Het Anker");
    }

    @Test
    void countsTheLoadedDataWhenTheStoreMovedOnPastTheSnapshot() {
        PolicySnapshot old = snapshot(1);
        store.createClient(Actor.SYSTEM, new Client(0, "C-later", "d", "De Horst", 0), null);

        metrics.count(old);

        assertThat(counts).singleElement().satisfies(c -> assertThat(c.locations()).contains("De Horst"));
    }

    @Test
    void anIntactChainIsOkAndABrokenOneIsAnErrorNamingTheEvent() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(AdminMetrics.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            metrics.verifyAudit();
            assertThat(verifies).singleElement().satisfies(r -> {
                assertThat(r.verification().ok()).isTrue();
                assertThat(r.at()).isEqualTo(CLOCK.instant());
            });
            assertThat(appender.list).noneMatch(e -> e.getLevel() == Level.ERROR);

            try (Connection c = database.dataSource().getConnection(); Statement st = c.createStatement()) {
                assertThat(st.executeUpdate("UPDATE audit_event SET reason = 'rewritten' WHERE seq = 2")).isOne();
                if (!c.getAutoCommit()) {
                    c.commit();
                }
            }
            metrics.verifyAudit();

            assertThat(verifies).hasSize(2);
            assertThat(verifies.get(1).verification().ok()).isFalse();
            assertThat(appender.list).filteredOn(e -> e.getLevel() == Level.ERROR).singleElement()
                    .satisfies(e -> assertThat(e.getFormattedMessage()).contains("broken at event 2", "edited"));
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void aStoreThatCannotBeReadLeavesTheLastResult() {
        database.close();
        metrics.verifyAudit();
        metrics.count(SnapshotCompiler.compile(PolicyData.empty(), 1, CLOCK.instant(), Limits.DEFAULTS));
        assertThat(verifies).isEmpty();
        assertThat(counts).isEmpty();
    }
}
