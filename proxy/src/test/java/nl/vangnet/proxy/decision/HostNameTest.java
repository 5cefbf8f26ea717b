package nl.vangnet.proxy.decision;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostNameTest {

    @ParameterizedTest(name = "''{0}'' → ''{1}''")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "example.com            | example.com",
        "Example.COM            | example.com",
        "example.com.           | example.com",
        "WWW.Example.Com.       | www.example.com",
        "\" example.com \"      | example.com",
        "bücher.de              | xn--bcher-kva.de",
        "BÜCHER.de.             | xn--bcher-kva.de",
        "www.bücher.example     | www.xn--bcher-kva.example",
        "xn--bcher-kva.de       | xn--bcher-kva.de",
        "例え.テスト             | xn--r8jz45g.xn--zckzah",
        "10.0.0.1               | 10.0.0.1",
        "[::1]                  | ::1",
        "::1                    | ::1",
        "[2001:DB8:0:0::1]      | 2001:db8::1",
        "2001:0db8:0000::0001   | 2001:db8::1",
        "::ffff:10.0.0.1        | 10.0.0.1",
        "[::ffff:10.0.0.1]      | 10.0.0.1",
        "::FFFF:0a00:0001       | 10.0.0.1",
        // Not normalisable: kept, lower case.
        "010.0.0.1              | 010.0.0.1",
        "Exa_Mple.com           | exa_mple.com",
        "\"Exa mple.com\"       | exa mple.com",
        "fe80::1%ETH0           | fe80::1%eth0",
        "Example.com:443        | example.com:443",
        "example.com..          | example.com.",
        ".                      | .",
        "\"\"                   | \"\"",
    })
    void normalises(String host, String expected) {
        assertThat(HostName.normalise(host)).isEqualTo(expected);
    }

    @Test
    void anIdnThatCannotBeConvertedIsKeptInLowerCase() {
        String tooLong = "Ü" + "a".repeat(70) + ".example";
        assertThat(HostName.normalise(tooLong)).isEqualTo("ü" + "a".repeat(70) + ".example");
    }

    @Test
    void aNormalHostIsReturnedAsIs() {
        String host = "www.example.com";
        assertThat(HostName.normalise(host)).isSameAs(host);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "10.0.0.1, true",
        "::1, true",
        "2001:db8::1, true",
        "1.2.3, true",
        "example.com, false",
        "123.example, false",
        "example.123, false",
        "'', false",
    })
    void knowsIpLiterals(String host, boolean literal) {
        assertThat(HostName.isIpLiteral(host)).isEqualTo(literal);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(nullValues = "null", value = {
        "a.b.example, b.example",
        "b.example, example",
        "example, null",
        "192.0.2.7, null",
        "2001:db8::1, null",
        "example., null",
    })
    void walksToParents(String host, String parent) {
        assertThat(HostName.parent(host)).isEqualTo(parent);
    }
}
