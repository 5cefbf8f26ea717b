package nl.vangnet.app.admintls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing and defaults of {@code admin.tls-hostnames}; nothing is resolved. */
class HostNamesTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "Admin.Vangnet.Test               | admin.vangnet.test",
        "admin.vangnet.test.              | admin.vangnet.test",
        "zorg-büro.example                | xn--zorg-bro-c6a.example",
        "127.0.0.1                        | 127.0.0.1",
        "::1                              | 0:0:0:0:0:0:0:1",
        "[2001:db8::1]                    | 2001:db8:0:0:0:0:0:1",
        "localhost                        | localhost",
    })
    void normalises(String entry, String expected) {
        assertThat(HostNames.normalise(entry)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"*.vangnet.test", "-bad.example", "a..b", "under_score.example", "999.1.1.1",
        "ex ample.test"})
    void rejects(String entry) {
        assertThatThrownBy(() -> HostNames.normalise(entry)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + entry + "'");
    }

    @Test
    void parsesACommaSeparatedListWithoutDuplicates() {
        assertThat(HostNames.parse(" 127.0.0.1, Admin.test ,admin.test,, ")).containsExactly("127.0.0.1",
                "admin.test");
        assertThat(HostNames.parse("")).isEmpty();
    }

    @Test
    void defaultsAreTheBindAddressLocalhostAndTheMachineName() throws Exception {
        assertThat(HostNames.defaults(InetAddress.getByName("127.0.0.1"), Optional.of("node-7"), List.of()))
                .containsExactly("127.0.0.1", "localhost", "node-7");
        assertThat(HostNames.defaults(InetAddress.getByName("192.0.2.10"), Optional.empty(), List.of(
                InetAddress.getByName("127.0.0.1")))).containsExactly("192.0.2.10", "localhost");
    }

    @Test
    void aWildcardBindUsesTheInterfaceAddresses() throws Exception {
        assertThat(HostNames.defaults(InetAddress.getByName("0.0.0.0"), Optional.of("node-7"), List.of(
                InetAddress.getByName("127.0.0.1"), InetAddress.getByName("192.0.2.10"),
                InetAddress.getByName("2001:db8::1"))))
                .containsExactly("127.0.0.1", "192.0.2.10", "2001:db8:0:0:0:0:0:1", "localhost", "node-7");
    }
}
