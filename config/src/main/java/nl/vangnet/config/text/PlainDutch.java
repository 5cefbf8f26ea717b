package nl.vangnet.config.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import nl.vangnet.config.model.Basis;
import nl.vangnet.config.model.CareRole;
import nl.vangnet.config.model.Person;
import nl.vangnet.config.model.PhaseOutStep;
import nl.vangnet.config.model.Profile;
import nl.vangnet.config.model.Registration;
import nl.vangnet.config.model.Risk;
import nl.vangnet.config.model.Rule;
import nl.vangnet.config.model.TimeWindow;
import nl.vangnet.config.policy.ClientEntry;
import nl.vangnet.config.policy.RegistrationState;

/**
 * Plain-Dutch texts made from the policy model, for the pages that care staff and clients read.
 * <ul>
 *   <li>{@link #profileSummary(Profile)}: one line for care staff, e.g. {@code "gokken en datingsites geblokkeerd,
 *       internet 07:00–22:00"} (fits {@code Function<Profile, String>}).</li>
 *   <li>{@link #clientAgreement(ClientEntry, LocalDate)}: easy-Dutch (B1) sentences for the client about the agreement
 *       in effect: what is agreed, why, until when, who to talk to.</li>
 *   <li>The building blocks: {@link #category}, {@link #service}, {@link #date}, {@link #inTime}, {@link #join},
 *       {@link #role}.</li>
 * </ul>
 * Category ids are those of Vangnet's lists (UT1 and Sinfonietta names such as {@code gambling}, {@code dating},
 * {@code social_networks}, {@code pornography}); service ids are AdGuard's ({@code tiktok} → TikTok). Unknown ids are
 * shown as they are. Times are the profile's local times (Europe/Amsterdam), {@code HH:mm}, with a window ending at
 * 00:00 shown as 24:00. Dates are written in Dutch ("1 maart 2027").
 *
 * <p>Pure functions; the lookup tables are read once at class initialisation. Thread-safe.
 */
public final class PlainDutch {
    /** The Dutch locale used for dates. */
    public static final Locale DUTCH = Locale.forLanguageTag("nl-NL");
    /** What the client page says when no agreement restricts the client's internet. */
    public static final String NO_AGREEMENTS = "Er zijn geen afspraken over je internet.";
    /** The summary of a profile that restricts nothing. */
    public static final String NO_RESTRICTIONS = "geen beperkingen";
    /** Up to this many domains are named in a {@link #profileSummary}; more are counted. */
    static final int SUMMARY_NAMES = 3;
    /** Up to this many domains are named in the client's sentences; more are counted. */
    static final int CLIENT_NAMES = 5;

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", DUTCH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final String DASH = "\u2013";
    private static final String[] SHORT_DAYS = {"ma", "di", "wo", "do", "vr", "za", "zo"};
    private static final String[] DAYS = {"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag",
            "zondag"};
    private static final Comparator<TimeWindow> WINDOW_ORDER = Comparator
            .comparing((TimeWindow w) -> firstDay(w.days()))
            .thenComparing(TimeWindow::from, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(TimeWindow::to, Comparator.nullsFirst(Comparator.naturalOrder()));
    private static final Map<String, String> CATEGORIES = categories();
    private static final Map<String, String> SERVICES = services();
    private static final Map<CareRole, String> ROLES = roles();

    private PlainDutch() {
    }

    // ---------------------------------------------------------------- building blocks

    /** The Dutch words for a list category id ({@code gambling} → "gokken"); an unknown id as it is. */
    public static String category(String id) {
        return id == null ? "" : CATEGORIES.getOrDefault(id.strip().toLowerCase(Locale.ROOT), id.strip());
    }

    /** The name of an AdGuard blocked-service id ({@code tiktok} → "TikTok"); an unknown id as it is. */
    public static String service(String id) {
        return id == null ? "" : SERVICES.getOrDefault(id.strip().toLowerCase(Locale.ROOT), id.strip());
    }

    /** A care role in plain Dutch ({@code ZORGVERANTWOORDELIJKE} → "zorgverantwoordelijke"). */
    public static String role(CareRole role) {
        return ROLES.get(Objects.requireNonNull(role, "role"));
    }

    /** A date in Dutch, e.g. "1 maart 2027". */
    public static String date(LocalDate day) {
        return DATE.format(Objects.requireNonNull(day, "day"));
    }

    /**
     * How far {@code day} is from {@code today}, in easy Dutch: "vandaag", "morgen", "over 3 dagen" (up to 6 days),
     * "over 1 week" / "over 3 weken" (whole weeks, up to 8 weeks), then "over 1 maand" / "over 4 maanden" (whole
     * calendar months); a past day gives "vandaag".
     */
    public static String inTime(LocalDate today, LocalDate day) {
        long days = ChronoUnit.DAYS.between(today, day);
        if (days <= 0) {
            return "vandaag";
        }
        if (days == 1) {
            return "morgen";
        }
        if (days < 7) {
            return "over " + days + " dagen";
        }
        if (days < 8 * 7) {
            long weeks = days / 7;
            return "over " + weeks + (weeks == 1 ? " week" : " weken");
        }
        long months = ChronoUnit.MONTHS.between(today, day);
        return "over " + months + (months == 1 ? " maand" : " maanden");
    }

    /** Joins in Dutch: "a", "a en b", "a, b en c"; empty for none. */
    public static String join(Collection<String> items) {
        List<String> l = List.copyOf(items);
        if (l.isEmpty()) {
            return "";
        }
        if (l.size() == 1) {
            return l.get(0);
        }
        return String.join(", ", l.subList(0, l.size() - 1)) + " en " + l.get(l.size() - 1);
    }

    // ---------------------------------------------------------------- staff summary

    /**
     * One line in plain Dutch that says what a profile restricts, for care staff, e.g. {@code "gokken en datingsites
     * geblokkeerd, internet 07:00–22:00"}. In order: allow-list mode ({@code "alleen deze sites: a.nl en b.nl"}),
     * what is always blocked (categories, services, domains — more than {@value #SUMMARY_NAMES} domains are counted),
     * what is blocked only in windows ({@code "sociale media geblokkeerd ma–vr 09:00–17:00"}), exceptions that stay
     * allowed, internet hours ({@code "internet 07:00–22:00"}, days only when not every day), SafeSearch and — only
     * when allowed — connections without a readable name. A profile that restricts nothing gives
     * {@value #NO_RESTRICTIONS}.
     */
    public static String profileSummary(Profile p) {
        Objects.requireNonNull(p, "profile");
        List<String> parts = new ArrayList<>();
        if (p.allowListOnly()) {
            List<String> allowed = values(p.allowedDomains());
            parts.add(allowed.isEmpty() ? "alleen sites die vooraf gekozen zijn (nog geen gekozen)"
                    : "alleen deze sites: " + names(allowed, SUMMARY_NAMES, n -> n + " andere"));
        }
        Map<List<TimeWindow>, Blocked> blocked = blocked(p);
        for (Map.Entry<List<TimeWindow>, Blocked> e : blocked.entrySet()) {
            String what = join(e.getValue().summaryItems()) + " geblokkeerd";
            parts.add(e.getKey().isEmpty() ? what : what + " " + windows(e.getKey()));
        }
        boolean restricts = p.allowListOnly() || !blocked.isEmpty() || !p.internetHours().isEmpty() || p.safeSearch();
        if (!p.allowListOnly() && !blocked.isEmpty() && !p.allowedDomains().isEmpty()) {
            List<String> allowed = values(p.allowedDomains());
            parts.add(allowed.size() <= SUMMARY_NAMES ? join(allowed) + " altijd toegestaan"
                    : allowed.size() + " sites altijd toegestaan");
        }
        if (!p.internetHours().isEmpty()) {
            parts.add("internet " + windows(p.internetHours()));
        }
        if (p.safeSearch()) {
            parts.add("SafeSearch aan");
        }
        if (!restricts) {
            return NO_RESTRICTIONS;
        }
        if (p.allowOpaqueConnections()) {
            parts.add("verbindingen zonder leesbare naam toegestaan");
        }
        return String.join(", ", parts);
    }

    // ---------------------------------------------------------------- client sentences

    /**
     * The agreement in effect for a client on {@code today}, in easy Dutch; empty when nothing restricts the client
     * (then the page says {@value #NO_AGREEMENTS} and nothing else).
     *
     * @param entry the client's entry in the current snapshot
     * @param today the local date (Europe/Amsterdam)
     */
    public static Optional<ClientAgreement> clientAgreement(ClientEntry entry, LocalDate today) {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(today, "today");
        Registration r = entry.policy().registration();
        Profile profile = entry.profile();
        if (!entry.restricted() || r == null) {
            return Optional.empty();
        }
        return Optional.of(new ClientAgreement(profileSummary(profile), agreedLines(profile),
                whyLines(r.basis(), r.risks()), untilLines(r, entry.policy().state(), today), talkToLines(r)));
    }

    /** What a profile means for the client, one easy sentence per kind of rule; never empty. */
    public static List<String> agreedLines(Profile p) {
        Objects.requireNonNull(p, "profile");
        List<String> lines = new ArrayList<>();
        if (p.allowListOnly()) {
            List<String> allowed = values(p.allowedDomains());
            lines.add(allowed.isEmpty() ? "Je kunt alleen websites openen die we samen hebben gekozen."
                    : allowed.size() <= CLIENT_NAMES ? "Je kunt alleen deze websites openen: " + join(allowed) + "."
                    : "Je kunt alleen " + allowed.size() + " websites openen die we samen hebben gekozen.");
        }
        for (Map.Entry<List<TimeWindow>, Blocked> e : blocked(p).entrySet()) {
            Blocked b = e.getValue();
            String when = e.getKey().isEmpty() ? null : capitalise(fullWindows(e.getKey()));
            if (!b.categories.isEmpty()) {
                lines.add((when == null ? "Deze soorten websites kun je niet openen: "
                        : when + " kun je deze soorten websites niet openen: ") + join(b.categories) + ".");
            }
            if (!b.services.isEmpty()) {
                lines.add((when == null ? "Deze apps werken niet: " : when + " werken deze apps niet: ")
                        + join(b.services) + ".");
            }
            if (!b.domains.isEmpty() && b.domains.size() <= CLIENT_NAMES) {
                lines.add((when == null ? "Deze websites kun je niet openen: "
                        : when + " kun je deze websites niet openen: ") + join(b.domains) + ".");
            } else if (!b.domains.isEmpty()) {
                lines.add(when == null ? "Er zijn " + b.domains.size() + " websites die je niet kunt openen."
                        : when + " kun je " + b.domains.size() + " websites niet openen.");
            }
        }
        if (!p.allowListOnly() && !p.allowedDomains().isEmpty() && !lines.isEmpty()) {
            List<String> allowed = values(p.allowedDomains());
            lines.add(allowed.size() <= CLIENT_NAMES ? "Deze websites werken altijd: " + join(allowed) + "."
                    : "Er zijn " + allowed.size() + " websites die altijd werken.");
        }
        if (!p.internetHours().isEmpty()) {
            lines.add("Je hebt internet " + fullWindows(p.internetHours()) + ".");
            lines.add("Buiten die tijden werkt internet niet.");
        }
        if (p.safeSearch()) {
            lines.add("Als je zoekt op internet (bijvoorbeeld met Google), staat veilig zoeken aan.");
        }
        if (lines.isEmpty()) {
            lines.add("Er zijn nu geen beperkingen.");
        }
        return List.copyOf(lines);
    }

    /** Why: the risks in plain words, and what the legal basis means, one easy sentence each. */
    public static List<String> whyLines(Basis basis, Set<Risk> risks) {
        Objects.requireNonNull(basis, "basis");
        List<String> lines = new ArrayList<>();
        if (risks != null && !risks.isEmpty()) {
            List<String> words = risks.stream().sorted().map(Risk::dutch).toList();
            lines.add("We willen je beschermen. Het gaat om: " + join(words) + ".");
        }
        lines.add(basisLine(basis));
        return List.copyOf(lines);
    }

    /** What a legal basis means for the client, in one easy sentence (or two short ones). */
    public static String basisLine(Basis basis) {
        return switch (Objects.requireNonNull(basis, "basis")) {
            case VOLUNTARY -> "Je hebt hier zelf mee ingestemd. Wil je het niet meer? Zeg het, dan stopt het.";
            case WZD -> "Dit is besloten volgens de Wet zorg en dwang. Dat is zorg waar je zelf niet voor hebt gekozen.";
            case WZD_UNFORESEEN -> "Dit is snel besloten volgens de Wet zorg en dwang, omdat het nodig was. Het duurt"
                    + " maar kort.";
        };
    }

    /**
     * Until when: the next phase-out step ("Over 3 weken, vanaf 1 maart 2027, mag je meer."), the evaluation date in
     * force and the end date.
     *
     * @param state the registration's state (its step index says which step is next); {@code null} to take the
     *              first step after {@code today}
     */
    public static List<String> untilLines(Registration r, RegistrationState state, LocalDate today) {
        Objects.requireNonNull(r, "registration");
        Objects.requireNonNull(today, "today");
        List<String> lines = new ArrayList<>();
        nextStep(r, state, today).ifPresent(step -> lines.add(phaseOutLine(today, step)));
        LocalDate due = r.evaluationDueOn(today);
        if (due != null && !due.isBefore(today) && (r.end() == null || !due.isAfter(r.end()))) {
            lines.add("Op " + date(due) + " kijken we samen of deze afspraak nog nodig is.");
        }
        if (r.end() != null) {
            lines.add("Deze afspraak duurt tot en met " + date(r.end()) + ".");
        }
        return List.copyOf(lines);
    }

    /** The phase-out sentence for a coming step, e.g. "Over 3 weken, vanaf 1 maart 2027, mag je meer." */
    public static String phaseOutLine(LocalDate today, PhaseOutStep step) {
        Objects.requireNonNull(step, "step");
        String when = capitalise(inTime(today, step.from())) + ", vanaf " + date(step.from()) + ", ";
        return when + (step.isUnrestricted() ? "zijn er geen afspraken meer over je internet." : "mag je meer.");
    }

    /**
     * Who to talk to: the personal supporter always; the person who decided when a name is recorded (and it is not
     * the client); for a Wzd basis also the client confidant.
     */
    public static List<String> talkToLines(Registration r) {
        Objects.requireNonNull(r, "registration");
        List<String> lines = new ArrayList<>();
        lines.add("Wil je erover praten? Vraag het je persoonlijk begeleider.");
        Person by = r.decidedBy();
        if (by != null && by.name() != null && by.role() != CareRole.CLIENT) {
            String who = by.role() == null ? by.name() : by.name() + " (" + role(by.role()) + ")";
            lines.add("Dit is besloten door " + who + ". Met die persoon mag je ook praten.");
        }
        if (r.basis() != null && r.basis().isWzd()) {
            lines.add("Ben je het er niet mee eens? Je mag hulp vragen aan de cliëntenvertrouwenspersoon.");
        }
        return List.copyOf(lines);
    }

    // ---------------------------------------------------------------- helpers

    /** The block rules of a profile grouped by their windows (always first), in the profile's order. */
    private static Map<List<TimeWindow>, Blocked> blocked(Profile p) {
        Map<List<TimeWindow>, Blocked> out = new LinkedHashMap<>();
        out.put(List.of(), new Blocked());
        for (Rule r : p.blockedCategories()) {
            group(out, r).categories.add(category(r.value()));
        }
        for (Rule r : p.blockedServices()) {
            group(out, r).services.add(service(r.value()));
        }
        for (Rule r : p.blockedDomains()) {
            group(out, r).domains.add(r.value());
        }
        out.values().removeIf(Blocked::isEmpty);
        return out;
    }

    private static Blocked group(Map<List<TimeWindow>, Blocked> groups, Rule r) {
        List<TimeWindow> key = r.activeDuring().stream().sorted(WINDOW_ORDER).toList();
        return groups.computeIfAbsent(key, k -> new Blocked());
    }

    private static int firstDay(Set<DayOfWeek> days) {
        return days.stream().mapToInt(DayOfWeek::ordinal).min().orElse(7);
    }

    /** The blocked things of one window group, as display words (de-duplicated, in order). */
    private static final class Blocked {
        final Set<String> categories = new LinkedHashSet<>();
        final Set<String> services = new LinkedHashSet<>();
        final Set<String> domains = new LinkedHashSet<>();

        boolean isEmpty() {
            return categories.isEmpty() && services.isEmpty() && domains.isEmpty();
        }

        List<String> summaryItems() {
            List<String> items = new ArrayList<>(categories);
            items.addAll(services);
            if (domains.size() <= SUMMARY_NAMES) {
                items.addAll(domains);
            } else {
                items.add(domains.size() + " sites");
            }
            return items;
        }
    }

    private static List<String> values(List<Rule> rules) {
        return rules.stream().map(Rule::value).filter(Objects::nonNull).distinct().toList();
    }

    private static String names(List<String> names, int max, Function<Integer, String> more) {
        if (names.size() <= max) {
            return join(names);
        }
        List<String> shown = new ArrayList<>(names.subList(0, max));
        shown.add(more.apply(names.size() - max));
        return join(shown);
    }

    /** Windows for the summary: "07:00–22:00", "ma–vr 09:00–17:00 en za/zo 10:00–12:00". */
    static String windows(List<TimeWindow> windows) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<Set<DayOfWeek>, List<TimeWindow>> e : byDays(windows).entrySet()) {
            String times = join(e.getValue().stream().map(PlainDutch::span).toList());
            String days = shortDays(e.getKey());
            parts.add(days.isEmpty() ? times : days + " " + times);
        }
        return join(parts);
    }

    /** Windows in easy words: "elke dag van 07:00 tot 22:00", "maandag tot en met vrijdag van 09:00 tot 17:00". */
    static String fullWindows(List<TimeWindow> windows) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<Set<DayOfWeek>, List<TimeWindow>> e : byDays(windows).entrySet()) {
            String times = join(e.getValue().stream()
                    .map(w -> "van " + time(w.from(), false) + " tot " + time(w.to(), true)).toList());
            parts.add(fullDays(e.getKey()) + " " + times);
        }
        return join(parts);
    }

    private static Map<Set<DayOfWeek>, List<TimeWindow>> byDays(List<TimeWindow> windows) {
        Map<Set<DayOfWeek>, List<TimeWindow>> out = new LinkedHashMap<>();
        for (TimeWindow w : windows.stream().sorted(WINDOW_ORDER).toList()) {
            Set<DayOfWeek> days = w.days().isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(w.days());
            out.computeIfAbsent(days, d -> new ArrayList<>()).add(w);
        }
        return out;
    }

    private static String span(TimeWindow w) {
        return time(w.from(), false) + DASH + time(w.to(), true);
    }

    /** {@code HH:mm}; an end of 00:00 is the end of the day, 24:00. */
    private static String time(LocalTime t, boolean end) {
        if (t == null) {
            return "?";
        }
        return end && t.equals(LocalTime.MIDNIGHT) ? "24:00" : TIME.format(t);
    }

    /** "" for every day, else runs of 2+ days as ranges ("ma–vr", "za–zo") and single days, joined with "/". */
    private static String shortDays(Set<DayOfWeek> days) {
        if (days.size() == 7) {
            return "";
        }
        if (days.isEmpty()) {
            return "geen dag";
        }
        List<String> parts = new ArrayList<>();
        for (int[] run : runs(days)) {
            parts.add(run[0] == run[1] ? SHORT_DAYS[run[0]] : SHORT_DAYS[run[0]] + DASH + SHORT_DAYS[run[1]]);
        }
        return String.join("/", parts);
    }

    /** "elke dag", "maandag tot en met vrijdag", "zaterdag en zondag", "maandag, woensdag en vrijdag". */
    private static String fullDays(Set<DayOfWeek> days) {
        if (days.size() == 7) {
            return "elke dag";
        }
        if (days.isEmpty()) {
            return "op geen enkele dag";
        }
        List<String> parts = new ArrayList<>();
        for (int[] run : runs(days)) {
            if (run[1] - run[0] >= 2) {
                parts.add(DAYS[run[0]] + " tot en met " + DAYS[run[1]]);
            } else {
                for (int d = run[0]; d <= run[1]; d++) {
                    parts.add(DAYS[d]);
                }
            }
        }
        return "op " + join(parts);
    }

    /** Runs of consecutive days, Monday first: {first ordinal, last ordinal}. */
    private static List<int[]> runs(Set<DayOfWeek> days) {
        List<int[]> runs = new ArrayList<>();
        int start = -1;
        for (int d = 0; d <= 7; d++) {
            boolean in = d < 7 && days.contains(DayOfWeek.values()[d]);
            if (in && start < 0) {
                start = d;
            } else if (!in && start >= 0) {
                runs.add(new int[] {start, d - 1});
                start = -1;
            }
        }
        return runs;
    }

    private static Optional<PhaseOutStep> nextStep(Registration r, RegistrationState state, LocalDate today) {
        List<PhaseOutStep> steps = r.phaseOut();
        if (state != null && state.stepIndex() >= 0) {
            return state.stepIndex() < steps.size() ? Optional.of(steps.get(state.stepIndex())) : Optional.empty();
        }
        return steps.stream().filter(s -> s.from() != null && s.from().isAfter(today)).findFirst();
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static Map<String, String> categories() {
        Map<String, String> m = new HashMap<>();
        m.put("gambling", "gokken");
        m.put("dating", "datingsites");
        m.put("shopping", "webwinkels");
        m.put("social_networks", "sociale media");
        m.put("social", "sociale media");
        m.put("chat", "chatsites");
        m.put("adult", "seksuele inhoud");
        m.put("mixed_adult", "sites met deels seksuele inhoud");
        m.put("pornography", "porno");
        m.put("porn", "porno");
        m.put("sexual_education", "seksuele voorlichting");
        m.put("lingerie", "lingerie");
        m.put("phishing", "phishing");
        m.put("malware", "schadelijke software");
        m.put("cryptojacking", "stiekem cryptomunten delven");
        m.put("games", "games");
        m.put("vpn", "vpn-diensten");
        m.put("redirector", "sites om het filter te omzeilen");
        m.put("strict_redirector", "sites om het filter te omzeilen");
        m.put("strong_redirector", "sites om het filter te omzeilen");
        m.put("remote-control", "besturing op afstand");
        m.put("translation", "vertaalsites");
        m.put("webmail", "webmail");
        m.put("filehosting", "bestanden delen");
        m.put("download", "downloadsites");
        m.put("warez", "illegale downloads");
        m.put("hacking", "hacken");
        m.put("ddos", "aanvallen op websites");
        m.put("drogue", "drugs");
        m.put("agressif", "agressieve sites");
        m.put("violence", "geweld");
        m.put("dangerous_material", "gevaarlijke stoffen");
        m.put("sect", "sektes");
        m.put("forums", "forums");
        m.put("blog", "blogs");
        m.put("audio-video", "video en muziek");
        m.put("radio", "internetradio");
        m.put("press", "nieuws");
        m.put("sports", "sport");
        m.put("financial", "geldzaken en beleggen");
        m.put("bank", "bankieren");
        m.put("bitcoin", "cryptomunten");
        m.put("astrology", "astrologie");
        m.put("celebrity", "beroemdheden");
        m.put("manga", "manga");
        m.put("publicite", "reclame");
        m.put("marketingware", "reclame");
        m.put("shortener", "verkorte links");
        m.put("jobsearch", "vacatures");
        m.put("mobile-phone", "mobiele telefonie");
        m.put("tricheur", "spieken");
        return Map.copyOf(m);
    }

    private static Map<String, String> services() {
        Properties p = new Properties();
        String resource = "services.properties";
        try (InputStream in = PlainDutch.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource nl/vangnet/config/text/" + resource);
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read nl/vangnet/config/text/" + resource, e);
        }
        Map<String, String> m = new HashMap<>();
        p.forEach((k, v) -> m.put(k.toString().toLowerCase(Locale.ROOT), v.toString().strip()));
        return Map.copyOf(m);
    }

    private static Map<CareRole, String> roles() {
        Map<CareRole, String> m = new HashMap<>();
        m.put(CareRole.PERSOONLIJK_BEGELEIDER, "persoonlijk begeleider");
        m.put(CareRole.ZORGVERANTWOORDELIJKE, "zorgverantwoordelijke");
        m.put(CareRole.GEDRAGSDESKUNDIGE, "gedragsdeskundige");
        m.put(CareRole.ARTS, "arts");
        m.put(CareRole.DESKUNDIGE_ANDERE_DISCIPLINE, "deskundige");
        m.put(CareRole.EXTERNE_DESKUNDIGE, "externe deskundige");
        m.put(CareRole.WZD_FUNCTIONARIS, "Wzd-functionaris");
        m.put(CareRole.CLIENT, "cliënt");
        m.put(CareRole.VERTEGENWOORDIGER, "vertegenwoordiger");
        for (CareRole r : CareRole.values()) {
            if (!m.containsKey(r)) {
                throw new IllegalStateException("no Dutch word for care role " + r);
            }
        }
        return Map.copyOf(m);
    }
}
