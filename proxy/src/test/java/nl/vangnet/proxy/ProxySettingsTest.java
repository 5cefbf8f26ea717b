package nl.vangnet.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import nl.vangnet.proxy.net.Cidr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProxySettingsTest {
    private static final InetSocketAddress BIND = new InetSocketAddress("127.0.0.1", 3128);

    @Test
    void hasSaneDefaults() {
        ProxySettings s = ProxySettings.on(BIND);

        assertThat(s.bind()).isEqualTo(BIND);
        assertThat(s.advertised()).isNull();
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.idleTimeout()).isEqualTo(Duration.ofSeconds(70));
        assertThat(s.maxRequestLineLength()).isEqualTo(8192);
        assertThat(s.maxHeaderSize()).isEqualTo(16384);
        assertThat(s.maxConnectionsPerClient()).isEqualTo(256);
        assertThat(s.maxConnections()).isEqualTo(4096);
        assertThat(s.allowedDestinations()).isEmpty();
    }

    @Test
    void withersChangeOneThing() {
        ProxySettings s = ProxySettings.on(BIND)
                .withAdvertised(InetSocketAddress.createUnresolved("proxy.zorg.example", 0))
                .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(30))
                .withRequestLimits(1024, 2048)
                .withConnectionLimits(4, 40)
                .withAllowedDestinations(List.of(Cidr.parse("127.0.0.0/8")));

        assertThat(s).isEqualTo(new ProxySettings(BIND, InetSocketAddress.createUnresolved("proxy.zorg.example", 0),
                Duration.ofSeconds(3), Duration.ofSeconds(30), 1024, 2048, 4, 40,
                List.of(Cidr.parse("127.0.0.0/8"))));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of((UnaryOperator<ProxySettings>) s -> s.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)),
                        "connectTimeout must be positive"),
                Arguments.of((UnaryOperator<ProxySettings>) s -> s.withTimeouts(Duration.ofSeconds(1),
                        Duration.ofMillis(500)), "idleTimeout must be at least 1 s"),
                Arguments.of((UnaryOperator<ProxySettings>) s -> s.withRequestLimits(100, 16384),
                        "maxRequestLineLength must be between 256 and 1048576, got 100"),
                Arguments.of((UnaryOperator<ProxySettings>) s -> s.withRequestLimits(8192, 10),
                        "maxHeaderSize must be between 1024 and 1048576, got 10"),
                Arguments.of((UnaryOperator<ProxySettings>) s -> s.withConnectionLimits(0, 10),
                        "maxConnectionsPerClient must be between 1"),
                Arguments.of((UnaryOperator<ProxySettings>) s -> s.withConnectionLimits(1, 0),
                        "maxConnections must be between 1"),
                Arguments.of((UnaryOperator<ProxySettings>) s -> s.withAdvertised(
                        InetSocketAddress.createUnresolved("bad host\";", 3128)),
                        "not a valid proxy host name or IP address"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void rejectsBadValuesWithASpecificMessage(UnaryOperator<ProxySettings> change, String message) {
        assertThatThrownBy(() -> change.apply(ProxySettings.on(BIND))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
