package nl.vangnet.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import nl.vangnet.proxy.net.DestinationGuard.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DestinationGuardTest {
    private static final InetSocketAddress LISTENER = new InetSocketAddress("127.0.0.1", 3128);
    private static final HostTable TABLE = HostTable.builder()
            .put("public.example", "192.0.2.10")
            .put("public6.example", "2001:db8::10")
            .put("intranet.example", "10.1.2.3")
            .put("rebind.example", "192.0.2.10", "192.168.1.1")
            .put("own.example", "198.51.100.7")
            .put("loop.example", "127.0.0.1")
            .build();
    private static final Set<InetAddress> OWN = Set.of(address("198.51.100.7"), address("127.0.0.1"));

    private final DestinationGuard strict = new DestinationGuard(TABLE, List.of(), OWN);
    private final DestinationGuard lab = new DestinationGuard(TABLE, List.of(Cidr.parse("127.0.0.0/8"),
            Cidr.parse("10.0.0.0/8")), OWN);

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "0.0.0.0, UNSPECIFIED",
            "0.1.2.3, UNSPECIFIED",
            "127.0.0.1, LOOPBACK",
            "127.9.9.9, LOOPBACK",
            "169.254.169.254, LINK_LOCAL",
            "10.0.0.1, PRIVATE",
            "172.16.0.1, PRIVATE",
            "172.31.255.254, PRIVATE",
            "192.168.178.1, PRIVATE",
            "100.64.0.1, CGNAT",
            "100.127.255.254, CGNAT",
            "224.0.0.251, MULTICAST",
            "239.255.255.250, MULTICAST",
            "255.255.255.255, BROADCAST",
            "240.0.0.1, RESERVED",
            "::, UNSPECIFIED",
            "::1, LOOPBACK",
            "fe80::1, LINK_LOCAL",
            "fc00::1, PRIVATE",
            "fd12:3456:789a::1, PRIVATE",
            "fec0::1, PRIVATE",
            "ff02::1, MULTICAST",
            "::ffff:127.0.0.1, LOOPBACK",
            "::ffff:10.0.0.1, PRIVATE",
            "::127.0.0.1, LOOPBACK",
            "64:ff9b::a00:1, PRIVATE",
            "2002:c0a8:101::1, PRIVATE",
            "198.51.100.7, OWN_ADDRESS"
    })
    void refusesInsideAddresses(String literal, Refusal expected) {
        assertThat(strict.check(literal, 80, LISTENER)).isEqualTo(new Verdict.Refused(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.10", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2001:db8::1", "[2001:db8::1]",
            "64:ff9b::808:808", "2002:808:808::1", "public.example", "public6.example", "PUBLIC.example."})
    void permitsPublicDestinationsWithTheCheckedAddress(String host) {
        Verdict v = strict.check(host, 443, LISTENER);

        assertThat(v).isInstanceOf(Verdict.Permitted.class);
        InetSocketAddress a = ((Verdict.Permitted) v).address();
        assertThat(a.isUnresolved()).isFalse();
        assertThat(a.getPort()).isEqualTo(443);
    }

    @Test
    void namesAreCheckedByEveryAddressTheyResolveTo() {
        assertThat(strict.check("intranet.example", 80, LISTENER)).isEqualTo(new Verdict.Refused(Refusal.PRIVATE));
        assertThat(strict.check("rebind.example", 80, LISTENER)).isEqualTo(new Verdict.Refused(Refusal.PRIVATE));
        assertThat(strict.check("own.example", 80, LISTENER)).isEqualTo(new Verdict.Refused(Refusal.OWN_ADDRESS));
        assertThat(strict.check("public.example", 80, LISTENER))
                .isEqualTo(new Verdict.Permitted(new InetSocketAddress(address("192.0.2.10"), 80)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nowhere.example", "", "127.1", "2130706433"})
    void unresolvableNamesAreRefusedAsSuch(String host) {
        Verdict v = strict.check(host, 80, LISTENER);
        assertThat(v).isEqualTo(new Verdict.Refused(Refusal.UNRESOLVABLE));
        assertThat(((Verdict.Refused) v).refusal().isSafety()).isFalse();
    }

    @Test
    void theAllowListOpensRangesButNeverTheListenerItself() {
        assertThat(lab.check("127.0.0.1", 8080, LISTENER)).isInstanceOf(Verdict.Permitted.class);
        assertThat(lab.check("loop.example", 8080, LISTENER)).isInstanceOf(Verdict.Permitted.class);
        assertThat(lab.check("intranet.example", 80, LISTENER)).isInstanceOf(Verdict.Permitted.class);
        assertThat(lab.check("192.168.1.1", 80, LISTENER)).isEqualTo(new Verdict.Refused(Refusal.PRIVATE));

        assertThat(lab.check("127.0.0.1", 3128, LISTENER)).isEqualTo(new Verdict.Refused(Refusal.OWN_LISTENER));
        assertThat(lab.check("127.0.0.2", 3128, LISTENER)).isEqualTo(new Verdict.Refused(Refusal.OWN_LISTENER));
        assertThat(lab.check("loop.example", 3128, LISTENER)).isEqualTo(new Verdict.Refused(Refusal.OWN_LISTENER));
        assertThat(lab.check("198.51.100.7", 3128, LISTENER))
                .isEqualTo(new Verdict.Refused(Refusal.OWN_LISTENER));
        assertThat(lab.check("0.0.0.0", 3128, LISTENER)).isEqualTo(new Verdict.Refused(Refusal.OWN_LISTENER));
        assertThat(lab.check("192.0.2.10", 3128, LISTENER)).isInstanceOf(Verdict.Permitted.class);
    }

    @Test
    void aWildcardListenerProtectsItsPortOnEveryOwnAddress() {
        InetSocketAddress wildcard = new InetSocketAddress("0.0.0.0", 3128);
        assertThat(lab.check("own.example", 3128, wildcard)).isEqualTo(new Verdict.Refused(Refusal.OWN_LISTENER));
        assertThat(strict.check("own.example", 3129, wildcard)).isEqualTo(new Verdict.Refused(Refusal.OWN_ADDRESS));
    }

    @Test
    void aFailingResolverRefusesInsteadOfThrowing() {
        DestinationGuard broken = new DestinationGuard(host -> {
            throw new IllegalStateException("resolver bug");
        }, List.of(), Set.of());
        assertThat(broken.check("public.example", 80, LISTENER))
                .isEqualTo(new Verdict.Refused(Refusal.UNRESOLVABLE));
        DestinationGuard empty = new DestinationGuard(host -> List.of(), List.of(), Set.of());
        assertThat(empty.check("public.example", 80, LISTENER)).isEqualTo(new Verdict.Refused(Refusal.UNRESOLVABLE));
    }

    @Test
    void interfaceAddressesIncludeLoopback() {
        assertThat(DestinationGuard.interfaceAddresses()).contains(address("127.0.0.1"));
    }

    private static InetAddress address(String literal) {
        return IpLiterals.parse(literal).orElseThrow();
    }
}
