package nl.vangnet.config.text;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import nl.vangnet.config.model.Basis;
import nl.vangnet.config.model.CareRole;
import nl.vangnet.config.model.Profile;
import nl.vangnet.config.model.Risk;
import nl.vangnet.config.model.Rule;
import nl.vangnet.config.model.TimeWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class PlainDutchTest {

    static TimeWindow daily(String from, String to) {
        return TimeWindow.daily(LocalTime.parse(from), LocalTime.parse(to));
    }

    static TimeWindow on(Set<DayOfWeek> days, String from, String to) {
        return new TimeWindow(days, LocalTime.parse(from), LocalTime.parse(to));
    }

    static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(MONDAY, FRIDAY);
    static final Set<DayOfWeek> WEEKEND = EnumSet.of(SATURDAY, SUNDAY);

    static List<Rule> rules(String... values) {
        return Stream.of(values).map(v -> Rule.always(v, Risk.OTHER)).toList();
    }

    /** A profile builder for the matrix. */
    record P(List<Rule> categories, List<Rule> services, List<Rule> domains, List<Rule> allowed, boolean allowListOnly,
            List<TimeWindow> hours, boolean safeSearch, boolean opaque) {
        static P empty() {
            return new P(List.of(), List.of(), List.of(), List.of(), false, List.of(), false, false);
        }

        P categories(Rule... r) {
            return new P(List.of(r), services, domains, allowed, allowListOnly, hours, safeSearch, opaque);
        }

        P services(Rule... r) {
            return new P(categories, List.of(r), domains, allowed, allowListOnly, hours, safeSearch, opaque);
        }

        P domains(Rule... r) {
            return new P(categories, services, List.of(r), allowed, allowListOnly, hours, safeSearch, opaque);
        }

        P allowed(boolean only, Rule... r) {
            return new P(categories, services, domains, List.of(r), only, hours, safeSearch, opaque);
        }

        P hours(TimeWindow... w) {
            return new P(categories, services, domains, allowed, allowListOnly, List.of(w), safeSearch, opaque);
        }

        P withSafeSearch() {
            return new P(categories, services, domains, allowed, allowListOnly, hours, true, opaque);
        }

        P withOpaque() {
            return new P(categories, services, domains, allowed, allowListOnly, hours, safeSearch, true);
        }

        Profile build() {
            return new Profile(7, "p", null, categories, services, domains, allowed, allowListOnly, hours, safeSearch,
                    opaque, 1);
        }
    }

    static Rule r(String value) {
        return Rule.always(value, Risk.OTHER);
    }

    static Rule during(String value, TimeWindow... windows) {
        return new Rule(value, Risk.OTHER, List.of(windows));
    }

    static Rule[] many(String suffix, int n) {
        return Stream.iterate(1, i -> i + 1).limit(n).map(i -> r("site" + i + suffix)).toArray(Rule[]::new);
    }

    static Stream<Arguments> summaries() {
        return Stream.of(
                Arguments.of("the design card's example",
                        P.empty().categories(r("gambling"), r("dating")).hours(daily("07:00", "22:00")),
                        "gokken en datingsites geblokkeerd, internet 07:00–22:00"),
                Arguments.of("empty profile", P.empty(), "geen beperkingen"),
                Arguments.of("exceptions alone restrict nothing", P.empty().allowed(false, r("a.nl")),
                        "geen beperkingen"),
                Arguments.of("opaque connections alone restrict nothing", P.empty().withOpaque(), "geen beperkingen"),
                Arguments.of("unknown category shown as is", P.empty().categories(r("knitting")),
                        "knitting geblokkeerd"),
                Arguments.of("categories, services and few domains in one list",
                        P.empty().categories(r("social_networks")).services(r("tiktok"), r("instagram"))
                                .domains(r("casino.example")),
                        "sociale media, TikTok, Instagram en casino.example geblokkeerd"),
                Arguments.of("unknown service shown as is", P.empty().services(r("myspace")), "myspace geblokkeerd"),
                Arguments.of("many domains are counted", P.empty().domains(many(".nl", 4)), "4 sites geblokkeerd"),
                Arguments.of("three domains are named", P.empty().domains(many(".nl", 3)),
                        "site1.nl, site2.nl en site3.nl geblokkeerd"),
                Arguments.of("duplicates once", P.empty().categories(r("social"), r("social_networks")),
                        "sociale media geblokkeerd"),
                Arguments.of("allow-list mode names the sites",
                        P.empty().allowed(true, r("school.nl"), r("wikipedia.org")),
                        "alleen deze sites: school.nl en wikipedia.org"),
                Arguments.of("allow-list mode with many sites",
                        P.empty().allowed(true, many(".org", 5)),
                        "alleen deze sites: site1.org, site2.org, site3.org en 2 andere"),
                Arguments.of("allow-list mode without sites",
                        P.empty().allowed(true),
                        "alleen sites die vooraf gekozen zijn (nog geen gekozen)"),
                Arguments.of("exceptions next to blocks",
                        P.empty().categories(r("games")).allowed(false, r("schoolgame.nl")),
                        "games geblokkeerd, schoolgame.nl altijd toegestaan"),
                Arguments.of("many exceptions are counted",
                        P.empty().categories(r("games")).allowed(false, many(".nl", 4)),
                        "games geblokkeerd, 4 sites altijd toegestaan"),
                Arguments.of("rule active only in a window",
                        P.empty().categories(r("gambling"),
                                during("social_networks", on(WEEKDAYS, "09:00", "17:00"))),
                        "gokken geblokkeerd, sociale media geblokkeerd ma–vr 09:00–17:00"),
                Arguments.of("rules with the same windows are grouped",
                        P.empty().categories(during("games", on(WEEKEND, "00:00", "10:00")))
                                .services(during("roblox", on(WEEKEND, "00:00", "10:00"))),
                        "games en Roblox geblokkeerd za–zo 00:00–10:00"),
                Arguments.of("hours on some days",
                        P.empty().hours(on(WEEKDAYS, "07:00", "22:00"), on(WEEKEND, "09:00", "00:00")),
                        "internet ma–vr 07:00–22:00 en za–zo 09:00–24:00"),
                Arguments.of("scattered days, two windows on one day",
                        P.empty().hours(on(EnumSet.of(MONDAY, WEDNESDAY, FRIDAY), "13:00", "22:00"),
                                on(EnumSet.of(MONDAY, WEDNESDAY, FRIDAY), "07:00", "12:00")),
                        "internet ma/wo/vr 07:00–12:00 en 13:00–22:00"),
                Arguments.of("night window past midnight", P.empty().hours(daily("22:00", "07:00")),
                        "internet 22:00–07:00"),
                Arguments.of("SafeSearch", P.empty().withSafeSearch(), "SafeSearch aan"),
                Arguments.of("opaque connections allowed beside a restriction", P.empty().withSafeSearch().withOpaque(),
                        "SafeSearch aan, verbindingen zonder leesbare naam toegestaan"),
                Arguments.of("everything in order",
                        P.empty().categories(r("gambling")).hours(daily("07:00", "23:00")).withSafeSearch(),
                        "gokken geblokkeerd, internet 07:00–23:00, SafeSearch aan"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("summaries")
    void profileSummary(String name, P profile, String expected) {
        assertThat(PlainDutch.profileSummary(profile.build())).isEqualTo(expected);
    }

    @Test
    void profileSummaryFitsAFunction() {
        Function<Profile, String> describe = PlainDutch::profileSummary;
        assertThat(describe.apply(P.empty().categories(r("dating")).build())).isEqualTo("datingsites geblokkeerd");
    }

    static Stream<Arguments> clientLines() {
        return Stream.of(
                Arguments.of("categories and hours",
                        P.empty().categories(r("gambling"), r("dating")).hours(daily("07:00", "22:00")),
                        List.of("Deze soorten websites kun je niet openen: gokken en datingsites.",
                                "Je hebt internet elke dag van 07:00 tot 22:00.",
                                "Buiten die tijden werkt internet niet.")),
                Arguments.of("services and domains",
                        P.empty().services(r("tiktok")).domains(r("casino.example")),
                        List.of("Deze apps werken niet: TikTok.",
                                "Deze websites kun je niet openen: casino.example.")),
                Arguments.of("many domains are counted", P.empty().domains(many(".nl", 6)),
                        List.of("Er zijn 6 websites die je niet kunt openen.")),
                Arguments.of("windowed rule",
                        P.empty().categories(during("social_networks", on(WEEKDAYS, "09:00", "17:00"))),
                        List.of("Op maandag tot en met vrijdag van 09:00 tot 17:00 kun je deze soorten websites niet"
                                + " openen: sociale media.")),
                Arguments.of("windowed services and many domains",
                        P.empty().services(during("youtube", daily("21:00", "07:00")))
                                .domains(Stream.of(many(".nl", 6)).map(x -> during(x.value(),
                                        daily("21:00", "07:00"))).toArray(Rule[]::new)),
                        List.of("Elke dag van 21:00 tot 07:00 werken deze apps niet: YouTube.",
                                "Elke dag van 21:00 tot 07:00 kun je 6 websites niet openen.")),
                Arguments.of("allow-list mode", P.empty().allowed(true, r("school.nl")),
                        List.of("Je kunt alleen deze websites openen: school.nl.")),
                Arguments.of("allow-list mode with many sites", P.empty().allowed(true, many(".nl", 6)),
                        List.of("Je kunt alleen 6 websites openen die we samen hebben gekozen.")),
                Arguments.of("exceptions", P.empty().categories(r("games")).allowed(false, r("schoolgame.nl")),
                        List.of("Deze soorten websites kun je niet openen: games.",
                                "Deze websites werken altijd: schoolgame.nl.")),
                Arguments.of("weekend hours",
                        P.empty().hours(on(WEEKEND, "10:00", "00:00"), on(EnumSet.of(MONDAY, WEDNESDAY), "16:00",
                                "20:00")),
                        List.of("Je hebt internet op maandag en woensdag van 16:00 tot 20:00 en op zaterdag en"
                                + " zondag van 10:00 tot 24:00.", "Buiten die tijden werkt internet niet.")),
                Arguments.of("SafeSearch", P.empty().withSafeSearch(),
                        List.of("Als je zoekt op internet (bijvoorbeeld met Google), staat veilig zoeken aan.")),
                Arguments.of("nothing", P.empty(), List.of("Er zijn nu geen beperkingen.")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clientLines")
    void agreedLines(String name, P profile, List<String> expected) {
        assertThat(PlainDutch.agreedLines(profile.build())).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            2027-03-01 | 1 maart 2027
            2026-12-31 | 31 december 2026
            2027-10-09 | 9 oktober 2027
            """)
    void dates(LocalDate day, String expected) {
        assertThat(PlainDutch.date(day)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            2027-03-01 | 2027-02-20 | vandaag
            2027-03-01 | 2027-03-01 | vandaag
            2027-03-01 | 2027-03-02 | morgen
            2027-03-01 | 2027-03-03 | over 2 dagen
            2027-03-01 | 2027-03-07 | over 6 dagen
            2027-03-01 | 2027-03-08 | over 1 week
            2027-03-01 | 2027-03-22 | over 3 weken
            2027-03-01 | 2027-04-25 | over 7 weken
            2027-03-01 | 2027-04-26 | over 1 maand
            2027-03-01 | 2027-07-01 | over 4 maanden
            """)
    void inTime(LocalDate today, LocalDate day, String expected) {
        assertThat(PlainDutch.inTime(today, day)).isEqualTo(expected);
    }

    static Stream<Arguments> joins() {
        return Stream.of(Arguments.of(List.of(), ""), Arguments.of(List.of("a"), "a"),
                Arguments.of(List.of("a", "b"), "a en b"), Arguments.of(List.of("a", "b", "c"), "a, b en c"));
    }

    @ParameterizedTest
    @MethodSource("joins")
    void join(List<String> items, String expected) {
        assertThat(PlainDutch.join(items)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            gambling        | gokken
            GAMBLING        | gokken
            dating          | datingsites
            social_networks | sociale media
            pornography     | porno
            vpn             | vpn-diensten
            knitting        | knitting
            """)
    void categories(String id, String expected) {
        assertThat(PlainDutch.category(id)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            tiktok    | TikTok
            instagram | Instagram
            twitter   | X (Twitter)
            whatsapp  | WhatsApp
            myspace   | myspace
            """)
    void services(String id, String expected) {
        assertThat(PlainDutch.service(id)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(CareRole.class)
    void everyRoleHasADutchWord(CareRole role) {
        assertThat(PlainDutch.role(role)).isNotBlank().doesNotContain("_");
    }

    @ParameterizedTest
    @EnumSource(Basis.class)
    void everyBasisHasAnEasyLine(Basis basis) {
        assertThat(PlainDutch.basisLine(basis)).isNotBlank().endsWith(".");
        assertThat(PlainDutch.basisLine(basis).contains("Wet zorg en dwang")).isEqualTo(basis.isWzd());
    }
}
