package nl.vangnet.proxy.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.vangnet.config.model.Profile;
import nl.vangnet.config.model.Risk;
import nl.vangnet.config.model.Rule;
import nl.vangnet.config.policy.PolicySnapshot;
import nl.vangnet.config.rules.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Category lists before service lists: with only always-active rules the engine looks a host up in both kinds of
 * list at once; the reason, rule, list and matched name must be those of the category check first and the service
 * check second, as with rules that have time windows (looked up one kind at a time).
 */
class PolicyEngineListOrderTest {
    private static final Instant MON_10 = Scenario.local("2026-03-02T10:00");

    private static FakeListIndex lists() {
        return new FakeListIndex(7, Map.of(
                "gambling", Set.of("casino.example", "cat.both.example", "same.example"),
                "chat", Set.of("chat.example"),
                "service:tiktok", Set.of("tiktok.com", "x.cat.both.example", "same.example", "both.example")));
    }

    /** Categories gambling and chat, service tiktok; with {@code timed}, an extra chat rule on Sunday nights. */
    private static Profile profile(boolean timed) {
        List<Rule> categories = timed
                ? List.of(Rule.always("gambling", Risk.GAMBLING), Rule.always("chat", Risk.CHAT),
                        new Rule("chat", Risk.CHAT, List.of(Scenario.window(EnumSet.of(DayOfWeek.SUNDAY), "03:00",
                                "03:01"))))
                : List.of(Rule.always("gambling", Risk.GAMBLING), Rule.always("chat", Risk.CHAT));
        return Fixtures.emptyProfile().id(Scenario.MATRIX_PROFILE).name("Lists")
                .blockedCategories(categories)
                .blockedServices(List.of(Rule.always("tiktok", Risk.SOCIAL_MEDIA)))
                .build();
    }

    private static Decision decide(boolean timed, String host, Kind kind, String path) {
        PolicySnapshot snapshot = Scenario.snapshot(Scenario.single(profile(timed), LocalDate.parse("2026-02-02")),
                1, MON_10);
        FakeListIndex index = lists();
        PolicyEngine engine = PolicyEngine.builder().snapshots(() -> snapshot).lists(() -> index)
                .resolver(Scenario.byAddress()).cacheSize(0).build();
        return engine.decide(new RequestFacts(Scenario.RESTRICTED.inet(), null, host, kind == Kind.HTTP ? 80 : 443,
                kind, path, MON_10));
    }

    @ParameterizedTest(name = "{0} {1} → {2} {3}")
    @CsvSource(nullValues = "-", value = {
        // a service lists the host itself, a category only its parent: the category decides
        "x.cat.both.example,   CONNECT, BLOCKED_CATEGORY,    gambling,       cat.both.example",
        "www.x.cat.both.example, HTTP,  BLOCKED_CATEGORY,    gambling,       cat.both.example",
        // both list the same name
        "same.example,         CONNECT, BLOCKED_CATEGORY,    gambling,       same.example",
        "a.same.example,       HTTP,    BLOCKED_CATEGORY,    gambling,       same.example",
        // only a service
        "www.tiktok.com,       CONNECT, BLOCKED_SERVICE,     service:tiktok, tiktok.com",
        "both.example,         HTTP,    BLOCKED_SERVICE,     service:tiktok, both.example",
        "y.both.example,       CONNECT, BLOCKED_SERVICE,     service:tiktok, both.example",
        // only a category, the second in rule order
        "www.chat.example,     CONNECT, BLOCKED_CATEGORY,    chat,           chat.example",
        "casino.example,       HTTP,    BLOCKED_CATEGORY,    gambling,       casino.example",
        // nothing
        "nos.nl,               CONNECT, NOT_RESTRICTED_HOST, -,              -",
        "nos.nl,               HTTP,    NOT_RESTRICTED_HOST, -,              -",
    })
    void categoriesBeforeServices(String host, Kind kind, Reason reason, String listId, String matched) {
        for (boolean timed : List.of(false, true)) {
            Decision d = decide(timed, host, kind, kind == Kind.HTTP ? "/" : null);
            assertThat(d.reason()).as("timed %s", timed).isEqualTo(reason);
            assertThat(d.trace().listId()).as("timed %s", timed).isEqualTo(listId);
            assertThat(d.trace().matched()).as("timed %s", timed).isEqualTo(matched);
            assertThat(d.trace().rule()).as("timed %s", timed)
                    .isEqualTo(listId == null ? null : Check.ruleOf(listId));
            assertThat(d.trace().listVersion()).as("timed %s", timed).isEqualTo(7);
        }
    }
}
