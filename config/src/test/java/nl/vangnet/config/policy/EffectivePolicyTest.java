package nl.vangnet.config.policy;

import static nl.vangnet.config.policy.EffectiveReason.ACTIVE;
import static nl.vangnet.config.policy.EffectiveReason.ENDED;
import static nl.vangnet.config.policy.EffectiveReason.EVALUATION_OVERDUE;
import static nl.vangnet.config.policy.EffectiveReason.NOT_STARTED;
import static nl.vangnet.config.policy.EffectiveReason.WITHDRAWN;
import static nl.vangnet.config.policy.Fixtures.evaluation;
import static nl.vangnet.config.policy.Fixtures.local;
import static nl.vangnet.config.policy.Fixtures.registration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import nl.vangnet.config.model.EvaluationOutcome;
import nl.vangnet.config.model.Registration;
import nl.vangnet.config.model.Withdrawal;
import nl.vangnet.config.model.WithdrawalKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link EffectivePolicy#stateOf} around daylight-saving changes in Europe/Amsterdam (2026-03-29 02:00→03:00,
 * 2026-10-25 03:00→02:00), the completeness of {@code nextChange}, precedence between reasons, and broken data.
 */
final class EffectivePolicyTest {

    /** Start 2026-03-01, profile 100; step 1 on 2026-03-29 (profile 101), step 2 on 2026-10-25 (unrestricted). */
    private static Registration acrossBothDstChanges() {
        return registration(1).dates("2026-03-01", "2026-12-31", "2026-11-30")
                .step("2026-03-29", 101L).step("2026-10-25", null).build();
    }

    private static Registration lapsing(String start, String evaluationDate, String end) {
        return registration(2).dates(start, evaluationDate, end).build();
    }

    static Stream<Arguments> dst() {
        return Stream.of(
                // A step dated 2026-03-29 switches at 00:00 CET = 2026-03-28T23:00Z.
                Arguments.of("1 ns before the spring step", acrossBothDstChanges(), 0,
                        "2026-03-28T22:59:59.999999999Z", ACTIVE, 0, 100L, "2026-03-28T23:00:00Z"),
                Arguments.of("spring step at local midnight", acrossBothDstChanges(), 0, "2026-03-28T23:00:00Z",
                        ACTIVE, 1, 101L, "2026-10-24T22:00:00Z"),
                // A step dated 2026-10-25 switches at 00:00 CEST = 2026-10-24T22:00Z.
                Arguments.of("1 ns before the autumn step", acrossBothDstChanges(), 0,
                        "2026-10-24T21:59:59.999999999Z", ACTIVE, 1, 101L, "2026-10-24T22:00:00Z"),
                Arguments.of("autumn step at local midnight", acrossBothDstChanges(), 0, "2026-10-24T22:00:00Z",
                        ACTIVE, 2, null, "2026-11-30T23:00:00Z"),
                Arguments.of("during the skipped spring hour's day", acrossBothDstChanges(), 0,
                        "2026-03-29T01:30:00Z", ACTIVE, 1, 101L, "2026-10-24T22:00:00Z"),
                // Evaluation date 2026-03-28, grace 0: lapses at the start of 03-29 (CET midnight).
                Arguments.of("1 ns before a spring lapse", lapsing("2026-03-01", "2026-03-28", "2026-06-30"), 0,
                        "2026-03-28T22:59:59.999999999Z", ACTIVE, 0, 100L, "2026-03-28T23:00:00Z"),
                Arguments.of("spring lapse", lapsing("2026-03-01", "2026-03-28", "2026-06-30"), 0,
                        "2026-03-28T23:00:00Z", EVALUATION_OVERDUE, -1, null, "2026-06-30T22:00:00Z"),
                // Grace 1 spans the 23-hour day 03-29: lapses at 03-30 00:00 CEST = 03-29T22:00Z, not 23:00Z.
                Arguments.of("1 ns before a lapse after the 23-hour day",
                        lapsing("2026-03-01", "2026-03-28", "2026-06-30"), 1, "2026-03-29T21:59:59.999999999Z",
                        ACTIVE, 0, 100L, "2026-03-29T22:00:00Z"),
                Arguments.of("lapse after the 23-hour day", lapsing("2026-03-01", "2026-03-28", "2026-06-30"), 1,
                        "2026-03-29T22:00:00Z", EVALUATION_OVERDUE, -1, null, "2026-06-30T22:00:00Z"),
                // Evaluation date 2026-10-24: grace 0 lapses at 10-25 00:00 CEST; grace 1 spans the 25-hour day.
                Arguments.of("autumn lapse", lapsing("2026-09-01", "2026-10-24", "2026-12-31"), 0,
                        "2026-10-24T22:00:00Z", EVALUATION_OVERDUE, -1, null, "2026-12-31T23:00:00Z"),
                Arguments.of("before a lapse after the 25-hour day", lapsing("2026-09-01", "2026-10-24", "2026-12-31"),
                        1, "2026-10-25T12:00:00Z", ACTIVE, 0, 100L, "2026-10-25T23:00:00Z"),
                Arguments.of("lapse after the 25-hour day", lapsing("2026-09-01", "2026-10-24", "2026-12-31"), 1,
                        "2026-10-25T23:00:00Z", EVALUATION_OVERDUE, -1, null, "2026-12-31T23:00:00Z"),
                // End 2026-10-25: in effect through the 25-hour day, ends at 10-26 00:00 CET.
                Arguments.of("end on the 25-hour day", registration(3).dates("2026-10-01", "2026-10-30",
                        "2026-10-25").build(), 0, "2026-10-25T10:00:00Z", ACTIVE, 0, 100L,
                        "2026-10-25T23:00:00Z"),
                Arguments.of("ended after the 25-hour day", registration(3).dates("2026-10-01", "2026-10-30",
                        "2026-10-25").build(), 0, "2026-10-25T23:00:00Z", ENDED, -1, null, null),
                // Start on 2026-03-29: from 03-28T23:00Z.
                Arguments.of("start on the spring day", registration(4).dates("2026-03-29", "2026-05-01",
                        "2026-06-30").build(), 0, "2026-03-28T22:59:59.999999999Z", NOT_STARTED, -1, null,
                        "2026-03-28T23:00:00Z"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dst")
    void daylightSavingChanges(String name, Registration r, int grace, String atUtc, EffectiveReason reason,
            int step, Long profile, String nextUtc) {
        RegistrationState state = EffectivePolicy.stateOf(r, Instant.parse(atUtc), Fixtures.limits(grace, 14));

        assertThat(state).isEqualTo(new RegistrationState(reason, step, profile,
                nextUtc == null ? null : Instant.parse(nextUtc)));
    }

    /**
     * Start 2026-01-10, step 1 on 2026-03-20 (profile 101), evaluation date 2026-02-20, end 2026-06-30; an
     * evaluation on 2026-02-20 set the next date to 2026-02-25, so the lapse moves to 2026-02-26 — before the
     * step. The next change must be that new lapse, not the step nor the old lapse.
     */
    static Stream<Arguments> nextChangeFollowsMovedEvaluationDate() {
        Registration r = registration(5).dates("2026-01-10", "2026-02-20", "2026-06-30").step("2026-03-20", 101L)
                .evaluations(List.of(evaluation("2026-02-20", EvaluationOutcome.CONTINUE, "2026-02-25"))).build();
        return Stream.of(
                Arguments.of(r, "2026-02-10T12:00", ACTIVE, 0, 100L, "2026-02-26T00:00"),
                Arguments.of(r, "2026-02-21T00:00", ACTIVE, 0, 100L, "2026-02-26T00:00"),
                Arguments.of(r, "2026-02-26T00:00", EVALUATION_OVERDUE, -1, null, "2026-07-01T00:00"));
    }

    @ParameterizedTest(name = "at {1}")
    @MethodSource
    void nextChangeFollowsMovedEvaluationDate(Registration r, String at, EffectiveReason reason, int step,
            Long profile, String nextLocal) {
        assertThat(EffectivePolicy.stateOf(r, local(at), Fixtures.limits(0, 14)))
                .isEqualTo(new RegistrationState(reason, step, profile, local(nextLocal)));
    }

    static Stream<Arguments> precedence() {
        Instant at = local("2026-01-05T12:00");
        return Stream.of(
                Arguments.of("stop dated before the start beats not started",
                        registration(1).dates("2026-01-10", "2026-02-20", "2026-04-30").evaluations(
                                List.of(evaluation("2026-01-02", EvaluationOutcome.STOP, null))).build(),
                        at, ENDED, null),
                Arguments.of("not started beats an evaluation date already passed",
                        registration(1).dates("2026-01-10", "2026-01-01", "2026-04-30").build(), at, NOT_STARTED,
                        local("2026-01-10T00:00")),
                Arguments.of("an evaluation date passed before the start lapses at the start",
                        registration(1).dates("2026-01-10", "2026-01-01", "2026-04-30").build(),
                        local("2026-01-10T00:00"), EVALUATION_OVERDUE, local("2026-05-01T00:00")),
                Arguments.of("withdrawn beats not started",
                        registration(1).dates("2026-01-10", "2026-02-20", "2026-04-30")
                                .withdrawnAt(local("2026-01-03T09:00")).build(),
                        at, WITHDRAWN, null),
                Arguments.of("a withdrawal without an instant counts as withdrawn",
                        registration(1).dates("2026-01-01", "2026-02-20", "2026-04-30")
                                .withdrawal(new Withdrawal(WithdrawalKind.RESISTANCE, null, null, null)).build(),
                        at, WITHDRAWN, null),
                Arguments.of("no evaluation date in force: never lawful once started",
                        registration(1).dates("2026-01-01", null, "2026-04-30").build(), at, EVALUATION_OVERDUE,
                        local("2026-05-01T00:00")),
                Arguments.of("ended, then withdrawn later: the withdrawal is the next change",
                        registration(1).dates("2025-12-01", "2025-12-20", "2025-12-31")
                                .withdrawnAt(local("2026-01-06T08:00")).build(),
                        at, ENDED, local("2026-01-06T08:00")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void precedence(String name, Registration r, Instant at, EffectiveReason reason, Instant next) {
        RegistrationState state = EffectivePolicy.stateOf(r, at, Fixtures.limits(0, 14));

        assertThat(state.reason()).isEqualTo(reason);
        assertThat(state.nextChange()).isEqualTo(next);
    }

    static Stream<Arguments> missingDates() {
        return Stream.of(
                Arguments.of(registration(1).dates(null, "2026-02-20", "2026-04-30").build()),
                Arguments.of(registration(1).dates("2026-01-10", "2026-02-20", null).build()));
    }

    @ParameterizedTest
    @MethodSource
    void missingDates(Registration r) {
        assertThatThrownBy(() -> EffectivePolicy.stateOf(r, local("2026-02-01T00:00"), Fixtures.limits(0, 14)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("registration 1 has no start or end date");
    }
}
