package nl.vangnet.proxy.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.stream.Stream;
import nl.vangnet.config.model.Profile;
import nl.vangnet.config.model.Rule;
import nl.vangnet.config.model.TimeWindow;
import nl.vangnet.config.policy.PolicySnapshot;
import nl.vangnet.config.rules.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Connections whose destination cannot be named ({@link Kind#OPAQUE}) under profiles that refuse or allow them, and
 * under a profile that imposes nothing.
 */
class PolicyEngineOpaqueTest {
    private static final Instant MON_10 = Scenario.local("2026-03-02T10:00");
    private static final Instant MON_23 = Scenario.local("2026-03-02T23:00");

    static Stream<Arguments> cases() {
        Profile blocking = Fixtures.emptyProfile().id(40).name("Blokkeert")
                .blockedDomains(List.of(Rule.always("192.0.2.7", null))).build();
        Profile blockingAllows = Fixtures.profile(blocking).allowOpaqueConnections(true).build();
        Profile hours = Fixtures.emptyProfile().id(41).name("Uren")
                .internetHours(List.of(TimeWindow.daily(LocalTime.of(7, 0), LocalTime.of(22, 0))))
                .allowOpaqueConnections(true).build();
        Profile onlySafeSearch = Fixtures.emptyProfile().id(42).name("Veilig zoeken").safeSearch(true).build();
        Profile nothing = Fixtures.emptyProfile().id(43).name("Niets").build();
        return Stream.of(
                Arguments.of("refused by default", blocking, "192.0.2.99", MON_10, Reason.OPAQUE_CONNECTION),
                Arguments.of("refused even for a listed address", blocking, "192.0.2.7", MON_10,
                        Reason.OPAQUE_CONNECTION),
                Arguments.of("allowed: the address is checked", blockingAllows, "192.0.2.7", MON_10,
                        Reason.BLOCKED_DOMAIN),
                Arguments.of("allowed: another address passes", blockingAllows, "192.0.2.99", MON_10,
                        Reason.NOT_RESTRICTED_HOST),
                Arguments.of("allowed: internet hours still apply", hours, "192.0.2.99", MON_23,
                        Reason.OUTSIDE_INTERNET_HOURS),
                Arguments.of("allowed: within internet hours", hours, "192.0.2.99", MON_10,
                        Reason.NOT_RESTRICTED_HOST),
                Arguments.of("SafeSearch alone is a restriction", onlySafeSearch, "192.0.2.99", MON_10,
                        Reason.OPAQUE_CONNECTION),
                Arguments.of("a profile that imposes nothing refuses nothing", nothing, "192.0.2.99", MON_10,
                        Reason.NOT_RESTRICTED_HOST));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(String name, Profile profile, String address, Instant at, Reason expected) {
        PolicySnapshot snapshot = Scenario.snapshot(Scenario.single(profile, LocalDate.parse("2026-02-02")), 1, at);
        PolicyEngine engine = PolicyEngine.builder().snapshots(() -> snapshot).lists(Scenario::lists)
                .resolver(Scenario.byAddress()).build();

        Decision d = engine.decide(new RequestFacts(Scenario.RESTRICTED.inet(), null, address, 443, Kind.OPAQUE,
                null, at));

        assertThat(d.reason()).isEqualTo(expected);
        boolean blocked = expected == Reason.OPAQUE_CONNECTION || expected == Reason.BLOCKED_DOMAIN
                || expected == Reason.OUTSIDE_INTERNET_HOURS;
        assertThat(d).isInstanceOf(blocked ? Decision.Block.class : Decision.Tunnel.class);
        if (d instanceof Decision.Block b) {
            assertThat(b.showPage()).isFalse();
        } else {
            assertThat(((Decision.Tunnel) d).upstreamHost()).isEqualTo(address);
        }
    }
}
