package nl.vangnet.config.policy;

import static nl.vangnet.config.policy.EffectiveReason.ACTIVE;
import static nl.vangnet.config.policy.EffectiveReason.ENDED;
import static nl.vangnet.config.policy.EffectiveReason.EVALUATION_OVERDUE;
import static nl.vangnet.config.policy.EffectiveReason.NOT_STARTED;
import static nl.vangnet.config.policy.EffectiveReason.WITHDRAWN;
import static nl.vangnet.config.policy.Fixtures.evaluation;
import static nl.vangnet.config.policy.Fixtures.local;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import nl.vangnet.config.model.Basis;
import nl.vangnet.config.model.Evaluation;
import nl.vangnet.config.model.EvaluationOutcome;
import nl.vangnet.config.model.Registration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decision matrix of {@link EffectivePolicy#stateOf}: basis × clock position × evaluation (none, on time, late
 * after the lapse, stop) × grace (0, 3 days) × withdrawal (none, earlier, exactly at, later).
 *
 * <p>One registration, all dates Europe/Amsterdam: start 2026-01-10 with profile 100; step 1 on 2026-02-01
 * (profile 101), step 2 on 2026-03-01 (profile 102), step 3 on 2026-04-01 (unrestricted); evaluation date
 * 2026-02-20; end 2026-04-30. The expected values below are written out by hand for "no withdrawal"; the withdrawal
 * column follows the rule "withdrawn from withdrawal.at on, whatever else holds": withdrawn earlier or exactly at
 * the instant gives WITHDRAWN with no next change; withdrawn later keeps the state and makes the withdrawal instant
 * the next change if it comes first.
 */
final class EffectivePolicyMatrixTest {

    enum Position {
        BEFORE_START("2026-01-05T12:00"),
        NS_BEFORE_START("2026-01-09T23:59:59.999999999"),
        START_MIDNIGHT("2026-01-10T00:00"),
        INITIAL_PROFILE("2026-01-20T15:00"),
        NS_BEFORE_STEP_1("2026-01-31T23:59:59.999999999"),
        STEP_1_MIDNIGHT("2026-02-01T00:00"),
        BETWEEN_STEPS("2026-02-10T10:00"),
        EVALUATION_DAY_2359("2026-02-20T23:59"),
        DAY_AFTER_EVALUATION("2026-02-21T00:00"),
        NS_BEFORE_GRACE_ENDS("2026-02-23T23:59:59.999999999"),
        GRACE_ENDED("2026-02-24T00:00"),
        LATE_EVALUATION_DAY("2026-02-26T00:00"),
        STEP_2_MIDNIGHT("2026-03-01T00:00"),
        UNRESTRICTED_STEP("2026-04-10T10:00"),
        NS_BEFORE_END("2026-04-30T23:59:59.999999999"),
        DAY_AFTER_END("2026-05-01T00:00");

        final Instant at;

        Position(String local) {
            this.at = local(local);
        }
    }

    enum Eval {
        NONE(List.of()),
        ON_TIME(List.of(evaluation("2026-02-20", EvaluationOutcome.CONTINUE, "2026-05-20"))),
        LATE_AFTER_LAPSE(List.of(evaluation("2026-02-26", EvaluationOutcome.CONTINUE, "2026-05-26"))),
        STOP(List.of(evaluation("2026-02-20", EvaluationOutcome.STOP, null)));

        final List<Evaluation> evaluations;

        Eval(List<Evaluation> evaluations) {
            this.evaluations = evaluations;
        }
    }

    enum Withdrawn {
        NO, EARLIER, EXACTLY_AT, LATER
    }

    private static final Set<Eval> ALL = EnumSet.allOf(Eval.class);
    private static final int[] BOTH_GRACES = {0, 3};

    private record Row(Position position, Set<Eval> evals, int[] graces, EffectiveReason reason, int step,
            Long profile, String next) {
    }

    private static Row row(Position p, Set<Eval> evals, int[] graces, EffectiveReason reason, int step, Long profile,
            String nextLocal) {
        return new Row(p, evals, graces, reason, step, profile, nextLocal);
    }

    private static Row row(Position p, Eval eval, int grace, EffectiveReason reason, int step, Long profile,
            String nextLocal) {
        return new Row(p, EnumSet.of(eval), new int[] {grace}, reason, step, profile, nextLocal);
    }

    private static Row row(Position p, Eval eval, int[] graces, EffectiveReason reason, int step, Long profile,
            String nextLocal) {
        return new Row(p, EnumSet.of(eval), graces, reason, step, profile, nextLocal);
    }

    private static final int[] G0 = {0};
    private static final int[] G3 = {3};

    /** Expected states without withdrawal. {@code next} is local Amsterdam time, {@code null}: never. */
    private static final List<Row> ROWS = List.of(
            row(Position.BEFORE_START, ALL, BOTH_GRACES, NOT_STARTED, -1, null, "2026-01-10T00:00"),
            row(Position.NS_BEFORE_START, ALL, BOTH_GRACES, NOT_STARTED, -1, null, "2026-01-10T00:00"),
            row(Position.START_MIDNIGHT, ALL, BOTH_GRACES, ACTIVE, 0, 100L, "2026-02-01T00:00"),
            row(Position.INITIAL_PROFILE, ALL, BOTH_GRACES, ACTIVE, 0, 100L, "2026-02-01T00:00"),
            row(Position.NS_BEFORE_STEP_1, ALL, BOTH_GRACES, ACTIVE, 0, 100L, "2026-02-01T00:00"),

            row(Position.STEP_1_MIDNIGHT, Eval.NONE, G0, ACTIVE, 1, 101L, "2026-02-21T00:00"),
            row(Position.STEP_1_MIDNIGHT, Eval.NONE, G3, ACTIVE, 1, 101L, "2026-02-24T00:00"),
            row(Position.STEP_1_MIDNIGHT, Eval.ON_TIME, BOTH_GRACES, ACTIVE, 1, 101L, "2026-03-01T00:00"),
            row(Position.STEP_1_MIDNIGHT, Eval.LATE_AFTER_LAPSE, G0, ACTIVE, 1, 101L, "2026-02-21T00:00"),
            row(Position.STEP_1_MIDNIGHT, Eval.LATE_AFTER_LAPSE, G3, ACTIVE, 1, 101L, "2026-02-24T00:00"),
            row(Position.STEP_1_MIDNIGHT, Eval.STOP, BOTH_GRACES, ACTIVE, 1, 101L, "2026-02-20T00:00"),

            row(Position.BETWEEN_STEPS, Eval.NONE, G0, ACTIVE, 1, 101L, "2026-02-21T00:00"),
            row(Position.BETWEEN_STEPS, Eval.NONE, G3, ACTIVE, 1, 101L, "2026-02-24T00:00"),
            row(Position.BETWEEN_STEPS, Eval.ON_TIME, BOTH_GRACES, ACTIVE, 1, 101L, "2026-03-01T00:00"),
            row(Position.BETWEEN_STEPS, Eval.LATE_AFTER_LAPSE, G0, ACTIVE, 1, 101L, "2026-02-21T00:00"),
            row(Position.BETWEEN_STEPS, Eval.LATE_AFTER_LAPSE, G3, ACTIVE, 1, 101L, "2026-02-24T00:00"),
            row(Position.BETWEEN_STEPS, Eval.STOP, BOTH_GRACES, ACTIVE, 1, 101L, "2026-02-20T00:00"),

            row(Position.EVALUATION_DAY_2359, Eval.NONE, G0, ACTIVE, 1, 101L, "2026-02-21T00:00"),
            row(Position.EVALUATION_DAY_2359, Eval.NONE, G3, ACTIVE, 1, 101L, "2026-02-24T00:00"),
            row(Position.EVALUATION_DAY_2359, Eval.ON_TIME, BOTH_GRACES, ACTIVE, 1, 101L, "2026-03-01T00:00"),
            row(Position.EVALUATION_DAY_2359, Eval.LATE_AFTER_LAPSE, G0, ACTIVE, 1, 101L, "2026-02-21T00:00"),
            row(Position.EVALUATION_DAY_2359, Eval.LATE_AFTER_LAPSE, G3, ACTIVE, 1, 101L, "2026-02-24T00:00"),
            row(Position.EVALUATION_DAY_2359, Eval.STOP, BOTH_GRACES, ENDED, -1, null, null),

            row(Position.DAY_AFTER_EVALUATION, Eval.NONE, G0, EVALUATION_OVERDUE, -1, null, "2026-05-01T00:00"),
            row(Position.DAY_AFTER_EVALUATION, Eval.NONE, G3, ACTIVE, 1, 101L, "2026-02-24T00:00"),
            row(Position.DAY_AFTER_EVALUATION, Eval.ON_TIME, BOTH_GRACES, ACTIVE, 1, 101L, "2026-03-01T00:00"),
            row(Position.DAY_AFTER_EVALUATION, Eval.LATE_AFTER_LAPSE, G0, EVALUATION_OVERDUE, -1, null,
                    "2026-02-26T00:00"),
            row(Position.DAY_AFTER_EVALUATION, Eval.LATE_AFTER_LAPSE, G3, ACTIVE, 1, 101L, "2026-02-24T00:00"),
            row(Position.DAY_AFTER_EVALUATION, Eval.STOP, BOTH_GRACES, ENDED, -1, null, null),

            row(Position.NS_BEFORE_GRACE_ENDS, Eval.NONE, G0, EVALUATION_OVERDUE, -1, null, "2026-05-01T00:00"),
            row(Position.NS_BEFORE_GRACE_ENDS, Eval.NONE, G3, ACTIVE, 1, 101L, "2026-02-24T00:00"),
            row(Position.NS_BEFORE_GRACE_ENDS, Eval.ON_TIME, BOTH_GRACES, ACTIVE, 1, 101L, "2026-03-01T00:00"),
            row(Position.NS_BEFORE_GRACE_ENDS, Eval.LATE_AFTER_LAPSE, G0, EVALUATION_OVERDUE, -1, null,
                    "2026-02-26T00:00"),
            row(Position.NS_BEFORE_GRACE_ENDS, Eval.LATE_AFTER_LAPSE, G3, ACTIVE, 1, 101L, "2026-02-24T00:00"),
            row(Position.NS_BEFORE_GRACE_ENDS, Eval.STOP, BOTH_GRACES, ENDED, -1, null, null),

            row(Position.GRACE_ENDED, Eval.NONE, BOTH_GRACES, EVALUATION_OVERDUE, -1, null, "2026-05-01T00:00"),
            row(Position.GRACE_ENDED, Eval.ON_TIME, BOTH_GRACES, ACTIVE, 1, 101L, "2026-03-01T00:00"),
            row(Position.GRACE_ENDED, Eval.LATE_AFTER_LAPSE, BOTH_GRACES, EVALUATION_OVERDUE, -1, null,
                    "2026-02-26T00:00"),
            row(Position.GRACE_ENDED, Eval.STOP, BOTH_GRACES, ENDED, -1, null, null),

            row(Position.LATE_EVALUATION_DAY, Eval.NONE, BOTH_GRACES, EVALUATION_OVERDUE, -1, null,
                    "2026-05-01T00:00"),
            row(Position.LATE_EVALUATION_DAY, Eval.ON_TIME, BOTH_GRACES, ACTIVE, 1, 101L, "2026-03-01T00:00"),
            row(Position.LATE_EVALUATION_DAY, Eval.LATE_AFTER_LAPSE, BOTH_GRACES, ACTIVE, 1, 101L,
                    "2026-03-01T00:00"),
            row(Position.LATE_EVALUATION_DAY, Eval.STOP, BOTH_GRACES, ENDED, -1, null, null),

            row(Position.STEP_2_MIDNIGHT, Eval.NONE, BOTH_GRACES, EVALUATION_OVERDUE, -1, null, "2026-05-01T00:00"),
            row(Position.STEP_2_MIDNIGHT, Eval.ON_TIME, BOTH_GRACES, ACTIVE, 2, 102L, "2026-04-01T00:00"),
            row(Position.STEP_2_MIDNIGHT, Eval.LATE_AFTER_LAPSE, BOTH_GRACES, ACTIVE, 2, 102L, "2026-04-01T00:00"),
            row(Position.STEP_2_MIDNIGHT, Eval.STOP, BOTH_GRACES, ENDED, -1, null, null),

            row(Position.UNRESTRICTED_STEP, Eval.NONE, BOTH_GRACES, EVALUATION_OVERDUE, -1, null,
                    "2026-05-01T00:00"),
            row(Position.UNRESTRICTED_STEP, Eval.ON_TIME, BOTH_GRACES, ACTIVE, 3, null, "2026-05-01T00:00"),
            row(Position.UNRESTRICTED_STEP, Eval.LATE_AFTER_LAPSE, BOTH_GRACES, ACTIVE, 3, null,
                    "2026-05-01T00:00"),
            row(Position.UNRESTRICTED_STEP, Eval.STOP, BOTH_GRACES, ENDED, -1, null, null),

            row(Position.NS_BEFORE_END, Eval.NONE, BOTH_GRACES, EVALUATION_OVERDUE, -1, null, "2026-05-01T00:00"),
            row(Position.NS_BEFORE_END, Eval.ON_TIME, BOTH_GRACES, ACTIVE, 3, null, "2026-05-01T00:00"),
            row(Position.NS_BEFORE_END, Eval.LATE_AFTER_LAPSE, BOTH_GRACES, ACTIVE, 3, null, "2026-05-01T00:00"),
            row(Position.NS_BEFORE_END, Eval.STOP, BOTH_GRACES, ENDED, -1, null, null),

            row(Position.DAY_AFTER_END, ALL, BOTH_GRACES, ENDED, -1, null, null));

    static Stream<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        for (Row r : ROWS) {
            for (Eval eval : r.evals()) {
                for (int grace : r.graces()) {
                    for (Basis basis : Basis.values()) {
                        for (Withdrawn withdrawn : Withdrawn.values()) {
                            out.add(Arguments.of(basis, r.position(), eval, grace, withdrawn, r));
                        }
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} at {1}, evaluation {2}, grace {3}, withdrawn {4}")
    @MethodSource("matrix")
    void stateOf(Basis basis, Position position, Eval eval, int grace, Withdrawn withdrawn, Row expected) {
        Instant at = position.at;
        Instant withdrawalAt = switch (withdrawn) {
            case NO -> null;
            case EARLIER -> at.minus(Duration.ofHours(1));
            case EXACTLY_AT -> at;
            case LATER -> at.plus(Duration.ofHours(1));
        };
        Fixtures.RegistrationBuilder b = Fixtures.registration(1).basis(basis).profile(100)
                .dates("2026-01-10", "2026-02-20", "2026-04-30")
                .step("2026-02-01", 101L).step("2026-03-01", 102L).step("2026-04-01", null)
                .evaluations(eval.evaluations);
        if (withdrawalAt != null) {
            b.withdrawnAt(withdrawalAt);
        }
        Registration r = b.build();

        RegistrationState state = EffectivePolicy.stateOf(r, at, Fixtures.limits(grace, 14));

        Instant expectedNext = expected.next() == null ? null : local(expected.next());
        if (withdrawn == Withdrawn.EARLIER || withdrawn == Withdrawn.EXACTLY_AT) {
            assertThat(state).isEqualTo(new RegistrationState(WITHDRAWN, -1, null, null));
            return;
        }
        if (withdrawn == Withdrawn.LATER) {
            expectedNext = EffectivePolicy.earliest(expectedNext, withdrawalAt);
        }
        assertThat(state).isEqualTo(
                new RegistrationState(expected.reason(), expected.step(), expected.profile(), expectedNext));
        assertThat(state.restricts()).isEqualTo(expected.reason() == ACTIVE && expected.profile() != null);
    }
}
