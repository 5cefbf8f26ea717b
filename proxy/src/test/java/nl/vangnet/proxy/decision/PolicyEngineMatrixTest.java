package nl.vangnet.proxy.decision;

import static nl.vangnet.proxy.decision.Kind.CONNECT;
import static nl.vangnet.proxy.decision.Kind.HTTP;
import static nl.vangnet.proxy.decision.Kind.OPAQUE;
import static nl.vangnet.proxy.decision.Kind.TLS;
import static nl.vangnet.proxy.decision.Reason.ALLOWED_DOMAIN;
import static nl.vangnet.proxy.decision.Reason.BLOCKED_CATEGORY;
import static nl.vangnet.proxy.decision.Reason.BLOCKED_DOMAIN;
import static nl.vangnet.proxy.decision.Reason.BLOCKED_SERVICE;
import static nl.vangnet.proxy.decision.Reason.NOT_IN_EFFECT;
import static nl.vangnet.proxy.decision.Reason.NOT_ON_ALLOW_LIST;
import static nl.vangnet.proxy.decision.Reason.NOT_RESTRICTED_HOST;
import static nl.vangnet.proxy.decision.Reason.NO_REGISTRATION;
import static nl.vangnet.proxy.decision.Reason.OPAQUE_CONNECTION;
import static nl.vangnet.proxy.decision.Reason.OUTSIDE_INTERNET_HOURS;
import static nl.vangnet.proxy.decision.Reason.SAFE_SEARCH;
import static nl.vangnet.proxy.decision.Scenario.ALLOW_LIST;
import static nl.vangnet.proxy.decision.Scenario.LAPSED;
import static nl.vangnet.proxy.decision.Scenario.MISSING_PROFILE;
import static nl.vangnet.proxy.decision.Scenario.NOT_STARTED;
import static nl.vangnet.proxy.decision.Scenario.UNREGISTERED;
import static nl.vangnet.proxy.decision.Scenario.RESTRICTED;
import static nl.vangnet.proxy.decision.Scenario.STEP_ONE;
import static nl.vangnet.proxy.decision.Scenario.UNKNOWN;
import static nl.vangnet.proxy.decision.Scenario.UNRESTRICTED_STEP;
import static nl.vangnet.proxy.decision.Scenario.WITHDRAWN;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import nl.vangnet.config.policy.PolicySnapshot;
import nl.vangnet.proxy.decision.Scenario.Who;
import nl.vangnet.proxy.lists.ListIndex;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine as a matrix: client × profile rules × host × kind × time → decision type, reason and every id of the
 * trace, plus what the observer was told.
 */
class PolicyEngineMatrixTest {
    private static final String MON_10 = "2026-03-02T10:00";
    private static final String MON_20 = "2026-03-02T20:00";
    private static final String MON_23 = "2026-03-02T23:00";
    private static final String SAT_10 = "2026-03-07T10:00";

    /** The expected kind of decision. */
    enum Type {
        ALLOW, TUNNEL, BLOCK
    }

    /**
     * One row. {@code lists}: whether the trace names the list version (a list was consulted); {@code upstream}: the
     * expected upstream host of a pass, {@code null} for the host as requested.
     */
    record Row(Who who, String host, Kind kind, String path, String at, Type type, Reason reason, boolean lists,
            String rule, String listId, String matched, String upstream) {
        @Override
        public String toString() {
            return who + " " + kind + " " + host + (path == null ? "" : path) + " @" + at + " → " + type + " "
                    + reason + (matched == null ? "" : " (" + matched + ")");
        }
    }

    private static Row row(Who who, String host, Kind kind, String at, Type type, Reason reason, boolean lists,
            String rule, String listId, String matched) {
        return new Row(who, host, kind, null, at, type, reason, lists, rule, listId, matched, null);
    }

    private static Row path(Who who, String host, String path, String at, Type type, Reason reason, boolean lists,
            String rule, String listId, String matched) {
        return new Row(who, host, HTTP, path, at, type, reason, lists, rule, listId, matched, null);
    }

    private static Row pass(Who who, String host, Kind kind, String at, Reason reason) {
        return row(who, host, kind, at, kind == HTTP ? Type.ALLOW : Type.TUNNEL, reason, false, null, null, null);
    }

    private static Row safe(Who who, String host, Kind kind, String at, boolean lists, String upstream) {
        return new Row(who, host, kind, null, at, kind == HTTP ? Type.ALLOW : Type.TUNNEL, SAFE_SEARCH, lists,
                null, null, HostName.normalise(host), upstream);
    }

    static Stream<Row> matrix() {
        return Stream.of(
                // Nobody restricted: passed as sent, whatever the host, kind or time.
                pass(UNKNOWN, "casino.example", HTTP, MON_10, NO_REGISTRATION),
                pass(UNKNOWN, "www.lotto.example", CONNECT, MON_23, NO_REGISTRATION),
                pass(UNKNOWN, "CASINO.example.", TLS, MON_10, NO_REGISTRATION),
                pass(UNREGISTERED, "casino.example", HTTP, MON_10, NO_REGISTRATION),
                pass(UNREGISTERED, "www.google.nl", CONNECT, MON_23, NO_REGISTRATION),
                pass(LAPSED, "casino.example", HTTP, MON_10, NOT_IN_EFFECT),
                pass(LAPSED, "www.tiktok.com", TLS, MON_23, NOT_IN_EFFECT),
                pass(NOT_STARTED, "casino.example", CONNECT, MON_10, NOT_IN_EFFECT),
                pass(UNRESTRICTED_STEP, "casino.example", HTTP, MON_10, NOT_IN_EFFECT),
                pass(UNRESTRICTED_STEP, "www.google.nl", CONNECT, MON_10, NOT_IN_EFFECT),
                pass(WITHDRAWN, "www.lotto.example", HTTP, MON_10, NOT_IN_EFFECT),
                pass(MISSING_PROFILE, "casino.example", HTTP, MON_10, NOT_IN_EFFECT),
                pass(UNKNOWN, "192.0.2.99", OPAQUE, MON_10, NO_REGISTRATION),
                pass(LAPSED, "192.0.2.7", OPAQUE, MON_23, NOT_IN_EFFECT),
                pass(UNRESTRICTED_STEP, "2001:db8::99", OPAQUE, MON_10, NOT_IN_EFFECT),

                // opaque: a connection without a readable name is refused before any rule, even for an address the
                // profile allows or blocks itself, and at any time.
                row(RESTRICTED, "192.0.2.99", OPAQUE, MON_10, Type.BLOCK, OPAQUE_CONNECTION, false, null, null, null),
                row(RESTRICTED, "192.0.2.7", OPAQUE, MON_23, Type.BLOCK, OPAQUE_CONNECTION, false, null, null, null),
                row(ALLOW_LIST, "2001:db8::99", OPAQUE, MON_10, Type.BLOCK, OPAQUE_CONNECTION, false, null, null,
                        null),
                row(STEP_ONE, "192.0.2.99", OPAQUE, MON_10, Type.BLOCK, OPAQUE_CONNECTION, false, null, null, null),

                // allow-rule: beats block rules, lists, internet hours and SafeSearch.
                row(RESTRICTED, "wikipedia.org", HTTP, MON_10, Type.ALLOW, ALLOWED_DOMAIN, false, "wikipedia.org",
                        null, "wikipedia.org"),
                row(RESTRICTED, "nl.m.Wikipedia.ORG.", CONNECT, MON_23, Type.TUNNEL, ALLOWED_DOMAIN, false,
                        "wikipedia.org", null, "wikipedia.org"),
                row(RESTRICTED, "docs.example.org", HTTP, MON_10, Type.ALLOW, ALLOWED_DOMAIN, false,
                        "docs.example.org", null, "docs.example.org"),
                row(RESTRICTED, "a.docs.example.org", TLS, MON_10, Type.TUNNEL, ALLOWED_DOMAIN, false,
                        "docs.example.org", null, "docs.example.org"),

                // block-rule: the domain and every subdomain; not a look-alike name.
                row(RESTRICTED, "casino.example", HTTP, MON_10, Type.BLOCK, BLOCKED_DOMAIN, false, "casino.example",
                        null, "casino.example"),
                row(RESTRICTED, "www.casino.example", CONNECT, MON_10, Type.BLOCK, BLOCKED_DOMAIN, false,
                        "casino.example", null, "casino.example"),
                row(RESTRICTED, "Casino.Example.", TLS, MON_20, Type.BLOCK, BLOCKED_DOMAIN, false, "casino.example",
                        null, "casino.example"),
                row(RESTRICTED, "notcasino.example", HTTP, MON_10, Type.ALLOW, NOT_RESTRICTED_HOST, true, null, null,
                        null),
                row(RESTRICTED, "www.example.org", HTTP, MON_10, Type.BLOCK, BLOCKED_DOMAIN, false, "example.org",
                        null, "example.org"),
                row(RESTRICTED, "www.bücher.example", HTTP, MON_10, Type.BLOCK, BLOCKED_DOMAIN, false,
                        "xn--bcher-kva.example", null, "xn--bcher-kva.example"),
                row(RESTRICTED, "WWW.BÜCHER.EXAMPLE.", CONNECT, MON_10, Type.BLOCK, BLOCKED_DOMAIN, false,
                        "xn--bcher-kva.example", null, "xn--bcher-kva.example"),
                row(RESTRICTED, "xn--bcher-kva.example", CONNECT, MON_10, Type.BLOCK, BLOCKED_DOMAIN, false,
                        "xn--bcher-kva.example", null, "xn--bcher-kva.example"),
                // Timed block rule: weekdays 09:00–17:00 only.
                row(RESTRICTED, "games.example", HTTP, MON_10, Type.BLOCK, BLOCKED_DOMAIN, false, "games.example",
                        null, "games.example"),
                row(RESTRICTED, "games.example", HTTP, MON_20, Type.ALLOW, NOT_RESTRICTED_HOST, true, null, null,
                        null),
                row(RESTRICTED, "play.games.example", CONNECT, SAT_10, Type.TUNNEL, NOT_RESTRICTED_HOST, true, null,
                        null, null),

                // IP literals: exact match only, canonical forms.
                row(RESTRICTED, "192.0.2.7", HTTP, MON_10, Type.BLOCK, BLOCKED_DOMAIN, false, "192.0.2.7", null,
                        "192.0.2.7"),
                row(RESTRICTED, "[::ffff:192.0.2.7]", CONNECT, MON_10, Type.BLOCK, BLOCKED_DOMAIN, false,
                        "192.0.2.7", null, "192.0.2.7"),
                row(RESTRICTED, "::ffff:c000:207", TLS, MON_10, Type.BLOCK, BLOCKED_DOMAIN, false, "192.0.2.7", null,
                        "192.0.2.7"),
                row(RESTRICTED, "[2001:DB8:0::7]", CONNECT, MON_10, Type.BLOCK, BLOCKED_DOMAIN, false,
                        "2001:db8::7", null, "2001:db8::7"),
                row(RESTRICTED, "192.0.2.8", HTTP, MON_10, Type.ALLOW, NOT_RESTRICTED_HOST, true, null, null, null),
                row(RESTRICTED, "7.192.0.2.7", HTTP, MON_10, Type.ALLOW, NOT_RESTRICTED_HOST, true, null, null,
                        null),

                // category: the host or a parent listed; chat only weekdays 09:00–17:00.
                row(RESTRICTED, "lotto.example", HTTP, MON_10, Type.BLOCK, BLOCKED_CATEGORY, true, "gambling",
                        "gambling", "lotto.example"),
                row(RESTRICTED, "www.lotto.example", CONNECT, SAT_10, Type.BLOCK, BLOCKED_CATEGORY, true,
                        "gambling", "gambling", "lotto.example"),
                row(RESTRICTED, "chat.example", TLS, MON_10, Type.BLOCK, BLOCKED_CATEGORY, true, "chat", "chat",
                        "chat.example"),
                row(RESTRICTED, "chat.example", TLS, MON_20, Type.TUNNEL, NOT_RESTRICTED_HOST, true, null, null,
                        null),
                row(RESTRICTED, "chat.example", HTTP, SAT_10, Type.ALLOW, NOT_RESTRICTED_HOST, true, null, null,
                        null),
                row(RESTRICTED, "adult.example", HTTP, MON_10, Type.ALLOW, NOT_RESTRICTED_HOST, true, null, null,
                        null),

                // service: list service:<id>, rule <id>.
                row(RESTRICTED, "www.tiktok.com", TLS, MON_10, Type.BLOCK, BLOCKED_SERVICE, true, "tiktok",
                        "service:tiktok", "tiktok.com"),
                row(RESTRICTED, "v16.tiktokcdn.com", HTTP, SAT_10, Type.BLOCK, BLOCKED_SERVICE, true, "tiktok",
                        "service:tiktok", "tiktokcdn.com"),

                // URL entries: plain HTTP with a path only, and before internet hours.
                path(RESTRICTED, "news.example", "/gokken/uitslagen", MON_10, Type.BLOCK, BLOCKED_CATEGORY, true,
                        "gambling", "gambling", "news.example/gokken"),
                path(RESTRICTED, "www.news.example", "/gokken", MON_23, Type.BLOCK, BLOCKED_CATEGORY, true,
                        "gambling", "gambling", "news.example/gokken"),
                path(RESTRICTED, "news.example", "/sport", MON_10, Type.ALLOW, NOT_RESTRICTED_HOST, true, null, null,
                        null),
                path(RESTRICTED, "news.example", "/sport", MON_23, Type.BLOCK, OUTSIDE_INTERNET_HOURS, true, null,
                        null, null),
                row(RESTRICTED, "news.example", CONNECT, MON_10, Type.TUNNEL, NOT_RESTRICTED_HOST, true, null, null,
                        null),
                path(RESTRICTED, "casino.example", "/gokken", MON_10, Type.BLOCK, BLOCKED_DOMAIN, false,
                        "casino.example", null, "casino.example"),

                // internet-hours: daily 07:00–22:00.
                row(RESTRICTED, "nos.nl", HTTP, MON_23, Type.BLOCK, OUTSIDE_INTERNET_HOURS, true, null, null, null),
                row(RESTRICTED, "nos.nl", CONNECT, "2026-03-03T06:59", Type.BLOCK, OUTSIDE_INTERNET_HOURS, true,
                        null, null, null),
                row(RESTRICTED, "nos.nl", CONNECT, "2026-03-03T07:00", Type.TUNNEL, NOT_RESTRICTED_HOST, true, null,
                        null, null),
                row(RESTRICTED, "www.google.nl", HTTP, MON_23, Type.BLOCK, OUTSIDE_INTERNET_HOURS, true, null, null,
                        null),

                // safe-search: rerouted on the same port, HTTP and CONNECT/TLS.
                safe(RESTRICTED, "www.google.nl", HTTP, MON_10, true, "forcesafesearch.google.com"),
                safe(RESTRICTED, "WWW.Google.COM.", CONNECT, MON_10, true, "forcesafesearch.google.com"),
                safe(RESTRICTED, "www.youtube.com", TLS, SAT_10, true, "restrict.youtube.com"),
                safe(RESTRICTED, "www.bing.com", CONNECT, MON_20, true, "strict.bing.com"),
                safe(RESTRICTED, "duckduckgo.com", HTTP, MON_10, true, "safe.duckduckgo.com"),
                row(RESTRICTED, "google.nl", CONNECT, MON_10, Type.TUNNEL, NOT_RESTRICTED_HOST, true, null, null,
                        null),

                // allow-list-only: only allowed domains; beats SafeSearch; nothing consults a list.
                row(ALLOW_LIST, "de.wikipedia.org", CONNECT, MON_23, Type.TUNNEL, ALLOWED_DOMAIN, false,
                        "wikipedia.org", null, "wikipedia.org"),
                row(ALLOW_LIST, "nos.nl", HTTP, MON_10, Type.BLOCK, NOT_ON_ALLOW_LIST, false, null, null, null),
                row(ALLOW_LIST, "www.google.nl", CONNECT, MON_10, Type.BLOCK, NOT_ON_ALLOW_LIST, false, null, null,
                        null),
                row(ALLOW_LIST, "wikipedia.org.evil.example", TLS, MON_10, Type.BLOCK, NOT_ON_ALLOW_LIST, false,
                        null, null, null),
                row(ALLOW_LIST, "exa mple.com", HTTP, MON_10, Type.BLOCK, NOT_ON_ALLOW_LIST, false, null, null,
                        null),
                row(ALLOW_LIST, "wikipedia.org:443", HTTP, MON_10, Type.BLOCK, NOT_ON_ALLOW_LIST, false, null, null,
                        null),
                path(ALLOW_LIST, "news.example", "/gokken", MON_10, Type.BLOCK, NOT_ON_ALLOW_LIST, false, null, null,
                        null),

                // Phase-out step 1 (light profile): gambling still blocked, the rest no longer, no SafeSearch.
                row(STEP_ONE, "lotto.example", HTTP, MON_10, Type.BLOCK, BLOCKED_CATEGORY, true, "gambling",
                        "gambling", "lotto.example"),
                row(STEP_ONE, "adult.example", CONNECT, MON_10, Type.BLOCK, BLOCKED_CATEGORY, true, "adult", "adult",
                        "adult.example"),
                row(STEP_ONE, "casino.example", HTTP, MON_23, Type.ALLOW, NOT_RESTRICTED_HOST, true, null, null,
                        null),
                row(STEP_ONE, "www.google.nl", CONNECT, MON_10, Type.TUNNEL, NOT_RESTRICTED_HOST, true, null, null,
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void decides(Row row) {
        Instant at = Scenario.local(row.at());
        PolicySnapshot snapshot = Scenario.snapshot(at);
        FakeListIndex lists = Scenario.lists();
        AtomicInteger listReads = new AtomicInteger();
        RecordingObserver observer = new RecordingObserver();
        PolicyEngine engine = PolicyEngine.builder()
                .snapshots(() -> snapshot)
                .lists(() -> {
                    listReads.incrementAndGet();
                    return lists;
                })
                .resolver(Scenario.byAddress())
                .observer(observer)
                .build();
        int port = row.kind() == HTTP ? 80 : 443;
        RequestFacts facts = new RequestFacts(row.who().inet(), null, row.host(), port, row.kind(), row.path(), at);

        Decision d = engine.decide(facts);

        assertThat(d.reason()).isEqualTo(row.reason());
        assertThat(d.trace()).isEqualTo(expectedTrace(row));
        switch (row.type()) {
            case BLOCK -> assertThat(d).isEqualTo(new Decision.Block(row.reason(), d.trace(),
                    row.kind().canShowPage()));
            case ALLOW -> assertThat(d).isEqualTo(new Decision.Allow(row.reason(), d.trace(),
                    row.upstream() == null ? row.host() : row.upstream(), port));
            case TUNNEL -> assertThat(d).isEqualTo(new Decision.Tunnel(row.reason(), d.trace(),
                    row.upstream() == null ? row.host() : row.upstream(), port));
            default -> throw new AssertionError(row.type());
        }
        boolean unrestricted = row.reason() == NO_REGISTRATION || row.reason() == NOT_IN_EFFECT;
        if (unrestricted) {
            assertThat(observer.unrestricted.get()).isEqualTo(1);
            assertThat(observer.restricted).isEmpty();
            assertThat(observer.cache).isEmpty();
            assertThat(listReads.get()).as("list index read").isZero();
            assertThat(lists.queries.get() + lists.finds.get()).isZero();
        } else {
            assertThat(observer.unrestricted.get()).isZero();
            assertThat(observer.restricted).containsExactly(
                    new RecordingObserver.Restricted(d, snapshot.forDevice(row.who().deviceId()).orElseThrow(),
                            facts));
            assertThat(observer.cache).containsExactly(false);
        }
        // The same decision again, now from the cache (restricted) or computed again (unrestricted).
        assertThat(engine.decide(facts)).isEqualTo(d);
        assertThat(observer.cache).containsExactlyElementsOf(unrestricted ? List.of() : List.of(false, true));
        // And the same without a connection, for /api/check.
        if (row.who().deviceId() != null) {
            int calls = observer.restricted.size() + observer.unrestricted.get();
            Decision explained = engine.decideFor(snapshot.forDevice(row.who().deviceId()).orElseThrow(),
                    row.host(), port, row.kind(), row.path(), at);
            assertThat(explained.reason()).isEqualTo(d.reason());
            assertThat(explained.trace()).isEqualTo(new Trace(d.trace().snapshotVersion(),
                    d.trace().listVersion(), d.trace().deviceId(), d.trace().clientId(), null,
                    d.trace().registrationId(), d.trace().profileId(), d.trace().phaseOutStep(), d.trace().rule(),
                    d.trace().listId(), d.trace().matched()));
            assertThat(observer.restricted.size() + observer.unrestricted.get()).isEqualTo(calls);
            assertThat(observer.cache).hasSize(unrestricted ? 0 : 2);
        }
    }

    private static Trace expectedTrace(Row row) {
        Who who = row.who();
        if (who.deviceId() == null) {
            return Trace.anonymous(Scenario.SNAPSHOT_VERSION);
        }
        return new Trace(Scenario.SNAPSHOT_VERSION, row.lists() ? Scenario.LIST_VERSION : 0, who.deviceId(),
                who.clientId(), "ip", who.registrationId(), who.profileId(), who.step(), row.rule(), row.listId(),
                row.matched());
    }

    /** Clients without a restriction in effect never reach the list index: it fails the test if touched. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("unrestrictedRequests")
    void unrestrictedClientsNeverConsultTheLists(Who who, Kind kind) {
        Instant at = Scenario.local(MON_10);
        PolicySnapshot snapshot = Scenario.snapshot(at);
        RecordingObserver observer = new RecordingObserver();
        PolicyEngine engine = PolicyEngine.builder()
                .snapshots(() -> snapshot)
                .lists(() -> {
                    throw new AssertionError("the list supplier was asked");
                })
                .resolver(Scenario.byAddress())
                .safeSearch(SafeSearchTable.empty())
                .observer(observer)
                .build();
        Decision d = engine.decide(new RequestFacts(who.inet(), null, "www.lotto.example", 443, kind,
                null, at));
        assertThat(d.reason()).isIn(NO_REGISTRATION, NOT_IN_EFFECT);
        assertThat(observer.unrestricted.get()).isEqualTo(1);
        assertThat(observer.restricted).isEmpty();
        assertThat(observer.cache).isEmpty();
        ListIndex untouchable = FakeListIndex.untouchable();
        PolicyEngine second = PolicyEngine.builder().snapshots(() -> snapshot).lists(() -> untouchable)
                .resolver(Scenario.byAddress()).build();
        assertThat(second.decide(new RequestFacts(who.inet(), null, "casino.example", 80, kind, "/", at)))
                .isInstanceOf(kind == HTTP ? Decision.Allow.class : Decision.Tunnel.class);
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> unrestrictedRequests() {
        return Stream.of(UNKNOWN, UNREGISTERED, LAPSED, NOT_STARTED, UNRESTRICTED_STEP, WITHDRAWN,
                MISSING_PROFILE).flatMap(w -> Stream.of(Kind.values())
                        .map(k -> org.junit.jupiter.params.provider.Arguments.of(w, k)));
    }
}
