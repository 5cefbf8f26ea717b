package nl.vangnet.proxy.identify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lease file formats as matrices over the sample files in {@code src/test/resources/leases}: valid, ended,
 * infinite, overridden and removed leases, other hardware types, IPv6, and malformed lines with their counts.
 */
class LeaseFilesTest {
    /** 2026-11-23T12:00:00Z: the sample files' leases ending 2026-11-24 hold, those ending 2026-11-22 have ended. */
    static final Instant NOW = Instant.ofEpochSecond(1_795_435_200L);

    static Path resource(String name) {
        try {
            return Path.of(LeaseFilesTest.class.getResource("/leases/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The MAC of the lease that holds {@code ip} at {@link #NOW}, or "" for none; "ended" if it has ended. */
    static String macAt(ParsedLeases parsed, String ip) throws IOException {
        Lease lease = parsed.leases().get(InetAddress.getByName(ip));
        if (lease == null) {
            return "";
        }
        return lease.isActiveAt(NOW) ? lease.mac() : "ended";
    }

    @ParameterizedTest(name = "{0} {1} {2} -> [{3}]")
    @CsvSource(delimiter = '|', textBlock = """
            # file          | format  | address        | MAC at NOW (empty: none)
            dnsmasq.leases  | DNSMASQ | 192.168.1.10   | aa:bb:cc:00:00:10
            dnsmasq.leases  | DNSMASQ | 192.168.1.11   | ended
            dnsmasq.leases  | DNSMASQ | 192.168.1.12   | aa:bb:cc:00:00:12
            dnsmasq.leases  | DNSMASQ | 192.168.1.13   | aa:bb:cc:00:00:13
            dnsmasq.leases  | DNSMASQ | 192.168.1.15   |
            dnsmasq.leases  | DNSMASQ | 192.168.1.16   |
            dnsmasq.leases  | DNSMASQ | 192.168.1.18   |
            dnsmasq.leases  | DNSMASQ | 2001:db8::20   |
            dnsmasq.leases  | DNSMASQ | 2001:db8::21   |
            dnsmasq.leases  | DNSMASQ | 192.168.1.99   |
            dhcpd.leases    | ISC     | 192.168.1.10   | aa:bb:cc:00:00:10
            dhcpd.leases    | ISC     | 192.168.1.11   | ended
            dhcpd.leases    | ISC     | 192.168.1.12   | aa:bb:cc:00:00:12
            dhcpd.leases    | ISC     | 192.168.1.13   | aa:bb:cc:00:00:13
            dhcpd.leases    | ISC     | 192.168.1.14   |
            dhcpd.leases    | ISC     | 192.168.1.15   |
            dhcpd.leases    | ISC     | 192.168.1.16   |
            dhcpd.leases    | ISC     | 192.168.1.18   |
            dhcpd.leases    | ISC     | 192.168.1.19   | aa:bb:cc:00:00:19
            dhcpd.leases    | ISC     | 192.168.1.20   |
            dhcpd.leases    | ISC     | 2001:db8::20   |
            kea-leases4.csv | KEA     | 192.168.1.10   | aa:bb:cc:00:00:10
            kea-leases4.csv | KEA     | 192.168.1.11   | ended
            kea-leases4.csv | KEA     | 192.168.1.12   | aa:bb:cc:00:00:12
            kea-leases4.csv | KEA     | 192.168.1.13   | aa:bb:cc:00:00:13
            kea-leases4.csv | KEA     | 192.168.1.14   |
            kea-leases4.csv | KEA     | 192.168.1.15   |
            kea-leases4.csv | KEA     | 192.168.1.16   |
            kea-leases4.csv | KEA     | 192.168.1.17   |
            kea-leases4.csv | KEA     | 192.168.1.18   |
            kea-leases4.csv | KEA     | 192.168.1.19   |
            kea-leases4.csv | KEA     | 192.168.1.20   | aa:bb:cc:00:00:20
            kea-leases6.csv | KEA     | 2001:db8::10   | aa:bb:cc:00:00:10
            kea-leases6.csv | KEA     | 2001:db8::11   |
            kea-leases6.csv | KEA     | 2001:db8:1::   |
            kea-leases6.csv | KEA     | 2001:db8::13   | ended
            kea-leases6.csv | KEA     | 2001:db8::14   |
            kea-leases6.csv | KEA     | 2001:db8::15   | aa:bb:cc:00:00:15
            """)
    void leaseMatrix(String file, LeaseFormat format, String ip, String expected) throws IOException {
        String want = expected == null ? "" : expected;
        assertThat(macAt(LeaseFiles.read(resource(file), format), ip)).isEqualTo(want);
        ParsedLeases detected = LeaseFiles.read(resource(file), LeaseFormat.AUTO);
        assertThat(detected.format()).isEqualTo(format);
        assertThat(macAt(detected, ip)).isEqualTo(want);
    }

    @ParameterizedTest(name = "{0}: infinite lease")
    @CsvSource({"dnsmasq.leases,DNSMASQ", "dhcpd.leases,ISC", "kea-leases4.csv,KEA"})
    void infiniteLeasesNeverEnd(String file, LeaseFormat format) throws IOException {
        Lease lease = LeaseFiles.read(resource(file), format).leases().get(InetAddress.getByName("192.168.1.12"));
        assertThat(lease.isInfinite()).isTrue();
        assertThat(lease.isActiveAt(Instant.parse("9999-12-31T23:59:59Z"))).isTrue();
        assertThat(lease.toString()).doesNotContain("192.168").doesNotContain("aa:bb");
        assertThat(LeaseFiles.read(resource(file), format).toString()).doesNotContain("192.168", "aa:bb");
    }

    static Stream<Arguments> malformedInSamples() {
        return Stream.of(
                Arguments.of("dnsmasq.leases", LeaseFormat.DNSMASQ, 5, List.of(
                        "dnsmasq.leases line 8: expected 5 fields (expiry, hardware address, IP address, host name,"
                                + " client id), found 4",
                        "dnsmasq.leases line 9: the expiry is not a number of seconds",
                        "dnsmasq.leases line 10: the third field is not an IP address",
                        "dnsmasq.leases line 11: the second field is not a hardware address",
                        "dnsmasq.leases line 15: expected 5 fields (expiry, hardware address, IP address, host name,"
                                + " client id), found 4")),
                Arguments.of("dhcpd.leases", LeaseFormat.ISC, 4, List.of(
                        "dhcpd.leases line 73: 'ends' is not 'never', 'epoch <seconds>' or a date and time",
                        "dhcpd.leases line 78: 'lease' is not followed by one IP address",
                        "dhcpd.leases line 83: 'hardware ethernet' is not followed by a MAC address",
                        "dhcpd.leases line 88: an active lease without 'ends'")),
                Arguments.of("kea-leases4.csv", LeaseFormat.KEA, 4, List.of(
                        "kea-leases4.csv line 13: 'address' is not an IP address",
                        "kea-leases4.csv line 14: 'valid_lifetime', 'expire', 'state' and 'lease_type' must be"
                                + " numbers",
                        "kea-leases4.csv line 15: expected at least 10 columns, found 2",
                        "kea-leases4.csv line 16: 'hwaddr' is not a hardware address")),
                Arguments.of("kea-leases6.csv", LeaseFormat.KEA, 1, List.of(
                        "kea-leases6.csv line 7: 'address' is not an IP address")));
    }

    @ParameterizedTest(name = "{0}: {2} malformed")
    @MethodSource("malformedInSamples")
    void malformedEntriesAreCountedWithLineNumbers(String file, LeaseFormat format, int count,
            List<String> problems) throws IOException {
        ParsedLeases parsed = LeaseFiles.read(resource(file), format);
        assertThat(parsed.malformed()).isEqualTo(count);
        assertThat(parsed.problems()).containsExactlyElementsOf(problems);
    }

    @ParameterizedTest(name = "{0}: problems carry no client data")
    @CsvSource({"dnsmasq.leases,DNSMASQ", "dhcpd.leases,ISC", "kea-leases4.csv,KEA", "kea-leases6.csv,KEA"})
    void problemsCarryNoClientData(String file, LeaseFormat format) throws IOException {
        assertThat(String.join("\n", LeaseFiles.read(resource(file), format).problems()))
                .doesNotContain("192.168", "2001:db8", "aa:bb", "not-a-mac", "laptop", "soon", "broken");
    }

    @ParameterizedTest(name = "{0}: [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            # format | text (\\n: new line) | malformed | line of the first problem (0: none)
            DNSMASQ  | 1795478400 aa:bb:cc:00:00:10 192.168.1.10 a *                            | 0 | 0
            DNSMASQ  | \\n\\n1795478400 aa:bb:cc:00:00:10 192.168.1.10 a                         | 1 | 3
            DNSMASQ  | -1 aa:bb:cc:00:00:10 192.168.1.10 a *                                    | 1 | 1
            DNSMASQ  | 1795478400 aa:bb:cc:00:00:10 host.example a *                            | 1 | 1
            DNSMASQ  | 1795478400 aa:bb:cc:00:00 192.168.1.10 a *                               | 0 | 0
            DNSMASQ  | 1795478400 12345 192.168.1.10 a *                                        | 1 | 1
            DNSMASQ  | 1795478400 12345 2001:db8::1 a *                                         | 0 | 0
            ISC      | lease 192.168.1.10 { ends never; binding state active; }                 | 0 | 0
            ISC      | }\\nlease 192.168.1.10 { ends never; }                                   | 1 | 1
            ISC      | \\n\\nlease 192.168.1.10 {\\n ends never;\\n                             | 1 | 3
            ISC      | lease 192.168.1.10 { uid "}\\";{"; ends never; binding state active; }   | 0 | 0
            ISC      | lease 192.168.1.10 { ends 2 2026/11/24 25:00:00; binding state active; } | 1 | 1
            ISC      | lease 192.168.1.10 { ends epoch soon; binding state active; }            | 1 | 1
            ISC      | lease { ends never; }\\nlease 10.0.0.1 10.0.0.2 { ends never; }          | 2 | 1
            ISC      | lease 192.168.1.10 { ends never; }\\nauthoring-byte-order little-endian  | 1 | 2
            KEA      | address,hwaddr,valid_lifetime,expire\\n192.168.1.10,aa:bb:cc:00:00:10,1,1 | 0 | 0
            KEA      | address,hwaddr,valid_lifetime,expire\\n\\n\\n192.168.1.10,aa,1            | 1 | 4
            KEA      | address,hwaddr,valid_lifetime,expire\\n192.168.1.10,aa,-1,5               | 1 | 2
            KEA      | address,hwaddr,valid_lifetime,expire\\n"192.168.1.10",aa,1,5              | 1 | 2
            """)
    void malformedLineMatrix(LeaseFormat format, String text, int malformed, int line) throws IOException {
        ParsedLeases parsed = LeaseFiles.parse(text.replace("\\n", "\n"), format, "f");
        assertThat(parsed.malformed()).isEqualTo(malformed);
        if (line == 0) {
            assertThat(parsed.problems()).isEmpty();
        } else {
            assertThat(parsed.problems().get(0)).startsWith("f line " + line + ": ");
        }
    }

    @Test
    void aLaterEntryWithoutALeaseRemovesAnEarlierOne() throws IOException {
        String dnsmasq = "1795478400 aa:bb:cc:00:00:10 192.168.1.10 a *\n"
                + "1795478400 20-aa:bb 192.168.1.10 a *\n";
        assertThat(LeaseFiles.parse(dnsmasq, LeaseFormat.DNSMASQ, "f").leases()).isEmpty();
        String isc = "lease 192.168.1.10 { ends never; binding state active; hardware ethernet aa:bb:cc:0:0:1; }\n"
                + "lease 192.168.1.10 { ends never; binding state released; hardware ethernet aa:bb:cc:0:0:1; }\n";
        assertThat(LeaseFiles.parse(isc, LeaseFormat.ISC, "f").leases()).isEmpty();
        String isc2 = "lease 192.168.1.10 { ends never; binding state released; }\n"
                + "lease 192.168.1.10 { ends never; binding state active; hardware ethernet aa:bb:cc:0:0:1; }\n";
        assertThat(LeaseFiles.parse(isc2, LeaseFormat.ISC, "f").leases().values())
                .extracting(Lease::mac).containsExactly("aa:bb:cc:00:00:01");
    }

    @Test
    void onlyTheFirstProblemsAreKeptButAllAreCounted() throws IOException {
        String text = "garbage\n".repeat(LeaseCollector.MAX_PROBLEMS + 5);
        ParsedLeases parsed = LeaseFiles.parse(text, LeaseFormat.DNSMASQ, "f");
        assertThat(parsed.malformed()).isEqualTo(LeaseCollector.MAX_PROBLEMS + 5);
        assertThat(parsed.problems()).hasSize(LeaseCollector.MAX_PROBLEMS);
        assertThat(parsed.problems().get(LeaseCollector.MAX_PROBLEMS - 1))
                .startsWith("f line " + LeaseCollector.MAX_PROBLEMS + ":");
    }

    @Test
    void aKeaFileWithoutItsHeaderIsRefusedAsAWhole() {
        assertThatThrownBy(() -> LeaseFiles.parse("192.168.1.10,aa:bb:cc:00:00:10,,3600,1795478400,1,0,0,x,0,,0\n",
                LeaseFormat.KEA, "kea-leases4.csv"))
                .isInstanceOf(LeaseFileException.class)
                .hasMessage("kea-leases4.csv is not a Kea lease file: its first line (the header) has no 'address'"
                        + " column");
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            address,hwaddr,valid_lifetime,expire | KEA
            address , hwaddr                     | KEA
            0 aa:bb:cc:00:00:10 10.0.0.1 a *     | DNSMASQ
            duid 00:01:00:01                     | DNSMASQ
            # The format of this file is ...     | ISC
            lease 10.0.0.1 {                     | ISC
            authoring-byte-order little-endian;  | ISC
            server-duid "x";                     | ISC
            """)
    void autoDetection(String firstLine, LeaseFormat expected) throws IOException {
        assertThat(LeaseFormat.detect(firstLine, "f")).isEqualTo(expected);
    }

    @Test
    void autoDetectionRefusesAnUnknownFormatAndTakesAnEmptyFileAsNoLeases() throws IOException {
        assertThatThrownBy(() -> LeaseFiles.parse("\n  \nhello world\n", LeaseFormat.AUTO, "leases.txt"))
                .isInstanceOf(LeaseFileException.class)
                .hasMessage("the format of leases.txt cannot be detected from its first line; configure it as"
                        + " dnsmasq, isc or kea");
        assertThat(LeaseFiles.parse("\n\n", LeaseFormat.AUTO, "f")).isEqualTo(ParsedLeases.empty(LeaseFormat.AUTO));
        for (LeaseFormat f : List.of(LeaseFormat.DNSMASQ, LeaseFormat.ISC, LeaseFormat.KEA)) {
            assertThat(LeaseFiles.parse("", f, "f").leases()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(LeaseFormat.class)
    void formatsAreNamedInConfigurationInAnyCase(LeaseFormat format) {
        assertThat(LeaseFormat.fromName(format.configName())).isEqualTo(format);
        assertThat(LeaseFormat.fromName(" " + format.configName().toUpperCase() + " ")).isEqualTo(format);
    }

    @Test
    void anUnknownFormatNameIsRefusedClearly() {
        assertThatThrownBy(() -> LeaseFormat.fromName("dhcpcd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown lease file format 'dhcpcd'; use one of dnsmasq, isc, kea, auto");
    }

    @Test
    void aMissingFileIsAnError(@TempDir Path dir) {
        assertThatThrownBy(() -> LeaseFiles.read(dir.resolve("dnsmasq.leases"), LeaseFormat.DNSMASQ))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void keaIsReadWithTheLeaseFileCleanupFilesInKeasOrder(@TempDir Path dir) throws IOException {
        String header = "address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state\n";
        Path main = dir.resolve("kea-leases4.csv");
        Files.writeString(dir.resolve("kea-leases4.csv.1"), header
                + "10.0.0.1,aa:bb:cc:00:00:01,,3600,1795478400,1,0,0,,0\n"
                + "10.0.0.2,aa:bb:cc:00:00:02,,3600,1795478400,1,0,0,,0\n");
        Files.writeString(dir.resolve("kea-leases4.csv.2"), header
                + "10.0.0.3,aa:bb:cc:00:00:03,,3600,1795478400,1,0,0,,0\n");
        Files.writeString(main, header
                + "10.0.0.2,aa:bb:cc:00:00:22,,3600,1795478400,1,0,0,,0\n"
                + "10.0.0.3,aa:bb:cc:00:00:03,,0,1795478400,1,0,0,,0\n");
        ParsedLeases parsed = LeaseFiles.read(main, LeaseFormat.KEA);
        assertThat(macAt(parsed, "10.0.0.1")).isEqualTo("aa:bb:cc:00:00:01");
        assertThat(macAt(parsed, "10.0.0.2")).isEqualTo("aa:bb:cc:00:00:22");
        assertThat(macAt(parsed, "10.0.0.3")).isEmpty();

        // Once the cleanup has finished (.completed), it replaces .1 and .2.
        Files.writeString(dir.resolve("kea-leases4.csv.completed"), header
                + "10.0.0.4,aa:bb:cc:00:00:04,,3600,1795478400,1,0,0,,0\n");
        parsed = LeaseFiles.read(main, LeaseFormat.AUTO);
        assertThat(parsed.leases()).hasSize(2);
        assertThat(macAt(parsed, "10.0.0.1")).isEmpty();
        assertThat(macAt(parsed, "10.0.0.4")).isEqualTo("aa:bb:cc:00:00:04");
        assertThat(macAt(parsed, "10.0.0.2")).isEqualTo("aa:bb:cc:00:00:22");
    }

    @Test
    void macAddressesAreNormalisedAndIpv4MappedAddressesAreIpv4() {
        assertThat(AddressText.ethernetMac("AA:b:0C:dd:EE:f")).contains("aa:0b:0c:dd:ee:0f");
        assertThat(AddressText.ethernetMac("aa-bb-cc-dd-ee-ff")).isEmpty();
        assertThat(AddressText.ethernetMac("aa:bb:cc:dd:ee")).isEmpty();
        assertThat(AddressText.ipLiteral("::ffff:192.168.1.10")).map(InetAddress::getHostAddress)
                .contains("192.168.1.10");
        assertThat(AddressText.ipLiteral("router.example")).isEqualTo(Optional.empty());
    }
}
