package nl.vangnet.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CertificateNameTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            example.org              | example.org              | false
            WWW.Example.ORG.         | www.example.org          | false
            localhost                | localhost                | false
            3com.example             | 3com.example             | false
            a-b.x--y.example         | a-b.x--y.example         | false
            xn--bcher-kva.example    | xn--bcher-kva.example    | false
            bücher.example           | xn--bcher-kva.example    | false
            BÜCHER.Example.          | xn--bcher-kva.example    | false
            пример.испытание         | xn--e1afmkfd.xn--80akhbyknj4f | false
            192.0.2.7                | 192.0.2.7                | true
            [2001:DB8::1]            | 2001:db8::1              | true
            2001:db8:0:0:0:0:0:2     | 2001:db8::2              | true
            [::1]                    | ::1                      | true
            ::ffff:192.0.2.9         | 192.0.2.9                | true
            [192.0.2.1]              | 192.0.2.1                | true
            " example.org "          | example.org              | false
            """)
    void normalises(String host, String text, boolean address) {
        CertificateName name = CertificateName.parse(host);
        assertThat(name.text()).isEqualTo(text);
        assertThat(name.isAddress()).isEqualTo(address);
    }

    @Test
    void theLongestNameAndLabelAreAccepted() {
        String label = "a".repeat(63);
        String name = label + "." + label + "." + label + "." + "b".repeat(61);
        assertThat(name).hasSize(253);
        assertThat(CertificateName.parse(name + ".").text()).isEqualTo(name);
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ""                        | The host name is empty.
            .                         | '.' has an empty label
            exa mple.org              | 'exa mple.org' contains a space or control character.
            under_score.example       | 'under_score.example' contains '_'; a certificate's dNSName holds only letters, digits and hyphens (RFC 5280 §4.2.1.6).
            _dmarc.example            | contains '_'
            *.example.org             | contains '*'
            example.org:443           | 'example.org:443' is neither a host name nor a valid IPv6 address.
            a..example                | 'a..example' has an empty label (two dots in a row, or a leading dot).
            .example                  | has an empty label
            example.org..             | has an empty label
            -a.example                | '-a.example' has a label starting or ending with a hyphen.
            a-.example                | has a label starting or ending with a hyphen.
            1.2.3.256                 | '1.2.3.256' ends in a numeric label but is not a valid IPv4 address.
            1.2.3                     | ends in a numeric label
            [2001:db8::1              | '[2001:db8::1' is neither a host name nor a valid IPv6 address.
            2001:db8::1]              | is neither a host name nor a valid IPv6 address.
            [example.org              | is neither a host name nor a valid IPv6 address.
            2001:db8::g               | '2001:db8::g' is neither a host name nor a valid IPv6 address.
            fe80::1%eth0              | 'fe80::1%eth0' has a zone id (%...), which a certificate cannot name.
            """)
    void refusesWhatNoCertificateCanName(String host, String message) {
        assertThatThrownBy(() -> CertificateName.parse(host)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void refusesTooLongLabelsAndNames() {
        assertThatThrownBy(() -> CertificateName.parse("a".repeat(64) + ".example"))
                .hasMessageEndingWith("has a label of 64 characters; a label may have at most 63.");
        String label = "a".repeat(63);
        assertThatThrownBy(() -> CertificateName.parse(label + "." + label + "." + label + "." + "b".repeat(62)))
                .hasMessageEndingWith("is 254 characters long; a host name may have at most 253.");
        assertThatThrownBy(() -> CertificateName.parse(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The host name is empty.");
    }

    @Test
    void refusesAnInvalidInternationalisedName() {
        assertThatThrownBy(() -> CertificateName.parse("ü" + "x".repeat(70) + ".example"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a valid internationalised domain name");
    }
}
