package nl.vangnet.config.rules;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import nl.vangnet.config.model.Basis;
import nl.vangnet.config.model.CareRole;
import nl.vangnet.config.model.Client;
import nl.vangnet.config.model.Consent;
import nl.vangnet.config.model.Device;
import nl.vangnet.config.model.Evaluation;
import nl.vangnet.config.model.EvaluationOutcome;
import nl.vangnet.config.model.HostEvents;
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

/**
 * Valid sample data for tests, shared by the test suites of every package: a client, a device, four profiles that
 * form a phase-out chain ({@link #strict()} &gt; {@link #medium()} &gt; {@link #light()} &gt; unrestricted, plus the
 * allow-list profile {@link #allowList()}), and builders of valid {@code VOLUNTARY}, {@code WZD} and
 * {@code WZD_UNFORESEEN} registrations. Every fixture passes {@link ModelValidator} with {@link Limits#DEFAULTS}
 * and {@link #TODAY} (see {@code FixturesTest}). Stateless; every call returns fresh objects.
 */
public final class Fixtures {
    /** The "today" the fixtures are valid on: Monday 2 March 2026. */
    public static final LocalDate TODAY = LocalDate.of(2026, 3, 2);
    /** Id of {@link #strict()}. */
    public static final long STRICT_ID = 1;
    /** Id of {@link #medium()}. */
    public static final long MEDIUM_ID = 2;
    /** Id of {@link #light()}. */
    public static final long LIGHT_ID = 3;
    /** Id of {@link #allowList()}. */
    public static final long ALLOW_LIST_ID = 4;
    /** The client id the fixtures' devices and registrations belong to. */
    public static final long CLIENT_ID = 1;

    private Fixtures() {
    }

    public static Client client() {
        return new Client(0, "C-0042", "DOS-2026-0042", "Huize Zonnebloem", 0);
    }

    /** A device recognised by one MAC and one IPv4 address, without proxy credentials. */
    public static Device device() {
        return new Device(0, CLIENT_ID, "telefoon", List.of("aa:bb:cc:dd:ee:01"), List.of("192.168.10.21"), null,
                null, 0);
    }

    /**
     * The strictest profile: blocks gambling, dating, adult and chat always, tiktok and instagram, one casino
     * domain; allows wikipedia.org; internet daily 07:00–22:00; SafeSearch.
     */
    public static Profile strict() {
        return new Profile(STRICT_ID, "Streng", "Eerste fase", List.of(
                Rule.always("gambling", Risk.GAMBLING), Rule.always("dating", Risk.DATING),
                Rule.always("adult", Risk.ADULT_CONTENT), Rule.always("chat", Risk.CHAT)),
                List.of(Rule.always("tiktok", Risk.SOCIAL_MEDIA), Rule.always("instagram", Risk.SOCIAL_MEDIA)),
                List.of(Rule.always("casino.example", Risk.GAMBLING)),
                List.of(Rule.always("wikipedia.org", null)), false,
                List.of(TimeWindow.daily(LocalTime.of(7, 0), LocalTime.of(22, 0))), true, 0);
    }

    /**
     * Less than {@link #strict()}: chat blocked only on weekdays 09:00–17:00, instagram no longer blocked, also
     * allows nos.nl, internet daily 07:00–23:00.
     */
    public static Profile medium() {
        return new Profile(MEDIUM_ID, "Middel", "Tweede fase", List.of(
                Rule.always("gambling", Risk.GAMBLING), Rule.always("dating", Risk.DATING),
                Rule.always("adult", Risk.ADULT_CONTENT),
                new Rule("chat", Risk.CHAT, List.of(new TimeWindow(weekdays(), LocalTime.of(9, 0),
                        LocalTime.of(17, 0))))),
                List.of(Rule.always("tiktok", Risk.SOCIAL_MEDIA)),
                List.of(Rule.always("casino.example", Risk.GAMBLING)),
                List.of(Rule.always("wikipedia.org", null), Rule.always("nos.nl", null)), false,
                List.of(TimeWindow.daily(LocalTime.of(7, 0), LocalTime.of(23, 0))), true, 0);
    }

    /** Less than {@link #medium()}: only gambling and adult blocked, internet always, no SafeSearch. */
    public static Profile light() {
        return new Profile(LIGHT_ID, "Licht", "Laatste fase", List.of(
                Rule.always("gambling", Risk.GAMBLING), Rule.always("adult", Risk.ADULT_CONTENT)),
                List.of(), List.of(),
                List.of(Rule.always("wikipedia.org", null), Rule.always("nos.nl", null)), false, List.of(), false, 0);
    }

    /** Allow-list-only: only wikipedia.org, nos.nl and school.example are reachable, with SafeSearch. */
    public static Profile allowList() {
        return new Profile(ALLOW_LIST_ID, "Alleen toegestane sites", "Meest ingrijpend", List.of(), List.of(),
                List.of(), List.of(Rule.always("wikipedia.org", null), Rule.always("nos.nl", null),
                        Rule.always("school.example", null)), true, List.of(), true, 0);
    }

    /** The fixture profiles by id. */
    public static Map<Long, Profile> profileMap() {
        return Map.of(STRICT_ID, strict(), MEDIUM_ID, medium(), LIGHT_ID, light(), ALLOW_LIST_ID, allowList());
    }

    /** Lookup of the fixture profiles, as {@link ModelValidator#registration} takes it. */
    public static LongFunction<Optional<Profile>> profiles() {
        Map<Long, Profile> m = profileMap();
        return id -> Optional.ofNullable(m.get(id));
    }

    /** Monday to Friday. */
    public static Set<DayOfWeek> weekdays() {
        return EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    }

    /** A complete Wzd weighing. */
    public static Weighing weighing() {
        return new Weighing("Cliënt is eerder via datingsites benaderd door loverboys en financieel uitgebuit.",
                "Gesprekken en voorlichting bleken onvoldoende; minder ingrijpende alternatieven zijn geprobeerd.",
                "De beperking betreft alleen risicovolle categorieën; de rest van internet blijft beschikbaar.",
                "Blokkade voorkomt contact via de bekende kanalen; evaluatie meet het aantal incidenten.",
                "Geen fysieke risico's; cliënt houdt contact met familie via bellen en berichten.");
    }

    public static Person zorgverantwoordelijke() {
        return new Person(CareRole.ZORGVERANTWOORDELIJKE, "ZV-03");
    }

    public static Person gedragsdeskundige() {
        return new Person(CareRole.GEDRAGSDESKUNDIGE, "GD-07");
    }

    public static Person begeleider() {
        return new Person(CareRole.PERSOONLIJK_BEGELEIDER, "PB-12");
    }

    /**
     * A valid VOLUNTARY registration starting on {@link #TODAY}: {@link #medium()}, consent by the client a week
     * before, evaluation after 3 months, end after 6 months; steps {@link #light()} after 2 months, unrestricted
     * after 4 months.
     */
    public static RegistrationBuilder voluntary() {
        return voluntary(TODAY);
    }

    /** {@link #voluntary()} starting on {@code start}, all dates relative to it. */
    public static RegistrationBuilder voluntary(LocalDate start) {
        return new RegistrationBuilder().basis(Basis.VOLUNTARY).dossierReference("ONP-2026-017 §4.2")
                .decidedBy(begeleider()).decidedOn(start.minusDays(7)).profileId(MEDIUM_ID).start(start)
                .evaluationDate(start.plusMonths(3)).end(start.plusMonths(6))
                .risks(Set.of(Risk.GAMBLING, Risk.SCAMS))
                .consent(new Consent(new Person(CareRole.CLIENT, "cliënt"), start.minusDays(7),
                        "mondeling in de bespreking van het ondersteuningsplan, vastgelegd in het dossier"))
                .consulted(List.of())
                .phaseOut(List.of(new PhaseOutStep(start.plusMonths(2), LIGHT_ID),
                        PhaseOutStep.unrestricted(start.plusMonths(4))));
    }

    /**
     * A valid WZD registration starting on {@link #TODAY}: {@link #strict()}, decided by the zorgverantwoordelijke
     * 3 days before with the gedragsdeskundige consulted, evaluation after 3 months, end after 6 months; steps
     * {@link #medium()} after 1 month, {@link #light()} after 2, unrestricted after 5.
     */
    public static RegistrationBuilder wzd() {
        return wzd(TODAY);
    }

    /** {@link #wzd()} starting on {@code start}, all dates relative to it. */
    public static RegistrationBuilder wzd(LocalDate start) {
        return new RegistrationBuilder().basis(Basis.WZD).dossierReference("ZP-2026-031 onvrijwillige zorg")
                .decidedBy(zorgverantwoordelijke()).decidedOn(start.minusDays(3)).profileId(STRICT_ID).start(start)
                .evaluationDate(start.plusMonths(3)).end(start.plusMonths(6))
                .risks(Set.of(Risk.SEXTING_LOVERBOYS, Risk.DATING)).weighing(weighing())
                .consulted(List.of(gedragsdeskundige()))
                .phaseOut(List.of(new PhaseOutStep(start.plusMonths(1), MEDIUM_ID),
                        new PhaseOutStep(start.plusMonths(2), LIGHT_ID),
                        PhaseOutStep.unrestricted(start.plusMonths(5))));
    }

    /**
     * A valid WZD_UNFORESEEN registration starting on {@link #TODAY}: {@link #strict()}, written decision the day
     * after the start, evaluation after 7 days, end after 14 days; steps {@link #medium()} after 7 days,
     * unrestricted after 14.
     */
    public static RegistrationBuilder wzdUnforeseen() {
        return wzdUnforeseen(TODAY);
    }

    /** {@link #wzdUnforeseen()} starting on {@code start}, all dates relative to it. */
    public static RegistrationBuilder wzdUnforeseen(LocalDate start) {
        return new RegistrationBuilder().basis(Basis.WZD_UNFORESEEN).dossierReference("ZP-2026-044 art. 15")
                .decidedBy(zorgverantwoordelijke()).decidedOn(start.plusDays(1)).profileId(STRICT_ID).start(start)
                .evaluationDate(start.plusDays(7)).end(start.plusDays(14))
                .risks(Set.of(Risk.SEXTING_LOVERBOYS)).weighing(weighing())
                .consulted(List.of(gedragsdeskundige()))
                .phaseOut(List.of(new PhaseOutStep(start.plusDays(7), MEDIUM_ID),
                        PhaseOutStep.unrestricted(start.plusDays(14))));
    }

    /** A valid CONTINUE evaluation held on {@code date} by the gedragsdeskundige, next one a month later. */
    public static Evaluation evaluation(LocalDate date) {
        return new Evaluation(0, date, gedragsdeskundige(), EvaluationOutcome.CONTINUE, date.plusMonths(1),
                "Werkt; geen incidenten.", null);
    }

    /** A valid consent withdrawal at {@code at}, reported by the persoonlijk begeleider. */
    public static Withdrawal withdrawal(Instant at) {
        return new Withdrawal(WithdrawalKind.CONSENT_WITHDRAWN, at, begeleider(), "Cliënt wil het niet meer.");
    }

    /** A builder pre-filled with {@code base}, to derive variants of a profile. */
    public static ProfileBuilder profile(Profile base) {
        return new ProfileBuilder(base);
    }

    /** A builder of a profile that restricts nothing (id 90, name "Leeg"). */
    public static ProfileBuilder emptyProfile() {
        return new ProfileBuilder(new Profile(90, "Leeg", null, List.of(), List.of(), List.of(), List.of(), false,
                List.of(), false, 0));
    }

    /**
     * A mutable builder of {@link Profile}s. Not thread-safe; build a new one per test.
     */
    public static final class ProfileBuilder {
        private long id;
        private String name;
        private String description;
        private List<Rule> blockedCategories;
        private List<Rule> blockedServices;
        private List<Rule> blockedDomains;
        private List<Rule> allowedDomains;
        private boolean allowListOnly;
        private List<TimeWindow> internetHours;
        private boolean safeSearch;
        private boolean allowOpaqueConnections;
        private long version;

        private ProfileBuilder(Profile p) {
            id = p.id();
            name = p.name();
            description = p.description();
            blockedCategories = p.blockedCategories();
            blockedServices = p.blockedServices();
            blockedDomains = p.blockedDomains();
            allowedDomains = p.allowedDomains();
            allowListOnly = p.allowListOnly();
            internetHours = p.internetHours();
            safeSearch = p.safeSearch();
            allowOpaqueConnections = p.allowOpaqueConnections();
            version = p.version();
        }

        public ProfileBuilder id(long v) {
            id = v;
            return this;
        }

        public ProfileBuilder name(String v) {
            name = v;
            return this;
        }

        public ProfileBuilder blockedCategories(List<Rule> v) {
            blockedCategories = v;
            return this;
        }

        public ProfileBuilder blockedServices(List<Rule> v) {
            blockedServices = v;
            return this;
        }

        public ProfileBuilder blockedDomains(List<Rule> v) {
            blockedDomains = v;
            return this;
        }

        public ProfileBuilder allowedDomains(List<Rule> v) {
            allowedDomains = v;
            return this;
        }

        public ProfileBuilder allowListOnly(boolean v) {
            allowListOnly = v;
            return this;
        }

        public ProfileBuilder internetHours(List<TimeWindow> v) {
            internetHours = v;
            return this;
        }

        public ProfileBuilder safeSearch(boolean v) {
            safeSearch = v;
            return this;
        }

        public ProfileBuilder allowOpaqueConnections(boolean v) {
            allowOpaqueConnections = v;
            return this;
        }

        /** Adds an always-active blocked category. */
        public ProfileBuilder blockCategory(String value) {
            return blockedCategories(plus(blockedCategories, Rule.always(value, null)));
        }

        /** Removes every blocked-category rule for {@code value}. */
        public ProfileBuilder unblockCategory(String value) {
            return blockedCategories(minus(blockedCategories, value));
        }

        /** Adds an always-active blocked service. */
        public ProfileBuilder blockService(String value) {
            return blockedServices(plus(blockedServices, Rule.always(value, null)));
        }

        /** Removes every blocked-service rule for {@code value}. */
        public ProfileBuilder unblockService(String value) {
            return blockedServices(minus(blockedServices, value));
        }

        /** Adds an always-active blocked domain. */
        public ProfileBuilder blockDomain(String value) {
            return blockedDomains(plus(blockedDomains, Rule.always(value, null)));
        }

        /** Removes every blocked-domain rule for {@code value}. */
        public ProfileBuilder unblockDomain(String value) {
            return blockedDomains(minus(blockedDomains, value));
        }

        /** Adds an allowed domain. */
        public ProfileBuilder allow(String value) {
            return allowedDomains(plus(allowedDomains, Rule.always(value, null)));
        }

        /** Removes every allowed-domain rule for {@code value}. */
        public ProfileBuilder disallow(String value) {
            return allowedDomains(minus(allowedDomains, value));
        }

        private static List<Rule> plus(List<Rule> rules, Rule rule) {
            List<Rule> out = new ArrayList<>(rules);
            out.add(rule);
            return out;
        }

        private static List<Rule> minus(List<Rule> rules, String value) {
            return rules.stream().filter(r -> !value.equals(r.value())).toList();
        }

        public Profile build() {
            return new Profile(id, name, description, blockedCategories, blockedServices, blockedDomains,
                    allowedDomains, allowListOnly, internetHours, safeSearch, allowOpaqueConnections, version);
        }
    }

    /**
     * A mutable builder of {@link Registration}s, pre-filled by the factory methods above. Not thread-safe;
     * build a new one per test.
     */
    public static final class RegistrationBuilder {
        private long id;
        private long clientId = CLIENT_ID;
        private Basis basis;
        private String dossierReference;
        private Person decidedBy;
        private LocalDate decidedOn;
        private long profileId;
        private LocalDate start;
        private LocalDate evaluationDate;
        private LocalDate end;
        private Set<Risk> risks = Set.of();
        private Weighing weighing;
        private Consent consent;
        private List<Person> consulted = List.of();
        private List<PhaseOutStep> phaseOut = List.of();
        private List<Evaluation> evaluations = List.of();
        private Withdrawal withdrawal;
        private HostEvents hostEvents;
        private long version;

        public RegistrationBuilder id(long v) {
            id = v;
            return this;
        }

        public RegistrationBuilder clientId(long v) {
            clientId = v;
            return this;
        }

        public RegistrationBuilder basis(Basis v) {
            basis = v;
            return this;
        }

        public RegistrationBuilder dossierReference(String v) {
            dossierReference = v;
            return this;
        }

        public RegistrationBuilder decidedBy(Person v) {
            decidedBy = v;
            return this;
        }

        public RegistrationBuilder decidedOn(LocalDate v) {
            decidedOn = v;
            return this;
        }

        public RegistrationBuilder profileId(long v) {
            profileId = v;
            return this;
        }

        public RegistrationBuilder start(LocalDate v) {
            start = v;
            return this;
        }

        public RegistrationBuilder evaluationDate(LocalDate v) {
            evaluationDate = v;
            return this;
        }

        public RegistrationBuilder end(LocalDate v) {
            end = v;
            return this;
        }

        public RegistrationBuilder risks(Set<Risk> v) {
            risks = v;
            return this;
        }

        public RegistrationBuilder weighing(Weighing v) {
            weighing = v;
            return this;
        }

        public RegistrationBuilder consent(Consent v) {
            consent = v;
            return this;
        }

        public RegistrationBuilder consulted(List<Person> v) {
            consulted = v;
            return this;
        }

        public RegistrationBuilder phaseOut(List<PhaseOutStep> v) {
            phaseOut = v;
            return this;
        }

        /** Replaces step {@code index} (0-based) of the schedule. */
        public RegistrationBuilder step(int index, PhaseOutStep step) {
            List<PhaseOutStep> steps = new ArrayList<>(phaseOut);
            steps.set(index, step);
            phaseOut = steps;
            return this;
        }

        public RegistrationBuilder evaluations(List<Evaluation> v) {
            evaluations = v;
            return this;
        }

        public RegistrationBuilder withdrawal(Withdrawal v) {
            withdrawal = v;
            return this;
        }

        public RegistrationBuilder hostEvents(HostEvents v) {
            hostEvents = v;
            return this;
        }

        public RegistrationBuilder version(long v) {
            version = v;
            return this;
        }

        /** The schedule as it is now (for tests that derive a step from another). */
        public List<PhaseOutStep> phaseOut() {
            return phaseOut;
        }

        public LocalDate start() {
            return start;
        }

        public LocalDate end() {
            return end;
        }

        public Registration build() {
            return new Registration(id, clientId, basis, dossierReference, decidedBy, decidedOn, profileId, start,
                    evaluationDate, end, risks, weighing, consent, consulted, phaseOut, evaluations, withdrawal,
                    hostEvents, version);
        }
    }
}
