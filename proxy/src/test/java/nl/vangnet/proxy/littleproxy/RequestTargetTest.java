package nl.vangnet.proxy.littleproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestTargetTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "http://casino.example/|casino.example|80|/|casino.example",
            "HTTP://Casino.Example:8080/a/b?q=1|Casino.Example|8080|/a/b?q=1|Casino.Example:8080",
            "http://casino.example|casino.example|80|/|casino.example",
            "http://casino.example?q=1|casino.example|80|/?q=1|casino.example",
            "http://casino.example:/x|casino.example|80|/x|casino.example:",
            "http://casino.example./x|casino.example.|80|/x|casino.example.",
            "http://192.0.2.1:81/|192.0.2.1|81|/|192.0.2.1:81",
            "http://[2001:db8::1]:8080/x|[2001:db8::1]|8080|/x|[2001:db8::1]:8080",
            "http://[::1]/|[::1]|80|/|[::1]",
            "http://my_host.example/|my_host.example|80|/|my_host.example",
            "http://2130706433/|2130706433|80|/|2130706433"
    })
    void parsesAbsoluteForm(String uri, String host, int port, String path, String authority) {
        assertThat(RequestTarget.ofAbsolute(uri)).isEqualTo(new RequestTarget(host, port, path, authority));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://casino.example/", "ws://casino.example/", "/relative", "http://",
            "http:///path", "http://user@casino.example/", "http://casino.example@google.com/",
            "http://casino.example:0/", "http://casino.example:65536/", "http://casino.example:8o/",
            "http://casino.example:123456/", "http://cas%69no.example/", "http://bücher.example/",
            "http://-casino.example/", "http://.casino.example/", "http://[2001:db8::1/", "http://[2001:db8::1]x/",
            "http://[fe80::1%25eth0]/", "http://[casino.example]/", "http://a b/", "http://casino.example:80:80/"})
    void rejectsAmbiguousOrInvalidAbsoluteForms(String uri) {
        assertThatThrownBy(() -> RequestTarget.ofAbsolute(uri)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "casino.example:443|casino.example|443",
            "CASINO.example:8443|CASINO.example|8443",
            "192.0.2.1:443|192.0.2.1|443",
            "[2001:db8::1]:443|[2001:db8::1]|443"
    })
    void parsesConnectAuthorities(String uri, String host, int port) {
        assertThat(RequestTarget.ofConnect(uri)).isEqualTo(new RequestTarget(host, port, null, uri));
    }

    @ParameterizedTest
    @ValueSource(strings = {"casino.example", "casino.example:", "[2001:db8::1]", "http://casino.example:443",
            "user@casino.example:443", "casino.example:0", "casino.example:443/x", ":443", ""})
    void rejectsConnectTargetsWithoutAValidHostAndPort(String uri) {
        assertThatThrownBy(() -> RequestTarget.ofConnect(uri)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"casino.example, 80, casino.example:80", "::1, 443, [::1]:443", "[::1], 443, [::1]:443"})
    void writesAuthoritiesForUris(String host, int port, String expected) {
        assertThat(RequestTarget.authority(host, port)).isEqualTo(expected);
    }
}
