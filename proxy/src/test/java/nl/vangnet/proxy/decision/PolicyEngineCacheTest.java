package nl.vangnet.proxy.decision;

import static nl.vangnet.proxy.decision.Reason.BLOCKED_CATEGORY;
import static nl.vangnet.proxy.decision.Reason.BLOCKED_DOMAIN;
import static nl.vangnet.proxy.decision.Reason.NOT_RESTRICTED_HOST;
import static nl.vangnet.proxy.decision.Reason.OUTSIDE_INTERNET_HOURS;
import static nl.vangnet.proxy.decision.Scenario.RESTRICTED;
import static nl.vangnet.proxy.decision.Scenario.STEP_ONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import nl.vangnet.config.model.Profile;
import nl.vangnet.config.model.Risk;
import nl.vangnet.config.model.Rule;
import nl.vangnet.config.model.TimeWindow;
import nl.vangnet.config.policy.PolicySnapshot;
import nl.vangnet.config.rules.Fixtures;
import nl.vangnet.config.store.PolicyData;
import nl.vangnet.proxy.decision.Scenario.Who;
import nl.vangnet.proxy.lists.ListIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cache never serves a decision outside the interval in which it is correct: not across an internet-hours or
 * rule-window boundary (also in DST weeks), not before a boundary when the clock goes back, not across the
 * snapshot's validity (a phase-out step), and never for another snapshot or list version.
 */
class PolicyEngineCacheTest {
    private final AtomicReference<PolicySnapshot> snapshot = new AtomicReference<>();
    private final AtomicReference<ListIndex> lists = new AtomicReference<>(Scenario.lists());
    private final RecordingObserver observer = new RecordingObserver();
    private final PolicyEngine engine = PolicyEngine.builder()
            .snapshots(snapshot::get)
            .lists(lists::get)
            .resolver(Scenario.byAddress())
            .observer(observer)
            .build();

    /** One request of a sequence: when, and the expected reason and cache outcome. */
    record Step(String at, Reason reason, boolean hit) {
        Instant instant() {
            return at.endsWith("Z") ? Instant.parse(at) : Scenario.local(at);
        }

        @Override
        public String toString() {
            return at + " " + reason + (hit ? " hit" : " miss");
        }
    }

    private static Step hit(String at, Reason reason) {
        return new Step(at, reason, true);
    }

    private static Step miss(String at, Reason reason) {
        return new Step(at, reason, false);
    }

    private static Profile internetHours() {
        return Fixtures.emptyProfile().id(10).internetHours(List.of(TimeWindow.daily(LocalTime.of(7, 0),
                LocalTime.of(22, 0)))).build();
    }

    private static Profile nightRule(String from, String to) {
        return Fixtures.emptyProfile().id(10).blockedDomains(List.of(new Rule("night.example", Risk.NIGHT_REST,
                List.of(TimeWindow.daily(LocalTime.parse(from), LocalTime.parse(to)))))).build();
    }

    static Stream<Arguments> sequences() {
        PolicyData march = Scenario.data();
        return Stream.of(
                Arguments.of("internet hours end and begin", march, "2026-03-02T00:00", RESTRICTED, "nos.nl",
                        Kind.CONNECT, List.of(
                        miss("2026-03-02T21:59:30", NOT_RESTRICTED_HOST),
                        hit("2026-03-02T21:59:59.999", NOT_RESTRICTED_HOST),
                        miss("2026-03-02T22:00", OUTSIDE_INTERNET_HOURS),
                        hit("2026-03-02T23:00", OUTSIDE_INTERNET_HOURS),
                        hit("2026-03-03T06:59:59", OUTSIDE_INTERNET_HOURS),
                        miss("2026-03-03T07:00", NOT_RESTRICTED_HOST),
                        hit("2026-03-03T08:59", NOT_RESTRICTED_HOST),
                        // 09:00 is a boundary of the profile's other windows: recomputed, same outcome.
                        miss("2026-03-03T09:00", NOT_RESTRICTED_HOST))),
                Arguments.of("rule window ends", march, "2026-03-02T00:00", RESTRICTED, "games.example",
                        Kind.HTTP, List.of(
                        miss("2026-03-02T16:59", BLOCKED_DOMAIN),
                        hit("2026-03-02T16:59:59.999999999", BLOCKED_DOMAIN),
                        miss("2026-03-02T17:00", NOT_RESTRICTED_HOST),
                        hit("2026-03-02T21:59", NOT_RESTRICTED_HOST),
                        miss("2026-03-02T22:00", OUTSIDE_INTERNET_HOURS))),
                Arguments.of("category window, clock goes back", march, "2026-03-02T00:00", RESTRICTED,
                        "chat.example", Kind.TLS,
                        List.of(
                                miss("2026-03-02T10:00", BLOCKED_CATEGORY),
                                miss("2026-03-02T08:59:59", NOT_RESTRICTED_HOST),
                                hit("2026-03-02T07:00", NOT_RESTRICTED_HOST),
                                miss("2026-03-02T06:59", OUTSIDE_INTERNET_HOURS),
                                miss("2026-03-02T10:00", BLOCKED_CATEGORY),
                                hit("2026-03-02T09:00", BLOCKED_CATEGORY),
                                hit("2026-03-02T16:59:59", BLOCKED_CATEGORY),
                                // Friday 17:00 to Monday 09:00: no chat block, but internet hours still apply.
                                miss("2026-03-06T17:00", NOT_RESTRICTED_HOST))),
                Arguments.of("a profile without windows", march, "2026-03-02T00:00", STEP_ONE, "lotto.example",
                        Kind.HTTP, List.of(
                        miss("2026-03-02T10:00", BLOCKED_CATEGORY),
                        hit("2026-03-07T23:59", BLOCKED_CATEGORY),
                        hit("2026-03-02T00:00", BLOCKED_CATEGORY),
                        // Before the snapshot was compiled: not known to be correct.
                        miss("2026-03-01T23:59:59", BLOCKED_CATEGORY))),
                // Spring forward, Sunday 29 March 2026 02:00 CET → 03:00 CEST (01:00Z). Internet 07:00–22:00
                // local: from Saturday 22:30 CET the next boundary is Sunday 07:00 CEST = 05:00Z, not 06:00Z.
                Arguments.of("DST spring forward", Scenario.single(internetHours(), LocalDate.parse("2026-03-01")),
                        "2026-03-28T00:00", RESTRICTED, "nos.nl", Kind.CONNECT, List.of(
                                miss("2026-03-28T21:30:00Z", OUTSIDE_INTERNET_HOURS),
                                hit("2026-03-29T00:59:59Z", OUTSIDE_INTERNET_HOURS),
                                miss("2026-03-29T01:00:00Z", OUTSIDE_INTERNET_HOURS),
                                hit("2026-03-29T04:59:59Z", OUTSIDE_INTERNET_HOURS),
                                miss("2026-03-29T05:00:00Z", NOT_RESTRICTED_HOST),
                                hit("2026-03-29T19:59:59Z", NOT_RESTRICTED_HOST),
                                miss("2026-03-29T20:00:00Z", OUTSIDE_INTERNET_HOURS))),
                // Fall back, Sunday 25 October 2026 03:00 CEST → 02:00 CET (01:00Z): local 02:00–03:00 happens
                // twice. A rule for 02:30–04:00 applies 00:30Z–01:00Z, stops when the clock falls back to 02:00,
                // and applies again 01:30Z–03:00Z.
                Arguments.of("DST fall back", Scenario.single(nightRule("02:30", "04:00"),
                        LocalDate.parse("2026-10-01")), "2026-10-24T00:00", RESTRICTED, "night.example", Kind.HTTP,
                        List.of(
                                miss("2026-10-25T00:29:59Z", NOT_RESTRICTED_HOST),
                                miss("2026-10-25T00:30:00Z", BLOCKED_DOMAIN),
                                hit("2026-10-25T00:59:59Z", BLOCKED_DOMAIN),
                                miss("2026-10-25T01:10:00Z", NOT_RESTRICTED_HOST),
                                hit("2026-10-25T01:29:59Z", NOT_RESTRICTED_HOST),
                                miss("2026-10-25T01:30:00Z", BLOCKED_DOMAIN),
                                hit("2026-10-25T02:59:59Z", BLOCKED_DOMAIN),
                                miss("2026-10-25T03:00:00Z", NOT_RESTRICTED_HOST))),
                // A window across midnight, Sunday into Monday.
                Arguments.of("window across the week's end", Scenario.single(nightRule("22:00", "07:00"),
                        LocalDate.parse("2026-03-01")), "2026-03-08T00:00", RESTRICTED, "night.example", Kind.TLS,
                        List.of(
                                miss("2026-03-08T21:59", NOT_RESTRICTED_HOST),
                                miss("2026-03-08T22:00", BLOCKED_DOMAIN),
                                hit("2026-03-09T00:00", BLOCKED_DOMAIN),
                                hit("2026-03-09T06:59:59", BLOCKED_DOMAIN),
                                miss("2026-03-09T07:00", NOT_RESTRICTED_HOST))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void neverServesOutsideTheInterval(String name, PolicyData data, String compiledAt, Who who, String host,
            Kind kind, List<Step> steps) {
        snapshot.set(Scenario.snapshot(data, 1, Scenario.local(compiledAt)));
        List<String> actual = new ArrayList<>();
        for (Step step : steps) {
            Decision d = engine.decide(new RequestFacts(who.inet(), null, host, 443, kind, null, step.instant()));
            List<Boolean> hits = observer.takeCache();
            actual.add(new Step(step.at(), d.reason(), hits.equals(List.of(true))).toString());
        }
        assertThat(actual).containsExactlyElementsOf(steps.stream().map(Step::toString).toList());
    }

    @Test
    void phaseOutStepBoundaryIsTheSnapshotsValidity() {
        // Client 1 moves from the matrix profile (blocks casino.example) to the light profile on 1 April.
        PolicySnapshot march = Scenario.snapshot(Scenario.data(), 1, Scenario.local("2026-03-31T23:00"));
        assertThat(march.validUntil()).isEqualTo(Scenario.local("2026-04-01T00:00"));
        snapshot.set(march);

        assertThat(decide(RESTRICTED, "casino.example", "2026-03-31T23:59:59").reason()).isEqualTo(BLOCKED_DOMAIN);
        assertThat(decide(RESTRICTED, "casino.example", "2026-03-31T23:59:59.9").reason()).isEqualTo(BLOCKED_DOMAIN);
        assertThat(observer.takeCache()).containsExactly(false, true);
        // The publisher has not caught up yet: same snapshot, but past its validity, so no cached answer.
        assertThat(decide(RESTRICTED, "casino.example", "2026-04-01T00:00").reason()).isEqualTo(BLOCKED_DOMAIN);
        assertThat(decide(RESTRICTED, "casino.example", "2026-04-01T00:00:00.5").reason())
                .isEqualTo(BLOCKED_DOMAIN);
        assertThat(observer.takeCache()).containsExactly(false, false);

        snapshot.set(Scenario.snapshot(Scenario.data(), 2, Scenario.local("2026-04-01T00:00")));
        Decision april = decide(RESTRICTED, "casino.example", "2026-04-01T00:00:01");
        assertThat(april.reason()).isEqualTo(NOT_RESTRICTED_HOST);
        assertThat(april.trace().snapshotVersion()).isEqualTo(2);
        assertThat(april.trace().phaseOutStep()).isEqualTo(1);
        assertThat(april.trace().profileId()).isEqualTo(Fixtures.LIGHT_ID);
        assertThat(observer.takeCache()).containsExactly(false);
    }

    @Test
    void newSnapshotVersionIsNeverServedFromTheOldOne() {
        Instant at = Scenario.local("2026-03-02T10:00");
        snapshot.set(Scenario.snapshot(Scenario.data(), 1, at));
        assertThat(decide(RESTRICTED, "casino.example", "2026-03-02T10:00").reason()).isEqualTo(BLOCKED_DOMAIN);
        // The same device, now with a profile that no longer blocks the domain.
        Profile relaxed = Fixtures.profile(Scenario.matrixProfile()).unblockDomain("casino.example").build();
        snapshot.set(Scenario.snapshot(Scenario.data(relaxed), 2, at));
        Decision d = decide(RESTRICTED, "casino.example", "2026-03-02T10:00:01");
        assertThat(d.reason()).isEqualTo(NOT_RESTRICTED_HOST);
        assertThat(d.trace().snapshotVersion()).isEqualTo(2);
        assertThat(observer.takeCache()).containsExactly(false, false);
    }

    @Test
    void newListVersionIsNeverServedFromTheOldOne() {
        snapshot.set(Scenario.snapshot(Scenario.local("2026-03-02T10:00")));
        ListIndex v7 = lists.get();
        assertThat(decide(RESTRICTED, "www.lotto.example", "2026-03-02T10:00").reason()).isEqualTo(BLOCKED_CATEGORY);
        assertThat(decide(RESTRICTED, "www.lotto.example", "2026-03-02T10:01").reason()).isEqualTo(BLOCKED_CATEGORY);

        lists.set(Scenario.lists(8, Set.of("casino-online.example")));
        Decision d = decide(RESTRICTED, "www.lotto.example", "2026-03-02T10:02");
        assertThat(d.reason()).isEqualTo(NOT_RESTRICTED_HOST);
        assertThat(d.trace().listVersion()).isEqualTo(8);
        assertThat(decide(RESTRICTED, "casino-online.example", "2026-03-02T10:03").trace().listVersion())
                .isEqualTo(8);
        assertThat(observer.takeCache()).containsExactly(false, true, false, false);

        lists.set(v7);
        assertThat(decide(RESTRICTED, "www.lotto.example", "2026-03-02T10:04").trace().listVersion()).isEqualTo(7);
        assertThat(observer.takeCache()).containsExactly(true);
    }

    @Test
    void urlPathsShareOneHostEntryAndAreStillMatched() {
        snapshot.set(Scenario.snapshot(Scenario.local("2026-03-02T10:00")));
        FakeListIndex index = (FakeListIndex) lists.get();
        List<Reason> reasons = new ArrayList<>();
        for (String path : List.of("/", "/sport", "/gokken/uitslagen", "/weer?q=1", "/gokken")) {
            reasons.add(engine.decide(new RequestFacts(RESTRICTED.inet(), null, "news.example", 80, Kind.HTTP, path,
                    Scenario.local("2026-03-02T10:00"))).reason());
        }
        assertThat(reasons).containsExactly(NOT_RESTRICTED_HOST, NOT_RESTRICTED_HOST, BLOCKED_CATEGORY,
                NOT_RESTRICTED_HOST, BLOCKED_CATEGORY);
        assertThat(observer.takeCache()).containsExactly(false, true, true, true, true);
        // One host-level lookup per list kind, then one path lookup per request (categories; services miss too).
        assertThat(index.queries.get()).isEqualTo(2);
        assertThat(index.finds.get()).isEqualTo(2 + 3 * 2 + 2 * 1);
    }

    @Test
    void hostsNormaliseToOneEntry() {
        snapshot.set(Scenario.snapshot(Scenario.local("2026-03-02T10:00")));
        for (String host : List.of("casino.example", "CASINO.example", "casino.example.", "Casino.Example.")) {
            Decision d = decide(RESTRICTED, host, "2026-03-02T10:00");
            assertThat(d).isEqualTo(new Decision.Block(BLOCKED_DOMAIN, d.trace(), false));
        }
        assertThat(observer.takeCache()).containsExactly(false, true, true, true);
        // Passes keep the host as the client sent it, also when the verdict came from the cache.
        for (String host : List.of("nos.nl", "NOS.nl.")) {
            assertThat(decide(RESTRICTED, host, "2026-03-02T10:00")).isInstanceOfSatisfying(Decision.Tunnel.class,
                    t -> assertThat(t.upstreamHost()).isEqualTo(host));
        }
    }

    @Test
    void cacheSizeZeroComputesEveryTime() {
        snapshot.set(Scenario.snapshot(Scenario.local("2026-03-02T10:00")));
        PolicyEngine uncached = PolicyEngine.builder().snapshots(snapshot::get).lists(lists::get)
                .resolver(Scenario.byAddress()).observer(observer).cacheSize(0).build();
        for (int i = 0; i < 3; i++) {
            assertThat(uncached.decide(new RequestFacts(RESTRICTED.inet(), null, "casino.example", 443,
                    Kind.CONNECT, null, Scenario.local("2026-03-02T10:00"))).reason()).isEqualTo(BLOCKED_DOMAIN);
        }
        assertThat(observer.takeCache()).containsExactly(false, false, false);
    }

    @Test
    void builderAndArgumentsAreChecked() {
        assertThatThrownBy(() -> PolicyEngine.builder().resolver(Scenario.byAddress()).build())
                .isInstanceOf(NullPointerException.class).hasMessage("snapshots");
        assertThatThrownBy(() -> PolicyEngine.builder().snapshots(snapshot::get).build())
                .isInstanceOf(NullPointerException.class).hasMessage("resolver");
        assertThatThrownBy(() -> PolicyEngine.builder().cacheSize(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        snapshot.set(Scenario.snapshot(Scenario.local("2026-03-02T10:00")));
        assertThatThrownBy(() -> engine.decideFor(snapshot.get().forDevice(101).orElseThrow(), "nos.nl", 0,
                Kind.HTTP, null, Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port out of range: 0");
    }

    @Test
    void checksAreNamedInOrder() {
        assertThat(PolicyEngine.checkNames()).containsExactly("client", "opaque", "allow-rule", "block-rule", "category",
                "service", "allow-list-only", "internet-hours", "safe-search", "default");
        assertThat(PolicyEngine.checks()).containsExactly(Check.values());
    }

    private Decision decide(Who who, String host, String localTime) {
        return engine.decide(new RequestFacts(who.inet(), null, host, 443, Kind.TLS, null,
                Scenario.local(localTime)));
    }
}
