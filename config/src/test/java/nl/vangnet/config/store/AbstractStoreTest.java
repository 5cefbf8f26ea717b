package nl.vangnet.config.store;

import nl.vangnet.config.policy.MutableClock;
import static nl.vangnet.config.store.Fixtures.TODAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Stream;
import nl.vangnet.config.audit.AuditAction;
import nl.vangnet.config.audit.AuditEvent;
import nl.vangnet.config.audit.AuditQuery;
import nl.vangnet.config.audit.AuditVerification;
import nl.vangnet.config.model.Actor;
import nl.vangnet.config.model.Client;
import nl.vangnet.config.model.Device;
import nl.vangnet.config.model.EvaluationOutcome;
import nl.vangnet.config.model.PhaseOutStep;
import nl.vangnet.config.model.Profile;
import nl.vangnet.config.model.Registration;
import nl.vangnet.config.model.Risk;
import nl.vangnet.config.model.Rule;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.rules.ModelValidator;
import nl.vangnet.config.rules.Problem;
import nl.vangnet.config.rules.ValidationException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The store test suite, run against every supported database by its subclasses ({@link H2StoreTest},
 * {@link PostgresStoreTest}). Each test gets a fresh, empty, migrated database. Tests that tamper with the audit
 * table change it directly with JDBC, behind the store's back.
 */
abstract class AbstractStoreTest {
    static final ZoneId AMSTERDAM = Limits.AMSTERDAM;
    static final Actor IT = new Actor("it-anne", "IT_ADMIN");
    static final Actor PB = new Actor("pb-17", "PERSOONLIJK_BEGELEIDER");
    static final List<String> TABLES = List.of("client", "device", "device_address", "profile", "registration",
            "registration_profile", "evaluation", "registration_applied_state", "audit_event", "block_count",
            "block_event");

    private final ModelJson json = ModelJson.instance();
    TestDatabase testDb;
    Database db;
    MutableClock clock;
    JdbcStore store;

    /** A fresh, empty database for one test. */
    abstract TestDatabase newTestDatabase();

    @BeforeEach
    void openStore() {
        testDb = newTestDatabase();
        db = testDb.open();
        clock = new MutableClock(TODAY.atTime(10, 0).atZone(AMSTERDAM).toInstant(), AMSTERDAM);
        store = new JdbcStore(db, new ModelValidator(Limits.DEFAULTS), clock);
    }

    @AfterEach
    void closeStore() {
        store.close();
        db.close();
        testDb.close();
    }

    // ==== CRUD and the audit event of every write =========================================================

    @Test
    void createClientStoresItAtVersionOneAndAuditsTheAfterState() {
        Client created = store.createClient(IT, Fixtures.client("C-1"), "intake");

        assertThat(created.id()).isPositive();
        assertThat(created.version()).isEqualTo(1);
        assertThat(store.client(created.id())).contains(created);
        AuditEvent e = onlyEvent();
        assertThat(e).extracting(AuditEvent::seq, AuditEvent::actorAccount, AuditEvent::actorRole,
                AuditEvent::action, AuditEvent::entityType, AuditEvent::entityId, AuditEvent::before,
                AuditEvent::reason)
                .containsExactly(1L, "it-anne", "IT_ADMIN", AuditAction.CLIENT_CREATED, "client", created.id(),
                        null, "intake");
        assertThat(json.read(e.after(), Client.class)).isEqualTo(created);
    }

    @Test
    void updateClientIncrementsTheVersionAndAuditsBeforeAndAfter() {
        Client created = store.createClient(IT, Fixtures.client("C-1"), null);

        Client updated = store.updateClient(IT, new Client(created.id(), "C-1", "dossier/2", "Het Anker",
                created.version()), "moved house");

        assertThat(updated.version()).isEqualTo(2);
        assertThat(store.client(created.id())).contains(updated);
        AuditEvent e = lastEvent();
        assertThat(e.action()).isEqualTo(AuditAction.CLIENT_UPDATED);
        assertThat(e.reason()).isEqualTo("moved house");
        assertThat(json.read(e.before(), Client.class)).isEqualTo(created);
        assertThat(json.read(e.after(), Client.class)).isEqualTo(updated);
    }

    @Test
    void deleteClientRemovesItAndAuditsTheBeforeState() {
        Client created = store.createClient(IT, Fixtures.client("C-1"), null);

        store.deleteClient(IT, created.id(), created.version(), "left the organisation");

        assertThat(store.client(created.id())).isEmpty();
        AuditEvent e = lastEvent();
        assertThat(e.action()).isEqualTo(AuditAction.CLIENT_DELETED);
        assertThat(json.read(e.before(), Client.class)).isEqualTo(created);
        assertThat(e.after()).isNull();
    }

    @Test
    void deviceCrudKeepsAddressOrderAndAuditsEveryWrite() {
        Client c = store.createClient(IT, Fixtures.client("C-1"), null);
        Device created = store.createDevice(IT, Fixtures.device(c.id(), "tablet",
                List.of("aa:bb:cc:dd:ee:02", "aa:bb:cc:dd:ee:01"), List.of("10.0.0.9", "10.0.0.5")), "new tablet");

        assertThat(store.device(created.id())).contains(created);
        assertThat(created.macAddresses()).containsExactly("aa:bb:cc:dd:ee:02", "aa:bb:cc:dd:ee:01");
        assertThat(created.ipAddresses()).containsExactly("10.0.0.9", "10.0.0.5");

        Device updated = store.updateDevice(IT, new Device(created.id(), c.id(), "tablet", List.of("aa:bb:cc:dd:ee:01"),
                List.of("10.0.0.7"), null, null, created.version()), "new IP");
        assertThat(store.devices()).containsExactly(updated);

        store.deleteDevice(IT, updated.id(), updated.version(), "broken");
        assertThat(store.devices()).isEmpty();
        assertThat(count("device_address")).isZero();
        assertThat(actions()).containsExactly(AuditAction.CLIENT_CREATED, AuditAction.DEVICE_CREATED,
                AuditAction.DEVICE_UPDATED, AuditAction.DEVICE_DELETED);
        assertThat(json.read(lastEvent().before(), Device.class)).isEqualTo(updated);
    }

    @Test
    void theAuditLogNeverContainsTheProxyPasswordHash() {
        Client c = store.createClient(IT, Fixtures.client("C-1"), null);
        Device d = store.createDevice(IT, new Device(0, c.id(), "console", List.of(), List.of("10.0.0.8"), "console-1",
                Fixtures.PASSWORD_HASH, 0), null);

        assertThat(store.device(d.id()).orElseThrow().proxyPasswordHash()).isEqualTo(Fixtures.PASSWORD_HASH);
        assertThat(lastEvent().after()).contains("\"proxyPasswordHash\":\"***\"")
                .doesNotContain(Fixtures.PASSWORD_HASH);
    }

    @Test
    void profileCrudRoundTripsEveryFieldAndAuditsEveryWrite() {
        Profile created = store.createProfile(IT, Fixtures.strictProfile("strict"), "for gambling risks");
        assertThat(store.profile(created.id())).contains(created);
        assertThat(created.version()).isEqualTo(1);

        Profile changed = new Profile(created.id(), "strict", "also web shops", created.blockedCategories(),
                created.blockedServices(), created.blockedDomains(), List.of(Rule.always("school.example", null)),
                false, created.internetHours(), true, created.version());
        Profile updated = store.updateProfile(IT, changed, "exception for school");
        assertThat(updated.version()).isEqualTo(2);
        assertThat(store.profiles()).containsExactly(updated);

        store.deleteProfile(IT, updated.id(), updated.version(), "no longer used");
        assertThat(store.profiles()).isEmpty();
        assertThat(actions()).containsExactly(AuditAction.PROFILE_CREATED, AuditAction.PROFILE_UPDATED,
                AuditAction.PROFILE_DELETED);
    }

    @Test
    void registrationRoundTripsAndIsAuditedWithItsAfterState() {
        World w = world();

        Registration stored = store.registration(w.registration.id()).orElseThrow();

        assertThat(stored).isEqualTo(w.registration);
        assertThat(stored.version()).isEqualTo(1);
        AuditEvent e = lastEvent();
        assertThat(e.action()).isEqualTo(AuditAction.REGISTRATION_CREATED);
        assertThat(e.actorAccount()).isEqualTo("pb-17");
        assertThat(json.read(e.after(), Registration.class)).isEqualTo(stored);
        assertThat(appliedState(stored.id())).isEqualTo("NOT_STARTED/-1");
    }

    @Test
    void updateRegistrationChangesTheScheduleButKeepsEvaluationsAndWithdrawalAsStored() {
        World w = world();
        clock.set(TODAY.plusDays(5).atTime(12, 0).atZone(AMSTERDAM).toInstant());
        Registration evaluated = store.recordEvaluation(PB, w.registration.id(), 1, Fixtures.evaluation(
                TODAY.plusDays(5), EvaluationOutcome.PHASE_OUT_FASTER, TODAY.plusMonths(2)), "MDO");
        Registration r = evaluated;
        Registration edited = new Registration(r.id(), r.clientId(), r.basis(), r.dossierReference(), r.decidedBy(),
                r.decidedOn(), r.profileId(), r.start(), r.evaluationDate(), r.end(), r.risks(), r.weighing(),
                r.consent(), r.consulted(), List.of(new PhaseOutStep(r.start().plusDays(10), w.light.id()),
                        PhaseOutStep.unrestricted(r.start().plusMonths(1))), List.of(), null, null, r.version());

        Registration updated = store.updateRegistration(PB, edited, "faster phase-out");

        assertThat(updated.version()).isEqualTo(3);
        assertThat(updated.phaseOut()).isEqualTo(edited.phaseOut());
        assertThat(updated.evaluations()).isEqualTo(evaluated.evaluations()).hasSize(1);
        assertThat(store.registration(r.id())).contains(updated);
        assertThat(lastEvent().action()).isEqualTo(AuditAction.REGISTRATION_UPDATED);
        assertThat(json.read(lastEvent().before(), Registration.class)).isEqualTo(evaluated);
    }

    @Test
    void recordEvaluationAppendsItAndMovesTheEvaluationDateForward() {
        World w = world();
        Instant at = TODAY.plusDays(20).atTime(11, 0).atZone(AMSTERDAM).toInstant().plusNanos(123_456_789);
        clock.set(at);

        Registration r = store.recordEvaluation(PB, w.registration.id(), w.registration.version(),
                Fixtures.evaluation(TODAY.plusDays(20), EvaluationOutcome.CONTINUE, TODAY.plusMonths(2).plusDays(20)),
                "evaluated in MDO");

        assertThat(r.version()).isEqualTo(2);
        assertThat(r.evaluations()).singleElement().satisfies(e -> {
            assertThat(e.id()).isPositive();
            assertThat(e.recordedAt()).isEqualTo(at.minusNanos(789));
        });
        assertThat(r.currentEvaluationDate()).isEqualTo(TODAY.plusMonths(2).plusDays(20));
        assertThat(column("SELECT current_evaluation_date FROM registration WHERE id = " + r.id()))
                .isEqualTo(TODAY.plusMonths(2).plusDays(20).toString());
        assertThat(store.registration(r.id())).contains(r);
        AuditEvent e = lastEvent();
        assertThat(e.action()).isEqualTo(AuditAction.EVALUATION_RECORDED);
        assertThat(e.entityType()).isEqualTo("registration");
        assertThat(json.read(e.after(), Registration.class)).isEqualTo(r);
        assertThat(json.read(e.before(), Registration.class)).isEqualTo(w.registration);
    }

    @Test
    void recordWithdrawalEndsTheRegistrationAndSetsTheAppliedStateInTheSameTransaction() {
        World w = world();
        clock.set(TODAY.plusDays(3).atTime(15, 0).atZone(AMSTERDAM).toInstant());
        Instant at = TODAY.plusDays(3).atTime(14, 30).atZone(AMSTERDAM).toInstant();

        Registration r = store.recordWithdrawal(PB, w.registration.id(), 1, Fixtures.withdrawal(at), "client said no");

        assertThat(r.withdrawal().at()).isEqualTo(at);
        assertThat(r.version()).isEqualTo(2);
        assertThat(store.registration(r.id())).contains(r);
        assertThat(appliedState(r.id())).isEqualTo("WITHDRAWN/-1");
        AuditEvent e = lastEvent();
        assertThat(e.action()).isEqualTo(AuditAction.CONSENT_WITHDRAWN);
        assertThat(e.actorAccount()).isEqualTo("pb-17");
        assertThat(e.reason()).isEqualTo("client said no; deleted with the consent: 0 block count rows, 0 block"
                + " event rows");
        assertThat(json.read(e.after(), Registration.class).withdrawal()).isEqualTo(r.withdrawal());
    }

    @Test
    void aNewRegistrationCannotBringEvaluationsOrAWithdrawal() {
        World w = world();
        Registration input = Fixtures.voluntary(w.other.id(), w.strict.id(), w.light.id(), TODAY.plusDays(1))
                .withEvaluations(List.of(Fixtures.evaluation(TODAY, EvaluationOutcome.CONTINUE, TODAY.plusMonths(1))))
                .withWithdrawal(Fixtures.withdrawal(clock.instant()));

        ValidationException e = refused(() -> store.createRegistration(PB, input, null));

        assertThat(fields(e)).contains("evaluations", "withdrawal");
    }

    // ==== optimistic concurrency ==========================================================================

    /** A write based on version 1 of an entity that is at version 2 by now. */
    enum StaleWrite {
        UPDATE_CLIENT((s, w) -> s.updateClient(IT, w.client, null)),
        DELETE_CLIENT((s, w) -> {
            s.deleteClient(IT, w.client.id(), 1, null);
            return null;
        }),
        UPDATE_DEVICE((s, w) -> s.updateDevice(IT, w.device, null)),
        DELETE_DEVICE((s, w) -> {
            s.deleteDevice(IT, w.device.id(), 1, null);
            return null;
        }),
        UPDATE_PROFILE((s, w) -> s.updateProfile(IT, w.strict, null)),
        DELETE_PROFILE((s, w) -> {
            s.deleteProfile(IT, w.strict.id(), 1, null);
            return null;
        }),
        UPDATE_REGISTRATION((s, w) -> s.updateRegistration(PB, w.registration, null)),
        RECORD_EVALUATION((s, w) -> s.recordEvaluation(PB, w.registration.id(), 1,
                Fixtures.evaluation(TODAY.plusDays(1), EvaluationOutcome.CONTINUE, TODAY.plusMonths(1)), null)),
        RECORD_WITHDRAWAL((s, w) -> s.recordWithdrawal(PB, w.registration.id(), 1,
                Fixtures.withdrawal(TODAY.plusDays(1).atStartOfDay(AMSTERDAM).toInstant().plusSeconds(60)), null));

        final StoreCall call;

        StaleWrite(StoreCall call) {
            this.call = call;
        }
    }

    @FunctionalInterface
    interface StoreCall {
        Object apply(JdbcStore store, World world);
    }

    @ParameterizedTest
    @EnumSource(StaleWrite.class)
    void aWriteBasedOnAnOldVersionIsRefusedAndChangesNothing(StaleWrite write) {
        World w = world();
        clock.set(TODAY.plusDays(2).atTime(10, 0).atZone(AMSTERDAM).toInstant());
        Client c = w.client;
        store.updateClient(IT, new Client(c.id(), c.code(), "dossier/other", c.location(), 1), "writer A");
        Device d = w.device;
        store.updateDevice(IT, new Device(d.id(), d.clientId(), "phone", d.macAddresses(), d.ipAddresses(), null,
                null, 1), "writer A");
        Profile p = w.strict;
        store.updateProfile(IT, new Profile(p.id(), p.name(), "changed by A", p.blockedCategories(),
                p.blockedServices(), p.blockedDomains(), p.allowedDomains(), p.allowListOnly(), p.internetHours(),
                p.safeSearch(), 1), "writer A");
        Registration r = w.registration;
        store.updateRegistration(PB, new Registration(r.id(), r.clientId(), r.basis(), "dossier/changed-by-A",
                r.decidedBy(), r.decidedOn(), r.profileId(), r.start(), r.evaluationDate(), r.end(), r.risks(),
                r.weighing(), r.consent(), r.consulted(), r.phaseOut(), List.of(), null, null, 1), "writer A");
        Map<String, Long> before = rowCounts();
        PolicyData dataBefore = store.load();

        StaleVersionException e = catchThrowableOfType(StaleVersionException.class,
                () -> write.call.apply(store, w));

        assertThat(e).isNotNull();
        assertThat(e.expectedVersion()).isEqualTo(1);
        assertThat(e.actualVersion()).isEqualTo(2);
        assertThat(rowCounts()).isEqualTo(before);
        assertThat(store.load()).isEqualTo(dataBefore);
    }

    @Test
    void twoConcurrentWritersOfTheSameVersionOneWinsTheOtherGetsStaleVersion() throws Exception {
        Client c = store.createClient(IT, Fixtures.client("C-1"), null);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Object>> results = new ArrayList<>();
            for (String location : List.of("A-huis", "B-huis")) {
                results.add(pool.submit(() -> {
                    go.await();
                    try {
                        return store.updateClient(IT, new Client(c.id(), "C-1", "d", location, 1), location);
                    } catch (StaleVersionException e) {
                        return e;
                    }
                }));
            }
            go.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> f : results) {
                outcomes.add(f.get(30, TimeUnit.SECONDS));
            }

            assertThat(outcomes).filteredOn(o -> o instanceof Client).hasSize(1);
            assertThat(outcomes).filteredOn(o -> o instanceof StaleVersionException).hasSize(1);
            Client winner = (Client) outcomes.stream().filter(o -> o instanceof Client).findFirst().orElseThrow();
            assertThat(store.client(c.id())).contains(winner);
            assertThat(actions()).containsExactly(AuditAction.CLIENT_CREATED, AuditAction.CLIENT_UPDATED);
        } finally {
            pool.shutdownNow();
        }
    }

    static Stream<Arguments> missingEntities() {
        return Stream.<Arguments>of(
                Arguments.of("client", (StoreCall) (s, w) -> s.updateClient(IT, new Client(999, "C-9", "d", "l", 1),
                        null)),
                Arguments.of("client", (StoreCall) (s, w) -> {
                    s.deleteClient(IT, 999, 1, null);
                    return null;
                }),
                Arguments.of("device", (StoreCall) (s, w) -> s.updateDevice(IT, new Device(999, w.client.id(), "x",
                        List.of(), List.of("10.9.9.9"), null, null, 1), null)),
                Arguments.of("device", (StoreCall) (s, w) -> {
                    s.deleteDevice(IT, 999, 1, null);
                    return null;
                }),
                Arguments.of("profile", (StoreCall) (s, w) -> {
                    s.deleteProfile(IT, 999, 1, null);
                    return null;
                }),
                Arguments.of("registration", (StoreCall) (s, w) -> s.recordEvaluation(PB, 999, 1,
                        Fixtures.evaluation(TODAY, EvaluationOutcome.CONTINUE, TODAY.plusMonths(1)), null)),
                Arguments.of("registration", (StoreCall) (s, w) -> s.recordWithdrawal(PB, 999, 1,
                        Fixtures.withdrawal(Instant.EPOCH), null)));
    }

    @ParameterizedTest
    @MethodSource("missingEntities")
    void aWriteToAMissingEntityThrowsNotFoundAndChangesNothing(String entityType, StoreCall call) {
        World w = world();
        Map<String, Long> before = rowCounts();

        assertThatThrownBy(() -> call.apply(store, w)).isInstanceOfSatisfying(NotFoundException.class,
                e -> assertThat(e.entityType()).isEqualTo(entityType));
        assertThat(rowCounts()).isEqualTo(before);
    }

    // ==== rules that need the stored data ==================================================================

    @Test
    void aClientCodeIsUniqueOnCreateAndOnUpdate() {
        store.createClient(IT, Fixtures.client("C-1"), null);
        Client second = store.createClient(IT, Fixtures.client("C-2"), null);

        ValidationException onCreate = refused(() -> store.createClient(IT, Fixtures.client("C-1"), null));
        ValidationException onUpdate = refused(() -> store.updateClient(IT,
                new Client(second.id(), "C-1", "d", "l", second.version()), null));

        assertThat(problem(onCreate, "code").message()).contains("C-1", "already used by client");
        assertThat(problem(onUpdate, "code").message()).contains("already used");
        assertThat(store.updateClient(IT, new Client(second.id(), "C-2", "other", "l", 1), "own code is fine")
                .version()).isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource({
        "MAC, 0", "MAC, 1", "IP, 0", "IP, 1"
    })
    void aMacOrIpAddressBelongsToAtMostOneDevice(String kind, int index) {
        Client c = store.createClient(IT, Fixtures.client("C-1"), null);
        Device first = store.createDevice(IT, Fixtures.device(c.id(), "phone", List.of("aa:bb:cc:dd:ee:01"),
                List.of("10.0.0.1")), null);
        List<String> macs = new ArrayList<>(List.of("aa:bb:cc:dd:ee:10", "aa:bb:cc:dd:ee:11"));
        List<String> ips = new ArrayList<>(List.of("10.0.0.10", "10.0.0.11"));
        if (kind.equals("MAC")) {
            macs.set(index, "aa:bb:cc:dd:ee:01");
        } else {
            ips.set(index, "10.0.0.1");
        }
        String field = (kind.equals("MAC") ? "macAddresses[" : "ipAddresses[") + index + "]";

        ValidationException onCreate = refused(() -> store.createDevice(IT, Fixtures.device(c.id(), "tablet", macs,
                ips), null));
        Device second = store.createDevice(IT, Fixtures.device(c.id(), "tablet", List.of("aa:bb:cc:dd:ee:20"),
                List.of("10.0.0.20")), null);
        ValidationException onUpdate = refused(() -> store.updateDevice(IT, new Device(second.id(), c.id(), "tablet",
                macs, ips, null, null, second.version()), null));

        assertThat(problem(onCreate, field).message()).contains("already used by device " + first.id());
        assertThat(problem(onUpdate, field).message()).contains("device " + first.id());
    }

    @Test
    void aDeviceKeepsItsOwnAddressesOnUpdate() {
        Client c = store.createClient(IT, Fixtures.client("C-1"), null);
        Device d = store.createDevice(IT, Fixtures.device(c.id(), "phone", List.of("aa:bb:cc:dd:ee:01"),
                List.of("10.0.0.1")), null);

        Device updated = store.updateDevice(IT, new Device(d.id(), c.id(), "phone 2", d.macAddresses(),
                d.ipAddresses(), null, null, d.version()), "relabel");

        assertThat(updated.label()).isEqualTo("phone 2");
        assertThat(store.device(d.id())).contains(updated);
    }

    @Test
    void anAddressListedTwiceInOneDeviceIsRefusedWithItsPath() {
        Client c = store.createClient(IT, Fixtures.client("C-1"), null);

        ValidationException e = refused(() -> store.createDevice(IT, Fixtures.device(c.id(), "phone",
                List.of("aa:bb:cc:dd:ee:01", "aa:bb:cc:dd:ee:01"), List.of()), null));

        assertThat(problem(e, "macAddresses[1]").message()).contains("twice");
    }

    @Test
    void aProxyUserNameIsUniqueAcrossDevices() {
        Client c = store.createClient(IT, Fixtures.client("C-1"), null);
        Device first = store.createDevice(IT, new Device(0, c.id(), "console", List.of(), List.of("10.0.0.8"),
                "console-1", Fixtures.PASSWORD_HASH, 0), null);

        ValidationException e = refused(() -> store.createDevice(IT, new Device(0, c.id(), "tv", List.of(),
                List.of("10.0.0.9"), "console-1", Fixtures.PASSWORD_HASH, 0), null));

        assertThat(problem(e, "proxyUsername").message()).contains("device " + first.id());
    }

    @Test
    void aDeviceNeedsAnExistingClient() {
        ValidationException e = refused(() -> store.createDevice(IT, Fixtures.device(4242, "phone",
                List.of("aa:bb:cc:dd:ee:01"), List.of()), null));

        assertThat(problem(e, "clientId").message()).contains("4242");
    }

    @Test
    void aProfileNameIsUnique() {
        store.createProfile(IT, Fixtures.strictProfile("strict"), null);
        Profile light = store.createProfile(IT, Fixtures.lightProfile("light"), null);

        ValidationException onCreate = refused(() -> store.createProfile(IT, Fixtures.lightProfile("strict"), null));
        ValidationException onUpdate = refused(() -> store.updateProfile(IT, new Profile(light.id(), "strict",
                null, light.blockedCategories(), List.of(), List.of(), List.of(), false, List.of(), false,
                light.version()), null));

        assertThat(problem(onCreate, "name").message()).contains("already used");
        assertThat(problem(onUpdate, "name").message()).contains("already used");
    }

    @Test
    void aRegistrationNeedsAnExistingClientAndExistingProfiles() {
        World w = world();
        Registration input = Fixtures.voluntary(4242, 777, 778, TODAY.plusDays(1));

        ValidationException e = refused(() -> store.createRegistration(PB, input, null));

        assertThat(fields(e)).contains("clientId", "profileId", "phaseOut[0].profileId");
        assertThat(problem(e, "clientId").message()).contains("4242");
        assertThat(w.registration.clientId()).isNotEqualTo(4242);
    }

    static Stream<Arguments> periods() {
        // the stored registration of the client runs from 2026-03-01 through 2026-05-01
        return Stream.of(
                Arguments.of("ending the day before its start", "2026-02-01", "2026-02-28", false),
                Arguments.of("ending on its start day", "2026-02-01", "2026-03-01", true),
                Arguments.of("inside it", "2026-03-10", "2026-04-10", true),
                Arguments.of("enclosing it", "2026-02-01", "2026-06-01", true),
                Arguments.of("starting on its last day", "2026-05-01", "2026-06-01", true),
                Arguments.of("starting the day after its end", "2026-05-02", "2026-06-30", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("periods")
    void aClientHasAtMostOneRegistrationAtATime(String name, LocalDate start, LocalDate end, boolean overlaps) {
        World w = world();
        Registration stored = store.createRegistration(PB, Fixtures.wzd(w.other.id(), w.light.id(),
                LocalDate.of(2026, 3, 1)), null);
        assertThat(stored.end()).isEqualTo(LocalDate.of(2026, 5, 1));
        Registration candidate = withPeriod(Fixtures.wzd(w.other.id(), w.strict.id(), start), start, end);

        if (overlaps) {
            ValidationException e = refused(() -> store.createRegistration(PB, candidate, null));
            assertThat(problem(e, "start").message()).contains("overlaps registration " + stored.id());
        } else {
            assertThat(store.createRegistration(PB, candidate, null).id()).isPositive();
        }
    }

    @Test
    void registrationsOfAnotherClientOrWithdrawnOnesDoNotOverlap() {
        World w = world();
        assertThat(store.createRegistration(PB, Fixtures.wzd(w.other.id(), w.light.id(), TODAY.plusDays(5)), null)
                .id()).isPositive();
        clock.set(TODAY.plusDays(2).atTime(9, 0).atZone(AMSTERDAM).toInstant());
        store.recordWithdrawal(PB, w.registration.id(), 1, Fixtures.withdrawal(clock.instant().minusSeconds(60)),
                "verzet");

        Registration again = store.createRegistration(PB, Fixtures.wzd(w.client.id(), w.light.id(),
                TODAY.plusDays(3)), "Wzd decision after the withdrawal");

        assertThat(again.id()).isPositive();
    }

    @Test
    void aRegistrationStoppedByAnEvaluationEndsTheDayBeforeForTheOverlapCheck() {
        World w = world();
        LocalDate stopDay = TODAY.plusDays(10);
        clock.set(stopDay.atTime(16, 0).atZone(AMSTERDAM).toInstant());
        store.recordEvaluation(PB, w.registration.id(), 1, Fixtures.evaluation(stopDay, EvaluationOutcome.STOP, null),
                "no longer needed");

        ValidationException e = refused(() -> store.createRegistration(PB,
                Fixtures.wzd(w.client.id(), w.light.id(), stopDay.minusDays(1)), null));
        Registration next = store.createRegistration(PB, Fixtures.wzd(w.client.id(), w.light.id(), stopDay), null);

        assertThat(problem(e, "start").message()).contains(stopDay.minusDays(1).toString());
        assertThat(next.id()).isPositive();
    }

    @Test
    void aClientWithDevicesOrRegistrationsCannotBeDeleted() {
        World w = world();

        ValidationException e = refused(() -> store.deleteClient(IT, w.client.id(), w.client.version(), null));
        store.deleteDevice(IT, w.device.id(), w.device.version(), null);
        ValidationException stillRegistered = refused(() -> store.deleteClient(IT, w.client.id(),
                w.client.version(), null));

        assertThat(fields(e)).containsExactlyInAnyOrder("devices", "registrations");
        assertThat(problem(e, "devices").message()).contains("device " + w.device.id());
        assertThat(fields(stillRegistered)).containsExactly("registrations");
    }

    @Test
    void aProfileInUseAsProfileOrAsPhaseOutStepCannotBeDeleted() {
        World w = world();

        ValidationException asProfile = refused(() -> store.deleteProfile(IT, w.strict.id(), 1, null));
        ValidationException asStep = refused(() -> store.deleteProfile(IT, w.light.id(), 1, null));
        Profile unused = store.createProfile(IT, Fixtures.lightProfile("unused"), null);
        store.deleteProfile(IT, unused.id(), unused.version(), "tidy up");

        assertThat(problem(asProfile, "registrations").message()).contains("registration " + w.registration.id());
        assertThat(problem(asStep, "registrations").message()).contains("registration " + w.registration.id());
        assertThat(store.profile(unused.id())).isEmpty();
    }

    @Test
    void aRegistrationStaysWithItsClient() {
        World w = world();
        Registration r = w.registration;

        ValidationException e = refused(() -> store.updateRegistration(PB, new Registration(r.id(), w.other.id(),
                r.basis(), r.dossierReference(), r.decidedBy(), r.decidedOn(), r.profileId(), r.start(),
                r.evaluationDate(), r.end(), r.risks(), r.weighing(), r.consent(), r.consulted(), r.phaseOut(),
                List.of(), null, null, r.version()), null));

        assertThat(fields(e)).contains("clientId");
    }

    @Test
    void aProfileChangeThatBreaksADependentScheduleIsRefusedWithTheRegistrationInThePath() {
        World w = world();
        Profile light = w.light;
        // the phase-out step's profile would block more than the registered profile: not less restrictive
        Profile stricter = new Profile(light.id(), light.name(), light.description(),
                List.of(Rule.always("gambling", Risk.GAMBLING), Rule.always("dating", Risk.DATING),
                        Rule.always("shopping", Risk.SHOPPING)),
                List.of(), List.of(), List.of(), false, List.of(), true, light.version());
        assumeValidatorChecksSchedules(w.registration, stricter);

        ValidationException e = refused(() -> store.updateProfile(IT, stricter, null));

        assertThat(fields(e)).allMatch(f -> f.startsWith("registrations[" + w.registration.id() + "]"));
        assertThat(e.problems().get(0).message()).contains("registration " + w.registration.id());
        Profile harmless = new Profile(light.id(), light.name(), "only the description changes",
                light.blockedCategories(), light.blockedServices(), light.blockedDomains(), light.allowedDomains(),
                light.allowListOnly(), light.internetHours(), light.safeSearch(), light.version());
        assertThat(store.updateProfile(IT, harmless, null).version()).isEqualTo(2);
    }

    /** Skips the calling test while the validator does not check phase-out schedules yet (rules in progress). */
    private void assumeValidatorChecksSchedules(Registration r, Profile changedStepProfile) {
        List<Problem> problems = new ModelValidator(Limits.DEFAULTS).registration(r,
                id -> id == changedStepProfile.id() ? Optional.of(changedStepProfile) : store.profile(id), TODAY);
        Assumptions.assumeFalse(problems.isEmpty(), "ModelValidator does not check phase-out schedules yet");
    }

    // ==== failures write nothing ===========================================================================

    @Test
    void aConstraintViolationRaisedByTheDatabaseInARaceBecomesAFieldProblemAndLeavesNoPartialRows()
            throws Exception {
        Client c = store.createClient(IT, Fixtures.client("C-1"), null);
        Map<String, Long> before = rowCounts();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection rival = testDb.connect()) {
            rival.setAutoCommit(false);
            long rivalDevice;
            try (PreparedStatement ps = rival.prepareStatement("INSERT INTO device (client_id, label, version) "
                    + "VALUES (?, 'rival', 1)", new String[] {"id"})) {
                ps.setLong(1, c.id());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    rivalDevice = keys.getLong(1);
                }
            }
            try (PreparedStatement ps = rival.prepareStatement("INSERT INTO device_address (device_id, kind, "
                    + "list_index, address) VALUES (?, 'MAC', 0, 'aa:bb:cc:dd:ee:77')")) {
                ps.setLong(1, rivalDevice);
                ps.executeUpdate();
            }
            // the store does not see the rival's uncommitted address, passes its checks, and then runs into the
            // unique index while the rival commits
            Future<Object> attempt = pool.submit(() -> {
                try {
                    return store.createDevice(IT, Fixtures.device(c.id(), "phone", List.of("aa:bb:cc:dd:ee:77"),
                            List.of("10.0.0.77")), null);
                } catch (RuntimeException e) {
                    return e;
                }
            });
            Thread.sleep(300);
            rival.commit();
            Object outcome = attempt.get(30, TimeUnit.SECONDS);

            assertThat(outcome).isInstanceOfSatisfying(ValidationException.class,
                    e -> assertThat(fields(e)).allMatch(f -> f.startsWith("macAddresses")));
        } finally {
            pool.shutdownNow();
        }
        Map<String, Long> expected = new LinkedHashMap<>(before);
        expected.merge("device", 1L, Long::sum);
        expected.merge("device_address", 1L, Long::sum);
        assertThat(rowCounts()).isEqualTo(expected);
        assertThat(store.devices()).extracting(Device::label).containsExactly("rival");
    }

    static Stream<Arguments> constraintViolations() {
        // SQL run behind the store's back against world(), statements separated by ';'; the last one violates one
        // constraint of V1__schema.sql
        return Stream.of(
                Arguments.of("INSERT INTO client (code, version) VALUES ('C-1', 1)", false, "code"),
                Arguments.of("INSERT INTO device_address (device_id, kind, list_index, address) "
                        + "SELECT id, 'MAC', 5, 'aa:bb:cc:dd:ee:01' FROM device", false, "macAddresses"),
                Arguments.of("INSERT INTO device_address (device_id, kind, list_index, address) "
                        + "SELECT id, 'IP', 5, '10.0.0.1' FROM device", false, "ipAddresses"),
                Arguments.of("INSERT INTO device (client_id, label, proxy_username, version) "
                        + "SELECT client_id, 'x', 'dup', 1 FROM device UNION ALL "
                        + "SELECT client_id, 'y', 'dup', 1 FROM device", false, "proxyUsername"),
                Arguments.of("INSERT INTO profile (name, body, version) VALUES ('strict', '{}', 1)", false, "name"),
                Arguments.of("INSERT INTO device (client_id, label, version) VALUES (4242, 'x', 1)", false,
                        "clientId"),
                Arguments.of("UPDATE registration SET client_id = 4242", false, "clientId"),
                Arguments.of("UPDATE registration SET profile_id = 4242", false, "profileId"),
                Arguments.of("DELETE FROM registration_profile; DELETE FROM registration_applied_state; "
                        + "DELETE FROM registration; DELETE FROM client WHERE code = 'C-1'", true, "devices"),
                Arguments.of("DELETE FROM device_address; DELETE FROM device; DELETE FROM client WHERE code = 'C-1'",
                        true, "registrations"),
                Arguments.of("DELETE FROM profile WHERE name = 'light'", true, "registrations"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("constraintViolations")
    void constraintViolationsOfTheDatabaseMapToTheFieldTheyConcern(String sql, boolean deleting, String field)
            throws SQLException {
        world();
        String[] statements = sql.split(";");
        for (int i = 0; i < statements.length - 1; i++) {
            tamper(statements[i].strip());
        }
        String last = statements[statements.length - 1].strip();

        SQLException violation = catchThrowableOfType(SQLException.class, () -> tamper(last));

        assertThat((Throwable) violation).as(last).isNotNull();
        assertThat(SqlErrors.isConstraintViolation(violation)).isTrue();
        assertThat(SqlErrors.problemsOf(violation, deleting)).extracting(Problem::field).containsExactly(field);
    }

    static Stream<Arguments> refusedWrites() {
        return Stream.of(
                Arguments.of("client with a used code", (StoreCall) (s, w) -> s.createClient(IT,
                        Fixtures.client("C-1"), null)),
                Arguments.of("device with a used MAC", (StoreCall) (s, w) -> s.createDevice(IT,
                        Fixtures.device(w.client.id(), "x", List.of("aa:bb:cc:dd:ee:01"), List.of()), null)),
                Arguments.of("profile with a used name", (StoreCall) (s, w) -> s.createProfile(IT,
                        Fixtures.lightProfile("light"), null)),
                Arguments.of("overlapping registration", (StoreCall) (s, w) -> s.createRegistration(PB,
                        Fixtures.wzd(w.client.id(), w.light.id(), TODAY.plusDays(2)), null)),
                Arguments.of("client still in use", (StoreCall) (s, w) -> {
                    s.deleteClient(IT, w.client.id(), 1, null);
                    return null;
                }),
                Arguments.of("profile still in use", (StoreCall) (s, w) -> {
                    s.deleteProfile(IT, w.light.id(), 1, null);
                    return null;
                }),
                Arguments.of("evaluation without date and outcome", (StoreCall) (s, w) -> s.recordEvaluation(PB,
                        w.registration.id(), 1, new nl.vangnet.config.model.Evaluation(0, null, null, null, null,
                                null, null), null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedWrites")
    void aRefusedWriteLeavesNoRowsAndNoAuditEvent(String name, StoreCall call) {
        World w = world();
        clock.set(TODAY.plusDays(2).atTime(10, 0).atZone(AMSTERDAM).toInstant());
        Map<String, Long> before = rowCounts();
        PolicyData data = store.load();

        assertThatThrownBy(() -> call.apply(store, w)).isInstanceOf(ValidationException.class);

        assertThat(rowCounts()).isEqualTo(before);
        assertThat(store.load()).isEqualTo(data);
        assertThat(store.verifyAudit().ok()).isTrue();
    }

    @Test
    void aSecondWithdrawalIsRefusedAndWritesNothing() {
        World w = world();
        clock.set(TODAY.plusDays(2).atTime(10, 0).atZone(AMSTERDAM).toInstant());
        Instant at = clock.instant().minusSeconds(600);
        Registration r = store.recordWithdrawal(PB, w.registration.id(), 1, Fixtures.withdrawal(at), null);

        ValidationException e = refused(() -> store.recordWithdrawal(PB, r.id(), r.version(),
                Fixtures.withdrawal(at.plusSeconds(5)), null));

        assertThat(fields(e)).anyMatch(f -> f.endsWith("withdrawal"));
        assertThat(store.registration(r.id())).contains(r);
    }

    // ==== load() =========================================================================================

    @Test
    void loadReturnsEverythingWithTheLastAuditSequenceAsDataVersion() {
        World w = world();

        PolicyData data = store.load();

        assertThat(data.clients()).containsExactly(store.client(w.client.id()).orElseThrow(), w.other);
        assertThat(data.devices()).containsExactly(w.device);
        assertThat(data.profiles()).containsExactly(w.strict, w.light);
        assertThat(data.registrations()).containsExactly(w.registration);
        assertThat(data.dataVersion()).isEqualTo(store.dataVersion()).isEqualTo(count("audit_event"));
    }

    @Test
    void loadIsOneConsistentReadWhileOthersWrite() throws Exception {
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> writer = pool.submit(() -> {
                int n = 0;
                while (writing.get() && n < 400) {
                    Client c = store.createClient(IT, Fixtures.client("W-" + n), null);
                    store.createDevice(IT, Fixtures.device(c.id(), "phone",
                            List.of(String.format("aa:bb:cc:00:%02x:%02x", n / 256, n % 256)), List.of()), null);
                    n++;
                }
                return n;
            });
            for (int i = 0; i < 40; i++) {
                PolicyData data = store.load();
                // every write is one client or one device, and one audit event
                assertThat(data.clients().size() + data.devices().size()).isEqualTo(data.dataVersion());
                assertThat(data.devices()).allSatisfy(d -> assertThat(data.clients())
                        .anyMatch(c -> c.id() == d.clientId()));
            }
            writing.set(false);
            assertThat(writer.get(60, TimeUnit.SECONDS)).isPositive();
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }
    }

    // ==== recordTransitions ================================================================================

    static Stream<Arguments> transitionsFromNothing() {
        // registration from 2026-01-16: step 1 (light) from 2026-02-16, evaluation date 2026-03-16, unrestricted
        // from 2026-03-31, end 2026-04-16
        return Stream.of(
                Arguments.of("2026-01-15T23:59:59", null, null),
                Arguments.of("2026-01-16T00:00:00", AuditAction.REGISTRATION_STARTED, state("ACTIVE", 0)),
                Arguments.of("2026-02-16T00:00:00", AuditAction.REGISTRATION_STARTED, state("ACTIVE", 1)),
                Arguments.of("2026-03-16T23:59:59", AuditAction.REGISTRATION_STARTED, state("ACTIVE", 1)),
                Arguments.of("2026-03-17T00:00:00", AuditAction.REGISTRATION_LAPSED, state("EVALUATION_OVERDUE", -1)),
                Arguments.of("2026-04-17T00:00:00", AuditAction.REGISTRATION_ENDED, state("ENDED", -1)));
    }

    static String state(String reason, int step) {
        return "{\"reason\":\"" + reason + "\",\"step\":" + step + "}";
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("transitionsFromNothing")
    void recordTransitionsAuditsTheStateAtNowOnceAsSystem(String localTime, AuditAction action, String after) {
        World w = world();
        Instant now = java.time.LocalDateTime.parse(localTime).atZone(AMSTERDAM).toInstant();
        long before = store.dataVersion();

        int first = store.recordTransitions(now);
        int second = store.recordTransitions(now);

        assertThat(second).isZero();
        if (action == null) {
            assertThat(first).isZero();
            assertThat(store.dataVersion()).isEqualTo(before);
            return;
        }
        assertThat(first).isEqualTo(1);
        AuditEvent e = lastEvent();
        assertThat(e).extracting(AuditEvent::actorAccount, AuditEvent::actorRole, AuditEvent::action,
                AuditEvent::entityType, AuditEvent::entityId, AuditEvent::before, AuditEvent::after)
                .containsExactly("system", "SYSTEM", action, "registration", w.registration.id(),
                        "{\"reason\":\"NOT_STARTED\",\"step\":-1}", after);
        assertThat(e.reason()).isNotBlank();
    }

    @Test
    void recordTransitionsFollowsARegistrationThroughItsLife() {
        World w = world();
        long id = w.registration.id();

        assertThat(store.recordTransitions(at("2026-01-16T00:30"))).isEqualTo(1);
        assertThat(store.recordTransitions(at("2026-02-16T08:00"))).isEqualTo(1);
        assertThat(store.recordTransitions(at("2026-03-17T00:00"))).isEqualTo(1);
        AuditEvent lapsed = lastEvent();
        clock.set(at("2026-03-18T10:00"));
        store.recordEvaluation(PB, id, 1, Fixtures.evaluation(LocalDate.of(2026, 3, 18), EvaluationOutcome.CONTINUE,
                LocalDate.of(2026, 4, 10)), "late, but held");
        assertThat(store.recordTransitions(at("2026-03-18T10:00"))).isEqualTo(1);
        assertThat(store.recordTransitions(at("2026-03-31T00:00"))).isEqualTo(1);
        assertThat(store.recordTransitions(at("2026-04-17T00:00"))).isEqualTo(1);
        assertThat(store.recordTransitions(at("2026-05-01T00:00"))).isZero();

        assertThat(store.audit(new AuditQuery("registration", id, null, "system", null, null, 0, 100)))
                .extracting(AuditEvent::action, AuditEvent::after)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(AuditAction.REGISTRATION_STARTED,
                                "{\"reason\":\"ACTIVE\",\"step\":0}"),
                        org.assertj.core.groups.Tuple.tuple(AuditAction.PHASE_OUT_STEP_APPLIED,
                                "{\"reason\":\"ACTIVE\",\"step\":1}"),
                        org.assertj.core.groups.Tuple.tuple(AuditAction.REGISTRATION_LAPSED,
                                "{\"reason\":\"EVALUATION_OVERDUE\",\"step\":-1}"),
                        org.assertj.core.groups.Tuple.tuple(AuditAction.REGISTRATION_RESUMED,
                                "{\"reason\":\"ACTIVE\",\"step\":1}"),
                        org.assertj.core.groups.Tuple.tuple(AuditAction.PHASE_OUT_STEP_APPLIED,
                                "{\"reason\":\"ACTIVE\",\"step\":2}"),
                        org.assertj.core.groups.Tuple.tuple(AuditAction.REGISTRATION_ENDED,
                                "{\"reason\":\"ENDED\",\"step\":-1}"));
        assertThat(lapsed.reason()).contains("evaluation date 2026-03-16 passed without a recorded evaluation");
        assertThat(appliedState(id)).isEqualTo("ENDED/-1");
    }

    @Test
    void movingTheStartOfAnAppliedRegistrationLaterIsAuditedAsPostponed() {
        World w = world();
        assertThat(store.recordTransitions(at("2026-01-16T09:00"))).isEqualTo(1);
        clock.set(at("2026-01-16T10:00"));
        Registration r = w.registration;
        store.updateRegistration(PB, new Registration(r.id(), r.clientId(), r.basis(), r.dossierReference(),
                r.decidedBy(), r.decidedOn(), r.profileId(), LocalDate.of(2026, 1, 20), r.evaluationDate(), r.end(),
                r.risks(), r.weighing(), r.consent(), r.consulted(), r.phaseOut(), List.of(), null, null, r.version()),
                "starts after the holiday");

        assertThat(store.recordTransitions(at("2026-01-16T10:00"))).isEqualTo(1);
        AuditEvent postponed = lastEvent();
        assertThat(store.recordTransitions(at("2026-01-20T00:00"))).isEqualTo(1);

        assertThat(postponed.action()).isEqualTo(AuditAction.REGISTRATION_POSTPONED);
        assertThat(postponed.before()).isEqualTo(state("ACTIVE", 0));
        assertThat(postponed.after()).isEqualTo(state("NOT_STARTED", -1));
        assertThat(postponed.reason()).contains("2026-01-20");
        assertThat(lastEvent().action()).isEqualTo(AuditAction.REGISTRATION_STARTED);
    }

    @Test
    void aStoreWhoseDatabaseIsGoneThrowsStoreUnavailableForReadsAndWrites() {
        db.close();

        assertThatThrownBy(store::load).isInstanceOf(StoreUnavailableException.class)
                .hasMessageStartingWith("could not load");
        assertThatThrownBy(() -> store.createClient(IT, Fixtures.client("C-1"), null))
                .isInstanceOf(StoreUnavailableException.class).hasMessageStartingWith("could not create a client");
        assertThatThrownBy(store::verifyAudit).isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void aWithdrawnRegistrationGetsNoFurtherTransitions() {
        World w = world();
        assertThat(store.recordTransitions(at("2026-01-16T09:00"))).isEqualTo(1);
        clock.set(at("2026-01-20T10:00"));
        store.recordWithdrawal(PB, w.registration.id(), 1, Fixtures.withdrawal(at("2026-01-20T09:00")), "verzet");
        long afterWithdrawal = store.dataVersion();

        assertThat(store.recordTransitions(at("2026-01-20T10:00"))).isZero();
        assertThat(store.recordTransitions(at("2026-02-20T10:00"))).isZero();
        assertThat(store.recordTransitions(at("2026-05-20T10:00"))).isZero();

        assertThat(store.dataVersion()).isEqualTo(afterWithdrawal);
        assertThat(actions()).filteredOn(a -> a == AuditAction.CONSENT_WITHDRAWN).hasSize(1);
    }

    @Test
    void twoStoresOnTheSameDatabaseAuditEachTransitionOnce() throws Exception {
        World w = world();
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Client c = store.createClient(IT, Fixtures.client("T-" + i), null);
            store.createRegistration(PB, Fixtures.wzd(c.id(), w.light.id(), TODAY.plusDays(1)), null);
            clients.add(c);
        }
        int registrations = clients.size() + 1;
        Instant now = at("2026-01-16T06:00");
        try (Database second = testDb.open()) {
            JdbcStore other = new JdbcStore(second, new ModelValidator(Limits.DEFAULTS), clock);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> runs = new ArrayList<>();
                for (JdbcStore s : List.of(store, other, store, other)) {
                    Callable<Integer> run = () -> {
                        go.await();
                        return s.recordTransitions(now);
                    };
                    runs.add(pool.submit(run));
                }
                go.countDown();
                int total = 0;
                for (Future<Integer> f : runs) {
                    total += f.get(60, TimeUnit.SECONDS);
                }

                assertThat(total).isEqualTo(registrations);
                assertThat(other.recordTransitions(now)).isZero();
                assertThat(store.recordTransitions(now)).isZero();
            } finally {
                pool.shutdownNow();
            }
        }
        assertThat(actions()).filteredOn(a -> a == AuditAction.REGISTRATION_STARTED).hasSize(registrations);
        assertThat(store.verifyAudit().ok()).isTrue();
    }

    // ==== audit log: query, chain, tampering ===============================================================

    @Test
    void auditEventsFormAGapFreeChainWithTimesTruncatedToMicroseconds() {
        clock.set(Instant.parse("2026-01-15T09:00:00.123456789Z"));
        world();

        List<AuditEvent> events = store.audit(AuditQuery.all());

        assertThat(events).extracting(AuditEvent::seq)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, events.size()).boxed()
                        .toList());
        assertThat(events.get(0).prevHash()).isEqualTo("0".repeat(64));
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).prevHash()).isEqualTo(events.get(i - 1).hash());
        }
        assertThat(events.get(0).at()).isEqualTo(Instant.parse("2026-01-15T09:00:00.123456Z"));
        assertThat(events).allSatisfy(e -> assertThat(e.at().getNano() % 1000).isZero());
        assertThat(store.verifyAudit()).isEqualTo(new AuditVerification(true, events.size(), null, null));
    }

    static Stream<Arguments> auditQueries() {
        return Stream.of(
                Arguments.of("entity type", (Function<World, AuditQuery>) w -> new AuditQuery("profile", null, null,
                        null, null, null, 0, 1000), List.of(AuditAction.PROFILE_CREATED, AuditAction.PROFILE_CREATED)),
                Arguments.of("entity", (Function<World, AuditQuery>) w -> new AuditQuery("client", w.other.id(), null,
                        null, null, null, 0, 1000), List.of(AuditAction.CLIENT_CREATED)),
                Arguments.of("action", (Function<World, AuditQuery>) w -> new AuditQuery(null, null,
                        AuditAction.DEVICE_CREATED, null, null, null, 0, 1000), List.of(AuditAction.DEVICE_CREATED)),
                Arguments.of("actor", (Function<World, AuditQuery>) w -> new AuditQuery(null, null, null, "pb-17",
                        null, null, 0, 1000), List.of(AuditAction.REGISTRATION_CREATED)),
                Arguments.of("from (inclusive)", (Function<World, AuditQuery>) w -> new AuditQuery(null, null, null,
                        null, Instant.parse("2026-01-15T09:00:04Z"), null, 0, 1000),
                        List.of(AuditAction.DEVICE_CREATED, AuditAction.REGISTRATION_CREATED)),
                Arguments.of("to (exclusive)", (Function<World, AuditQuery>) w -> new AuditQuery(null, null, null,
                        null, null, Instant.parse("2026-01-15T09:00:02Z"), 0, 1000),
                        List.of(AuditAction.PROFILE_CREATED, AuditAction.PROFILE_CREATED)),
                Arguments.of("after seq and limit", (Function<World, AuditQuery>) w -> new AuditQuery(null, null,
                        null, null, null, null, 2, 2), List.of(AuditAction.CLIENT_CREATED, AuditAction.CLIENT_CREATED)),
                Arguments.of("nothing matches", (Function<World, AuditQuery>) w -> new AuditQuery("client", null,
                        AuditAction.DEVICE_CREATED, null, null, null, 0, 1000), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("auditQueries")
    void auditQueriesFilter(String name, Function<World, AuditQuery> query, List<AuditAction> expected) {
        clock.set(Instant.parse("2026-01-15T09:00:00Z"));
        World w = world(); // one write per second: profile, profile, client, client, device, registration

        assertThat(store.audit(query.apply(w))).extracting(AuditEvent::action).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @CsvSource({"0", "1001", "-5"})
    void anAuditQueryLimitOutside1To1000IsAFieldProblem(int limit) {
        ValidationException e = catchThrowableOfType(ValidationException.class,
                () -> store.audit(new AuditQuery(null, null, null, null, null, null, 0, limit)));

        assertThat(e).isNotNull();
        assertThat(fields(e)).containsExactly("limit");
    }

    @Test
    void anUntouchedChainVerifies() {
        int events = fiveEvents();

        AuditVerification v = store.verifyAudit();

        assertThat(v).isEqualTo(new AuditVerification(true, events, null, null));
    }

    @Test
    void anEmptyChainVerifies() {
        assertThat(store.verifyAudit()).isEqualTo(new AuditVerification(true, 0, null, null));
    }

    static Stream<Arguments> edits() {
        return Stream.of(
                Arguments.of("after_json", "'{\"code\":\"C-X\"}'"),
                Arguments.of("before_json", "'{}'"),
                Arguments.of("reason", "'nobody asked'"),
                Arguments.of("actor_account", "'mallory'"),
                Arguments.of("actor_role", "'AUDITOR'"),
                Arguments.of("action", "'CLIENT_DELETED'"),
                Arguments.of("entity_type", "'device'"),
                Arguments.of("entity_id", "entity_id + 1"),
                Arguments.of("at", "at + INTERVAL '1' SECOND"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edits")
    void anEditedEventBreaksTheChainAtThatEvent(String column, String newValue) throws SQLException {
        fiveEvents();

        tamper("UPDATE audit_event SET " + column + " = " + newValue + " WHERE seq = 3");
        AuditVerification v = store.verifyAudit();

        assertThat(v.ok()).isFalse();
        assertThat(v.firstBrokenSeq()).isEqualTo(3);
        assertThat(v.checked()).isEqualTo(2);
        assertThat(v.problem()).contains("edited");
    }

    @Test
    void aDeletedMiddleEventBreaksTheChain() throws SQLException {
        fiveEvents();

        tamper("DELETE FROM audit_event WHERE seq = 3");
        AuditVerification v = store.verifyAudit();

        assertThat(v.ok()).isFalse();
        assertThat(v.firstBrokenSeq()).isEqualTo(3);
        assertThat(v.problem()).contains("missing");
    }

    @Test
    void reorderedEventsBreakTheChain() throws SQLException {
        fiveEvents();

        tamper("UPDATE audit_event SET seq = -2 WHERE seq = 2");
        tamper("UPDATE audit_event SET seq = 2 WHERE seq = 4");
        tamper("UPDATE audit_event SET seq = 4 WHERE seq = -2");
        AuditVerification v = store.verifyAudit();

        assertThat(v.ok()).isFalse();
        assertThat(v.firstBrokenSeq()).isEqualTo(2);
        assertThat(v.problem()).contains("does not follow");
    }

    @Test
    void aDeletedLastEventIsDetectedByTheHeadAnchor() throws SQLException {
        int events = fiveEvents();

        tamper("DELETE FROM audit_event WHERE seq = " + events);
        AuditVerification v = store.verifyAudit();

        assertThat(v.ok()).isFalse();
        assertThat(v.firstBrokenSeq()).isEqualTo(events);
        assertThat(v.problem()).contains("last events were deleted");
    }

    @Test
    void anEditedHeadIsDetected() throws SQLException {
        int events = fiveEvents();

        tamper("UPDATE audit_head SET last_hash = '" + "f".repeat(64) + "'");
        AuditVerification v = store.verifyAudit();

        assertThat(v.ok()).isFalse();
        assertThat(v.firstBrokenSeq()).isEqualTo(events);
    }

    @Test
    void aCorrectlyHashedEventAppendedBehindTheLogsBackIsDetectedByTheHeadAnchor() throws SQLException {
        int events = fiveEvents();
        AuditEvent last = lastEvent();
        Instant at = Instant.parse("2026-01-15T12:00:00Z");
        String canonical = nl.vangnet.config.audit.AuditLog.canonicalForm(events + 1, at, "mallory", "IT_ADMIN",
                "CLIENT_DELETED", "client", 1, null, null, "forged");
        String hash = nl.vangnet.config.audit.AuditLog.chainHash(last.hash(), canonical);

        try (Connection c = testDb.connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO audit_event "
                + "(seq, at, actor_account, actor_role, action, entity_type, entity_id, reason, prev_hash, hash) "
                + "VALUES (?, ?, 'mallory', 'IT_ADMIN', 'CLIENT_DELETED', 'client', 1, 'forged', ?, ?)")) {
            ps.setLong(1, events + 1);
            ps.setObject(2, java.time.OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC));
            ps.setString(3, last.hash());
            ps.setString(4, hash);
            ps.executeUpdate();
        }
        AuditVerification v = store.verifyAudit();

        assertThat(v.ok()).isFalse();
        assertThat(v.firstBrokenSeq()).isEqualTo(events + 1);
        assertThat(v.problem()).contains("not covered by the head");
    }

    @Test
    void theChainStaysIntactAfterAFailedWrite() {
        fiveEvents();
        assertThatThrownBy(() -> store.createClient(IT, Fixtures.client("C-1"), null))
                .isInstanceOf(ValidationException.class);

        store.createClient(IT, Fixtures.client("C-9"), null);

        assertThat(store.verifyAudit().ok()).isTrue();
        assertThat(store.verifyAudit().checked()).isEqualTo(6);
    }

    // ==== helpers =========================================================================================

    /** Two profiles, two clients, a device and a voluntary registration of the first client from TODAY+1. */
    record World(Profile strict, Profile light, Client client, Client other, Device device,
            Registration registration) {
    }

    World world() {
        Profile strict = store.createProfile(IT, Fixtures.strictProfile("strict"), null);
        tick();
        Profile light = store.createProfile(IT, Fixtures.lightProfile("light"), null);
        tick();
        Client client = store.createClient(IT, Fixtures.client("C-1"), null);
        tick();
        Client other = store.createClient(IT, Fixtures.client("C-2"), null);
        tick();
        Device device = store.createDevice(IT, Fixtures.device(client.id(), "phone", List.of("aa:bb:cc:dd:ee:01"),
                List.of("10.0.0.1")), null);
        tick();
        Registration registration = store.createRegistration(PB, Fixtures.voluntary(client.id(), strict.id(),
                light.id(), TODAY.plusDays(1)), "agreed in the support plan");
        tick();
        return new World(strict, light, client, other, device, registration);
    }

    /** Five audit events: five clients. */
    int fiveEvents() {
        for (int i = 1; i <= 5; i++) {
            store.createClient(IT, Fixtures.client("C-" + i), "event " + i);
        }
        return 5;
    }

    private void tick() {
        clock.advance(java.time.Duration.ofSeconds(1));
    }

    static Instant at(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(AMSTERDAM).toInstant();
    }

    /** {@code r} moved to {@code start..end}: decided the day before, evaluated after a month (at the latest
     *  on the end), unrestricted from the end day. */
    static Registration withPeriod(Registration r, LocalDate start, LocalDate end) {
        LocalDate evaluation = start.plusMonths(1).isAfter(end) ? end : start.plusMonths(1);
        return new Registration(r.id(), r.clientId(), r.basis(), r.dossierReference(), r.decidedBy(),
                start.minusDays(1), r.profileId(), start, evaluation, end, r.risks(), r.weighing(), r.consent(),
                r.consulted(), List.of(PhaseOutStep.unrestricted(end)), List.of(), null, null, r.version());
    }

    ValidationException refused(ThrowingCallable call) {
        Map<String, Long> before = rowCounts();
        ValidationException e = catchThrowableOfType(ValidationException.class, call);
        assertThat(e).as("expected a ValidationException").isNotNull();
        assertThat(rowCounts()).as("a refused write writes nothing").isEqualTo(before);
        return e;
    }

    static List<String> fields(ValidationException e) {
        return e.problems().stream().map(Problem::field).toList();
    }

    static Problem problem(ValidationException e, String field) {
        return e.problems().stream().filter(p -> p.field().equals(field)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem for " + field + " in " + e.problems()));
    }

    AuditEvent onlyEvent() {
        List<AuditEvent> all = store.audit(AuditQuery.all());
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    AuditEvent lastEvent() {
        List<AuditEvent> all = store.audit(AuditQuery.all());
        assertThat(all).isNotEmpty();
        return all.get(all.size() - 1);
    }

    List<AuditAction> actions() {
        return store.audit(AuditQuery.all()).stream().map(AuditEvent::action).toList();
    }

    Map<String, Long> rowCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, count(table));
        }
        counts.put("audit_head.last_seq", Long.parseLong(column("SELECT last_seq FROM audit_head")));
        return counts;
    }

    long count(String table) {
        return testDb.count(table);
    }

    String appliedState(long registrationId) {
        return column("SELECT reason FROM registration_applied_state WHERE registration_id = " + registrationId)
                + "/" + column("SELECT step_index FROM registration_applied_state WHERE registration_id = "
                        + registrationId);
    }

    String column(String sql) {
        return testDb.column(sql);
    }

    void tamper(String sql) throws SQLException {
        try (Connection c = testDb.connect(); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate(sql)).as(sql).isPositive();
        }
    }
}
