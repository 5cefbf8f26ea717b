package nl.vangnet.config.rules;

import static java.time.DayOfWeek.SUNDAY;
import static nl.vangnet.config.rules.Fixtures.emptyProfile;
import static nl.vangnet.config.rules.Fixtures.profile;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import nl.vangnet.config.model.Profile;
import nl.vangnet.config.model.Rule;
import nl.vangnet.config.model.TimeWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RestrictivenessTest {

    private static final Profile B = Fixtures.medium();

    private static TimeWindow daily(String from, String to) {
        return TimeWindow.daily(LocalTime.parse(from), LocalTime.parse(to));
    }

    private static Rule during(String value, TimeWindow... windows) {
        return new Rule(value, null, List.of(windows));
    }

    private static Fixtures.ProfileBuilder b() {
        return profile(B);
    }

    /**
     * P, Q, whether P ≤ Q, whether P &lt; Q, and a phrase expected among the reasons P is not strictly less
     * restrictive than Q (or {@code null} when it is).
     */
    static Stream<Arguments> matrix() {
        return Stream.of(
                Arguments.of("equal profiles", B, B, true, false, "it relaxes nothing compared with"),
                Arguments.of("blocked category dropped", b().unblockCategory("dating").build(), B, true, true, null),
                Arguments.of("blocked category added", b().blockCategory("games").build(), B, false, false,
                        "it blocks category 'games', which the other profile does not block"),
                Arguments.of("category compared after normalisation", b().unblockCategory("dating")
                        .blockCategory(" Dating ").build(), B, true, false, "relaxes nothing"),
                Arguments.of("blocked service dropped", b().unblockService("tiktok").build(), B, true, true, null),
                Arguments.of("blocked service added", b().blockService("snapchat").build(), B, false, false,
                        "it blocks service 'snapchat', which the other profile does not block"),
                Arguments.of("blocked domain dropped", b().unblockDomain("casino.example").build(), B, true, true,
                        null),
                Arguments.of("blocked domain added", b().blockDomain("poker.example").build(), B, false, false,
                        "it blocks domain 'poker.example', which the other profile does not block"),
                Arguments.of("subdomain of a blocked domain instead of it", b().unblockDomain("casino.example")
                        .blockDomain("www.casino.example").build(), B, true, true, null),
                Arguments.of("parent of a blocked domain instead of it", b().unblockDomain("casino.example")
                        .blockDomain("example").build(), B, false, false,
                        "it blocks domain 'example', which the other profile does not block"),
                Arguments.of("a domain is not covered by a category (syntactic)", b().unblockCategory("gambling")
                        .blockDomain("bet.example").build(), B, false, false, "it blocks domain 'bet.example'"),
                Arguments.of("allowed domain added", b().allow("school.example").build(), B, true, true, null),
                Arguments.of("allowed domain dropped", b().disallow("nos.nl").build(), B, false, false,
                        "it no longer allows domain 'nos.nl', which the other profile allows"),
                Arguments.of("parent of an allowed domain allowed instead", b().disallow("nos.nl").allow("nl")
                        .build(), B, true, true, null),
                Arguments.of("allow-list-only dropped", b().build(), b().allowListOnly(true).build(), true, true,
                        null),
                Arguments.of("allow-list-only added", b().allowListOnly(true).build(), B, false, false,
                        "it adds allow-list-only mode"),
                Arguments.of("SafeSearch dropped", b().safeSearch(false).build(), B, true, true, null),
                Arguments.of("SafeSearch added", b().build(), b().safeSearch(false).build(), false, false,
                        "it adds SafeSearch"),
                Arguments.of("internet hours wider", b().internetHours(List.of(daily("07:00", "00:00"))).build(), B,
                        true, true, null),
                Arguments.of("internet hours always instead of windows", b().internetHours(List.of()).build(), B,
                        true, true, null),
                Arguments.of("internet hours narrower", b().internetHours(List.of(daily("07:00", "22:00"))).build(),
                        B, false, false, "internet hours are narrower than those of the other profile: every day"
                                + " 22:00–23:00 no longer available"),
                Arguments.of("internet hours wider past midnight", b().internetHours(List.of(daily("07:00",
                        "02:00"))).build(), B, true, true, null),
                Arguments.of("internet hours narrower past midnight, Sunday into Monday",
                        b().internetHours(List.of(new TimeWindow(Set.of(SUNDAY), LocalTime.of(22, 0),
                                LocalTime.MIDNIGHT))).build(),
                        b().internetHours(List.of(new TimeWindow(Set.of(SUNDAY), LocalTime.of(22, 0),
                                LocalTime.of(2, 0)))).build(), false, false,
                        "Monday 00:00–02:00 no longer available"),
                Arguments.of("block rule narrowed in time", b().unblockCategory("dating")
                        .blockedCategories(List.of(Rule.always("gambling", null), Rule.always("adult", null),
                                during("dating", daily("20:00", "08:00")), during("chat", new TimeWindow(
                                        Fixtures.weekdays(), LocalTime.of(9, 0), LocalTime.of(17, 0)))))
                        .build(), B, true, true, null),
                Arguments.of("block rule widened in time", b().blockedCategories(List.of(Rule.always("gambling",
                        null), Rule.always("dating", null), Rule.always("adult", null), Rule.always("chat", null)))
                        .build(), B, false, false, "it blocks category 'chat' at times the other profile does not:"
                                + " Monday, Tuesday, Wednesday and Thursday 17:00–09:00 the next day,"
                                + " Friday 17:00–Monday 09:00"),
                Arguments.of("block window inside a wider one past midnight",
                        profile(emptyProfile().build()).blockedCategories(List.of(during("chat",
                                daily("23:00", "06:00")))).build(),
                        profile(emptyProfile().build()).blockedCategories(List.of(during("chat",
                                daily("22:00", "07:00")))).build(), true, true, null),
                Arguments.of("unrestricted is the bottom", null, B, true, true, null),
                Arguments.of("nothing is below unrestricted", B, null, false, false,
                        "it blocks category 'gambling', which the other profile does not block"),
                Arguments.of("unrestricted equals unrestricted", null, null, true, false, "relaxes nothing"),
                Arguments.of("an empty profile restricts nothing", emptyProfile().build(), null, true, false,
                        "relaxes nothing"),
                Arguments.of("an empty profile with exceptions restricts nothing", emptyProfile().allow("nos.nl")
                        .build(), null, true, false, "relaxes nothing"),
                Arguments.of("unrestricted is not strictly below an empty profile", null, emptyProfile().build(),
                        true, false, "relaxes nothing"),
                Arguments.of("only SafeSearch is not unrestricted", emptyProfile().safeSearch(true).build(), null,
                        false, false, "it adds SafeSearch"),
                Arguments.of("only internet hours is not unrestricted", emptyProfile().internetHours(List.of(
                        daily("07:00", "22:00"))).build(), null, false, false, "internet hours are narrower"),
                Arguments.of("allow-list is not unrestricted", Fixtures.allowList(), null, false, false,
                        "it adds allow-list-only mode"),
                Arguments.of("relaxing one thing and tightening another", b().unblockCategory("dating")
                        .blockCategory("games").build(), B, false, false, "it blocks category 'games'"),
                Arguments.of("fixture chain: medium < strict", Fixtures.medium(), Fixtures.strict(), true, true,
                        null),
                Arguments.of("fixture chain: light < medium", Fixtures.light(), Fixtures.medium(), true, true,
                        null),
                Arguments.of("fixture chain: strict is not below medium", Fixtures.strict(), Fixtures.medium(),
                        false, false, "it blocks service 'instagram'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void partialOrder(String name, Profile p, Profile q, boolean atMost, boolean strictly, String reason) {
        Comparison c = Restrictiveness.compare(p, q);
        assertThat(Restrictiveness.atMostAsRestrictive(p, q)).isEqualTo(atMost);
        assertThat(Restrictiveness.strictlyLessRestrictive(p, q)).isEqualTo(strictly);
        assertThat(c.atMostAsRestrictive()).isEqualTo(atMost);
        assertThat(c.strictlyLessRestrictive()).isEqualTo(strictly);
        assertThat(c.atMostAsRestrictive()).as("P ≤ Q iff no tightenings").isEqualTo(c.tightenings().isEmpty());
        if (reason == null) {
            assertThat(c.reasonsNotStrictlyLess()).isEmpty();
        } else {
            assertThat(c.reasonsNotStrictlyLess()).anySatisfy(r -> assertThat(r).contains(reason));
        }
        // strictly less means: at most as restrictive, and not the reverse
        assertThat(strictly).isEqualTo(atMost && !Restrictiveness.atMostAsRestrictive(q, p));
    }

    static Stream<Arguments> relaxations() {
        return Stream.of(
                Arguments.of(b().unblockCategory("dating").build(), "it no longer blocks category 'dating'"),
                Arguments.of(b().unblockService("tiktok").build(), "it no longer blocks service 'tiktok'"),
                Arguments.of(b().allow("school.example").build(), "it also allows domain 'school.example'"),
                Arguments.of(b().safeSearch(false).build(), "it drops SafeSearch"),
                Arguments.of(b().internetHours(List.of()).build(),
                        "its internet hours are wider: every day 23:00–07:00 the next day now available"),
                Arguments.of(null, "it no longer blocks category 'gambling'"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("relaxations")
    void explainsWhatIsRelaxed(Profile p, String phrase) {
        Comparison c = Restrictiveness.compare(p, B);
        assertThat(c.relaxesSomething()).isTrue();
        assertThat(c.relaxations()).contains(phrase);
    }

    @Test
    void droppingAllowListOnlyIsExplained() {
        assertThat(Restrictiveness.compare(B, b().allowListOnly(true).build()).relaxations())
                .contains("it drops allow-list-only mode");
    }

    @Test
    void namesTheOtherProfileAsAsked() {
        Comparison c = Restrictiveness.compare(b().blockCategory("games").build(), B, "step 2");
        assertThat(c.otherName()).isEqualTo("step 2");
        assertThat(c.tightenings()).containsExactly("it blocks category 'games', which step 2 does not block");
    }

    @Test
    void allowListProfileIsIncomparableWithTheStrictOne() {
        assertThat(Restrictiveness.atMostAsRestrictive(Fixtures.allowList(), Fixtures.strict())).isFalse();
        assertThat(Restrictiveness.atMostAsRestrictive(Fixtures.strict(), Fixtures.allowList())).isFalse();
    }
}
