package nl.vangnet.app.admintls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code admin.tls} × bind address: TLS, plain, or refused (no socket is opened here). */
class AdminTlsModeTest {
    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource({
        "auto, 127.0.0.1,   plain",
        "auto, 127.3.4.5,   plain",
        "auto, ::1,         plain",
        "auto, 0.0.0.0,     tls",
        "auto, ::,          tls",
        "auto, 192.0.2.10,  tls",
        "on,   127.0.0.1,   tls",
        "on,   0.0.0.0,     tls",
        "off,  127.0.0.1,   plain",
        "off,  127.9.9.9,   plain",
        "off,  ::1,         plain",
        "off,  0.0.0.0,     refused",
        "off,  ::,          refused",
        "off,  192.0.2.10,  refused",
        "OFF,  10.0.0.1,    refused",
    })
    void decides(String mode, String address, String expected) {
        InetSocketAddress bind = new InetSocketAddress(address, 8080);
        AdminTlsMode m = AdminTlsMode.parse(mode);
        if (expected.equals("refused")) {
            assertThatThrownBy(() -> m.tlsFor(bind)).isInstanceOf(AdminTlsException.class)
                    .hasMessageStartingWith("admin.tls is off, but admin.bind " + bind.getAddress().getHostAddress()
                            + " is not a loopback address");
            assertThat(AdminTlsMode.refusal(bind)).isNotNull();
        } else {
            assertThat(m.tlsFor(bind)).isEqualTo(expected.equals("tls"));
            assertThat(AdminTlsMode.refusal(bind) == null).isEqualTo(bind.getAddress().isLoopbackAddress());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yes", "true", "tls", "of"})
    void rejectsOtherValues(String value) {
        assertThatThrownBy(() -> AdminTlsMode.parse(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("must be auto, on or off, got '" + value + "'");
    }
}
