package nl.vangnet.config.rules;

import static nl.vangnet.config.rules.Fixtures.profile;
import static nl.vangnet.config.rules.ProblemAssertions.assertProblems;
import static nl.vangnet.config.rules.ProblemAssertions.assertValid;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import nl.vangnet.config.model.Profile;
import nl.vangnet.config.model.Risk;
import nl.vangnet.config.model.Rule;
import nl.vangnet.config.model.TimeWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProfileValidationTest {
    private final ModelValidator validator = new ModelValidator(Limits.DEFAULTS);

    private static Fixtures.ProfileBuilder base() {
        return profile(Fixtures.light());
    }

    private static List<Rule> rules(String... values) {
        return Stream.of(values).map(v -> Rule.always(v, Risk.OTHER)).toList();
    }

    private static TimeWindow window(Set<DayOfWeek> days, String from, String to) {
        return new TimeWindow(days, from == null ? null : LocalTime.parse(from), to == null ? null
                : LocalTime.parse(to));
    }

    private static Profile hours(TimeWindow w) {
        return base().internetHours(List.of(w)).build();
    }

    private static Profile blockedDomain(String d) {
        return base().blockedDomains(rules(d)).build();
    }

    private static Profile allowedDomain(String d) {
        return base().allowedDomains(rules(d)).build();
    }

    static Stream<Arguments> invalid() {
        Set<DayOfWeek> mon = Set.of(DayOfWeek.MONDAY);
        return Stream.of(
                Arguments.of("no name", base().name(null).build(), "name", "profile name is required"),
                Arguments.of("name too long", base().name("n".repeat(65)).build(), "name", "at most 64"),
                Arguments.of("category without value", base().blockedCategories(List.of(new Rule(" ", null,
                        List.of()))).build(), "blockedCategories[0].value", "a category is required"),
                Arguments.of("category id with a space", base().blockedCategories(rules("gambling", "gok ken"))
                        .build(), "blockedCategories[1].value", "not a valid id"),
                Arguments.of("service id with a slash", base().blockedServices(rules("tik/tok")).build(),
                        "blockedServices[0].value", "not a valid id"),
                Arguments.of("category twice", base().blockedCategories(rules("gambling", "Gambling")).build(),
                        "blockedCategories[1].value", "listed twice (also blockedCategories[0])"),
                Arguments.of("service twice", base().blockedServices(rules("tiktok", "tiktok")).build(),
                        "blockedServices[1].value", "listed twice"),
                Arguments.of("domain is a URL", blockedDomain("https://casino.example"), "blockedDomains[0].value",
                        "without a scheme"),
                Arguments.of("domain with a path", blockedDomain("casino.example/poker"), "blockedDomains[0].value",
                        "contains a path"),
                Arguments.of("domain with a port", blockedDomain("casino.example:443"), "blockedDomains[0].value",
                        "without ':port'"),
                Arguments.of("label starting with a hyphen", blockedDomain("-casino.example"),
                        "blockedDomains[0].value", "may only contain letters, digits and hyphens"),
                Arguments.of("label with an underscore", blockedDomain("casino_x.example"),
                        "blockedDomains[0].value", "may only contain letters, digits and hyphens"),
                Arguments.of("wildcard in the middle", blockedDomain("*.*.example"), "blockedDomains[0].value",
                        "label '*'"),
                Arguments.of("empty label", blockedDomain("casino..example"), "blockedDomains[0].value",
                        "empty label"),
                Arguments.of("label of 64 characters", blockedDomain("a".repeat(64) + ".example"),
                        "blockedDomains[0].value", "longer than 63"),
                Arguments.of("unconvertible internationalised name", blockedDomain("ü" + "a".repeat(70)
                        + ".example"), "blockedDomains[0].value", "longer than 63"),
                Arguments.of("domain of 254 characters", blockedDomain(("a".repeat(62) + ".").repeat(4)
                        + "bc"), "blockedDomains[0].value", "longer than 253"),
                Arguments.of("broken IP address", blockedDomain("1.2.3"), "blockedDomains[0].value",
                        "neither a valid IP address nor a domain name"),
                Arguments.of("IP address as allowed domain", allowedDomain("192.0.2.1"), "allowedDomains[0].value",
                        "only domain names can be allowed"),
                Arguments.of("domain twice after normalisation", base().blockedDomains(rules("casino.example",
                        "CASINO.example.")).build(), "blockedDomains[1].value", "listed twice"),
                Arguments.of("allowed domain twice", base().allowedDomains(rules("nos.nl", "*.nos.nl")).build(),
                        "allowedDomains[1].value", "listed twice"),
                Arguments.of("blocked and allowed", base().blockedDomains(rules("Casino.Example"))
                        .allowedDomains(rules("casino.example.")).build(), "allowedDomains[0].value",
                        "both blocked (blockedDomains[0]) and allowed"),
                Arguments.of("allow-list-only without allowed domains", base().allowedDomains(List.of())
                        .allowListOnly(true).build(), "allowListOnly", "at least one allowed domain"),
                Arguments.of("allowed domain with a time window", base().allowedDomains(List.of(new Rule("nos.nl",
                        null, List.of(TimeWindow.daily(LocalTime.of(9, 0), LocalTime.of(17, 0)))))).build(),
                        "allowedDomains[0].activeDuring", "cannot have time windows"),
                Arguments.of("window without days", hours(window(Set.of(), "07:00", "22:00")),
                        "internetHours[0].days", "at least one day"),
                Arguments.of("window without start", hours(window(mon, null, "22:00")), "internetHours[0].from",
                        "needs a start time"),
                Arguments.of("window without end", hours(window(mon, "07:00", null)), "internetHours[0].to",
                        "needs an end time"),
                Arguments.of("window from equal to to", hours(window(mon, "10:00", "10:00")), "internetHours[0].to",
                        "starts and ends at the same time"),
                Arguments.of("internet hours covering no minute", hours(window(mon, "10:00:30", "10:00:45")),
                        "internetHours", "cover no time at all"),
                Arguments.of("rule window without start", base().blockedCategories(List.of(new Rule("gambling",
                        null, List.of(window(mon, null, "17:00"))))).build(),
                        "blockedCategories[0].activeDuring[0].from", "needs a start time"),
                Arguments.of("no profile at all", null, "profile", "required"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void reportsTheField(String name, Profile p, String field, String fragment) {
        assertProblems(validator.profile(p), fragment, field);
    }

    static Stream<Arguments> valid() {
        Set<DayOfWeek> sat = Set.of(DayOfWeek.SATURDAY);
        return Stream.of(
                Arguments.of("blocked IPv4 literal", blockedDomain("192.0.2.7")),
                Arguments.of("blocked IPv6 literal", blockedDomain("2001:DB8::7")),
                Arguments.of("internationalised domain", blockedDomain("bücher.example")),
                Arguments.of("punycode domain", blockedDomain("xn--bcher-kva.example")),
                Arguments.of("wildcard prefix", blockedDomain("*.casino.example")),
                Arguments.of("top-level domain", blockedDomain("casino")),
                Arguments.of("trailing dot", blockedDomain("casino.example.")),
                Arguments.of("domain of 253 characters", blockedDomain(("a".repeat(62) + ".").repeat(4)
                        + "b")),
                Arguments.of("window past midnight", hours(window(sat, "22:00", "02:00"))),
                Arguments.of("window to the end of the day", hours(window(sat, "10:00", "00:00"))),
                Arguments.of("whole-day window", hours(window(sat, "00:00", "00:00"))),
                Arguments.of("allow-list-only with an allowed domain", Fixtures.allowList()),
                Arguments.of("rule with a time window", Fixtures.medium()),
                Arguments.of("nothing blocked", Fixtures.emptyProfile().build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void acceptsValidProfiles(String name, Profile p) {
        assertValid(validator.profile(p));
    }

    static Stream<Arguments> domainForms() {
        return Stream.of(
                Arguments.of("Casino.Example", "casino.example"),
                Arguments.of("casino.example.", "casino.example"),
                Arguments.of("*.casino.example", "casino.example"),
                Arguments.of("*.Casino.Example.", "casino.example"),
                Arguments.of("bücher.example", "xn--bcher-kva.example"),
                Arguments.of("BÜCHER.example", "xn--bcher-kva.example"),
                Arguments.of("2001:DB8:0:0:0:0:0:7", "2001:db8::7"),
                Arguments.of("ü" + "a".repeat(70) + ".example", "ü" + "a".repeat(70) + ".example"),
                Arguments.of("https://Casino.example", "https://casino.example"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("domainForms")
    void normalisesDomains(String given, String expected) {
        Profile p = validator.normalise(base().blockedDomains(rules(given)).allowedDomains(rules(given)).build());
        assertThat(p.blockedDomains()).extracting(Rule::value).containsExactly(expected);
        assertThat(p.allowedDomains()).extracting(Rule::value).containsExactly(expected);
    }

    @Test
    void normalisesIdsAndKeepsTheRest() {
        TimeWindow w = TimeWindow.daily(LocalTime.of(9, 0), LocalTime.of(17, 0));
        Profile given = base().blockedCategories(List.of(new Rule("Gambling", Risk.GAMBLING, List.of(w))))
                .blockedServices(rules("TikTok")).build();
        Profile p = validator.normalise(given);
        assertThat(p.blockedCategories()).containsExactly(new Rule("gambling", Risk.GAMBLING, List.of(w)));
        assertThat(p.blockedServices()).extracting(Rule::value).containsExactly("tiktok");
        assertThat(p).usingRecursiveComparison().ignoringFields("blockedCategories", "blockedServices")
                .isEqualTo(given);
    }
}
