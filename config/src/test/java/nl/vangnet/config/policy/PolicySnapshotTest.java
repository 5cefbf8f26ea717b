package nl.vangnet.config.policy;

import static nl.vangnet.config.policy.Fixtures.client;
import static nl.vangnet.config.policy.Fixtures.device;
import static nl.vangnet.config.policy.Fixtures.local;
import static nl.vangnet.config.policy.Fixtures.profile;
import static nl.vangnet.config.policy.Fixtures.registration;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import nl.vangnet.config.model.Client;
import nl.vangnet.config.model.Device;
import nl.vangnet.config.model.Profile;
import nl.vangnet.config.model.Registration;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.store.PolicyData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link SnapshotCompiler} and the lookups of {@link PolicySnapshot}. */
final class PolicySnapshotTest {
    private static final Instant AT = local("2026-03-10T12:00");
    private static final Limits LIMITS = Fixtures.limits(0, 14);

    /**
     * Client 1 restricted (profile 100, evaluation 2026-05-31, end 2026-06-30), client 2 without registration,
     * client 3 ended. Device 10 (client 1): 10.0.0.5, 2001:db8::5, aa:bb:cc:dd:ee:01, user tab-1. Device 11
     * (client 2): 10.0.0.6, MAC written AA-BB-CC-DD-EE-02, user phone-2. Device 12 (client 3): nothing.
     */
    private static PolicyData data() {
        return new PolicyData(
                List.of(client(3), client(1), client(2)),
                List.of(device(11, 2, List.of("AA-BB-CC-DD-EE-02"), List.of("10.0.0.6"), "phone-2"),
                        device(10, 1, List.of("aa:bb:cc:dd:ee:01"), List.of("10.0.0.5", "2001:db8::5"), "tab-1"),
                        device(12, 3, List.of(), List.of(), null)),
                List.of(profile(100), profile(101)),
                List.of(registration(1).client(1).dates("2026-03-01", "2026-05-31", "2026-06-30").build(),
                        registration(2).client(3).dates("2026-01-01", "2026-02-01", "2026-02-28").build()),
                42);
    }

    private static PolicySnapshot compile(PolicyData data) {
        return SnapshotCompiler.compile(data, 7, AT, LIMITS);
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static InetAddress ipv4Mapped(int a, int b, int c, int d) {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        bytes[12] = (byte) a;
        bytes[13] = (byte) b;
        bytes[14] = (byte) c;
        bytes[15] = (byte) d;
        try {
            return Inet6Address.getByAddress(null, bytes, -1);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static Stream<Arguments> addresses() {
        return Stream.of(
                Arguments.of("IPv4", ip("10.0.0.5"), 10L),
                Arguments.of("IPv4 of another client", ip("10.0.0.6"), 11L),
                Arguments.of("IPv6", ip("2001:db8::5"), 10L),
                Arguments.of("IPv6 written long", ip("2001:0db8:0000:0000:0000:0000:0000:0005"), 10L),
                Arguments.of("IPv4-mapped IPv6 (an Inet6Address)", ipv4Mapped(10, 0, 0, 5), 10L),
                Arguments.of("unknown IPv4", ip("10.0.0.7"), null),
                Arguments.of("unknown IPv6", ip("2001:db8::6"), null),
                Arguments.of("IPv4-mapped unknown", ipv4Mapped(10, 0, 0, 7), null),
                Arguments.of("null", null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void addresses(String name, InetAddress address, Long deviceId) {
        assertThat(compile(data()).forAddress(address).map(e -> e.device().id()))
                .isEqualTo(Optional.ofNullable(deviceId));
    }

    @Test
    void deviceWithIpv4MappedLiteralIsFoundByItsIpv4Address() {
        PolicyData data = new PolicyData(List.of(client(1)),
                List.of(device(10, 1, List.of(), List.of("::ffff:10.0.0.9", "[2001:db8::9]"), null)), List.of(),
                List.of(), 1);

        PolicySnapshot snapshot = compile(data);

        assertThat(snapshot.forAddress(ip("10.0.0.9"))).map(e -> e.device().id()).contains(10L);
        assertThat(snapshot.forAddress(ip("2001:db8::9"))).map(e -> e.device().id()).contains(10L);
        assertThat(snapshot.problems()).isEmpty();
    }

    static Stream<Arguments> macs() {
        return Stream.of(
                Arguments.of("aa:bb:cc:dd:ee:01", 10L),
                Arguments.of("AA:BB:CC:DD:EE:01", 10L),
                Arguments.of("aa-bb-cc-dd-ee-01", 10L),
                Arguments.of("Aa-Bb-Cc-Dd-Ee-01", 10L),
                Arguments.of("aabb.ccdd.ee01", 10L),
                Arguments.of("aabbccddee01", 10L),
                Arguments.of(" aa:bb:cc:dd:ee:01 ", 10L),
                Arguments.of("aa:bb:cc:dd:ee:02", 11L),
                Arguments.of("aa:bb:cc:dd:ee:03", null),
                Arguments.of("aa:bb:cc:dd:ee", null),
                Arguments.of("not-a-mac", null),
                Arguments.of(null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void macs(String mac, Long deviceId) {
        assertThat(compile(data()).forMac(mac).map(e -> e.device().id())).isEqualTo(Optional.ofNullable(deviceId));
    }

    static Stream<Arguments> proxyUsers() {
        return Stream.of(
                Arguments.of("tab-1", 10L, "hash-10"),
                Arguments.of("phone-2", 11L, "hash-11"),
                Arguments.of("TAB-1", null, null),
                Arguments.of("nobody", null, null),
                Arguments.of(null, null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void proxyUsers(String user, Long deviceId, String hash) {
        Optional<DeviceEntry> entry = compile(data()).forProxyUser(user);

        assertThat(entry.map(e -> e.device().id())).isEqualTo(Optional.ofNullable(deviceId));
        assertThat(entry.map(DeviceEntry::proxyPasswordHash)).isEqualTo(Optional.ofNullable(hash));
    }

    @Test
    void clientsDevicesAndPolicies() {
        PolicySnapshot snapshot = compile(data());

        assertThat(snapshot.version()).isEqualTo(7);
        assertThat(snapshot.dataVersion()).isEqualTo(42);
        assertThat(snapshot.compiledAt()).isEqualTo(AT);
        assertThat(snapshot.problems()).isEmpty();
        assertThat(snapshot.clients()).extracting(e -> e.client().id()).containsExactly(1L, 2L, 3L);
        assertThat(snapshot.entries()).extracting(e -> e.device().id()).containsExactly(10L, 11L, 12L);
        assertThat(snapshot.restrictedCount()).isEqualTo(1);

        ClientEntry restricted = snapshot.forClient(1).orElseThrow();
        assertThat(restricted.restricted()).isTrue();
        assertThat(restricted.profile().id()).isEqualTo(100);
        assertThat(restricted.policy().reason()).isEqualTo(EffectiveReason.ACTIVE);

        ClientEntry free = snapshot.forClient(2).orElseThrow();
        assertThat(free.restricted()).isFalse();
        assertThat(free.profile()).isNull();
        assertThat(free.policy().reason()).isEqualTo(EffectiveReason.NO_REGISTRATION);

        DeviceEntry endedDevice = snapshot.forDevice(12).orElseThrow();
        assertThat(endedDevice.client().client().id()).isEqualTo(3);
        assertThat(endedDevice.client().policy().reason()).isEqualTo(EffectiveReason.ENDED);
        assertThat(endedDevice.restricted()).isFalse();
        assertThat(snapshot.forAddress(ip("10.0.0.5")).orElseThrow().restricted()).isTrue();

        assertThat(snapshot.forClient(99)).isEmpty();
        assertThat(snapshot.forDevice(99)).isEmpty();
    }

    static Stream<Arguments> validUntil() {
        PolicyData base = data();
        List<Registration> withFuture = new ArrayList<>(base.registrations());
        withFuture.add(registration(3).client(2).dates("2026-04-01", "2026-06-01", "2026-06-30").build());
        return Stream.of(
                // Client 1's warning for 2026-05-31 starts 2026-05-17; nothing else changes earlier.
                Arguments.of("the evaluation warning starting", base, local("2026-05-17T00:00")),
                Arguments.of("another client's registration starting", new PolicyData(base.clients(),
                        base.devices(), base.profiles(), withFuture, 42), local("2026-04-01T00:00")),
                Arguments.of("no registration at all", new PolicyData(base.clients(), base.devices(),
                        base.profiles(), List.of(), 42), Instant.MAX),
                Arguments.of("empty", PolicyData.empty(), Instant.MAX));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void validUntil(String name, PolicyData data, Instant expected) {
        PolicySnapshot snapshot = compile(data);

        assertThat(snapshot.validUntil()).isEqualTo(expected);
        assertThat(snapshot.isValidAt(AT)).isTrue();
        assertThat(snapshot.isValidAt(AT.minusNanos(1))).isFalse();
        if (!expected.equals(Instant.MAX)) {
            assertThat(snapshot.isValidAt(expected.minusNanos(1))).isTrue();
            assertThat(snapshot.isValidAt(expected)).isFalse();
        }
    }

    @Test
    void validUntilIsTheEarliestNextChangeOfEveryClient() {
        PolicySnapshot snapshot = compile(data());

        Instant earliest = snapshot.clients().stream().map(e -> e.policy().nextChange())
                .filter(java.util.Objects::nonNull).min(Instant::compareTo).orElseThrow();
        assertThat(snapshot.validUntil()).isEqualTo(earliest);
        // Recompiled at validUntil, the policy has changed: the warning is on.
        assertThat(SnapshotCompiler.compile(data(), 8, earliest, LIMITS).forClient(1).orElseThrow().policy()
                .evaluationWarning()).isTrue();
        assertThat(snapshot.forClient(1).orElseThrow().policy().evaluationWarning()).isFalse();
    }

    private static PolicyData with(UnaryOperator<List<Client>> clients, UnaryOperator<List<Device>> devices,
            UnaryOperator<List<Profile>> profiles, UnaryOperator<List<Registration>> registrations) {
        PolicyData d = data();
        return new PolicyData(clients.apply(new ArrayList<>(d.clients())),
                devices.apply(new ArrayList<>(d.devices())), profiles.apply(new ArrayList<>(d.profiles())),
                registrations.apply(new ArrayList<>(d.registrations())), d.dataVersion());
    }

    private static <T> UnaryOperator<List<T>> same() {
        return l -> l;
    }

    private static <T> UnaryOperator<List<T>> plus(T extra) {
        return l -> {
            l.add(extra);
            return l;
        };
    }

    private static <T> UnaryOperator<List<T>> only(T replacement) {
        return l -> new ArrayList<>(List.of(replacement));
    }

    /** Inconsistent data: worked around default open, with a problem reported. */
    static Stream<Arguments> inconsistentData() {
        return Stream.of(
                Arguments.of("device of an unknown client: left out",
                        with(same(), plus(device(20, 99, List.of(), List.of("10.0.0.20"), null)), same(), same()),
                        "device 20 belongs to unknown client 99",
                        (Check) s -> s.forDevice(20).isEmpty() && s.forAddress(ip("10.0.0.20")).isEmpty()),
                Arguments.of("IP address claimed twice: matched for neither",
                        with(same(), plus(device(21, 2, List.of(), List.of("10.0.0.5"), null)), same(), same()),
                        "IP address 10.0.0.5 is claimed by devices [10, 21]",
                        (Check) s -> s.forAddress(ip("10.0.0.5")).isEmpty()
                                && s.forAddress(ip("2001:db8::5")).isPresent() && s.forDevice(21).isPresent()),
                Arguments.of("MAC claimed twice, written differently: matched for neither",
                        with(same(), plus(device(21, 2, List.of("AABB.CCDD.EE01"), List.of(), null)), same(), same()),
                        "MAC address aa:bb:cc:dd:ee:01 is claimed by devices [10, 21]",
                        (Check) s -> s.forMac("aa:bb:cc:dd:ee:01").isEmpty()),
                Arguments.of("proxy user claimed twice: matched for neither",
                        with(same(), plus(device(21, 2, List.of(), List.of(), "tab-1")), same(), same()),
                        "proxy user name tab-1 is claimed by devices [10, 21]",
                        (Check) s -> s.forProxyUser("tab-1").isEmpty()),
                Arguments.of("host name instead of an IP literal: not resolved, not indexed",
                        with(same(), plus(device(22, 2, List.of(), List.of("localhost"), null)), same(), same()),
                        "device 22: 'localhost' is not an IP address literal",
                        (Check) s -> s.forAddress(ip("127.0.0.1")).isEmpty() && s.forDevice(22).isPresent()),
                Arguments.of("IPv4 out of range",
                        with(same(), plus(device(22, 2, List.of(), List.of("10.0.0.256"), null)), same(), same()),
                        "device 22: '10.0.0.256' is not an IP address literal",
                        (Check) s -> s.forDevice(22).isPresent() && s.forAddress(ip("10.0.0.5")).isPresent()),
                Arguments.of("IPv6 with a zone id",
                        with(same(), plus(device(22, 2, List.of(), List.of("fe80::1%eth0"), null)), same(), same()),
                        "device 22: 'fe80::1%eth0' is not an IP address literal",
                        (Check) s -> s.forAddress(ip("fe80::1")).isEmpty()),
                Arguments.of("bad MAC",
                        with(same(), plus(device(22, 2, List.of("zz:zz"), List.of(), null)), same(), same()),
                        "device 22: 'zz:zz' is not a MAC address", (Check) s -> s.forDevice(22).isPresent()),
                Arguments.of("registration of an unknown client: left out",
                        with(same(), same(), same(), plus(registration(30).client(99)
                                .dates("2026-03-01", "2026-05-31", "2026-06-30").build())),
                        "registration 30 belongs to unknown client 99", (Check) s -> s.clients().size() == 3),
                Arguments.of("registration without a start date: left out",
                        with(same(), same(), same(), only(registration(31).client(1)
                                .dates(null, "2026-05-31", "2026-06-30").build())),
                        "registration 31 has no start or end date",
                        (Check) s -> s.forClient(1).orElseThrow().policy().reason()
                                == EffectiveReason.NO_REGISTRATION),
                Arguments.of("unknown profile: client left unrestricted",
                        with(same(), same(), only(profile(101)), same()),
                        "registration 1 of client 1 applies unknown profile 100; client left unrestricted",
                        (Check) s -> !s.forClient(1).orElseThrow().restricted()
                                && s.forClient(1).orElseThrow().policy().restricted()
                                && s.forAddress(ip("10.0.0.5")).map(e -> !e.restricted()).orElse(false)
                                && s.restrictedCount() == 0),
                Arguments.of("client twice: the first is used",
                        with(l -> {
                            l.add(0, new Client(1, "C-first", null, null, 1));
                            return l;
                        }, same(), same(), same()),
                        "client 1 appears twice",
                        (Check) s -> s.forClient(1).orElseThrow().client().code().equals("C-first")
                                && s.clients().size() == 3),
                Arguments.of("device twice: the first is used",
                        with(same(), l -> {
                            l.add(0, device(10, 2, List.of(), List.of("10.0.0.50"), null));
                            return l;
                        }, same(), same()),
                        "device 10 appears twice",
                        (Check) s -> s.forDevice(10).orElseThrow().client().client().id() == 2
                                && s.forAddress(ip("10.0.0.5")).isEmpty() && s.entries().size() == 3),
                Arguments.of("profile twice: the first is used",
                        with(same(), same(), l -> {
                            l.add(0, new Profile(100, "first", null, List.of(), List.of(), List.of(), List.of(),
                                    false, List.of(), true, 1));
                            return l;
                        }, same()),
                        "profile 100 appears twice",
                        (Check) s -> s.forClient(1).orElseThrow().profile().name().equals("first")));
    }

    /** A condition on a snapshot. */
    @FunctionalInterface
    interface Check {
        boolean holds(PolicySnapshot snapshot);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void inconsistentData(String name, PolicyData data, String problem, Check check) {
        PolicySnapshot snapshot = compile(data);

        assertThat(snapshot.problems()).anySatisfy(p -> assertThat(p).contains(problem));
        assertThat(check.holds(snapshot)).isTrue();
    }
}
