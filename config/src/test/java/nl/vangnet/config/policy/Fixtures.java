package nl.vangnet.config.policy;

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
import nl.vangnet.config.model.Device;
import nl.vangnet.config.model.Evaluation;
import nl.vangnet.config.model.EvaluationOutcome;
import nl.vangnet.config.model.Person;
import nl.vangnet.config.model.PhaseOutStep;
import nl.vangnet.config.model.Profile;
import nl.vangnet.config.model.Registration;
import nl.vangnet.config.model.Risk;
import nl.vangnet.config.model.Rule;
import nl.vangnet.config.model.Weighing;
import nl.vangnet.config.model.Withdrawal;
import nl.vangnet.config.model.WithdrawalKind;
import nl.vangnet.config.rules.Limits;

/** Model records for the policy tests, built directly (no store, no validator). */
final class Fixtures {
    private Fixtures() {
    }

    /** A local date-time in Europe/Amsterdam, e.g. {@code 2026-02-21T00:00} or {@code 2026-01-09T23:59:59.9}. */
    static Instant local(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(Limits.AMSTERDAM).toInstant();
    }

    static LocalDate day(String isoDate) {
        return LocalDate.parse(isoDate);
    }

    static Limits limits(int graceDays, int warningDays) {
        return new Limits(Period.ofMonths(3), Period.ofMonths(6), 14, graceDays, warningDays, Limits.AMSTERDAM);
    }

    static Evaluation evaluation(String date, EvaluationOutcome outcome, String next) {
        return new Evaluation(0, day(date), new Person(CareRole.GEDRAGSDESKUNDIGE, "GD-1"), outcome,
                next == null ? null : day(next), "evaluated", null);
    }

    static Withdrawal withdrawal(Instant at) {
        return new Withdrawal(WithdrawalKind.CONSENT_WITHDRAWN, at, new Person(CareRole.CLIENT, "client"), null);
    }

    static Client client(long id) {
        return new Client(id, "C-" + id, "dossier-" + id, "Huis " + id, 1);
    }

    static Device device(long id, long clientId, List<String> macs, List<String> ips, String user) {
        return new Device(id, clientId, "device " + id, macs, ips, user, user == null ? null : "hash-" + id, 1);
    }

    static Profile profile(long id) {
        return new Profile(id, "profile " + id, null, List.of(Rule.always("gambling", Risk.GAMBLING)), List.of(),
                List.of(), List.of(), false, List.of(), false, 1);
    }

    static RegistrationBuilder registration(long id) {
        return new RegistrationBuilder(id);
    }

    /** Builds a {@link Registration}; defaults: client 1, WZD, profile 100, no steps, evaluations or withdrawal. */
    static final class RegistrationBuilder {
        private final long id;
        private long clientId = 1;
        private Basis basis = Basis.WZD;
        private long profileId = 100;
        private LocalDate start;
        private LocalDate evaluationDate;
        private LocalDate end;
        private final List<PhaseOutStep> steps = new ArrayList<>();
        private List<Evaluation> evaluations = List.of();
        private Withdrawal withdrawal;

        private RegistrationBuilder(long id) {
            this.id = id;
        }

        RegistrationBuilder client(long newClientId) {
            clientId = newClientId;
            return this;
        }

        RegistrationBuilder basis(Basis newBasis) {
            basis = newBasis;
            return this;
        }

        RegistrationBuilder profile(long newProfileId) {
            profileId = newProfileId;
            return this;
        }

        /** Start, evaluation date and end; {@code null} allowed to build broken data. */
        RegistrationBuilder dates(String newStart, String newEvaluationDate, String newEnd) {
            start = newStart == null ? null : day(newStart);
            evaluationDate = newEvaluationDate == null ? null : day(newEvaluationDate);
            end = newEnd == null ? null : day(newEnd);
            return this;
        }

        RegistrationBuilder step(String from, Long stepProfileId) {
            steps.add(new PhaseOutStep(day(from), stepProfileId));
            return this;
        }

        RegistrationBuilder evaluations(List<Evaluation> newEvaluations) {
            evaluations = newEvaluations;
            return this;
        }

        RegistrationBuilder withdrawnAt(Instant at) {
            withdrawal = Fixtures.withdrawal(at);
            return this;
        }

        RegistrationBuilder withdrawal(Withdrawal newWithdrawal) {
            withdrawal = newWithdrawal;
            return this;
        }

        Registration build() {
            Person decider = new Person(CareRole.ZORGVERANTWOORDELIJKE, "ZV-1");
            Weighing weighing = basis.isWzd() ? new Weighing("harm", "subsidiarity", "proportionality",
                    "effectiveness", "safety") : null;
            Consent consent = basis.isWzd() ? null
                    : new Consent(new Person(CareRole.CLIENT, "client"), start, "in the support-plan meeting");
            return new Registration(id, clientId, basis, "dossier/" + id, decider, start, profileId, start,
                    evaluationDate, end, Set.of(Risk.GAMBLING), weighing, consent,
                    List.of(new Person(CareRole.GEDRAGSDESKUNDIGE, "GD-1")), steps, evaluations, withdrawal, null, 1);
        }
    }
}
