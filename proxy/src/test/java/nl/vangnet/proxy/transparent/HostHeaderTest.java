package nl.vangnet.proxy.transparent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code Host} header matrix: accepted values with their host and port, and every kind of rejection. */
class HostHeaderTest {

    @ParameterizedTest(name = "''{0}'' (default {1}) -> {2} port {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            // names, as sent (the policy normalises case and trailing dot)
            "example.com              | 80   | example.com      | 80",
            "www.example.com          | 8080 | www.example.com  | 8080",
            "localhost                | 80   | localhost        | 80",
            "Example.COM              | 80   | Example.COM      | 80",
            "EXAMPLE.COM:81           | 80   | EXAMPLE.COM      | 81",
            "example.com.             | 80   | example.com.     | 80",
            "example.com.:8443        | 80   | example.com.     | 8443",
            "_dmarc.example.com       | 80   | _dmarc.example.com | 80",
            "xn--bcher-kva.example    | 80   | xn--bcher-kva.example | 80",
            "a                        | 80   | a                | 80",
            "a-b.c                    | 80   | a-b.c            | 80",
            // surrounding white space is stripped
            "\"  example.com  \"      | 80   | example.com      | 80",
            "\"\texample.com:81\t\"   | 80   | example.com      | 81",
            // ports
            "example.com:1            | 80   | example.com      | 1",
            "example.com:65535        | 80   | example.com      | 65535",
            "example.com:080          | 80   | example.com      | 80",
            "example.com:00443        | 80   | example.com      | 443",
            // IPv4 literals
            "127.0.0.1                | 80   | 127.0.0.1        | 80",
            "127.0.0.1:8080           | 80   | 127.0.0.1        | 8080",
            // IPv6 literals keep their brackets
            "[::1]                    | 80   | [::1]            | 80",
            "[::1]:8080               | 80   | [::1]            | 8080",
            "[::]                     | 443  | [::]             | 443",
            "[2001:db8::1]:65535      | 80   | [2001:db8::1]    | 65535",
            "[2001:DB8::A]            | 80   | [2001:DB8::A]    | 80",
            "[::ffff:127.0.0.1]       | 80   | [::ffff:127.0.0.1] | 80"})
    void accepts(String value, int defaultPort, String host, int port) {
        assertThat(HostHeader.parse(value, defaultPort)).isEqualTo(new HostHeader(host, port));
    }

    @ParameterizedTest(name = "''{0}'' is rejected")
    @NullAndEmptySource
    @ValueSource(strings = {
            " ", "\t",
            // bad ports
            "example.com:0", "example.com:00000", "example.com:65536", "example.com:99999", "example.com:123456",
            "example.com:", "example.com:http", "example.com:8o", "example.com:+80", "example.com:-1",
            "example.com:80:81", "example.com: 80", "example.com:\u0668\u0660",
            // IPv6: unbracketed, unclosed, junk after the bracket, zone ids, bad characters, empty, bad ports
            "::1", "2001:db8::1", "[::1", "[::1]x", "[::1]:", "[::1]:0", "[::1]:65536", "[::1]:abc", "[::1]]",
            "[fe80::1%eth0]", "[fe80::1%25eth0]", "[]", "[:]", "[zz::1]", "[example.com]", "[::1]:80/",
            // userinfo, paths, queries, schemes, junk characters
            "user@example.com", "user:pw@example.com", "example.com/", "example.com/path", "example.com?q",
            "example.com#f", "http://example.com", "exa mple.com", "example.com\u0000", "exa\rmple.com",
            "example,com", "example.com;", "*.example.com", "ex\"ample.com", "ex%41mple.com", "ex\\ample.com",
            // non-ASCII (IDN must arrive as punycode)
            "b\u00fccher.example", "\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444",
            // bad edges of a name
            "-example.com", ".example.com", "example.com-", "..", "."})
    void rejects(String value) {
        assertThat(HostHeader.parse(value, 80)).isNull();
    }

    @ParameterizedTest(name = "name of {0} characters -> accepted {1}")
    @CsvSource({"253, true", "254, true", "255, false", "1000, false", "100000, false"})
    void lengthLimit(int length, boolean accepted) {
        String name = "a".repeat(length - 4) + ".com";
        HostHeader parsed = HostHeader.parse(name, 80);
        if (accepted) {
            assertThat(parsed).isEqualTo(new HostHeader(name, 80));
        } else {
            assertThat(parsed).isNull();
        }
    }

    @ParameterizedTest(name = "IPv6 literal of {0} characters inside the brackets -> accepted {1}")
    @CsvSource({"45, true", "46, false"})
    void ipv6LengthLimit(int length, boolean accepted) {
        String inside = "0:".repeat(length / 2) + (length % 2 == 1 ? "0" : "");
        assertThat(inside).hasSize(length);
        assertThat(HostHeader.parse("[" + inside + "]", 80) != null).isEqualTo(accepted);
    }
}
