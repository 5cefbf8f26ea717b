package nl.vangnet.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import java.util.Map;
import java.util.stream.Stream;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.rules.Problem;
import nl.vangnet.config.rules.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SettingsLoaderTest {
    @TempDir
    Path dir;

    @Test
    void defaultsGiveTheEmbeddedStoreAndTheDesignLimits() {
        Settings s = SettingsLoader.load(null, Map.of(), Map.of());

        assertThat(s.storeUrl()).startsWith("jdbc:h2:file:").contains("data/vangnet;MODE=PostgreSQL");
        assertThat(s.proxyBind()).isEqualTo(new InetSocketAddress("127.0.0.1", 3128));
        assertThat(s.adminBind()).isEqualTo(new InetSocketAddress("127.0.0.1", 8080));
        assertThat(s.pollInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.limits()).isEqualTo(Limits.DEFAULTS);
    }

    @Test
    void fileThenEnvironmentThenCommandLineLaterWins() throws IOException {
        Path file = dir.resolve("v.properties");
        Files.writeString(file, "proxy.bind=127.0.0.1:4000\nadmin.bind=127.0.0.1:4001\n"
                + "limits.max-evaluation-interval.wzd=P2M\nlimits.warning-days=7\n");
        Map<String, String> env = Map.of("VANGNET_ADMIN_BIND", "127.0.0.1:5001", "VANGNET_LIMITS_WARNING_DAYS", "9");

        Settings s = SettingsLoader.load(file, env, Map.of(Setting.LIMITS_WARNING_DAYS, "10"));

        assertThat(s.proxyBind().getPort()).isEqualTo(4000);
        assertThat(s.adminBind().getPort()).isEqualTo(5001);
        assertThat(s.limits().maxEvaluationIntervalWzd()).isEqualTo(Period.ofMonths(2));
        assertThat(s.limits().warningDays()).isEqualTo(10);
    }

    @Test
    void storeUrlOverridesTheH2Path() {
        Settings s = SettingsLoader.load(null, Map.of("VANGNET_STORE_URL", "jdbc:postgresql://127.0.0.1/v"),
                Map.of());
        assertThat(s.storeUrl()).isEqualTo("jdbc:postgresql://127.0.0.1/v");
    }

    @Test
    void ipv6BindInBrackets() {
        Settings s = SettingsLoader.load(null, Map.of(), Map.of(Setting.PROXY_BIND, "[::1]:3129"));
        assertThat(s.proxyBind().getAddress().getHostAddress()).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(s.proxyBind().getPort()).isEqualTo(3129);
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of(Setting.PROXY_BIND, "3128"),
                Arguments.of(Setting.PROXY_BIND, "127.0.0.1:70000"),
                Arguments.of(Setting.PROXY_BIND, "proxy.example.org:3128"),
                Arguments.of(Setting.PROXY_BIND, "::1:3128"),
                Arguments.of(Setting.ADMIN_BIND, "127.0.0.1:x"),
                Arguments.of(Setting.PROXY_ENABLED, "yes"),
                Arguments.of(Setting.SNAPSHOT_POLL_INTERVAL, "5s"),
                Arguments.of(Setting.SNAPSHOT_POLL_INTERVAL, "PT0S"),
                Arguments.of(Setting.PROXY_IDLE_TIMEOUT, "-PT1S"),
                Arguments.of(Setting.LIMITS_WZD_INTERVAL, "3 months"),
                Arguments.of(Setting.LIMITS_VOLUNTARY_INTERVAL, "P0D"),
                Arguments.of(Setting.LIMITS_UNFORESEEN_DAYS, "0"),
                Arguments.of(Setting.LIMITS_LAPSE_GRACE_DAYS, "-1"),
                Arguments.of(Setting.LIMITS_WARNING_DAYS, "many"),
                Arguments.of(Setting.STORE_URL, "mysql://db"),
                Arguments.of(Setting.STORE_H2_PATH, ""));
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void malformedValueNamesTheKey(Setting setting, String value) {
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of(setting, value)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field).containsExactly(setting.key()));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of("VANGNET_PROXY_BIND", "nope"),
                Map.of(Setting.LIMITS_WARNING_DAYS, "x", Setting.ADMIN_ENABLED, "maybe")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field)
                        .containsExactlyInAnyOrder("proxy.bind", "limits.warning-days", "admin.enabled"));
    }

    @Test
    void unknownKeyInTheFileIsRefused() throws IOException {
        Path file = dir.resolve("v.properties");
        Files.writeString(file, "proxy.bind=127.0.0.1:4000\nproxy.bnid=127.0.0.1:4000\n");
        assertThatThrownBy(() -> SettingsLoader.load(file, Map.of(), Map.of()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field).containsExactly("proxy.bnid"));
    }

    @Test
    void unreadableFileIsAProblemNotAStackTrace() {
        assertThatThrownBy(() -> SettingsLoader.load(dir.resolve("missing.properties"), Map.of(), Map.of()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field).containsExactly("config"));
    }

    @Test
    void environmentVariableNames() {
        assertThat(Setting.LIMITS_WZD_INTERVAL.environmentVariable())
                .isEqualTo("VANGNET_LIMITS_MAX_EVALUATION_INTERVAL_WZD");
        assertThat(Setting.STORE_H2_PATH.environmentVariable()).isEqualTo("VANGNET_STORE_H2_PATH");
    }
}
