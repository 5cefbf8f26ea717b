package nl.vangnet.app.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import nl.vangnet.proxy.net.Cidr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DohEndpointsTest {
    static final Path SHIPPED = Path.of("..", "config", "firewall", "doh-endpoints.txt");

    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve("doh.txt"), text);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "8.8.8.8                          | 8.8.8.8/32",
        "  1.1.1.1   # Cloudflare         | 1.1.1.1/32",
        "45.90.28.0/24                    | 45.90.28.0/24",
        "2606:4700:4700::1111             | 2606:4700:4700:0:0:0:0:1111/128",
        "2a07:a8c0::/33                   | 2a07:a8c0:0:0:0:0:0:0/33",
        "[2620:fe::fe]                    | 2620:fe:0:0:0:0:0:fe/128"})
    void parsesAddressesAndRanges(String line, String expected) throws IOException {
        DohEndpoints doh = DohEndpoints.read(file("# list\n\n" + line + "\n"));
        assertThat(doh.ranges()).extracting(Cidr::toString).containsExactly(expected);
    }

    @Test
    void splitsFamiliesInFileOrderAndSkipsCommentsAndBlankLines() throws IOException {
        DohEndpoints doh = DohEndpoints.read(file("""
                # Google
                8.8.8.8
                2001:4860:4860::8888

                   # indented comment
                8.8.4.4 # trailing comment
                8.8.8.8
                """));
        assertThat(doh.v4()).extracting(Cidr::toString).containsExactly("8.8.8.8/32", "8.8.4.4/32", "8.8.8.8/32");
        assertThat(doh.v6()).extracting(Cidr::toString).containsExactly("2001:4860:4860:0:0:0:0:8888/128");
    }

    @Test
    void emptyFileHasNoEndpoints() throws IOException {
        assertThat(DohEndpoints.read(file("# nothing yet\n\n")).ranges()).isEmpty();
        assertThat(DohEndpoints.NONE.v4()).isEmpty();
    }

    @ParameterizedTest(name = "line 3 ''{0}'' -> {1}")
    @CsvSource(delimiter = '|', value = {
        "dns.google                 | not an IP range: 'dns.google'",
        "1.2.3.4/33                 | prefix length must be between 0 and 32",
        "1.2.3.4/8                  | host bits are set",
        "300.1.1.1                  | not an IP range: '300.1.1.1'",
        "1.2.3.4 5.6.7.8            | not an IP range",
        "1.2.3.4/                   | prefix length must be a number",
        "127.1                      | not an IP range: '127.1'"})
    void badLineNamesFileAndLineNumber(String line, String message) throws IOException {
        Path f = file("# list\n8.8.8.8\n" + line + "\n9.9.9.9\n");
        assertThatThrownBy(() -> DohEndpoints.read(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(f + " line 3: ").hasMessageContaining(message);
    }

    @Test
    void missingFileIsAnIoError() {
        assertThatThrownBy(() -> DohEndpoints.read(dir.resolve("nope.txt"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void shippedListParsesHasBothFamiliesAndTheBigResolvers() throws IOException {
        DohEndpoints doh = DohEndpoints.read(SHIPPED);
        assertThat(doh.v4()).extracting(Cidr::toString).contains("8.8.8.8/32", "8.8.4.4/32", "1.1.1.1/32",
                "1.0.0.1/32", "9.9.9.9/32", "149.112.112.112/32", "94.140.14.14/32", "208.67.222.222/32",
                "185.228.168.168/32");
        assertThat(doh.v6()).hasSizeGreaterThan(10);
        assertThat(doh.ranges()).doesNotHaveDuplicates();
    }

    @Test
    void everyBlockOfTheShippedListStartsWithACommentNamingTheService() throws IOException {
        List<String> lines = Files.readAllLines(SHIPPED);
        for (int i = 0; i < lines.size(); i++) {
            boolean startsBlock = !lines.get(i).isBlank() && (i == 0 || lines.get(i - 1).isBlank());
            if (startsBlock) {
                assertThat(lines.get(i)).as("line " + (i + 1)).startsWith("# ");
            }
        }
    }
}
