package nl.vangnet.config.store;

import static nl.vangnet.config.store.Fixtures.TODAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import nl.vangnet.config.audit.AuditAction;
import nl.vangnet.config.audit.AuditEvent;
import nl.vangnet.config.audit.AuditQuery;
import nl.vangnet.config.model.Actor;
import nl.vangnet.config.model.Client;
import nl.vangnet.config.model.HostEvents;
import nl.vangnet.config.model.Profile;
import nl.vangnet.config.model.Registration;
import nl.vangnet.config.policy.MutableClock;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.rules.ModelValidator;
import nl.vangnet.config.rules.Problem;
import nl.vangnet.config.rules.ValidationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The block-statistics part of the store (DESIGN §2 rule 7), run against every supported database by its
 * subclasses ({@link H2BlockStatsStoreTest}, {@link PostgresBlockStatsStoreTest}). Each test gets a fresh, empty,
 * migrated database with three registrations: {@code hosts} (voluntary, records host events for 30 days),
 * {@code counts} (Wzd, records none) and {@code other} (voluntary, records host events for 7 days).
 */
abstract class AbstractBlockStatsStoreTest {
    static final ZoneId AMSTERDAM = Limits.AMSTERDAM;
    static final Actor IT = new Actor("it-anne", "IT_ADMIN");
    static final Actor PB = new Actor("pb-17", "PERSOONLIJK_BEGELEIDER");
    static final HostEvents HOST_EVENTS = new HostEvents("evaluatie: worden goksites nog geprobeerd?", 0);
    static final List<String> TABLES = List.of("registration", "block_count", "block_event", "audit_event");

    TestDatabase testDb;
    Database db;
    MutableClock clock;
    JdbcStore store;
    Registration hosts;
    Registration counts;
    Registration other;

    /** A fresh, empty database for one test. */
    abstract TestDatabase newTestDatabase();

    @BeforeEach
    void openStore() {
        testDb = newTestDatabase();
        db = testDb.open();
        clock = new MutableClock(TODAY.atTime(10, 0).atZone(AMSTERDAM).toInstant(), AMSTERDAM);
        store = new JdbcStore(db, new ModelValidator(Limits.DEFAULTS), clock);
        Profile strict = store.createProfile(IT, Fixtures.strictProfile("strict"), null);
        Profile light = store.createProfile(IT, Fixtures.lightProfile("light"), null);
        Client c1 = store.createClient(IT, Fixtures.client("C-1"), null);
        Client c2 = store.createClient(IT, Fixtures.client("C-2"), null);
        Client c3 = store.createClient(IT, Fixtures.client("C-3"), null);
        hosts = store.createRegistration(PB, Fixtures.voluntary(c1.id(), strict.id(), light.id(), TODAY)
                .withHostEvents(HOST_EVENTS), "agreed, including host events for the evaluation");
        counts = store.createRegistration(PB, Fixtures.wzd(c2.id(), light.id(), TODAY), "Wzd decision");
        other = store.createRegistration(PB, Fixtures.voluntary(c3.id(), strict.id(), light.id(), TODAY)
                .withHostEvents(new HostEvents("kort: alleen voor de eerste evaluatie", 7)), null);
    }

    @AfterEach
    void closeStore() {
        store.close();
        db.close();
        testDb.close();
    }

    // ==== the registration's hostEvents ===================================================================

    @Test
    void hostEventsRoundTripWithTheDefaultRetentionAndAreCopiedToTheirColumn() {
        Registration stored = store.registration(hosts.id()).orElseThrow();

        assertThat(stored).isEqualTo(hosts);
        assertThat(stored.hostEvents()).isEqualTo(new HostEvents(HOST_EVENTS.reason(), 30));
        assertThat(store.load().registrations()).contains(hosts, counts, other);
        assertThat(column("SELECT host_event_retention_days FROM registration WHERE id = " + hosts.id()))
                .isEqualTo("30");
        assertThat(column("SELECT host_event_retention_days FROM registration WHERE id = " + counts.id())).isNull();
        AuditEvent created = store.audit(new AuditQuery("registration", hosts.id(), null, null, null, null, 0, 10))
                .get(0);
        assertThat(created.after()).contains("\"hostEvents\":{\"reason\":\"evaluatie: worden goksites nog "
                + "geprobeerd?\",\"retentionDays\":30}");
    }

    @Test
    void endingTheNeedForHostEventsClearsTheColumnAndIsAnAuditedChange() {
        Registration updated = store.updateRegistration(PB, hosts.withHostEvents(null), "no longer needed");

        assertThat(store.registration(hosts.id())).contains(updated);
        assertThat(updated.hostEvents()).isNull();
        assertThat(column("SELECT host_event_retention_days FROM registration WHERE id = " + hosts.id())).isNull();
        AuditEvent e = lastEvent();
        assertThat(e.action()).isEqualTo(AuditAction.REGISTRATION_UPDATED);
        assertThat(e.before()).contains("\"retentionDays\":30");
        assertThat(e.after()).contains("\"hostEvents\":null");
    }

    @ParameterizedTest
    @CsvSource({"-1, at least 1 day", "91, at most 90 days"})
    void aRetentionOutsideTheLimitsIsRefusedAndWritesNothing(int days, String fragment) {
        Map<String, Long> before = rowCounts();

        ValidationException e = catchThrowableOfType(ValidationException.class, () -> store.updateRegistration(PB,
                hosts.withHostEvents(new HostEvents("why", days)), null));

        assertThat(e).isNotNull();
        assertThat(e.problems()).extracting(Problem::field).containsExactly("hostEvents.retentionDays");
        assertThat(e.problems().get(0).message()).contains(fragment);
        assertThat(rowCounts()).isEqualTo(before);
    }

    // ==== recordBlocks and blockCounts ====================================================================

    @Test
    void countsAreAddedUpPerRegistrationDayAndCategoryAcrossAndWithinBatches() {
        store.recordBlocks(batch(List.of(count(hosts, TODAY, "gambling", 2), count(hosts, TODAY, "gambling", 1),
                count(hosts, TODAY, "blocked_domain", 1), count(counts, TODAY.minusDays(1), "service:tiktok", 4)),
                List.of()));
        store.recordBlocks(batch(List.of(count(hosts, TODAY, "gambling", 5)), List.of()));

        assertThat(store.blockCounts(hosts.id(), TODAY.minusDays(7), TODAY)).containsExactly(
                count(hosts, TODAY, "blocked_domain", 1), count(hosts, TODAY, "gambling", 8));
        assertThat(store.blockCounts(counts.id(), TODAY.minusDays(7), TODAY)).containsExactly(
                count(counts, TODAY.minusDays(1), "service:tiktok", 4));
        assertThat(count("block_event")).isZero();
    }

    static Stream<Arguments> dayRanges() {
        // counts are stored on TODAY-1, TODAY, TODAY+1 and TODAY+2
        return Stream.of(
                Arguments.of("one day", 0, 0, List.of(0)),
                Arguments.of("both ends inclusive", -1, 1, List.of(-1, 0, 1)),
                Arguments.of("wider than the data", -30, 30, List.of(-1, 0, 1, 2)),
                Arguments.of("before the data", -9, -2, List.of()),
                Arguments.of("after the data", 3, 5, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dayRanges")
    void blockCountsReadsTheDaysFromThroughTo(String name, int from, int to, List<Integer> expectedDays) {
        List<BlockCount> all = new ArrayList<>();
        for (int d = -1; d <= 2; d++) {
            all.add(count(hosts, TODAY.plusDays(d), "gambling", 10 + d));
        }
        store.recordBlocks(batch(all, List.of()));

        assertThat(store.blockCounts(hosts.id(), TODAY.plusDays(from), TODAY.plusDays(to)))
                .containsExactlyElementsOf(expectedDays.stream().map(d -> all.get(d + 1)).toList());
    }

    @Test
    void blockCountsOfAnUnknownRegistrationAreEmpty() {
        assertThat(store.blockCounts(9_999, TODAY, TODAY)).isEmpty();
        assertThat(store.blockEvents(9_999, Instant.EPOCH, clock.instant(), 10)).isEmpty();
    }

    /** A registration the batch must not write for. */
    enum Target {
        UNKNOWN, WITHDRAWN
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(Target.class)
    void countsAndEventsOfUnknownOrWithdrawnRegistrationsAreDroppedAndTheRestIsKept(Target target) {
        long id = target == Target.UNKNOWN ? 9_999 : withdraw(other).id();
        long versionBefore = store.dataVersion();
        Instant at = clock.instant().minusSeconds(60);

        store.recordBlocks(batch(List.of(new BlockCount(id, TODAY, "gambling", 3), count(hosts, TODAY, "gambling", 1)),
                List.of(BlockEvent.of(id, at, "casino.example", "blocked_domain", null),
                        event(hosts, at, "casino.example"))));

        assertThat(count("block_count")).isEqualTo(1);
        assertThat(count("block_event")).isEqualTo(1);
        assertThat(store.blockCounts(id, TODAY, TODAY)).isEmpty();
        assertThat(store.blockEvents(id, Instant.EPOCH, clock.instant(), 10)).isEmpty();
        assertThat(store.blockCounts(hosts.id(), TODAY, TODAY)).hasSize(1);
        assertThat(store.dataVersion()).isEqualTo(versionBefore);
    }

    @Test
    void eventsAreKeptOnlyForRegistrationsWhoseCurrentRecordAsksForThem() {
        Instant at = clock.instant().minusSeconds(60);
        store.recordBlocks(batch(List.of(), List.of(event(hosts, at, "casino.example"),
                event(counts, at, "tiktok.com"))));

        assertThat(store.blockEvents(hosts.id(), Instant.EPOCH, clock.instant(), 10)).extracting(BlockEvent::host)
                .containsExactly("casino.example");
        assertThat(store.blockEvents(counts.id(), Instant.EPOCH, clock.instant(), 10)).isEmpty();

        store.updateRegistration(PB, hosts.withHostEvents(null), "the need ended");
        store.recordBlocks(batch(List.of(), List.of(event(hosts, at.plusSeconds(1), "poker.example"))));

        assertThat(store.blockEvents(hosts.id(), Instant.EPOCH, clock.instant(), 10)).extracting(BlockEvent::host)
                .containsExactly("casino.example");
    }

    @ParameterizedTest
    @CsvSource({
        "PT0S, true", "PT720H, true", "PT720H0.000001S, false", "PT1000H, false"
    })
    void anEventAlreadyOlderThanTheRetentionIsNotStored(Duration age, boolean kept) {
        Instant at = clock.instant().minus(age);

        store.recordBlocks(batch(List.of(), List.of(event(hosts, at, "casino.example"))));

        assertThat(count("block_event")).isEqualTo(kept ? 1 : 0);
    }

    @Test
    void anEventRoundTripsEveryField() {
        Instant at = Instant.parse("2026-01-15T08:59:58.123456Z");
        store.recordBlocks(batch(List.of(), List.of(
                BlockEvent.of(hosts.id(), at.plusNanos(789), "casino.example", "blocked_category", "gambling"),
                BlockEvent.of(hosts.id(), at, "xn--bcher-kva.example", "not_on_allow_list", null))));

        List<BlockEvent> events = store.blockEvents(hosts.id(), Instant.EPOCH, clock.instant(), 10);

        assertThat(events).extracting(BlockEvent::id).allSatisfy(id -> assertThat(id).isPositive());
        assertThat(events).extracting(e -> new BlockEvent(0, e.registrationId(), e.at(), e.host(), e.reason(),
                e.listId())).containsExactlyInAnyOrder(
                        BlockEvent.of(hosts.id(), at, "casino.example", "blocked_category", "gambling"),
                        BlockEvent.of(hosts.id(), at, "xn--bcher-kva.example", "not_on_allow_list", null));
        assertThat(events.get(0).id()).isLessThan(events.get(1).id());
    }

    static Stream<Arguments> eventPeriods() {
        // events at minute 1, 2, 3 and 4 after 09:00 UTC
        return Stream.of(
                Arguments.of("from inclusive, to exclusive", 2, 4, 10, List.of(2, 3)),
                Arguments.of("everything", 0, 60, 10, List.of(1, 2, 3, 4)),
                Arguments.of("limit keeps the oldest", 0, 60, 2, List.of(1, 2)),
                Arguments.of("an empty period", 3, 3, 10, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventPeriods")
    void blockEventsReadsAHalfOpenPeriodOldestFirstUpToTheLimit(String name, int from, int to, int limit,
            List<Integer> minutes) {
        Instant base = Instant.parse("2026-01-15T09:00:00Z");
        store.recordBlocks(batch(List.of(), List.of(event(hosts, base.plusSeconds(240), "d.example"),
                event(hosts, base.plusSeconds(60), "a.example"), event(hosts, base.plusSeconds(180), "c.example"),
                event(hosts, base.plusSeconds(120), "b.example"))));

        assertThat(store.blockEvents(hosts.id(), base.plusSeconds(from * 60L), base.plusSeconds(to * 60L), limit))
                .extracting(BlockEvent::at)
                .containsExactlyElementsOf(minutes.stream().map(m -> base.plusSeconds(m * 60L)).toList());
    }

    static Stream<Arguments> badReads() {
        Instant now = Instant.parse("2026-01-15T09:00:00Z");
        return Stream.of(
                Arguments.of("limit 0", (Function<JdbcStore, Object>) s -> s.blockEvents(1, now, now, 0), "limit"),
                Arguments.of("limit 1001", (Function<JdbcStore, Object>) s -> s.blockEvents(1, now, now, 1001),
                        "limit"),
                Arguments.of("events from after to", (Function<JdbcStore, Object>) s -> s.blockEvents(1, now,
                        now.minusSeconds(1), 10), "to"),
                Arguments.of("counts from after to", (Function<JdbcStore, Object>) s -> s.blockCounts(1, TODAY,
                        TODAY.minusDays(1)), "to"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badReads")
    void badReadArgumentsAreFieldProblems(String name, Function<JdbcStore, Object> read, String field) {
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> read.apply(store));

        assertThat(e).isNotNull();
        assertThat(e.problems()).extracting(Problem::field).containsExactly(field);
    }

    // ==== purgeBlockEvents =================================================================================

    static Stream<Arguments> purges() {
        // hosts keeps events 30 days, other 7 days; each gets one event at the start (T0, the store's clock)
        return Stream.of(
                Arguments.of("after 6 days", "P6D", 0, List.of(true, true)),
                Arguments.of("exactly 7 days later (not older than the retention)", "P7D", 0, List.of(true, true)),
                Arguments.of("7 days and a microsecond later", "P7DT0.000001S", 1, List.of(true, false)),
                Arguments.of("exactly 30 days later", "P30D", 1, List.of(true, false)),
                Arguments.of("30 days and a second later", "P30DT1S", 2, List.of(false, false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("purges")
    void purgeDeletesEventsOlderThanTheirRegistrationsRetention(String name, Duration later, int deleted,
            List<Boolean> kept) {
        Instant t0 = clock.instant();
        store.recordBlocks(batch(List.of(count(hosts, TODAY, "gambling", 1)),
                List.of(event(hosts, t0, "casino.example"), event(other, t0, "poker.example"))));

        assertThat(store.purgeBlockEvents(t0.plus(later))).isEqualTo(deleted);

        assertThat(store.blockEvents(hosts.id(), Instant.EPOCH, t0.plusSeconds(1), 10)).hasSize(kept.get(0) ? 1 : 0);
        assertThat(store.blockEvents(other.id(), Instant.EPOCH, t0.plusSeconds(1), 10)).hasSize(kept.get(1) ? 1 : 0);
        assertThat(store.blockCounts(hosts.id(), TODAY, TODAY)).hasSize(1);
        assertThat(store.purgeBlockEvents(t0.plus(later))).isZero();
    }

    @Test
    void purgeDeletesEveryEventOfARegistrationThatNoLongerRecordsTheNeedButKeepsItsCounts() {
        Instant t0 = clock.instant();
        store.recordBlocks(batch(List.of(count(hosts, TODAY, "gambling", 4)), List.of(event(hosts, t0, "a.example"),
                event(hosts, t0.minusSeconds(5), "b.example"), event(other, t0, "c.example"))));
        store.updateRegistration(PB, hosts.withHostEvents(null), "the evaluation no longer needs them");

        assertThat(store.purgeBlockEvents(t0)).isEqualTo(2);

        assertThat(store.blockEvents(hosts.id(), Instant.EPOCH, t0.plusSeconds(1), 10)).isEmpty();
        assertThat(store.blockEvents(other.id(), Instant.EPOCH, t0.plusSeconds(1), 10)).hasSize(1);
        assertThat(store.blockCounts(hosts.id(), TODAY, TODAY)).containsExactly(count(hosts, TODAY, "gambling", 4));
    }

    @Test
    void purgeFollowsAShorterRetentionRecordedLater() {
        Instant t0 = clock.instant();
        store.recordBlocks(batch(List.of(), List.of(event(hosts, t0.minus(Duration.ofDays(10)), "a.example"),
                event(hosts, t0.minus(Duration.ofDays(2)), "b.example"))));
        store.updateRegistration(PB, hosts.withHostEvents(new HostEvents("korter", 5)), "shorter");

        assertThat(store.purgeBlockEvents(t0)).isEqualTo(1);
        assertThat(store.blockEvents(hosts.id(), Instant.EPOCH, t0, 10)).extracting(BlockEvent::host)
                .containsExactly("b.example");
    }

    @Test
    void blockWritesAndPurgesAreNotAudited() {
        long before = store.dataVersion();
        List<AuditEvent> events = store.audit(AuditQuery.all());

        store.recordBlocks(batch(List.of(count(hosts, TODAY, "gambling", 1)),
                List.of(event(hosts, clock.instant(), "casino.example"))));
        store.purgeBlockEvents(clock.instant().plus(Duration.ofDays(60)));

        assertThat(store.dataVersion()).isEqualTo(before);
        assertThat(store.audit(AuditQuery.all())).isEqualTo(events);
        assertThat(store.verifyAudit().ok()).isTrue();
    }

    // ==== withdrawal deletes what rested on the consent ==================================================

    @ParameterizedTest
    @CsvSource(value = {"client said no, 'client said no; deleted with the consent: 2 block count rows, 3 block "
            + "event rows'", "NULL, 'deleted with the consent: 2 block count rows, 3 block event rows'"},
            nullValues = "NULL")
    void aWithdrawalDeletesTheRegistrationsStatisticsAndItsAuditEventSaysHowMany(String reason, String audited) {
        Instant t0 = clock.instant().minusSeconds(600);
        store.recordBlocks(batch(List.of(count(hosts, TODAY, "gambling", 5), count(hosts, TODAY, "blocked_domain", 1),
                count(counts, TODAY, "gambling", 2), count(other, TODAY, "dating", 1)),
                List.of(event(hosts, t0, "a.example"), event(hosts, t0, "b.example"), event(hosts, t0, "c.example"),
                        event(other, t0, "d.example"))));

        store.recordWithdrawal(PB, hosts.id(), hosts.version(), Fixtures.withdrawal(t0.plusSeconds(60)), reason);

        assertThat(store.blockCounts(hosts.id(), TODAY.minusDays(1), TODAY)).isEmpty();
        assertThat(store.blockEvents(hosts.id(), Instant.EPOCH, clock.instant(), 10)).isEmpty();
        assertThat(store.blockCounts(counts.id(), TODAY, TODAY)).hasSize(1);
        assertThat(store.blockCounts(other.id(), TODAY, TODAY)).hasSize(1);
        assertThat(store.blockEvents(other.id(), Instant.EPOCH, clock.instant(), 10)).hasSize(1);
        AuditEvent e = lastEvent();
        assertThat(e.action()).isEqualTo(AuditAction.CONSENT_WITHDRAWN);
        assertThat(e.reason()).isEqualTo(audited);
        assertThat(e.before() + e.after() + e.reason()).doesNotContain("a.example", "gambling", "blocked_domain");
    }

    @Test
    void aWithdrawalWithoutStatisticsSaysThatNoneWereDeleted() {
        Registration r = withdraw(other);

        assertThat(r.withdrawal()).isNotNull();
        assertThat(lastEvent().reason()).isEqualTo("verzet; deleted with the consent: 0 block count rows, 0 block "
                + "event rows");
    }

    @Test
    void aRefusedWithdrawalDeletesNoStatistics() {
        store.recordBlocks(batch(List.of(count(hosts, TODAY, "gambling", 5)),
                List.of(event(hosts, clock.instant(), "a.example"))));
        Map<String, Long> before = rowCounts();

        assertThatThrownBy(() -> store.recordWithdrawal(PB, hosts.id(), hosts.version() + 1,
                Fixtures.withdrawal(clock.instant()), null)).isInstanceOf(StaleVersionException.class);
        assertThatThrownBy(() -> store.recordWithdrawal(PB, hosts.id(), hosts.version(),
                Fixtures.withdrawal(clock.instant().plus(Duration.ofDays(1))), null))
                .isInstanceOf(ValidationException.class);

        assertThat(rowCounts()).isEqualTo(before);
    }

    // ==== concurrency ======================================================================================

    @Test
    void twoNodesAddingToTheSameCountsAtOnceLoseNothing() throws Exception {
        int rounds = 25;
        try (Database second = testDb.open()) {
            JdbcStore node2 = new JdbcStore(second, new ModelValidator(Limits.DEFAULTS), clock);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> writers = new ArrayList<>();
                for (JdbcStore node : List.of(store, node2, store, node2)) {
                    writers.add(pool.submit(() -> {
                        go.await();
                        for (int i = 0; i < rounds; i++) {
                            node.recordBlocks(batch(List.of(count(hosts, TODAY, "gambling", 1),
                                    count(hosts, TODAY, "dating", 2), count(counts, TODAY, "gambling", 3),
                                    count(hosts, TODAY.plusDays(i % 3), "new-" + i, 1)), List.of()));
                        }
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : writers) {
                    f.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
        }
        int writes = 4 * rounds;
        assertThat(store.blockCounts(hosts.id(), TODAY, TODAY)).contains(count(hosts, TODAY, "gambling", writes),
                count(hosts, TODAY, "dating", 2L * writes));
        assertThat(store.blockCounts(counts.id(), TODAY, TODAY)).containsExactly(
                count(counts, TODAY, "gambling", 3L * writes));
        assertThat(store.blockCounts(hosts.id(), TODAY, TODAY.plusDays(2))).filteredOn(n -> n.category()
                .startsWith("new-")).hasSize(rounds).allSatisfy(n -> assertThat(n.blocks()).isEqualTo(4));
    }

    @Test
    void aBlockWriteWaitingForAWithdrawalInProgressSeesItAndWritesNothing() throws Exception {
        Instant withdrawnAt = clock.instant().minusSeconds(60);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection withdrawal = testDb.connect()) {
            withdrawal.setAutoCommit(false);
            // what recordWithdrawal does first: lock the registration and mark it withdrawn (not committed yet)
            try (PreparedStatement ps = withdrawal.prepareStatement(
                    "SELECT id FROM registration WHERE id = ? FOR UPDATE")) {
                ps.setLong(1, hosts.id());
                ps.executeQuery().close();
            }
            try (PreparedStatement ps = withdrawal.prepareStatement(
                    "UPDATE registration SET withdrawn_at = ? WHERE id = ?")) {
                ps.setObject(1, OffsetDateTime.ofInstant(withdrawnAt, ZoneOffset.UTC));
                ps.setLong(2, hosts.id());
                ps.executeUpdate();
            }
            Future<?> write = pool.submit(() -> store.recordBlocks(batch(List.of(count(hosts, TODAY, "gambling", 1)),
                    List.of(event(hosts, withdrawnAt, "casino.example")))));
            Thread.sleep(300);
            assertThat(write).isNotDone();
            withdrawal.commit();
            write.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        assertThat(count("block_count")).isZero();
        assertThat(count("block_event")).isZero();
    }

    @Test
    void aStoreWhoseDatabaseIsGoneThrowsStoreUnavailableForBlockStatistics() {
        db.close();

        assertThatThrownBy(() -> store.recordBlocks(batch(List.of(count(hosts, TODAY, "gambling", 1)), List.of())))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageStartingWith("could not record block statistics");
        assertThatThrownBy(() -> store.purgeBlockEvents(clock.instant()))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> store.blockCounts(hosts.id(), TODAY, TODAY))
                .isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void anEmptyBatchNeedsNoDatabase() {
        db.close();

        store.recordBlocks(BlockBatch.EMPTY);

        assertThat(BlockBatch.EMPTY.isEmpty()).isTrue();
    }

    // ==== helpers =========================================================================================

    Registration withdraw(Registration r) {
        return store.recordWithdrawal(PB, r.id(), r.version(), Fixtures.withdrawal(clock.instant().minusSeconds(60)),
                "verzet");
    }

    static BlockCount count(Registration r, LocalDate day, String category, long blocks) {
        return new BlockCount(r.id(), day, category, blocks);
    }

    static BlockEvent event(Registration r, Instant at, String host) {
        return BlockEvent.of(r.id(), at, host, "blocked_domain", null);
    }

    static BlockBatch batch(List<BlockCount> counts, List<BlockEvent> events) {
        return new BlockBatch(counts, events);
    }

    AuditEvent lastEvent() {
        List<AuditEvent> all = store.audit(AuditQuery.all());
        return all.get(all.size() - 1);
    }

    Map<String, Long> rowCounts() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String table : TABLES) {
            out.put(table, count(table));
        }
        out.put("registration.version", Long.parseLong(column("SELECT SUM(version) FROM registration")));
        return out;
    }

    long count(String table) {
        return testDb.count(table);
    }

    String column(String sql) {
        return testDb.column(sql);
    }
}
