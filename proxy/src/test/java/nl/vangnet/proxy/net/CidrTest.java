package nl.vangnet.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
            "127.0.0.0/8, 127.0.0.1, true",
            "127.0.0.0/8, 127.255.255.255, true",
            "127.0.0.0/8, 128.0.0.1, false",
            "100.64.0.0/10, 100.127.255.255, true",
            "100.64.0.0/10, 100.128.0.0, false",
            "172.16.0.0/12, 172.31.0.1, true",
            "172.16.0.0/12, 172.32.0.1, false",
            "0.0.0.0/0, 8.8.8.8, true",
            "0.0.0.0/0, ::1, false",
            "192.0.2.7, 192.0.2.7, true",
            "192.0.2.7, 192.0.2.8, false",
            "fc00::/7, fd12:3456::1, true",
            "fc00::/7, fe00::1, false",
            "::1/128, ::1, true",
            "::/0, 127.0.0.1, false",
            "[2001:db8::]/32, 2001:db8:ffff::1, true"
    })
    void containsMatrix(String cidr, String address, boolean expected) throws Exception {
        assertThat(Cidr.parse(cidr).contains(InetAddress.getByName(address))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.0.0.0/", "10.0.0.0/33", "::/129", "10.0.0.1/8", "example.com/8", "10.0.0/8",
            "10.0.0.0/x", "010.0.0.0/8", "localhost"})
    void rejectsMalformedRanges(String text) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text.isEmpty() ? "not an IP range" : text.split("/")[0]);
    }

    @ParameterizedTest
    @CsvSource({"10.0.0.0/8, 10.0.0.0/8", "192.0.2.7, 192.0.2.7/32", "fc00::/7, fc00:0:0:0:0:0:0:0/7"})
    void printsCanonically(String text, String expected) {
        assertThat(Cidr.parse(text)).hasToString(expected);
    }
}
