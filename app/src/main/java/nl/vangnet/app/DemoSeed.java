package nl.vangnet.app;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import nl.vangnet.config.model.Actor;
import nl.vangnet.config.model.Basis;
import nl.vangnet.config.model.CareRole;
import nl.vangnet.config.model.Client;
import nl.vangnet.config.model.Consent;
import nl.vangnet.config.model.Device;
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
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.store.VangnetStore;

/**
 * Seeds demo data into an empty store, through the store's normal (validated, audited) writes, with dates relative
 * to today so that the demo always shows: an active voluntary agreement with a phase-out schedule, an active Wzd
 * measure whose evaluation is due soon, a lapsed Wzd measure (evaluation overdue), a voluntary agreement ended by
 * resistance, and an unrestricted client. Devices use loopback addresses 127.0.0.2–127.0.0.6 so that the demo can
 * be tried on one machine ({@code curl --interface 127.0.0.2 ...}). Not thread-safe; run once at start-up.
 */
final class DemoSeed {
    static final Actor DEMO = new Actor("demo-seed", "IT_ADMIN");

    private DemoSeed() {
    }

    /** Seeds when the store has no clients yet; returns whether it seeded. */
    static boolean seedIfEmpty(VangnetStore store, Clock clock, Limits limits) {
        if (!store.clients().isEmpty()) {
            return false;
        }
        LocalDate today = LocalDate.now(clock.withZone(limits.zone()));
        Instant now = clock.instant();
        String why = "demo data";

        Profile strict = store.createProfile(DEMO, profile("Gokken en dating dicht, internet 07:00-23:00",
                List.of(Rule.always("gambling", Risk.GAMBLING), Rule.always("dating", Risk.DATING)), List.of(),
                List.of(TimeWindow.daily(LocalTime.of(7, 0), LocalTime.of(23, 0))), true), why);
        Profile noHours = store.createProfile(DEMO, profile("Gokken en dating dicht",
                List.of(Rule.always("gambling", Risk.GAMBLING), Rule.always("dating", Risk.DATING)), List.of(),
                List.of(), true), why);
        Profile gamblingOnly = store.createProfile(DEMO, profile("Gokken dicht",
                List.of(Rule.always("gambling", Risk.GAMBLING)), List.of(), List.of(), false), why);
        Profile social = store.createProfile(DEMO, profile("Sociale media alleen buiten schooltijd",
                List.of(Rule.always("gambling", Risk.GAMBLING), new Rule("social_networks", Risk.SOCIAL_MEDIA,
                        List.of(new TimeWindow(Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                                DayOfWeek.THURSDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(17, 0))))),
                List.of(new Rule("tiktok", Risk.SEXTING_LOVERBOYS, List.of())), List.of(), false), why);

        Client c1 = store.createClient(DEMO, new Client(0, "C-1001", "ONS-2026-0117", "De Linde", 0), why);
        Client c2 = store.createClient(DEMO, new Client(0, "C-1002", "ONS-2026-0342", "De Linde", 0), why);
        Client c3 = store.createClient(DEMO, new Client(0, "C-1003", "ONS-2025-0981", "Het Anker", 0), why);
        Client c4 = store.createClient(DEMO, new Client(0, "C-1004", "ONS-2026-0450", "Het Anker", 0), why);
        Client c5 = store.createClient(DEMO, new Client(0, "C-1005", "ONS-2026-0501", "Het Anker", 0), why);

        device(store, c1, "telefoon", "127.0.0.2", "02:00:5e:10:00:01");
        device(store, c2, "tablet", "127.0.0.3", "02:00:5e:10:00:02");
        device(store, c3, "spelcomputer", "127.0.0.4", "02:00:5e:10:00:03");
        device(store, c4, "telefoon", "127.0.0.5", "02:00:5e:10:00:04");
        device(store, c5, "telefoon", "127.0.0.6", "02:00:5e:10:00:05");

        Person begeleider = new Person(CareRole.PERSOONLIJK_BEGELEIDER, "PB-207");
        Person zv = new Person(CareRole.ZORGVERANTWOORDELIJKE, "ZV-031");
        List<Person> consulted = List.of(new Person(CareRole.GEDRAGSDESKUNDIGE, "GD-012"));

        // C-1001: voluntary, active, phasing out in three steps
        LocalDate s1 = today.minusDays(10);
        store.createRegistration(DEMO, new Registration(0, c1.id(), Basis.VOLUNTARY, "ONS-2026-0117/OP-3",
                begeleider, s1.minusDays(2), strict.id(), s1, s1.plusMonths(3), s1.plusMonths(6),
                Set.of(Risk.GAMBLING, Risk.DATING), null,
                new Consent(new Person(CareRole.CLIENT, "C-1001"), s1.minusDays(2),
                        "mondeling, in de bespreking van het ondersteuningsplan"),
                List.of(), List.of(new PhaseOutStep(s1.plusMonths(1), noHours.id()),
                        new PhaseOutStep(s1.plusMonths(2), gamblingOnly.id()),
                        PhaseOutStep.unrestricted(s1.plusMonths(4))),
                List.of(), null, null, 0), why);

        // C-1002: Wzd, active, evaluation due in 10 days
        LocalDate s2 = today.minusDays(20);
        store.createRegistration(DEMO, new Registration(0, c2.id(), Basis.WZD, "ONS-2026-0342/WZD-1", zv,
                s2.minusDays(1), social.id(), s2, today.plusDays(10), s2.plusMonths(5),
                Set.of(Risk.SEXTING_LOVERBOYS, Risk.GAMBLING), weighing(), null, consulted,
                List.of(new PhaseOutStep(s2.plusMonths(2), gamblingOnly.id()),
                        PhaseOutStep.unrestricted(s2.plusMonths(4))), List.of(), null, null, 0), why);

        // C-1003: Wzd whose evaluation date passed without an evaluation: lapsed, not applied
        LocalDate s3 = today.minusDays(80);
        store.createRegistration(DEMO, new Registration(0, c3.id(), Basis.WZD, "ONS-2025-0981/WZD-2", zv,
                s3.minusDays(1), noHours.id(), s3, today.minusDays(8), today.plusDays(60),
                Set.of(Risk.GAMBLING, Risk.DATING), weighing(), null, consulted,
                List.of(new PhaseOutStep(today.plusDays(20), gamblingOnly.id()),
                        PhaseOutStep.unrestricted(today.plusDays(50))), List.of(), null, null, 0), why);

        // C-1004: voluntary, ended yesterday because the client resisted (verzet)
        LocalDate s4 = today.minusDays(30);
        Registration r4 = store.createRegistration(DEMO, new Registration(0, c4.id(), Basis.VOLUNTARY,
                "ONS-2026-0450/OP-1", begeleider, s4.minusDays(3), gamblingOnly.id(), s4, s4.plusMonths(2),
                s4.plusMonths(4), Set.of(Risk.GAMBLING), null,
                new Consent(new Person(CareRole.VERTEGENWOORDIGER, "mentor"), s4.minusDays(3), "schriftelijk"),
                List.of(), List.of(PhaseOutStep.unrestricted(s4.plusMonths(3))), List.of(), null, null, 0), why);
        store.recordWithdrawal(DEMO, r4.id(), r4.version(), new Withdrawal(WithdrawalKind.RESISTANCE,
                now.minusSeconds(86_400), begeleider, "cliënt wil het filter niet meer"), why);
        // C-1005 has no registration: unrestricted, and nothing about the traffic is recorded.
        return true;
    }

    private static Profile profile(String name, List<Rule> categories, List<Rule> services,
            List<TimeWindow> hours, boolean safeSearch) {
        return new Profile(0, name, null, categories, services, List.of(), List.of(), false, hours, safeSearch, 0);
    }

    private static void device(VangnetStore store, Client c, String label, String ip, String mac) {
        store.createDevice(DEMO, new Device(0, c.id(), label, List.of(mac), List.of(ip), null, null, 0),
                "demo data");
    }

    private static Weighing weighing() {
        return new Weighing("financiële uitbuiting en seksueel misbruik via contacten online",
                "afspraken en begeleiding zonder filter zijn geprobeerd en waren niet genoeg",
                "alleen de risicovolle categorieën, niet het hele internet",
                "eerdere incidenten liepen via deze sites; blokkeren voorkomt het contact",
                "cliënt houdt contact met familie en vrienden via bellen en berichten");
    }
}
