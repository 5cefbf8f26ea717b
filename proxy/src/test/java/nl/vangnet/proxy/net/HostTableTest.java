package nl.vangnet.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostTableTest {
    private final HostTable table = HostTable.builder()
            .put("casino.example", "127.0.0.1")
            .put("Dual.Example.", "127.0.0.3", "::1")
            .build();

    @Test
    void resolvesNamesCaseInsensitivelyIgnoringTheTrailingDot() throws Exception {
        assertThat(table.resolve("CASINO.example.")).containsExactly(InetAddress.getByName("127.0.0.1"));
        assertThat(table.resolve("dual.example")).containsExactly(InetAddress.getByName("127.0.0.3"),
                InetAddress.getByName("::1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.1", "::1", "[2001:db8::1]", "::ffff:10.0.0.1"})
    void ipLiteralsResolveToThemselves(String literal) throws Exception {
        String bare = literal.replace("[", "").replace("]", "");
        assertThat(table.resolve(literal)).containsExactly(InetAddress.getByName(bare));
    }

    @ParameterizedTest
    @ValueSource(strings = {"www.example.com", "localhost", "127.1", "2130706433", "g::1", "[127.0.0.1]", ""})
    void everythingElseFailsWithoutALookup(String name) {
        assertThatThrownBy(() -> table.resolve(name)).isInstanceOf(UnknownHostException.class)
                .hasMessageContaining("not in the host table");
    }

    @Test
    void entriesMustBeAddresses() {
        assertThatThrownBy(() -> HostTable.builder().put("a.example", "b.example"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'b.example'");
        assertThatThrownBy(() -> HostTable.builder().put("a.example"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one address");
        assertThatThrownBy(() -> HostTable.builder().put(" ", "127.0.0.1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
    }
}
