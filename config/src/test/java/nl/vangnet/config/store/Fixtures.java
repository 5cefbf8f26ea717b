package nl.vangnet.config.store;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
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
import nl.vangnet.config.model.TimeWindow;
import nl.vangnet.config.model.Weighing;
import nl.vangnet.config.model.Withdrawal;
import nl.vangnet.config.model.WithdrawalKind;

/** Valid model records for the store tests. Stateless. */
final class Fixtures {
    /** The day the test clock starts on. */
    static final LocalDate TODAY = LocalDate.of(2026, 1, 15);

    private Fixtures() {
    }

    static Client client(String code) {
        return new Client(0, code, "dossier/" + code, "De Linde", 0);
    }

    static Device device(long clientId, String label, List<String> macs, List<String> ips) {
        return new Device(0, clientId, label, macs, ips, null, null, 0);
    }

    /** A profile blocking dating and gambling sites, with SafeSearch, internet 07:00-23:00. */
    static Profile strictProfile(String name) {
        return new Profile(0, name, "dating and gambling blocked",
                List.of(Rule.always("dating", Risk.DATING), Rule.always("gambling", Risk.GAMBLING)),
                List.of(Rule.always("tinder", Risk.DATING)), List.of(Rule.always("example-casino.com", Risk.GAMBLING)),
                List.of(), false,
                List.of(new TimeWindow(Set.of(DayOfWeek.SATURDAY, DayOfWeek.MONDAY), LocalTime.of(7, 0),
                        LocalTime.of(23, 0))),
                true, 0);
    }

    /** Strictly less restrictive than {@link #strictProfile}: only gambling blocked, no time window. */
    static Profile lightProfile(String name) {
        return new Profile(0, name, "gambling blocked", List.of(Rule.always("gambling", Risk.GAMBLING)), List.of(),
                List.of(), List.of(), false, List.of(), false, 0);
    }

    /**
     * A voluntary registration from {@code start} for three months: evaluation after two months, phase-out to
     * {@code lightProfileId} after one month and to unrestricted after two and a half months.
     */
    static Registration voluntary(long clientId, long strictProfileId, long lightProfileId, LocalDate start) {
        return new Registration(0, clientId, Basis.VOLUNTARY, "dossier/plan-2026",
                new Person(CareRole.PERSOONLIJK_BEGELEIDER, "PB-17"), start.minusDays(3), strictProfileId, start,
                start.plusMonths(2), start.plusMonths(3), Set.of(Risk.DATING, Risk.GAMBLING), null,
                new Consent(new Person(CareRole.CLIENT, "client"), start.minusDays(3),
                        "mondeling in de bespreking van het ondersteuningsplan"),
                List.of(), List.of(new PhaseOutStep(start.plusMonths(1), lightProfileId),
                        PhaseOutStep.unrestricted(start.plusMonths(2).plusDays(15))),
                List.of(), null, null, 0);
    }

    /** A Wzd registration from {@code start} for two months, evaluation after one month, no phase-out steps
     *  before the final unrestricted one. */
    static Registration wzd(long clientId, long profileId, LocalDate start) {
        return new Registration(0, clientId, Basis.WZD, "dossier/wzd-2026-01",
                new Person(CareRole.ZORGVERANTWOORDELIJKE, "ZV-3"), start.minusDays(1), profileId, start,
                start.plusMonths(1), start.plusMonths(2), Set.of(Risk.SEXTING_LOVERBOYS),
                new Weighing("contact met loverboys via chat", "gesprekken en voorlichting hielpen niet",
                        "alleen chat-apps, niet het hele internet", "chatcontact met onbekenden stopt",
                        "client kan familie blijven bellen en appen"),
                null, List.of(new Person(CareRole.GEDRAGSDESKUNDIGE, "GD-8")),
                List.of(PhaseOutStep.unrestricted(start.plusMonths(2))), List.of(), null, null, 0);
    }

    /** A well-formed proxy password hash (format of the rules' PasswordHasher); the password is not known. */
    static final String PASSWORD_HASH = "pbkdf2-sha256$210000$c2FsdHNhbHRzYWx0c2FsdA=="
            + "$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=";

    static Evaluation evaluation(LocalDate on, EvaluationOutcome outcome, LocalDate next) {
        return new Evaluation(0, on, new Person(CareRole.GEDRAGSDESKUNDIGE, "GD-8"), outcome, next,
                "besproken in het MDO", null);
    }

    static Withdrawal withdrawal(Instant at) {
        return new Withdrawal(WithdrawalKind.CONSENT_WITHDRAWN, at, new Person(CareRole.PERSOONLIJK_BEGELEIDER,
                "PB-17"), "client wil het filter niet meer");
    }
}
