package nl.vangnet.admin.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import nl.vangnet.config.model.Actor;
import nl.vangnet.config.model.Basis;
import nl.vangnet.config.model.CareRole;
import nl.vangnet.config.model.Client;
import nl.vangnet.config.model.Evaluation;
import nl.vangnet.config.model.EvaluationOutcome;
import nl.vangnet.config.model.Person;
import nl.vangnet.config.model.PhaseOutStep;
import nl.vangnet.config.model.Profile;
import nl.vangnet.config.model.Registration;
import nl.vangnet.config.model.Risk;
import nl.vangnet.config.model.Rule;
import nl.vangnet.config.model.Weighing;
import nl.vangnet.config.report.EndReason;
import nl.vangnet.config.report.PhaseOutStepTaken;
import nl.vangnet.config.report.ReportPeriod;
import nl.vangnet.config.report.WzdReport;
import nl.vangnet.config.report.WzdReportCompiler;
import nl.vangnet.config.report.WzdReportRow;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.rules.ModelValidator;
import nl.vangnet.config.store.Database;
import nl.vangnet.config.store.JdbcStore;
import nl.vangnet.config.store.PolicyData;
import org.junit.jupiter.api.Test;

/**
 * The export over data written through the real store (H2 in memory), read the way the endpoint reads it
 * ({@code store::load}): registrations, evaluations and a phase-out schedule as stored come out as the overview
 * expects.
 */
final class WzdReportStoreTest {
    private static final Actor ACTOR = new Actor("care", "CARE_PROFESSIONAL");

    /** A clock a test moves by hand; clocks from {@link #withZone} move with it. */
    private static final class HandClock extends Clock {
        private final AtomicReference<Instant> now;
        private final ZoneId zone;

        HandClock(AtomicReference<Instant> now, ZoneId zone) {
            this.now = now;
            this.zone = zone;
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId newZone) {
            return new HandClock(now, newZone);
        }

        void at(String localDate) {
            now.set(LocalDate.parse(localDate).atTime(12, 0).atZone(Limits.AMSTERDAM).toInstant());
        }
    }

    private static Registration wzd(long clientId, long profileId, String start, String evaluation, String end) {
        return new Registration(0, clientId, Basis.WZD, "dossier/wzd", new Person(CareRole.ZORGVERANTWOORDELIJKE,
                "ZV-3"), LocalDate.parse(start).minusDays(1), profileId, LocalDate.parse(start),
                LocalDate.parse(evaluation), LocalDate.parse(end), Set.of(Risk.SEXTING_LOVERBOYS),
                new Weighing("contact met loverboys via chat", "gesprekken hielpen niet", "alleen chat-apps",
                        "chatcontact met onbekenden stopt", "client kan familie blijven bellen"),
                null, List.of(new Person(CareRole.GEDRAGSDESKUNDIGE, "GD-8")),
                List.of(PhaseOutStep.unrestricted(LocalDate.parse(end))), List.of(), null, null, 0);
    }

    @Test
    void storedRegistrationsComeOutAsReported() {
        HandClock clock = new HandClock(new AtomicReference<>(), Limits.AMSTERDAM);
        clock.at("2026-01-15");
        try (Database db = Database.open(Database.h2Memory("report-" + System.nanoTime()), "", "")) {
            JdbcStore store = new JdbcStore(db, new ModelValidator(Limits.DEFAULTS), clock);
            Client linde = store.createClient(ACTOR, new Client(0, "C-0042", "dossier/42", "De Linde", 0), null);
            Client anker = store.createClient(ACTOR, new Client(0, "C-0007", "dossier/7", "Het Anker", 0), null);
            Profile chat = store.createProfile(ACTOR, new Profile(0, "chat", "chat blocked",
                    List.of(Rule.always("chat", Risk.SEXTING_LOVERBOYS)), List.of(), List.of(), List.of(), false,
                    List.of(), false, 0), null);
            Registration evaluated = store.createRegistration(ACTOR,
                    wzd(linde.id(), chat.id(), "2026-01-20", "2026-02-20", "2026-03-20"), null);
            Registration lapsing = store.createRegistration(ACTOR,
                    wzd(anker.id(), chat.id(), "2026-02-01", "2026-03-01", "2026-04-15"), null);
            clock.at("2026-02-18");
            store.recordEvaluation(new Actor("gd", "BEHAVIOURAL_EXPERT"), evaluated.id(), evaluated.version(),
                    new Evaluation(0, LocalDate.parse("2026-02-18"), new Person(CareRole.GEDRAGSDESKUNDIGE, "GD-8"),
                            EvaluationOutcome.CONTINUE, LocalDate.parse("2026-03-20"), "MDO", null), null);
            clock.at("2026-11-23");

            PolicyData data = store.load();
            WzdReport report = WzdReportCompiler.compile(ReportPeriod.parseHalfYear("2026H1"), data.clients(),
                    data.registrations(), Limits.DEFAULTS, clock.instant());

            assertThat(report.rows()).containsExactly(
                    new WzdReportRow("C-0042", "De Linde", evaluated.id(), Basis.WZD, LocalDate.parse("2026-01-20"),
                            LocalDate.parse("2026-03-20"), EndReason.REGISTERED_END,
                            List.of(LocalDate.parse("2026-02-18")),
                            List.of(new PhaseOutStepTaken(1, LocalDate.parse("2026-03-20"), true)), 1, false, 0),
                    // Evaluation date 03-01 passed unevaluated: lapsed from 03-02 through the end, 04-15.
                    new WzdReportRow("C-0007", "Het Anker", lapsing.id(), Basis.WZD, LocalDate.parse("2026-02-01"),
                            LocalDate.parse("2026-04-15"), EndReason.REGISTERED_END, List.of(),
                            List.of(new PhaseOutStepTaken(1, LocalDate.parse("2026-04-15"), true)), 1, true, 45));
        }
    }
}
