package nl.vangnet.config.policy;

import static nl.vangnet.config.policy.EffectiveReason.ACTIVE;
import static nl.vangnet.config.policy.EffectiveReason.ENDED;
import static nl.vangnet.config.policy.EffectiveReason.EVALUATION_OVERDUE;
import static nl.vangnet.config.policy.EffectiveReason.NOT_STARTED;
import static nl.vangnet.config.policy.EffectiveReason.NO_REGISTRATION;
import static nl.vangnet.config.policy.EffectiveReason.WITHDRAWN;
import static nl.vangnet.config.policy.Fixtures.day;
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
import nl.vangnet.config.rules.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link EffectivePolicy#forClient}: which registration decides, the evaluation warning, and the next change. */
final class ClientPolicyTest {
    private static final Instant AT = local("2026-03-10T12:00");
    private static final Limits DEFAULTS = Fixtures.limits(0, 14);

    /** Active on 2026-03-10: evaluation 2026-05-31, end 2026-06-30. */
    private static Registration active(long id, String start) {
        return registration(id).dates(start, "2026-05-31", "2026-06-30").build();
    }

    /** Ended on 2026-03-02. */
    private static Registration ended(long id, String start) {
        return registration(id).dates(start, "2026-03-01", "2026-03-01").build();
    }

    /** Lapsed on 2026-03-10: evaluation date 2026-03-01 passed. */
    private static Registration lapsed(long id, String start) {
        return registration(id).dates(start, "2026-03-01", "2026-06-30").build();
    }

    private static Registration future(long id, String start) {
        return registration(id).dates(start, "2026-06-30", "2026-07-31").build();
    }

    static Stream<Arguments> choice() {
        return Stream.of(
                Arguments.of("no registration", AT, List.of(), null, NO_REGISTRATION),
                Arguments.of("one active", AT, List.of(active(1, "2026-03-01")), 1L, ACTIVE),
                Arguments.of("two active: latest start", AT,
                        List.of(active(2, "2026-02-01"), active(1, "2026-01-01")), 2L, ACTIVE),
                Arguments.of("two active: latest start, listed first", AT,
                        List.of(active(1, "2026-01-01"), active(2, "2026-02-01")), 2L, ACTIVE),
                Arguments.of("two active, same start: highest id", AT,
                        List.of(active(3, "2026-02-01"), active(5, "2026-02-01")), 5L, ACTIVE),
                Arguments.of("two active, same start: highest id, listed first", AT,
                        List.of(active(5, "2026-02-01"), active(3, "2026-02-01")), 5L, ACTIVE),
                Arguments.of("active beats a later-started ended one", AT,
                        List.of(ended(1, "2026-02-15"), active(2, "2026-01-01")), 2L, ACTIVE),
                Arguments.of("active beats a later-started lapsed one", AT,
                        List.of(lapsed(1, "2026-02-15"), active(2, "2026-01-01")), 2L, ACTIVE),
                Arguments.of("none active: latest started reports lapsed", AT,
                        List.of(ended(1, "2026-01-01"), lapsed(2, "2026-02-01")), 2L, EVALUATION_OVERDUE),
                Arguments.of("none active: latest started reports ended", AT,
                        List.of(lapsed(1, "2026-01-01"), ended(2, "2026-02-01")), 2L, ENDED),
                Arguments.of("none active: started beats future", AT,
                        List.of(future(2, "2026-04-01"), ended(1, "2026-01-01")), 1L, ENDED),
                Arguments.of("none active: same start, highest id", AT,
                        List.of(ended(8, "2026-01-01"), ended(3, "2026-01-01")), 8L, ENDED),
                Arguments.of("none active: withdrawn, latest started", AT,
                        List.of(ended(1, "2026-01-01"), registration(2).dates("2026-02-01", "2026-05-31",
                                "2026-06-30").withdrawnAt(local("2026-03-05T09:00")).build()), 2L, WITHDRAWN),
                Arguments.of("started exactly at the instant counts as started", local("2026-03-10T00:00"),
                        List.of(ended(1, "2026-01-01"), lapsed(2, "2026-03-10")), 2L, EVALUATION_OVERDUE),
                Arguments.of("starting the next day does not count as started", local("2026-03-09T23:59"),
                        List.of(ended(1, "2026-01-01"), lapsed(2, "2026-03-10")), 1L, ENDED),
                Arguments.of("all future: earliest start", AT,
                        List.of(future(1, "2026-05-01"), future(2, "2026-04-01")), 2L, NOT_STARTED),
                Arguments.of("all future: same start, lowest id", AT,
                        List.of(future(7, "2026-04-01"), future(4, "2026-04-01")), 4L, NOT_STARTED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void choice(String name, Instant at, List<Registration> registrations, Long expectedId,
            EffectiveReason expectedReason) {
        ClientPolicy policy = EffectivePolicy.forClient(1, registrations, at, DEFAULTS);

        assertThat(policy.clientId()).isEqualTo(1);
        assertThat(policy.registrationId()).isEqualTo(expectedId);
        assertThat(policy.reason()).isEqualTo(expectedReason);
        if (expectedId == null) {
            assertThat(policy.registration()).isNull();
            assertThat(policy.state()).isNull();
            assertThat(policy.restricted()).isFalse();
            assertThat(policy.nextChange()).isNull();
        } else {
            assertThat(policy.state().reason()).isEqualTo(expectedReason);
            assertThat(policy.restricted()).isEqualTo(expectedReason == ACTIVE);
        }
    }

    static Stream<Arguments> restriction() {
        Registration phasedOut = registration(1).dates("2026-01-01", "2026-05-31", "2026-06-30")
                .step("2026-02-01", 101L).step("2026-03-01", null).build();
        return Stream.of(
                Arguments.of("registered profile", active(1, "2026-03-01"), true, 100L, "2026-03-10T12:00"),
                Arguments.of("step profile", phasedOut, true, 101L, "2026-02-15T12:00"),
                Arguments.of("unrestricted step", phasedOut, false, null, "2026-03-10T12:00"),
                Arguments.of("ended", ended(1, "2026-01-01"), false, null, "2026-03-10T12:00"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void restriction(String name, Registration r, boolean restricted, Long profileId, String at) {
        ClientPolicy policy = EffectivePolicy.forClient(1, List.of(r), local(at), DEFAULTS);

        assertThat(policy.restricted()).isEqualTo(restricted);
        assertThat(policy.profileId()).isEqualTo(profileId);
    }

    /**
     * Registration: start 2026-01-10, evaluation date 2026-02-20, end 2026-04-30. Rows: grace, warning days,
     * instant, expected warning.
     */
    static Stream<Arguments> evaluationWarning() {
        Registration none = registration(1).dates("2026-01-10", "2026-02-20", "2026-04-30").build();
        Registration evaluated = registration(1).dates("2026-01-10", "2026-02-20", "2026-04-30")
                .evaluations(List.of(evaluation("2026-02-20", EvaluationOutcome.CONTINUE, "2026-05-20"))).build();
        return Stream.of(
                Arguments.of("15 days ahead", none, 0, 14, "2026-02-05T23:59:59.999999999", false),
                Arguments.of("exactly 14 days ahead", none, 0, 14, "2026-02-06T00:00", true),
                Arguments.of("on the evaluation date", none, 0, 14, "2026-02-20T23:59", true),
                Arguments.of("passed, within grace", none, 3, 14, "2026-02-22T12:00", true),
                Arguments.of("lapsed: no warning, it no longer applies", none, 3, 14, "2026-02-24T00:00", false),
                Arguments.of("not started: no warning", none, 0, 60, "2026-01-05T12:00", false),
                Arguments.of("60 warning days, active", none, 0, 60, "2026-01-10T00:00", true),
                Arguments.of("0 warning days, the day before", none, 0, 0, "2026-02-19T23:59", false),
                Arguments.of("0 warning days, on the day", none, 0, 0, "2026-02-20T00:00", true),
                Arguments.of("evaluated on time: the new date is far", evaluated, 0, 14, "2026-02-20T12:00",
                        false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void evaluationWarning(String name, Registration r, int grace, int warningDays, String at, boolean warning) {
        ClientPolicy policy = EffectivePolicy.forClient(1, List.of(r), local(at), Fixtures.limits(grace, warningDays));

        assertThat(policy.evaluationWarning()).isEqualTo(warning);
    }

    @Test
    void evaluationDueIsTheDateInForce() {
        Registration r = registration(1).dates("2026-01-10", "2026-02-20", "2026-04-30")
                .evaluations(List.of(evaluation("2026-02-18", EvaluationOutcome.CONTINUE, "2026-04-10"))).build();

        assertThat(EffectivePolicy.forClient(1, List.of(r), local("2026-02-17T12:00"), DEFAULTS).evaluationDue())
                .isEqualTo(day("2026-02-20"));
        assertThat(EffectivePolicy.forClient(1, List.of(r), local("2026-02-18T00:00"), DEFAULTS).evaluationDue())
                .isEqualTo(day("2026-04-10"));
    }

    static Stream<Arguments> nextChange() {
        // active(1): lapses 2026-06-01, ends 2026-07-01, warning from 2026-05-17.
        return Stream.of(
                Arguments.of("the warning starting is a change", List.of(active(1, "2026-03-01")),
                        "2026-05-17T00:00"),
                Arguments.of("another registration starting is a change",
                        List.of(active(1, "2026-03-01"), future(2, "2026-04-01")), "2026-04-01T00:00"),
                Arguments.of("the deciding registration's change", List.of(ended(1, "2026-01-01"),
                        lapsed(2, "2026-02-01")), "2026-07-01T00:00"),
                Arguments.of("warning already on: the lapse", List.of(registration(1).dates("2026-03-01",
                        "2026-03-15", "2026-06-30").build()), "2026-03-16T00:00"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void nextChange(String name, List<Registration> registrations, String expected) {
        assertThat(EffectivePolicy.forClient(1, registrations, AT, DEFAULTS).nextChange())
                .isEqualTo(local(expected));
    }

    @Test
    void registrationOfAnotherClientIsRefused() {
        Registration other = registration(9).client(2).dates("2026-03-01", "2026-05-31", "2026-06-30").build();

        assertThatThrownBy(() -> EffectivePolicy.forClient(1, List.of(other), AT, DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("registration 9 belongs to client 2, not 1");
    }
}
