package nl.vangnet.config.rules;

import static nl.vangnet.config.rules.ProblemAssertions.assertProblems;
import static nl.vangnet.config.rules.ProblemAssertions.assertValid;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import nl.vangnet.config.model.Device;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceValidationTest {
    private static final String HASH = PasswordHasher.hash("geheim".toCharArray());
    private final ModelValidator validator = new ModelValidator(Limits.DEFAULTS);

    private static Device device(long clientId, String label, List<String> macs, List<String> ips, String user,
            String hash) {
        return new Device(0, clientId, label, macs, ips, user, hash, 0);
    }

    private static Device macs(String... macs) {
        return device(1, "telefoon", List.of(macs), List.of(), null, null);
    }

    private static Device ips(String... ips) {
        return device(1, "telefoon", List.of(), List.of(ips), null, null);
    }

    private static Device proxy(String user, String hash) {
        return device(1, "tablet", List.of("aa:bb:cc:dd:ee:01"), List.of(), user, hash);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("no client", device(0, "telefoon", List.of("aa:bb:cc:dd:ee:01"), List.of(), null, null),
                        "clientId", "belong to a client"),
                Arguments.of("no label", device(1, " ", List.of("aa:bb:cc:dd:ee:01"), List.of(), null, null),
                        "label", "label is required"),
                Arguments.of("label too long", device(1, "x".repeat(65), List.of("aa:bb:cc:dd:ee:01"), List.of(),
                        null, null), "label", "at most 64 characters"),
                Arguments.of("nothing to recognise it by", device(1, "telefoon", List.of(), List.of(), null, null),
                        "macAddresses", "cannot recognise it"),
                Arguments.of("MAC too short", macs("aa:bb:cc:dd:ee"), "macAddresses[0]", "is not a MAC address"),
                Arguments.of("MAC with mixed separators", macs("aa:bb-cc:dd:ee:ff"), "macAddresses[0]",
                        "is not a MAC address"),
                Arguments.of("MAC with non-hex digits", macs("gg:bb:cc:dd:ee:ff"), "macAddresses[0]",
                        "is not a MAC address"),
                Arguments.of("second MAC invalid", macs("aa:bb:cc:dd:ee:01", "aa:bb:cc:dd:ee:0"), "macAddresses[1]",
                        "is not a MAC address"),
                Arguments.of("multicast MAC", macs("01:00:5e:00:00:01"), "macAddresses[0]", "multicast or broadcast"),
                Arguments.of("broadcast MAC", macs("ff:ff:ff:ff:ff:ff"), "macAddresses[0]", "multicast or broadcast"),
                Arguments.of("same MAC twice in other notations", macs("aa:bb:cc:dd:ee:01", "AABB.CCDD.EE01"),
                        "macAddresses[1]", "listed twice (also macAddresses[0])"),
                Arguments.of("IPv4 with three octets", ips("192.168.1"), "ipAddresses[0]", "is not an IP address"),
                Arguments.of("IPv4 octet above 255", ips("192.168.1.256"), "ipAddresses[0]", "is not an IP address"),
                Arguments.of("IPv4 with leading zero", ips("192.168.010.1"), "ipAddresses[0]",
                        "is not an IP address"),
                Arguments.of("IPv6 with zone", ips("fe80::1%eth0"), "ipAddresses[0]", "is not an IP address"),
                Arguments.of("IPv6 in brackets", ips("[2001:db8::1]"), "ipAddresses[0]", "is not an IP address"),
                Arguments.of("IPv6 with two ::", ips("2001::db8::1"), "ipAddresses[0]", "is not an IP address"),
                Arguments.of("IPv6 with nine groups", ips("1:2:3:4:5:6:7:8:9"), "ipAddresses[0]",
                        "is not an IP address"),
                Arguments.of("host name", ips("tablet.example"), "ipAddresses[0]", "never looked up"),
                Arguments.of("IPv4 unspecified", ips("0.0.0.0"), "ipAddresses[0]", "unspecified address"),
                Arguments.of("IPv6 unspecified", ips("::"), "ipAddresses[0]", "unspecified address"),
                Arguments.of("IPv4 multicast", ips("224.0.0.251"), "ipAddresses[0]", "multicast or broadcast"),
                Arguments.of("IPv6 multicast", ips("ff02::1"), "ipAddresses[0]", "multicast or broadcast"),
                Arguments.of("IPv4 broadcast", ips("255.255.255.255"), "ipAddresses[0]", "multicast or broadcast"),
                Arguments.of("same IPv4 twice", ips("192.168.10.21", "192.168.10.21"), "ipAddresses[1]",
                        "listed twice (also ipAddresses[0])"),
                Arguments.of("same IPv6 twice in other notations", ips("2001:db8::1", "2001:DB8:0:0:0:0:0:1"),
                        "ipAddresses[1]", "listed twice (also ipAddresses[0])"),
                Arguments.of("user name with colon", proxy("piet:1", HASH), "proxyUsername", "without ':'"),
                Arguments.of("user name too long", proxy("p".repeat(65), HASH), "proxyUsername", "1 to 64"),
                Arguments.of("user name without password", proxy("piet", null), "proxyPasswordHash",
                        "needs a password"),
                Arguments.of("password without user name", proxy(null, HASH), "proxyUsername",
                        "set both or neither"),
                Arguments.of("plain password instead of a hash", proxy("piet", "geheim"), "proxyPasswordHash",
                        "as a hash made by PasswordHasher"),
                Arguments.of("no device at all", null, "device", "required"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void reportsTheField(String name, Device d, String field, String fragment) {
        assertProblems(validator.device(d), fragment, field);
        assertProblems(validator.device(validator.normalise(d)), fragment, field);
    }

    static Stream<Device> valid() {
        return Stream.of(Fixtures.device(),
                macs("AA-BB-CC-DD-EE-01", "aabb.ccdd.ee02", "AABBCCDDEE03"),
                ips("2001:db8::21", "192.168.10.22", "fd00::1:2"),
                ips("127.0.0.2", "::1"),
                device(1, "console", List.of(), List.of(), "console-7", HASH),
                device(1, "x".repeat(64), List.of("02:00:00:00:00:01"), List.of("10.0.0.1"), "p".repeat(64), HASH));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void acceptsValidDevices(Device d) {
        assertValid(validator.device(d));
    }

    static Stream<Arguments> macForms() {
        return Stream.of(
                Arguments.of("aa:bb:cc:dd:ee:01", "aa:bb:cc:dd:ee:01"),
                Arguments.of("AA:BB:CC:DD:EE:01", "aa:bb:cc:dd:ee:01"),
                Arguments.of("aa-bb-cc-dd-ee-01", "aa:bb:cc:dd:ee:01"),
                Arguments.of("AABB.CCDD.EE01", "aa:bb:cc:dd:ee:01"),
                Arguments.of("aabbccddee01", "aa:bb:cc:dd:ee:01"),
                Arguments.of(" aa:bb:cc:dd:ee:01 ", "aa:bb:cc:dd:ee:01"),
                Arguments.of("aa:bb:cc:dd:ee", "aa:bb:cc:dd:ee"),
                Arguments.of("AA:BB-CC:DD:EE:FF", "AA:BB-CC:DD:EE:FF"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("macForms")
    void normalisesMacAddresses(String given, String expected) {
        assertThat(validator.normalise(macs(given)).macAddresses()).containsExactly(expected);
    }

    static Stream<Arguments> ipForms() {
        return Stream.of(
                Arguments.of("192.168.10.21", "192.168.10.21"),
                Arguments.of(" 10.0.0.1 ", "10.0.0.1"),
                Arguments.of("2001:DB8::1", "2001:db8::1"),
                Arguments.of("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
                Arguments.of("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
                Arguments.of("2001:db8:0:1:0:0:0:1", "2001:db8:0:1::1"),
                Arguments.of("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),
                Arguments.of("fe80:0:0:0:0:0:0:0", "fe80::"),
                Arguments.of("0:0:0:0:0:0:0:1", "::1"),
                Arguments.of("2001:db8::1.2.3.4", "2001:db8::102:304"),
                Arguments.of("::ffff:192.168.1.2", "192.168.1.2"),
                Arguments.of("::FFFF:C0A8:0102", "192.168.1.2"),
                Arguments.of("192.168.010.1", "192.168.010.1"),
                Arguments.of("tablet.example", "tablet.example"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("ipForms")
    void normalisesIpAddresses(String given, String expected) {
        assertThat(validator.normalise(ips(given)).ipAddresses()).containsExactly(expected);
    }

    /**
     * Strings that {@code InetAddress.getByName} would resolve or read in a legacy form are not IP literals: they
     * stay as given and are reported, never looked up.
     */
    @ParameterizedTest
    @ValueSource(strings = {"localhost", "printer.invalid", "2130706433", "0x7f.1", "127.1", "1.2.3", "1.2.3.4.",
            "::ffff:1.2.3", "1:2:3:4:5:6:7::8:9"})
    void neverResolvesNames(String value) {
        Device normalised = validator.normalise(ips(value));
        assertThat(normalised.ipAddresses()).containsExactly(value);
        assertProblems(validator.device(normalised), "is not an IP address", "ipAddresses[0]");
    }

    @Test
    void normaliseKeepsEverythingElse() {
        Device d = new Device(7, 3, "tablet", List.of("AA-BB-CC-DD-EE-01"), List.of("2001:DB8::1"), "piet", HASH,
                4);
        assertThat(validator.normalise(d)).isEqualTo(new Device(7, 3, "tablet", List.of("aa:bb:cc:dd:ee:01"),
                List.of("2001:db8::1"), "piet", HASH, 4));
    }
}
