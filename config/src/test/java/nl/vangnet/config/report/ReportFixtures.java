package nl.vangnet.config.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.ArrayList;
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
import nl.vangnet.config.model.Withdrawal;
import nl.vangnet.config.model.WithdrawalKind;
import nl.vangnet.config.rules.Limits;

/** Model records for the report tests, built directly (no store, no validator). */
final class ReportFixtures {
    private ReportFixtures() {
    }

    static Instant local(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(Limits.AMSTERDAM).toInstant();
    }

    static Limits limits(int graceDays) {
        return new Limits(Period.ofMonths(3), Period.ofMonths(6), 14, graceDays, 14, Limits.AMSTERDAM);
    }

    static Client client(long id, String code, String location) {
        return new Client(id, code, "dossier-" + id, location, 1);
    }

    static Builder registration(long id) {
        return new Builder(id);
    }

    /** Builds a {@link Registration}; defaults: client 1, WZD, profile 100. */
    static final class Builder {
        private final long id;
        private long clientId = 1;
        private Basis basis = Basis.WZD;
        private LocalDate start;
        private LocalDate evaluationDate;
        private LocalDate end;
        private final List<PhaseOutStep> steps = new ArrayList<>();
        private final List<Evaluation> evaluations = new ArrayList<>();
        private Withdrawal withdrawal;

        private Builder(long id) {
            this.id = id;
        }

        Builder client(long newClientId) {
            clientId = newClientId;
            return this;
        }

        Builder basis(Basis newBasis) {
            basis = newBasis;
            return this;
        }

        Builder dates(String newStart, String newEvaluationDate, String newEnd) {
            start = LocalDate.parse(newStart);
            evaluationDate = LocalDate.parse(newEvaluationDate);
            end = LocalDate.parse(newEnd);
            return this;
        }

        Builder step(String from, Long profileId) {
            steps.add(new PhaseOutStep(LocalDate.parse(from), profileId));
            return this;
        }

        Builder evaluated(String date, EvaluationOutcome outcome, String next) {
            evaluations.add(new Evaluation(evaluations.size() + 1, LocalDate.parse(date),
                    new Person(CareRole.GEDRAGSDESKUNDIGE, "GD-1"), outcome,
                    next == null ? null : LocalDate.parse(next), "evaluated", null));
            return this;
        }

        Builder withdrawnAt(Instant at) {
            withdrawal = new Withdrawal(WithdrawalKind.RESISTANCE, at, new Person(CareRole.CLIENT, "client"), null);
            return this;
        }

        Registration build() {
            Weighing weighing = basis.isWzd() ? new Weighing("harm", "subsidiarity", "proportionality",
                    "effectiveness", "safety") : null;
            Consent consent = basis.isWzd() ? null
                    : new Consent(new Person(CareRole.CLIENT, "client"), start, "in the support-plan meeting");
            return new Registration(id, clientId, basis, "dossier/" + id,
                    new Person(CareRole.ZORGVERANTWOORDELIJKE, "ZV-1"), start, 100, start, evaluationDate, end,
                    Set.of(Risk.GAMBLING), weighing, consent, List.of(new Person(CareRole.GEDRAGSDESKUNDIGE, "GD-1")),
                    steps, evaluations, withdrawal, null, 1);
        }
    }
}
