package nl.vangnet.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nl.vangnet.app.admintls.AdminTlsMode;
import nl.vangnet.app.admintls.AdminTlsOptions;
import nl.vangnet.config.rules.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code admin.tls*} settings: defaults, the password's sources, and refusals before anything binds. */
class AdminTlsSettingsTest {
    @TempDir
    Path dir;

    @Test
    void defaults() {
        AdminTlsOptions o = SettingsLoader.load(null, Map.of(), Map.of()).adminTls();
        assertThat(o).isEqualTo(new AdminTlsOptions(AdminTlsMode.AUTO, null, "", List.of(), Path.of("data",
                "admin-tls")));
    }

    @Test
    void thePasswordVariableWinsOverTheFileTheGenericVariableAndIsMasked() throws Exception {
        Path file = dir.resolve("v.properties");
        Files.writeString(file, "admin.tls-keystore=/etc/vangnet/admin.p12\nadmin.tls-keystore-password=fromfile\n");

        assertThat(SettingsLoader.load(file, Map.of(), Map.of()).adminTls().keystorePassword())
                .isEqualTo("fromfile");
        assertThat(SettingsLoader.load(file, Map.of("VANGNET_ADMIN_TLS_KEYSTORE_PASSWORD", "generic"), Map.of())
                .adminTls().keystorePassword()).isEqualTo("generic");
        AdminTlsOptions o = SettingsLoader.load(file, Map.of("VANGNET_ADMIN_TLS_KEYSTORE_PASSWORD", "generic",
                "VANGNET_ADMIN_TLS_PASSWORD", " with spaces "), Map.of()).adminTls();
        assertThat(o.keystorePassword()).isEqualTo(" with spaces ");
        assertThat(o.keystore()).isEqualTo(Path.of("/etc/vangnet/admin.p12"));
        assertThat(o.toString()).doesNotContain("spaces", "generic", "fromfile").contains("keystorePassword=****");
        assertThat(Setting.ADMIN_TLS_KEYSTORE_PASSWORD.secret()).isTrue();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "admin.tls           | maybe           | admin.tls: must be auto, on or off, got 'maybe'",
        "admin.tls-hostnames | ok.test,*.x.test | admin.tls-hostnames: '*.x.test' is not a host name",
        "admin.tls-dir       | ''              | admin.tls-dir: must not be empty",
    })
    void rejectsBadValues(String key, String value, String expected) {
        Setting s = List.of(Setting.values()).stream().filter(x -> x.key().equals(key)).findFirst().orElseThrow();
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of(s, value)))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems())
                        .anySatisfy(p -> assertThat(p.field() + ": " + p.message()).startsWith(expected)));
    }

    @ParameterizedTest(name = "off on {0} -> {1}")
    @CsvSource({
        "127.0.0.1:0,   true",
        "127.5.6.7:0,   true",
        "[::1]:0,       true",
        "0.0.0.0:0,     false",
        "[::]:0,        false",
        "192.0.2.10:0,  false",
    })
    void offIsOnlyAllowedOnLoopback(String bind, boolean allowed) {
        Map<Setting, String> o = Map.of(Setting.ADMIN_TLS, "off", Setting.ADMIN_BIND, bind);
        if (allowed) {
            assertThat(SettingsLoader.load(null, Map.of(), o).adminTls().mode()).isEqualTo(AdminTlsMode.OFF);
        } else {
            assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), o)).isInstanceOf(ValidationException.class)
                    .hasMessageContaining("is not a loopback address");
            // with the admin API disabled, nothing listens, so nothing is refused
            assertThat(SettingsLoader.load(null, Map.of(), Map.of(Setting.ADMIN_TLS, "off", Setting.ADMIN_BIND,
                    bind, Setting.ADMIN_ENABLED, "false")).adminTls().mode()).isEqualTo(AdminTlsMode.OFF);
        }
    }

    @Test
    void runRefusesOffOnAWildcardBindWithOneLineBeforeOpeningAnything() throws Exception {
        Path file = dir.resolve("v.properties");
        Files.writeString(file, "admin.tls=off\nstore.h2-path=" + dir.resolve("db") + "\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = Main.execute(new String[] {"run", "-c", file.toString(), "--admin-bind", "0.0.0.0:0"},
                new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("vangnet: invalid settings: admin.tls: is off, but admin.bind"
                + " 0.0.0.0 is not a loopback address").doesNotContain("\n");
        assertThat(out.toString()).isEmpty();
        try (var listing = Files.list(dir)) {
            assertThat(listing).containsExactly(file);
        }
    }
}
