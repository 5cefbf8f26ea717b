package nl.vangnet.admin.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import nl.vangnet.config.model.Basis;
import nl.vangnet.config.model.CareRole;
import nl.vangnet.config.model.Client;
import nl.vangnet.config.model.Consent;
import nl.vangnet.config.model.Evaluation;
import nl.vangnet.config.model.EvaluationOutcome;
import nl.vangnet.config.model.Person;
import nl.vangnet.config.model.PhaseOutStep;
import nl.vangnet.config.model.Registration;
import nl.vangnet.config.model.Risk;
import nl.vangnet.config.model.Weighing;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.store.PolicyData;

/** Clients and registrations for the export tests, built directly (no store). */
final class ReportData {
    /** 2026-11-23 11:00 in Amsterdam: after 2026H1. */
    static final Instant NOW = LocalDateTime.parse("2026-11-23T11:00").atZone(Limits.AMSTERDAM).toInstant();

    private ReportData() {
    }

    static Client client(long id, String code, String location) {
        return new Client(id, code, "dossier-" + id, location, 1);
    }

    /** A registration with profile 100, evaluated on {@code evaluatedOn} (CONTINUE) when not null. */
    static Registration registration(long id, long clientId, Basis basis, String start, String evaluationDate,
            String end, String evaluatedOn, String nextEvaluation, List<PhaseOutStep> steps) {
        List<Evaluation> evaluations = evaluatedOn == null ? List.of()
                : List.of(new Evaluation(1, LocalDate.parse(evaluatedOn),
                        new Person(CareRole.GEDRAGSDESKUNDIGE, "GD-1"), EvaluationOutcome.CONTINUE,
                        LocalDate.parse(nextEvaluation), "evaluated", null));
        Weighing weighing = basis.isWzd() ? new Weighing("harm", "subsidiarity", "proportionality",
                "effectiveness", "safety") : null;
        Consent consent = basis.isWzd() ? null
                : new Consent(new Person(CareRole.CLIENT, "client"), LocalDate.parse(start), "support plan");
        return new Registration(id, clientId, basis, "dossier/" + id, new Person(CareRole.ZORGVERANTWOORDELIJKE,
                "ZV-1"), LocalDate.parse(start), 100, LocalDate.parse(start), LocalDate.parse(evaluationDate),
                LocalDate.parse(end), Set.of(Risk.GAMBLING), weighing, consent,
                List.of(new Person(CareRole.GEDRAGSDESKUNDIGE, "GD-1")), steps, evaluations, null, null, 1);
    }

    /**
     * Three Wzd registrations in 2026H1 at two locations (one lapsed, one unforeseen, one with a step taken),
     * and a voluntary one that must not appear. Client codes and locations are hostile where {@code hostile}.
     */
    static PolicyData data(boolean hostile) {
        List<Client> clients = List.of(
                client(1, hostile ? "=HYPERLINK(\"http://127.0.0.1/x\",\"klik\")" : "C-0001",
                        hostile ? "@Huis; \"De Linde\"" : "De Linde"),
                client(2, hostile ? "+31-6" : "C-0002", hostile ? "-Het Anker,\nachterhuis" : "Het Anker"),
                client(3, "C-0003", "De Linde"));
        List<Registration> registrations = List.of(
                registration(10, 1, Basis.WZD, "2026-01-05", "2026-04-04", "2026-12-31", "2026-04-01",
                        "2026-07-01", List.of(new PhaseOutStep(LocalDate.parse("2026-03-01"), 101L),
                                PhaseOutStep.unrestricted(LocalDate.parse("2026-09-01")))),
                registration(11, 2, Basis.WZD_UNFORESEEN, "2026-05-01", "2026-05-10", "2026-05-14", null, null,
                        List.of()),
                registration(12, 3, Basis.WZD, "2025-12-01", "2026-02-28", "2026-12-31", null, null, List.of()),
                registration(13, 3, Basis.VOLUNTARY, "2026-01-01", "2026-06-30", "2026-06-30", null, null,
                        List.of()));
        return new PolicyData(clients, List.of(), List.of(), registrations, 7);
    }
}
