package nl.vangnet.config.policy;

import static nl.vangnet.config.policy.EffectiveReason.ACTIVE;
import static nl.vangnet.config.policy.EffectiveReason.ENDED;
import static nl.vangnet.config.policy.EffectiveReason.EVALUATION_OVERDUE;
import static nl.vangnet.config.policy.EffectiveReason.NOT_STARTED;
import static nl.vangnet.config.policy.EffectiveReason.WITHDRAWN;
import static nl.vangnet.config.policy.Fixtures.client;
import static nl.vangnet.config.policy.Fixtures.evaluation;
import static nl.vangnet.config.policy.Fixtures.limits;
import static nl.vangnet.config.policy.Fixtures.local;
import static nl.vangnet.config.policy.Fixtures.profile;
import static nl.vangnet.config.policy.Fixtures.registration;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import nl.vangnet.config.model.Basis;
import nl.vangnet.config.model.Client;
import nl.vangnet.config.model.EvaluationOutcome;
import nl.vangnet.config.model.Registration;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.store.PolicyData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RegistrationCountsTest {
    private static final Instant AT = local("2026-03-10T12:00");

    private static PolicySnapshot compile(PolicyData data, Limits limits) {
        return SnapshotCompiler.compile(data, 1, AT, limits);
    }

    private static PolicyData data(List<Client> clients, List<Registration> registrations) {
        return new PolicyData(clients, List.of(), List.of(profile(100), profile(101)), registrations, 7);
    }

    static Stream<Arguments> oneRegistration() {
        UnaryOperator<Fixtures.RegistrationBuilder> none = b -> b;
        return Stream.of(
                Arguments.of("in effect, evaluation in 3 months", Basis.WZD, 0,
                        "2026-01-01", "2026-06-01", "2026-12-31", none, ACTIVE, false),
                Arguments.of("in effect, evaluation in 10 days", Basis.VOLUNTARY, 0,
                        "2026-01-01", "2026-03-20", "2026-12-31", none, ACTIVE, true),
                Arguments.of("evaluation exactly warning-days ahead", Basis.WZD, 0,
                        "2026-01-01", "2026-03-24", "2026-12-31", none, ACTIVE, true),
                Arguments.of("evaluation one day beyond the warning days", Basis.WZD, 0,
                        "2026-01-01", "2026-03-25", "2026-12-31", none, ACTIVE, false),
                Arguments.of("evaluation today: due soon, not yet overdue", Basis.WZD_UNFORESEEN, 0,
                        "2026-03-01", "2026-03-10", "2026-03-14", none, ACTIVE, true),
                Arguments.of("evaluation yesterday, none recorded: overdue", Basis.VOLUNTARY, 0,
                        "2026-01-01", "2026-03-09", "2026-12-31", none, EVALUATION_OVERDUE, false),
                Arguments.of("evaluation yesterday, within 3 grace days: still in effect and due", Basis.WZD, 3,
                        "2026-01-01", "2026-03-09", "2026-12-31", none, ACTIVE, true),
                Arguments.of("evaluation recorded, next date far: in effect", Basis.WZD, 0,
                        "2026-01-01", "2026-03-01", "2026-12-31",
                        (UnaryOperator<Fixtures.RegistrationBuilder>) b -> b.evaluations(List.of(
                                evaluation("2026-03-01", EvaluationOutcome.CONTINUE, "2026-06-01"))),
                        ACTIVE, false),
                Arguments.of("evaluation stopped it: ended, not overdue", Basis.WZD, 0,
                        "2026-01-01", "2026-03-01", "2026-12-31",
                        (UnaryOperator<Fixtures.RegistrationBuilder>) b -> b.evaluations(List.of(
                                evaluation("2026-03-01", EvaluationOutcome.STOP, null))),
                        ENDED, false),
                Arguments.of("starts next month", Basis.VOLUNTARY, 0,
                        "2026-04-01", "2026-06-01", "2026-12-31", none, NOT_STARTED, false),
                Arguments.of("ended last week although the evaluation passed", Basis.WZD, 0,
                        "2026-01-01", "2026-02-01", "2026-03-03", none, ENDED, false),
                Arguments.of("consent withdrawn yesterday", Basis.VOLUNTARY, 0,
                        "2026-01-01", "2026-03-15", "2026-12-31",
                        (UnaryOperator<Fixtures.RegistrationBuilder>) b -> b.withdrawnAt(local("2026-03-09T10:00")),
                        WITHDRAWN, false),
                Arguments.of("at its unrestricted last step: still in effect", Basis.VOLUNTARY, 0,
                        "2026-01-01", "2026-06-01", "2026-12-31",
                        (UnaryOperator<Fixtures.RegistrationBuilder>) b -> b.step("2026-03-01", null),
                        ACTIVE, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneRegistration")
    void countsOneRegistrationByItsState(String name, Basis basis, int graceDays, String start, String evaluation,
            String end, UnaryOperator<Fixtures.RegistrationBuilder> more, EffectiveReason state, boolean dueSoon) {
        Limits limits = limits(graceDays, 14);
        Registration r = more.apply(registration(1).basis(basis).dates(start, evaluation, end)).build();
        PolicyData data = data(List.of(client(1), client(2)), List.of(r));

        RegistrationCounts counts = RegistrationCounts.of(data, compile(data, limits), limits);

        for (EffectiveReason s : RegistrationCounts.STATES) {
            for (Basis b : Basis.values()) {
                assertThat(counts.registrations(s, b)).as(s + "/" + b).isEqualTo(s == state && b == basis ? 1 : 0);
            }
        }
        for (Basis b : Basis.values()) {
            assertThat(counts.inEffect(b, "Huis 1")).as("in effect " + b)
                    .isEqualTo(state == ACTIVE && b == basis ? 1 : 0);
            assertThat(counts.inEffect(b, "Huis 2")).isZero();
        }
        assertThat(counts.overdue("Huis 1")).isEqualTo(state == EVALUATION_OVERDUE ? 1 : 0);
        assertThat(counts.dueSoon("Huis 1")).isEqualTo(dueSoon ? 1 : 0);
        assertThat(counts.overdue("Huis 2")).isZero();
        assertThat(counts.dueSoon("Huis 2")).isZero();
        assertThat(counts.locations()).containsExactly("Huis 1", "Huis 2");
    }

    @Test
    void countsEveryRegistrationByLocationAndDueSoonOncePerClient() {
        Limits limits = limits(0, 14);
        Client a1 = new Client(1, "C-1", "d-1", "De Linde", 1);
        Client a2 = new Client(2, "C-2", "d-2", "De Linde", 1);
        Client b1 = new Client(3, "C-3", "d-3", "Het Anker", 1);
        Client none = new Client(4, "C-4", "d-4", " ", 1);
        List<Registration> regs = List.of(
                // client 1: two registrations in effect, the later one deciding, due in 5 days
                registration(1).client(1).basis(Basis.WZD).dates("2026-01-01", "2026-05-01", "2026-12-31").build(),
                registration(2).client(1).basis(Basis.VOLUNTARY).dates("2026-02-01", "2026-03-15", "2026-12-31")
                        .build(),
                // client 2: lapsed, and an old one ended
                registration(3).client(2).basis(Basis.VOLUNTARY).dates("2026-01-01", "2026-03-01", "2026-12-31")
                        .build(),
                registration(4).client(2).basis(Basis.WZD).dates("2025-01-01", "2025-03-01", "2025-06-30").build(),
                // client 3: in effect, due in 2 days
                registration(5).client(3).basis(Basis.WZD).dates("2026-01-01", "2026-03-12", "2026-12-31").build(),
                // client 4 (no location): lapsed
                registration(6).client(4).basis(Basis.WZD).dates("2026-01-01", "2026-02-01", "2026-12-31").build(),
                // unknown client, and a broken one: left out, as in the snapshot
                registration(7).client(99).basis(Basis.WZD).dates("2026-01-01", "2026-05-01", "2026-12-31").build(),
                registration(8).client(3).basis(Basis.WZD).dates(null, "2026-05-01", "2026-12-31").build());
        PolicyData data = data(List.of(a1, a2, b1, none), regs);
        PolicySnapshot snapshot = compile(data, limits);

        RegistrationCounts counts = RegistrationCounts.of(data, snapshot, limits);

        assertThat(counts.locations()).containsExactly(RegistrationCounts.NO_LOCATION, "De Linde", "Het Anker");
        assertThat(counts.registrations(ACTIVE, Basis.WZD)).isEqualTo(2);
        assertThat(counts.registrations(ACTIVE, Basis.VOLUNTARY)).isEqualTo(1);
        assertThat(counts.registrations(EVALUATION_OVERDUE, Basis.VOLUNTARY)).isEqualTo(1);
        assertThat(counts.registrations(EVALUATION_OVERDUE, Basis.WZD)).isEqualTo(1);
        assertThat(counts.registrations(ENDED, Basis.WZD)).isEqualTo(1);
        assertThat(counts.registrations(EffectiveReason.NO_REGISTRATION, Basis.WZD)).isZero();
        assertThat(counts.inEffect(Basis.WZD, "De Linde")).isEqualTo(1);
        assertThat(counts.inEffect(Basis.VOLUNTARY, "De Linde")).isEqualTo(1);
        assertThat(counts.inEffect(Basis.WZD, "Het Anker")).isEqualTo(1);
        assertThat(counts.inEffect(Basis.WZD, RegistrationCounts.NO_LOCATION)).isZero();
        assertThat(counts.inEffect(Basis.WZD, "Elders")).isZero();
        assertThat(counts.dueSoon("De Linde")).isEqualTo(1);
        assertThat(counts.dueSoon("Het Anker")).isEqualTo(1);
        assertThat(counts.overdue("De Linde")).isEqualTo(1);
        assertThat(counts.overdue(RegistrationCounts.NO_LOCATION)).isEqualTo(1);
        assertThat(counts.overdue("Het Anker")).isZero();
        // the same warnings as the snapshot's
        assertThat(counts.locations().stream().mapToInt(counts::dueSoon).sum())
                .isEqualTo(snapshot.clients().stream().filter(c -> c.policy().evaluationWarning()).count());
    }

    @Test
    void emptyCountsNothing() {
        PolicyData data = PolicyData.empty();
        RegistrationCounts counts = RegistrationCounts.of(data, compile(data, Limits.DEFAULTS), Limits.DEFAULTS);
        assertThat(counts.locations()).isEmpty();
        assertThat(counts.registrations(ACTIVE, Basis.WZD)).isZero();
        assertThat(RegistrationCounts.EMPTY.locations()).isEmpty();
        assertThat(RegistrationCounts.EMPTY.registrations(ACTIVE, Basis.WZD)).isZero();
    }
}
