package nl.vangnet.proxy.transparent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import nl.vangnet.proxy.net.Cidr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Defaults, the {@code with…} copies, and every validation failure with its message. */
class TransparentSettingsTest {
    private static final InetSocketAddress HTTP = new InetSocketAddress("127.0.0.1", 8080);
    private static final InetSocketAddress TLS = new InetSocketAddress("127.0.0.1", 8443);
    private static final TransparentSettings BASE = TransparentSettings.on(HTTP, TLS);

    @Test
    void defaults() {
        assertThat(BASE.httpBind()).isEqualTo(HTTP);
        assertThat(BASE.tlsBind()).isEqualTo(TLS);
        assertThat(BASE.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(BASE.idleTimeout()).isEqualTo(Duration.ofSeconds(70));
        assertThat(BASE.clientHelloTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(BASE.maxClientHelloLength()).isEqualTo(16384);
        assertThat(BASE.maxRequestLineLength()).isEqualTo(8192);
        assertThat(BASE.maxHeaderSize()).isEqualTo(16384);
        assertThat(BASE.maxConnectionsPerClient()).isEqualTo(256);
        assertThat(BASE.maxConnections()).isEqualTo(4096);
        assertThat(BASE.allowedDestinations()).isEmpty();
        assertThat(BASE.echPublicNames()).isEqualTo(EchPublicNames.defaults()).contains("cloudflare-ech.com");
    }

    @Test
    void eitherListenerMayBeOff() {
        assertThat(TransparentSettings.on(HTTP, null).tlsBind()).isNull();
        assertThat(TransparentSettings.on(null, TLS).httpBind()).isNull();
    }

    @Test
    void portZeroMayBeGivenToBoth() {
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        assertThat(TransparentSettings.on(any, any).httpBind()).isEqualTo(any);
    }

    @Test
    void withTimeoutsChangesOnlyTheTimeouts() {
        TransparentSettings s = BASE.withTimeouts(Duration.ofMillis(1), Duration.ofDays(1), Duration.ofSeconds(3));
        assertThat(s).isEqualTo(new TransparentSettings(HTTP, TLS, Duration.ofMillis(1), Duration.ofDays(1),
                Duration.ofSeconds(3), 16384, 8192, 16384, 256, 4096, List.of(), EchPublicNames.defaults()));
    }

    @Test
    void withSizeLimitsChangesOnlyTheSizes() {
        TransparentSettings s = BASE.withSizeLimits(512, 256, 1024);
        assertThat(s).isEqualTo(new TransparentSettings(HTTP, TLS, Duration.ofSeconds(10), Duration.ofSeconds(70),
                Duration.ofSeconds(10), 512, 256, 1024, 256, 4096, List.of(), EchPublicNames.defaults()));
        assertThat(BASE.withSizeLimits(1 << 18, 1 << 20, 1 << 20).maxClientHelloLength()).isEqualTo(1 << 18);
    }

    @Test
    void withConnectionLimitsChangesOnlyTheLimits() {
        TransparentSettings s = BASE.withConnectionLimits(1, Integer.MAX_VALUE);
        assertThat(s).isEqualTo(new TransparentSettings(HTTP, TLS, Duration.ofSeconds(10), Duration.ofSeconds(70),
                Duration.ofSeconds(10), 16384, 8192, 16384, 1, Integer.MAX_VALUE, List.of(),
                EchPublicNames.defaults()));
    }

    @Test
    void withAllowedDestinationsCopiesTheList() {
        List<Cidr> ranges = new ArrayList<>(List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("10.0.0.0/8")));
        TransparentSettings s = BASE.withAllowedDestinations(ranges);
        ranges.clear();
        assertThat(s.allowedDestinations()).containsExactly(Cidr.parse("127.0.0.0/8"), Cidr.parse("10.0.0.0/8"));
        assertThat(s.withAllowedDestinations(List.of()).allowedDestinations()).isEmpty();
        assertThat(s.echPublicNames()).isEqualTo(BASE.echPublicNames());
        assertThat(s.maxConnections()).isEqualTo(BASE.maxConnections());
        assertThatThrownBy(() -> s.allowedDestinations().add(Cidr.parse("::1/128")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void withEchPublicNamesCopiesTheSet() {
        Set<String> names = new HashSet<>(Set.of("ech.example.net"));
        TransparentSettings s = BASE.withEchPublicNames(names);
        names.add("other.example.net");
        assertThat(s.echPublicNames()).containsExactly("ech.example.net");
        assertThat(s.withEchPublicNames(Set.of()).echPublicNames()).isEmpty();
        assertThat(s.allowedDestinations()).isEqualTo(BASE.allowedDestinations());
        assertThat(s.idleTimeout()).isEqualTo(BASE.idleTimeout());
    }

    static Stream<Arguments> invalid() {
        Duration ok = Duration.ofSeconds(1);
        return Stream.of(
                bad(s -> TransparentSettings.on(null, null),
                        "at least one transparent listener (HTTP or TLS) must be bound"),
                bad(s -> TransparentSettings.on(HTTP, HTTP),
                        "the HTTP and TLS listeners cannot share the address " + HTTP),
                bad(s -> s.withTimeouts(Duration.ZERO, ok, ok), "connectTimeout must be positive, got PT0S"),
                bad(s -> s.withTimeouts(Duration.ofSeconds(-1), ok, ok),
                        "connectTimeout must be positive, got PT-1S"),
                bad(s -> s.withTimeouts(Duration.ofNanos(999_999), ok, ok),
                        "connectTimeout must be between 1 ms and 1 day, got PT0.000999999S"),
                bad(s -> s.withTimeouts(Duration.ofDays(1).plusNanos(1), ok, ok),
                        "connectTimeout must be between 1 ms and 1 day, got PT24H0.000000001S"),
                bad(s -> s.withTimeouts(ok, Duration.ZERO, ok), "idleTimeout must be positive, got PT0S"),
                bad(s -> s.withTimeouts(ok, Duration.ofDays(2), ok),
                        "idleTimeout must be between 1 ms and 1 day, got PT48H"),
                bad(s -> s.withTimeouts(ok, ok, Duration.ofMillis(-5)),
                        "clientHelloTimeout must be positive, got PT-0.005S"),
                bad(s -> s.withTimeouts(ok, ok, Duration.ofNanos(1)),
                        "clientHelloTimeout must be between 1 ms and 1 day, got PT0.000000001S"),
                bad(s -> s.withSizeLimits(511, 8192, 16384),
                        "maxClientHelloLength must be between 512 and 262144, got 511"),
                bad(s -> s.withSizeLimits(262145, 8192, 16384),
                        "maxClientHelloLength must be between 512 and 262144, got 262145"),
                bad(s -> s.withSizeLimits(16384, 255, 16384),
                        "maxRequestLineLength must be between 256 and 1048576, got 255"),
                bad(s -> s.withSizeLimits(16384, 1048577, 16384),
                        "maxRequestLineLength must be between 256 and 1048576, got 1048577"),
                bad(s -> s.withSizeLimits(16384, 8192, 1023),
                        "maxHeaderSize must be between 1024 and 1048576, got 1023"),
                bad(s -> s.withSizeLimits(16384, 8192, -1),
                        "maxHeaderSize must be between 1024 and 1048576, got -1"),
                bad(s -> s.withSizeLimits(16384, 8192, 1048577),
                        "maxHeaderSize must be between 1024 and 1048576, got 1048577"),
                bad(s -> s.withConnectionLimits(0, 10),
                        "maxConnectionsPerClient must be between 1 and 2147483647, got 0"),
                bad(s -> s.withConnectionLimits(-1, 10),
                        "maxConnectionsPerClient must be between 1 and 2147483647, got -1"),
                bad(s -> s.withConnectionLimits(10, 0), "maxConnections must be between 1 and 2147483647, got 0"),
                bad(s -> s.withEchPublicNames(Set.of("Cloudflare-ECH.com")),
                        "not a DNS name: 'Cloudflare-ECH.com' (names must be lower case); expected e.g."
                                + " cloudflare-ech.com"),
                bad(s -> s.withEchPublicNames(Set.of("localhost")),
                        "not a DNS name: 'localhost'; expected e.g. cloudflare-ech.com"),
                bad(s -> s.withEchPublicNames(Set.of("ech.example.")),
                        "not a DNS name: 'ech.example.'; expected e.g. cloudflare-ech.com"));
    }

    private static Arguments bad(UnaryOperator<TransparentSettings> change, String message) {
        return Arguments.of(message, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejects(String message, UnaryOperator<TransparentSettings> change) {
        assertThatThrownBy(() -> change.apply(BASE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void nullPartsAreNamed() {
        Duration ok = Duration.ofSeconds(1);
        assertThatThrownBy(() -> BASE.withTimeouts(null, ok, ok)).hasMessage("connectTimeout");
        assertThatThrownBy(() -> BASE.withTimeouts(ok, null, ok)).hasMessage("idleTimeout");
        assertThatThrownBy(() -> BASE.withTimeouts(ok, ok, null)).hasMessage("clientHelloTimeout");
        assertThatThrownBy(() -> BASE.withAllowedDestinations(null)).hasMessage("allowedDestinations");
        assertThatThrownBy(() -> BASE.withEchPublicNames(null)).hasMessage("echPublicNames");
    }
}
