package nl.vangnet.proxy.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import nl.vangnet.config.policy.PolicySnapshot;
import nl.vangnet.proxy.decision.Scenario.Who;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SafeSearch rerouting with an operator's table (a local stand-in), for plain HTTP and CONNECT/TLS. */
class PolicyEngineSafeSearchTest {
    private static final SafeSearchTable TABLE = SafeSearchTable.parse(
            "www.zoeken.test 127.0.0.1\nzoeken.test safe.zoeken.test\n", "test table");

    @ParameterizedTest(name = "{0} {1} {2}:{3} → {4} {5}:{3}")
    @CsvSource({
        "127.0.0.10, HTTP,    www.zoeken.test,  8080, SAFE_SEARCH,         127.0.0.1",
        "127.0.0.10, CONNECT, www.zoeken.test,  8443, SAFE_SEARCH,         127.0.0.1",
        "127.0.0.10, TLS,     WWW.Zoeken.Test., 443,  SAFE_SEARCH,         127.0.0.1",
        "127.0.0.10, CONNECT, zoeken.test,      443,  SAFE_SEARCH,         safe.zoeken.test",
        "127.0.0.10, CONNECT, a.zoeken.test,    443,  NOT_RESTRICTED_HOST, a.zoeken.test",
        // The operator's table replaces the default one.
        "127.0.0.10, CONNECT, www.google.nl,    443,  NOT_RESTRICTED_HOST, www.google.nl",
        // A profile without SafeSearch, and clients without a restriction: never rerouted.
        "127.0.0.80, HTTP,    www.zoeken.test,  8080, NOT_RESTRICTED_HOST, www.zoeken.test",
        "127.0.0.60, CONNECT, www.zoeken.test,  8443, NOT_IN_EFFECT,       www.zoeken.test",
        "127.0.0.99, HTTP,    www.zoeken.test,  80,   NO_REGISTRATION,     www.zoeken.test",
    })
    void reroutesOnTheSamePort(String address, Kind kind, String host, int port, Reason reason, String upstream) {
        Instant at = Scenario.local("2026-03-02T10:00");
        PolicySnapshot snapshot = Scenario.snapshot(at);
        PolicyEngine engine = PolicyEngine.builder().snapshots(() -> snapshot).lists(Scenario::lists)
                .resolver(Scenario.byAddress()).safeSearch(TABLE).build();
        Decision d = engine.decide(new RequestFacts(Scenario.ip(address), null, host, port, kind, "/?q=x", at));
        assertThat(d.reason()).isEqualTo(reason);
        if (kind == Kind.HTTP) {
            assertThat(d).isInstanceOfSatisfying(Decision.Allow.class, a -> {
                assertThat(a.upstreamHost()).isEqualTo(upstream);
                assertThat(a.upstreamPort()).isEqualTo(port);
            });
        } else {
            assertThat(d).isInstanceOfSatisfying(Decision.Tunnel.class, t -> {
                assertThat(t.upstreamHost()).isEqualTo(upstream);
                assertThat(t.upstreamPort()).isEqualTo(port);
            });
        }
        if (reason == Reason.SAFE_SEARCH) {
            assertThat(d.trace().matched()).isEqualTo(HostName.normalise(host));
            Who who = Scenario.RESTRICTED;
            assertThat(d.trace().profileId()).isEqualTo(who.profileId());
        }
    }
}
