package nl.vangnet.config.store;

import static nl.vangnet.config.store.Fixtures.TODAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import nl.vangnet.config.audit.AuditAction;
import nl.vangnet.config.audit.AuditEvent;
import nl.vangnet.config.audit.AuditQuery;
import nl.vangnet.config.model.Actor;
import nl.vangnet.config.model.Client;
import nl.vangnet.config.model.EvaluationOutcome;
import nl.vangnet.config.model.PhaseOutStep;
import nl.vangnet.config.model.Profile;
import nl.vangnet.config.model.Registration;
import nl.vangnet.config.policy.EffectivePolicy;
import nl.vangnet.config.policy.EffectiveReason;
import nl.vangnet.config.policy.MutableClock;
import nl.vangnet.config.policy.RegistrationState;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.rules.ModelValidator;
import nl.vangnet.config.rules.Problem;
import nl.vangnet.config.rules.ValidationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link VangnetStore#approvePhaseOutStep} of {@link JdbcStore}, on every supported database by its subclasses
 * ({@link H2PhaseOutApprovalStoreTest}, {@link PostgresPhaseOutApprovalStoreTest}). The registration: voluntary,
 * from {@link #START} (five days before the test's today), step 1 (light profile) on 2026-02-10, step 2
 * (unrestricted) on 2026-03-25, evaluation 2026-03-10, end 2026-04-10.
 */
abstract class AbstractPhaseOutApprovalStoreTest {
    static final ZoneId AMSTERDAM = Limits.AMSTERDAM;
    static final Actor IT = new Actor("it-anne", "IT_ADMIN");
    static final Actor GD = new Actor("gd-8", "BEHAVIOURAL_EXPERT");
    static final LocalDate START = TODAY.minusDays(5);
    static final LocalDate STEP_1 = LocalDate.of(2026, 2, 10);
    static final LocalDate STEP_2 = LocalDate.of(2026, 3, 25);

    private final ModelJson json = ModelJson.instance();
    TestDatabase testDb;
    Database db;
    MutableClock clock;
    JdbcStore store;
    Profile strict;
    Profile light;
    Client client;
    Registration registration;

    /** A fresh, empty database for one test. */
    abstract TestDatabase newTestDatabase();

    @BeforeEach
    void openStore() {
        testDb = newTestDatabase();
        db = testDb.open();
        clock = new MutableClock(at(TODAY, 10), AMSTERDAM);
        store = new JdbcStore(db, new ModelValidator(Limits.DEFAULTS), clock);
        strict = store.createProfile(IT, Fixtures.strictProfile("strict"), null);
        light = store.createProfile(IT, Fixtures.lightProfile("light"), null);
        client = store.createClient(IT, Fixtures.client("C-1"), null);
        registration = store.createRegistration(IT, Fixtures.voluntary(client.id(), strict.id(), light.id(), START),
                null);
        assertThat(registration.phaseOut()).extracting(PhaseOutStep::from).containsExactly(STEP_1, STEP_2);
        store.recordTransitions(clock.instant());
    }

    @AfterEach
    void closeStore() {
        store.close();
        db.close();
        testDb.close();
    }

    @Test
    void approvingTodayMakesTheNextStepApplyNowAndTheTransitionsSeeIt() {
        assertThat(state(registration, clock.instant()).stepIndex()).isZero();
        long dataVersion = store.dataVersion();

        Registration approved = store.approvePhaseOutStep(GD, registration.id(), registration.version(), TODAY,
                "MDO: it goes well");

        assertThat(approved.version()).isEqualTo(registration.version() + 1);
        assertThat(approved.phaseOut()).containsExactly(new PhaseOutStep(TODAY, light.id()),
                PhaseOutStep.unrestricted(STEP_2));
        assertThat(store.registration(registration.id())).contains(approved);
        RegistrationState now = state(approved, clock.instant());
        assertThat(now.reason()).isEqualTo(EffectiveReason.ACTIVE);
        assertThat(now.stepIndex()).isEqualTo(1);
        assertThat(now.profileId()).isEqualTo(light.id());
        AuditEvent e = lastEvent();
        assertThat(e).extracting(AuditEvent::actorAccount, AuditEvent::actorRole, AuditEvent::action,
                AuditEvent::entityType, AuditEvent::entityId, AuditEvent::reason)
                .containsExactly("gd-8", "BEHAVIOURAL_EXPERT", AuditAction.PHASE_OUT_STEP_APPROVED, "registration",
                        registration.id(), "MDO: it goes well; step 1 of 2 moved from 2026-02-10 to 2026-01-15");
        assertThat(json.read(e.before(), Registration.class)).isEqualTo(registration);
        assertThat(json.read(e.after(), Registration.class)).isEqualTo(approved);
        assertThat(store.dataVersion()).isGreaterThan(dataVersion);

        assertThat(store.recordTransitions(clock.instant())).isEqualTo(1);

        AuditEvent applied = lastEvent();
        assertThat(applied.action()).isEqualTo(AuditAction.PHASE_OUT_STEP_APPLIED);
        assertThat(applied.after()).isEqualTo("{\"reason\":\"ACTIVE\",\"step\":1}");
        assertThat(store.verifyAudit().ok()).isTrue();
    }

    @Test
    void approvingALaterDayMovesTheStepToThatDay() {
        LocalDate from = TODAY.plusDays(3);

        Registration approved = store.approvePhaseOutStep(GD, registration.id(), 1, from, null);

        assertThat(approved.phaseOut().get(0).from()).isEqualTo(from);
        assertThat(state(approved, clock.instant()).stepIndex()).isZero();
        assertThat(state(approved, at(from, 0)).stepIndex()).isEqualTo(1);
        assertThat(state(approved, at(from, 0).minusNanos(1)).stepIndex()).isZero();
        assertThat(lastEvent().reason()).isEqualTo("step 1 of 2 moved from 2026-02-10 to 2026-01-18");
    }

    @Test
    void onceAStepHasStartedTheNextOneIsThePendingStep() {
        clock.set(at(STEP_1.plusDays(4), 9));
        LocalDate today = STEP_1.plusDays(4);

        Registration approved = store.approvePhaseOutStep(GD, registration.id(), 1, today, null);

        assertThat(approved.phaseOut()).containsExactly(new PhaseOutStep(STEP_1, light.id()),
                PhaseOutStep.unrestricted(today));
        RegistrationState now = state(approved, clock.instant());
        assertThat(now.stepIndex()).isEqualTo(2);
        assertThat(now.restricts()).isFalse();
        assertThat(lastEvent().reason()).isEqualTo("step 2 of 2 moved from 2026-03-25 to 2026-02-14");
    }

    /** How the registration is prepared before the approval, and the clock's day then. */
    enum Setup {
        AS_IS,
        STEP_1_STARTS_TODAY,
        EVERY_STEP_STARTED,
        ENDED,
        WITHDRAWN,
        STOPPED_BY_EVALUATION,
        NOT_STARTED
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("no date", Setup.AS_IS, null, "from", "is required"),
                Arguments.of("yesterday", Setup.AS_IS, TODAY.minusDays(1), "from", "is in the past"),
                Arguments.of("the step's own date", Setup.AS_IS, STEP_1, "from", "needs a date before 2026-02-10"),
                Arguments.of("after the step's date", Setup.AS_IS, STEP_1.plusDays(1), "from",
                        "needs a date before 2026-02-10"),
                Arguments.of("the day the previous step started", Setup.STEP_1_STARTS_TODAY, STEP_1, "from",
                        "is not after step 1 (2026-02-10)"),
                Arguments.of("not after the start", Setup.NOT_STARTED, TODAY, "from",
                        "is not after the start (2026-01-20)"),
                Arguments.of("no step pending", Setup.EVERY_STEP_STARTED, STEP_2.plusDays(2), "phaseOut",
                        "no phase-out step is pending"),
                Arguments.of("ended", Setup.ENDED, LocalDate.of(2026, 4, 12), "phaseOut", "has ended"),
                Arguments.of("withdrawn", Setup.WITHDRAWN, TODAY, "phaseOut", "was withdrawn"),
                Arguments.of("stopped by an evaluation", Setup.STOPPED_BY_EVALUATION, TODAY, "phaseOut",
                        "has ended"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void anApprovalThatIsNotPossibleIsAFieldProblemAndWritesNothing(String name, Setup setup, LocalDate from,
            String field, String message) {
        Registration r = prepare(setup);
        long dataVersion = store.dataVersion();
        PolicyData before = store.load();

        ValidationException e = catchThrowableOfType(ValidationException.class,
                () -> store.approvePhaseOutStep(GD, r.id(), r.version(), from, null));

        assertThat(e).as("expected a ValidationException").isNotNull();
        assertThat(e.problems()).extracting(Problem::field).containsExactly(field);
        assertThat(e.problems().get(0).message()).contains(message);
        assertThat(store.dataVersion()).isEqualTo(dataVersion);
        assertThat(store.load()).isEqualTo(before);
    }

    @Test
    void aStaleVersionIsRefusedAndChangesNothing() {
        store.approvePhaseOutStep(GD, registration.id(), 1, TODAY.plusDays(10), null);
        PolicyData before = store.load();

        StaleVersionException e = catchThrowableOfType(StaleVersionException.class,
                () -> store.approvePhaseOutStep(GD, registration.id(), 1, TODAY, null));

        assertThat(e).isNotNull();
        assertThat(e.entityType()).isEqualTo("registration");
        assertThat(e.expectedVersion()).isEqualTo(1);
        assertThat(e.actualVersion()).isEqualTo(2);
        assertThat(store.load()).isEqualTo(before);
    }

    @Test
    void aMissingRegistrationIsNotFound() {
        assertThatThrownBy(() -> store.approvePhaseOutStep(GD, 999, 1, TODAY, null))
                .isInstanceOfSatisfying(NotFoundException.class,
                        e -> assertThat(e.entityType()).isEqualTo("registration"));
    }

    // ==== helpers =========================================================================================

    private Registration prepare(Setup setup) {
        switch (setup) {
            case STEP_1_STARTS_TODAY -> clock.set(at(STEP_1, 8));
            case EVERY_STEP_STARTED -> clock.set(at(STEP_2.plusDays(2), 8));
            case ENDED -> clock.set(at(LocalDate.of(2026, 4, 12), 8));
            case WITHDRAWN -> {
                return store.recordWithdrawal(IT, registration.id(), 1,
                        Fixtures.withdrawal(clock.instant().minusSeconds(60)), null);
            }
            case STOPPED_BY_EVALUATION -> {
                return store.recordEvaluation(GD, registration.id(), 1,
                        Fixtures.evaluation(TODAY, EvaluationOutcome.STOP, null), null);
            }
            case NOT_STARTED -> {
                Client other = store.createClient(IT, Fixtures.client("C-2"), null);
                return store.createRegistration(IT, Fixtures.voluntary(other.id(), strict.id(), light.id(),
                        TODAY.plusDays(5)), null);
            }
            default -> {
            }
        }
        return registration;
    }

    private RegistrationState state(Registration r, Instant at) {
        return EffectivePolicy.stateOf(r, at, Limits.DEFAULTS);
    }

    static Instant at(LocalDate day, int hour) {
        return day.atTime(hour, 0).atZone(AMSTERDAM).toInstant();
    }

    AuditEvent lastEvent() {
        List<AuditEvent> all = store.audit(AuditQuery.all());
        return all.get(all.size() - 1);
    }
}
