package nl.vangnet.config.report;

import static nl.vangnet.config.model.EvaluationOutcome.CONTINUE;
import static nl.vangnet.config.model.EvaluationOutcome.STOP;
import static nl.vangnet.config.report.ReportFixtures.client;
import static nl.vangnet.config.report.ReportFixtures.limits;
import static nl.vangnet.config.report.ReportFixtures.local;
import static nl.vangnet.config.report.ReportFixtures.registration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import nl.vangnet.config.model.Basis;
import nl.vangnet.config.model.Client;
import nl.vangnet.config.model.Registration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link WzdReportCompiler}: which registrations are reported for 2026H1 and with what end, evaluations, steps and
 * overdue marking, as a matrix; then totals per location, ordering and broken input.
 */
final class WzdReportCompilerTest {
    private static final ReportPeriod H1 = ReportPeriod.parseHalfYear("2026H1");
    private static final Instant AFTER = local("2026-11-23T10:00");
    private static final List<Client> CLIENTS = List.of(client(1, "C-0001", "De Linde"));

    /**
     * One registration, 2026H1, grace {@code grace}, at {@code now}: the row summarised, or {@code null} for "not
     * reported". Summary: end, end reason, evaluation dates, steps (number@date, u = unrestricted), overdue days.
     */
    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("in effect all period, evaluated twice",
                        registration(1).dates("2025-12-01", "2026-02-28", "2026-12-31")
                                .evaluated("2026-02-20", CONTINUE, "2026-05-20")
                                .evaluated("2026-05-15", CONTINUE, "2026-08-15").build(), 0, AFTER,
                        "2026-12-31 REGISTERED_END evals=[2026-02-20, 2026-05-15] steps=[] overdue=0"),
                Arguments.of("voluntary is not involuntary care", registration(2).basis(Basis.VOLUNTARY)
                        .dates("2026-01-01", "2026-03-31", "2026-06-30").build(), 0, AFTER, null),
                Arguments.of("unforeseen is reported", registration(3).basis(Basis.WZD_UNFORESEEN)
                        .dates("2026-02-01", "2026-02-14", "2026-02-14").build(), 0, AFTER,
                        "2026-02-14 REGISTERED_END evals=[] steps=[] overdue=0"),
                Arguments.of("ended the day before the period", registration(4)
                        .dates("2025-10-01", "2025-12-31", "2025-12-31").build(), 0, AFTER, null),
                Arguments.of("ended on the period's first day", registration(5)
                        .dates("2025-10-01", "2026-01-01", "2026-01-01").build(), 0, AFTER,
                        "2026-01-01 REGISTERED_END evals=[] steps=[] overdue=0"),
                Arguments.of("starts the day after the period", registration(6)
                        .dates("2026-07-01", "2026-09-30", "2026-12-31").build(), 0, AFTER, null),
                Arguments.of("starts on the period's last day", registration(7)
                        .dates("2026-06-30", "2026-09-30", "2026-12-31").build(), 0, AFTER,
                        "2026-12-31 REGISTERED_END evals=[] steps=[] overdue=0"),
                // Evaluation date 03-31 passes: lapsed from 04-01 through the end, 06-30: 30 + 31 + 30 days.
                Arguments.of("lapsed, never evaluated", registration(8)
                        .dates("2026-01-01", "2026-03-31", "2026-06-30").build(), 0, AFTER,
                        "2026-06-30 REGISTERED_END evals=[] steps=[] overdue=91"),
                Arguments.of("lapsed after a grace of 7 days", registration(8)
                        .dates("2026-01-01", "2026-03-31", "2026-06-30").build(), 7, AFTER,
                        "2026-06-30 REGISTERED_END evals=[] steps=[] overdue=84"),
                Arguments.of("late evaluation resumes it", registration(9)
                        .dates("2026-01-01", "2026-03-31", "2026-12-31")
                        .evaluated("2026-04-10", CONTINUE, "2026-07-10").build(), 0, AFTER,
                        "2026-12-31 REGISTERED_END evals=[2026-04-10] steps=[] overdue=9"),
                Arguments.of("evaluated on its date: not overdue", registration(9)
                        .dates("2026-01-01", "2026-03-31", "2026-12-31")
                        .evaluated("2026-03-31", CONTINUE, "2026-06-30")
                        .evaluated("2026-06-30", CONTINUE, "2026-09-30").build(), 0, AFTER,
                        "2026-12-31 REGISTERED_END evals=[2026-03-31, 2026-06-30] steps=[] overdue=0"),
                Arguments.of("lapsed throughout the period is still reported", registration(10)
                        .dates("2025-10-01", "2025-12-01", "2026-12-31").build(), 0, AFTER,
                        "2026-12-31 REGISTERED_END evals=[] steps=[] overdue=181"),
                // Lapses at the start of 03-28; the 23-hour day 03-29 counts as one day: 28, 29, 30, 31.
                Arguments.of("overdue days across the spring DST change", registration(11)
                        .dates("2026-03-01", "2026-03-27", "2026-03-31").build(), 0, AFTER,
                        "2026-03-31 REGISTERED_END evals=[] steps=[] overdue=4"),
                Arguments.of("stopped by an evaluation: later step never taken", registration(12)
                        .dates("2026-01-01", "2026-03-31", "2026-06-30").step("2026-02-01", 101L)
                        .step("2026-04-01", null).evaluated("2026-03-15", STOP, null).build(), 0, AFTER,
                        "2026-03-14 STOPPED_BY_EVALUATION evals=[2026-03-15] steps=[1@2026-02-01] overdue=0"),
                Arguments.of("stopped on its first day: never in effect", registration(13)
                        .dates("2026-02-01", "2026-04-30", "2026-06-30").evaluated("2026-02-01", STOP, null)
                        .build(), 0, AFTER, null),
                Arguments.of("steps before, in and after the period", registration(14)
                        .dates("2025-11-01", "2026-01-31", "2026-08-31").step("2025-12-01", 101L)
                        .step("2026-01-01", 102L).step("2026-06-30", 103L).step("2026-07-01", null)
                        .evaluated("2026-01-20", CONTINUE, "2026-04-20")
                        .evaluated("2026-04-20", CONTINUE, "2026-07-20").build(), 0, AFTER,
                        "2026-08-31 REGISTERED_END evals=[2026-01-20, 2026-04-20] steps=[2@2026-01-01, 3@2026-06-30]"
                                + " overdue=0"),
                Arguments.of("at its unrestricted step it is still registered", registration(15)
                        .dates("2026-01-01", "2026-01-31", "2026-01-31").step("2026-01-15", null).build(), 0,
                        AFTER, "2026-01-31 REGISTERED_END evals=[] steps=[1@2026-01-15u] overdue=0"),
                Arguments.of("resistance recorded mid-day", registration(16)
                        .dates("2026-01-01", "2026-03-31", "2026-06-30").withdrawnAt(local("2026-03-10T15:00"))
                        .build(), 0, AFTER, "2026-03-10 WITHDRAWN evals=[] steps=[] overdue=0"),
                Arguments.of("resistance recorded at midnight", registration(16)
                        .dates("2026-01-01", "2026-03-31", "2026-06-30").withdrawnAt(local("2026-03-10T00:00"))
                        .build(), 0, AFTER, "2026-03-09 WITHDRAWN evals=[] steps=[] overdue=0"),
                // The period still runs at 2026-03-10 12:00: nothing after that instant is reported.
                Arguments.of("running period: starts later", registration(17)
                        .dates("2026-04-01", "2026-06-30", "2026-12-31").build(), 0, local("2026-03-10T12:00"),
                        null),
                Arguments.of("running period: steps up to today, lapse not yet", registration(18)
                        .dates("2026-01-01", "2026-03-31", "2026-06-30").step("2026-03-10", 101L)
                        .step("2026-03-11", null).build(), 0, local("2026-03-10T12:00"),
                        "2026-06-30 REGISTERED_END evals=[] steps=[1@2026-03-10] overdue=0"),
                Arguments.of("running period: lapsed since this morning", registration(19)
                        .dates("2026-01-01", "2026-03-09", "2026-06-30").build(), 0, local("2026-03-10T12:00"),
                        "2026-06-30 REGISTERED_END evals=[] steps=[] overdue=1"),
                Arguments.of("running period: a future-dated evaluation is not counted", registration(20)
                        .dates("2026-01-01", "2026-03-31", "2026-06-30")
                        .evaluated("2026-03-12", CONTINUE, "2026-06-12").build(), 0, local("2026-03-10T12:00"),
                        "2026-06-30 REGISTERED_END evals=[] steps=[] overdue=0"),
                Arguments.of("period not begun", registration(21)
                        .dates("2025-01-01", "2025-03-31", "2026-12-31").build(), 0, local("2025-12-31T23:59"),
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void row(String name, Registration r, int grace, Instant now, String expected) {
        WzdReport report = WzdReportCompiler.compile(H1, CLIENTS, List.of(r), limits(grace), now);

        if (expected == null) {
            assertThat(report.rows()).isEmpty();
            assertThat(report.locations()).isEmpty();
            return;
        }
        assertThat(report.rows()).hasSize(1);
        WzdReportRow row = report.rows().get(0);
        assertThat(summary(row)).isEqualTo(expected);
        assertThat(row.clientCode()).isEqualTo("C-0001");
        assertThat(row.location()).isEqualTo("De Linde");
        assertThat(row.registrationId()).isEqualTo(r.id());
        assertThat(row.basis()).isEqualTo(r.basis());
        assertThat(row.start()).isEqualTo(r.start());
        assertThat(row.phaseOutStepsPlanned()).isEqualTo(r.phaseOut().size());
        assertThat(report.generatedAt()).isEqualTo(now);
        assertThat(report.locations()).containsExactly(new WzdLocationTotals("De Linde", 1,
                r.basis() == Basis.WZD_UNFORESEEN ? 1 : 0, row.evaluationsHeld(), row.evaluationOverdue() ? 1 : 0));
    }

    private static String summary(WzdReportRow row) {
        String steps = row.phaseOutSteps().stream()
                .map(s -> s.step() + "@" + s.from() + (s.unrestricted() ? "u" : ""))
                .collect(Collectors.joining(", ", "[", "]"));
        return row.end() + " " + row.endReason() + " evals=" + row.evaluationDates() + " steps=" + steps
                + " overdue=" + row.overdueDays();
    }

    @Test
    void totalsPerLocationAndOrder() {
        List<Client> clients = List.of(client(1, "C-0009", "Het Anker"), client(2, "C-0002", "De Linde"),
                client(3, "C-0001", "De Linde"), client(4, "C-0004", "Het Anker"));
        List<Registration> registrations = List.of(
                registration(1).client(1).dates("2026-01-01", "2026-03-31", "2026-06-30")
                        .evaluated("2026-03-30", CONTINUE, "2026-07-15").build(),
                registration(2).client(2).basis(Basis.WZD_UNFORESEEN)
                        .dates("2026-05-01", "2026-05-14", "2026-05-14").build(),
                registration(3).client(2).dates("2026-05-15", "2026-06-15", "2026-12-31")
                        .evaluated("2026-06-10", CONTINUE, "2026-09-10").build(),
                registration(4).client(3).dates("2025-12-01", "2026-02-01", "2026-12-31").build(),
                registration(5).client(4).basis(Basis.VOLUNTARY).dates("2026-01-01", "2026-06-30", "2026-06-30")
                        .build(),
                registration(6).client(4).dates("2025-01-01", "2025-03-31", "2025-12-31").build());

        WzdReport report = WzdReportCompiler.compile(H1, clients, registrations, limits(0), AFTER);

        assertThat(report.rows()).extracting(WzdReportRow::registrationId).containsExactly(4L, 2L, 3L, 1L);
        assertThat(report.locations()).containsExactly(
                new WzdLocationTotals("De Linde", 3, 1, 1, 1),
                new WzdLocationTotals("Het Anker", 1, 0, 1, 0));
        assertThat(report.total()).isEqualTo(new WzdLocationTotals(null, 4, 1, 2, 1));
        assertThat(report.period()).isEqualTo(H1);
    }

    @Test
    void aClientMissingFromTheListIsAnError() {
        Registration r = registration(7).client(99).dates("2026-01-01", "2026-03-31", "2026-06-30").build();

        assertThatThrownBy(() -> WzdReportCompiler.compile(H1, CLIENTS, List.of(r), limits(0), AFTER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("registration 7 refers to client 99, which is not among the clients given");
    }

    @Test
    void aMissingClientOfAVoluntaryRegistrationDoesNotMatter() {
        Registration r = registration(7).client(99).basis(Basis.VOLUNTARY)
                .dates("2026-01-01", "2026-03-31", "2026-06-30").build();

        assertThat(WzdReportCompiler.compile(H1, CLIENTS, List.of(r), limits(0), AFTER).rows()).isEmpty();
    }
}
