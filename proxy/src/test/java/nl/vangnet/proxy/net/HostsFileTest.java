package nl.vangnet.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HostsFileTest {
    private static final String TEXT = """
            # lab destinations
            127.0.0.1   casino.example  www.google.com   # two names
            ::1         casino.example
            127.0.0.3   forcesafesearch.google.com

            """;

    @Test
    void namesGetEveryAddressInFileOrder() throws Exception {
        HostTable t = HostsFile.parse(TEXT, "hosts");
        assertThat(t.resolve("Casino.Example.")).containsExactly(InetAddress.getByName("127.0.0.1"),
                InetAddress.getByName("::1"));
        assertThat(t.resolve("forcesafesearch.google.com")).containsExactly(InetAddress.getByName("127.0.0.3"));
        assertThatThrownBy(() -> t.resolve("example.org")).isInstanceOf(UnknownHostException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1|hosts:1: expected 'address name [name...]', got '127.0.0.1'",
        "localhost casino.example|hosts:1: 'localhost' is not an IP address",
        "  \\n300.1.1.1 x.example|hosts:2: '300.1.1.1' is not an IP address"})
    void badLinesNameTheLine(String text, String message) {
        assertThatThrownBy(() -> HostsFile.parse(text.replace("\\n", "\n"), "hosts"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void orElseAsksTheNextResolverOnlyForUnknownNames() throws Exception {
        NameResolver next = host -> List.of(InetAddress.getByName("127.0.0.9"));
        NameResolver chain = HostsFile.parse(TEXT, "hosts").orElse(next);
        assertThat(chain.resolve("casino.example")).first().isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(chain.resolve("other.example")).containsExactly(InetAddress.getByName("127.0.0.9"));
    }
}
