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
 * to today. Devices use loopback addresses so that the demo can be tried on one machine
 * ({@code curl -x 127.0.0.1:3128 --interface 127.0.0.2 http://casino.example/}):
 * <ul>
 * <li>{@code 127.0.0.2} (C-1001): a {@code WZD} measure in effect: category gambling and the domain
 *     {@code casino.example} blocked, SafeSearch on, evaluation in 30 days;</li>
 * <li>{@code 127.0.0.3} (C-1002): a {@code VOLUNTARY} agreement whose evaluation date passed without an evaluation:
 *     lapsed, so unrestricted;</li>
 * <li>{@code 127.0.0.4} (C-1003): a {@code VOLUNTARY} agreement on step 2 of a 3-step phase-out;</li>
 * <li>{@code 127.0.0.5} (C-1004): a voluntary agreement that ended when the client resisted: unrestricted;</li>
 * <li>{@code 127.0.0.6} (C-1005): no registration: unrestricted, nothing recorded;</li>
 * <li>{@code 127.0.0.7} (C-1006): a {@code WZD} measure in effect whose evaluation is due in 10 days (a warning):
 *     social networks blocked on weekdays 09:00–17:00, TikTok always.</li>
 * </ul>
 * Every other address is unrestricted. Not thread-safe; run once at start-up.
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

        Profile gamblingCasino = store.createProfile(DEMO, profile("Gokken dicht, casino.example dicht, SafeSearch",
                List.of(Rule.always("gambling", Risk.GAMBLING)), List.of(),
                List.of(Rule.always("casino.example", Risk.GAMBLING)), List.of(), true), why);
        Profile casinoOnly = store.createProfile(DEMO, profile("Alleen casino.example dicht",
                List.of(), List.of(), List.of(Rule.always("casino.example", Risk.GAMBLING)), List.of(), false), why);
        Profile strict = store.createProfile(DEMO, profile("Gokken en dating dicht, internet 07:00-23:00",
                List.of(Rule.always("gambling", Risk.GAMBLING), Rule.always("dating", Risk.DATING)), List.of(),
                List.of(), List.of(TimeWindow.daily(LocalTime.of(7, 0), LocalTime.of(23, 0))), true), why);
        Profile noHours = store.createProfile(DEMO, profile("Gokken en dating dicht",
                List.of(Rule.always("gambling", Risk.GAMBLING), Rule.always("dating", Risk.DATING)), List.of(),
                List.of(), List.of(), true), why);
        Profile gamblingOnly = store.createProfile(DEMO, profile("Gokken dicht",
                List.of(Rule.always("gambling", Risk.GAMBLING)), List.of(), List.of(), List.of(), false), why);
        Profile social = store.createProfile(DEMO, profile("Sociale media alleen buiten schooltijd",
                List.of(Rule.always("gambling", Risk.GAMBLING), new Rule("social_networks", Risk.SOCIAL_MEDIA,
                        List.of(new TimeWindow(Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                                DayOfWeek.THURSDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(17, 0))))),
                List.of(new Rule("tiktok", Risk.SEXTING_LOVERBOYS, List.of())), List.of(), List.of(), false), why);

        Client c1 = store.createClient(DEMO, new Client(0, "C-1001", "ONS-2026-0117", "De Linde", 0), why);
        Client c2 = store.createClient(DEMO, new Client(0, "C-1002", "ONS-2026-0342", "De Linde", 0), why);
        Client c3 = store.createClient(DEMO, new Client(0, "C-1003", "ONS-2025-0981", "Het Anker", 0), why);
        Client c4 = store.createClient(DEMO, new Client(0, "C-1004", "ONS-2026-0450", "Het Anker", 0), why);
        Client c5 = store.createClient(DEMO, new Client(0, "C-1005", "ONS-2026-0501", "Het Anker", 0), why);
        Client c6 = store.createClient(DEMO, new Client(0, "C-1006", "ONS-2026-0533", "De Linde", 0), why);

        device(store, c1, "telefoon", "127.0.0.2", "02:00:5e:10:00:01");
        device(store, c2, "tablet", "127.0.0.3", "02:00:5e:10:00:02");
        device(store, c3, "spelcomputer", "127.0.0.4", "02:00:5e:10:00:03");
        device(store, c4, "telefoon", "127.0.0.5", "02:00:5e:10:00:04");
        device(store, c5, "telefoon", "127.0.0.6", "02:00:5e:10:00:05");
        device(store, c6, "telefoon", "127.0.0.7", "02:00:5e:10:00:06");

        Person begeleider = new Person(CareRole.PERSOONLIJK_BEGELEIDER, "PB-207");
        Person zv = new Person(CareRole.ZORGVERANTWOORDELIJKE, "ZV-031");
        List<Person> consulted = List.of(new Person(CareRole.GEDRAGSDESKUNDIGE, "GD-012"));

        // C-1001: Wzd measure in effect, evaluation in 30 days, phasing out in two steps
        LocalDate s1 = today.minusDays(20);
        store.createRegistration(DEMO, new Registration(0, c1.id(), Basis.WZD, "ONS-2026-0117/WZD-1", zv,
                s1.minusDays(1), gamblingCasino.id(), s1, today.plusDays(30), today.plusDays(150),
                Set.of(Risk.GAMBLING), weighing(), null, consulted,
                List.of(new PhaseOutStep(today.plusDays(60), casinoOnly.id()),
                        PhaseOutStep.unrestricted(today.plusDays(120))), List.of(), null, null, 0), why);

        // C-1002: voluntary, evaluation date passed without an evaluation: lapsed, not applied
        LocalDate s2 = today.minusDays(100);
        store.createRegistration(DEMO, new Registration(0, c2.id(), Basis.VOLUNTARY, "ONS-2026-0342/OP-2",
                begeleider, s2.minusDays(2), gamblingOnly.id(), s2, today.minusDays(8), today.plusDays(60),
                Set.of(Risk.GAMBLING), null,
                new Consent(new Person(CareRole.CLIENT, "C-1002"), s2.minusDays(2), "mondeling"),
                List.of(), List.of(PhaseOutStep.unrestricted(today.plusDays(40))), List.of(), null, null, 0), why);

        // C-1003: voluntary, on step 2 of a 3-step phase-out
        LocalDate s3 = today.minusDays(70);
        store.createRegistration(DEMO, new Registration(0, c3.id(), Basis.VOLUNTARY, "ONS-2025-0981/OP-3",
                begeleider, s3.minusDays(2), strict.id(), s3, today.plusDays(30), today.plusDays(60),
                Set.of(Risk.GAMBLING, Risk.DATING, Risk.NIGHT_REST), null,
                new Consent(new Person(CareRole.CLIENT, "C-1003"), s3.minusDays(2),
                        "mondeling, in de bespreking van het ondersteuningsplan"),
                List.of(), List.of(new PhaseOutStep(s3.plusDays(30), noHours.id()),
                        new PhaseOutStep(s3.plusDays(60), gamblingOnly.id()),
                        PhaseOutStep.unrestricted(today.plusDays(20))),
                List.of(), null, null, 0), why);

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

        // C-1006: Wzd, in effect, evaluation due in 10 days (warning)
        LocalDate s6 = today.minusDays(20);
        store.createRegistration(DEMO, new Registration(0, c6.id(), Basis.WZD, "ONS-2026-0533/WZD-1", zv,
                s6.minusDays(1), social.id(), s6, today.plusDays(10), s6.plusMonths(5),
                Set.of(Risk.SEXTING_LOVERBOYS, Risk.SOCIAL_MEDIA), weighing(), null, consulted,
                List.of(new PhaseOutStep(s6.plusMonths(2), gamblingOnly.id()),
                        PhaseOutStep.unrestricted(s6.plusMonths(4))), List.of(), null, null, 0), why);
        return true;
    }

    private static Profile profile(String name, List<Rule> categories, List<Rule> services, List<Rule> domains,
            List<TimeWindow> hours, boolean safeSearch) {
        return new Profile(0, name, null, categories, services, domains, List.of(), false, hours, safeSearch, 0);
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
