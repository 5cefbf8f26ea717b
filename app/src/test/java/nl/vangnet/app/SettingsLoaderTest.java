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
import nl.vangnet.proxy.identify.LeaseFormat;
import nl.vangnet.config.rules.Problem;
import nl.vangnet.config.rules.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsLoaderTest {
    @TempDir
    Path dir;

    @Test
    void defaultsGiveTheEmbeddedStoreAndTheDesignLimits() {
        Settings s = SettingsLoader.load(null, Map.of(), Map.of());

        assertThat(s.storeUrl()).startsWith("jdbc:h2:file:").contains("data/vangnet;MODE=PostgreSQL");
        assertThat(s.proxyBind()).isEqualTo(new InetSocketAddress("127.0.0.1", 3128));
        assertThat(s.adminBind()).isEqualTo(new InetSocketAddress("127.0.0.1", 8080));
        assertThat(s.pollInterval()).isEqualTo(Duration.ofSeconds(1));
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
                Arguments.of(Setting.STORE_H2_PATH, ""),
                Arguments.of(Setting.PROXY_MAX_REQUEST_LINE, "100"),
                Arguments.of(Setting.PROXY_MAX_HEADER_SIZE, "2000000"),
                Arguments.of(Setting.PROXY_MAX_CONNECTIONS_PER_CLIENT, "0"),
                Arguments.of(Setting.PROXY_MAX_CONNECTIONS, "lots"),
                Arguments.of(Setting.PROXY_ALLOWED_DESTINATIONS, "127.0.0.0/8, 10.0.0.0/33"),
                Arguments.of(Setting.PROXY_ALLOWED_DESTINATIONS, "intranet.example/24"),
                Arguments.of(Setting.PROXY_ADVERTISED_ADDRESS, "3128"),
                Arguments.of(Setting.PROXY_DECISION_CACHE_SIZE, "-1"),
                Arguments.of(Setting.PROXY_TUNNEL_RECHECK_INTERVAL, "1m"),
                Arguments.of(Setting.LISTS_SERVICES, "ut1:/srv/ut1/gambling"),
                Arguments.of(Setting.LISTS_SERVICES, "json:/srv/services.json"),
                Arguments.of(Setting.LISTS_RELOAD_INTERVAL, "P0D"),
                Arguments.of(Setting.DHCP_LEASE_FORMAT, "windows"),
                Arguments.of(Setting.DHCP_POLL_INTERVAL, "PT0S"),
                Arguments.of(Setting.STATS_FLUSH_INTERVAL, "soon"),
                Arguments.of(Setting.LIMITS_MAX_HOST_EVENT_RETENTION_DAYS, "0"));
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
    void proxyListsDhcpAndStatsSettingsAreParsed() throws IOException {
        Path file = dir.resolve("v.properties");
        Files.writeString(file, """
                proxy.advertised-address=192.0.2.10:3128
                proxy.allowed-destinations=127.0.0.0/8, ::1/128
                proxy.max-connections-per-client=20
                proxy.hosts-file=/etc/vangnet/hosts
                proxy.dns=false
                lists.category.gambling=ut1:/srv/ut1/gambling, hosts:https://lists.example/gambling.gz
                lists.category.social_networks=ut1:/srv/ut1/social_networks
                lists.services=services:/srv/adguard/services.json
                dhcp.lease-file=/var/lib/misc/dnsmasq.leases
                dhcp.lease-format=dnsmasq
                limits.max-host-event-retention-days=60
                """);
        Settings s = SettingsLoader.load(file, Map.of("VANGNET_LISTS_CATEGORY_DATING", "ut1:/srv/ut1/dating"),
                Map.of());
        assertThat(s.proxy().advertised()).isEqualTo(new InetSocketAddress("192.0.2.10", 3128));
        assertThat(s.proxy().allowedDestinations()).extracting(Object::toString)
                .containsExactly("127.0.0.0/8", "0:0:0:0:0:0:0:1/128");
        assertThat(s.proxy().maxConnectionsPerClient()).isEqualTo(20);
        assertThat(s.proxy().hostsFile()).isEqualTo(Path.of("/etc/vangnet/hosts"));
        assertThat(s.proxy().dns()).isFalse();
        assertThat(s.lists().categories()).containsOnlyKeys("gambling", "social_networks", "dating");
        assertThat(s.lists().categories().get("gambling")).containsExactly("ut1:/srv/ut1/gambling",
                "hosts:https://lists.example/gambling.gz");
        assertThat(s.lists().services()).containsExactly("services:/srv/adguard/services.json");
        assertThat(s.dhcp().leaseFile()).isEqualTo(Path.of("/var/lib/misc/dnsmasq.leases"));
        assertThat(s.dhcp().format()).isEqualTo(LeaseFormat.DNSMASQ);
        assertThat(s.limits().maxHostEventRetentionDays()).isEqualTo(60);
    }

    @Test
    void badListKeysAndSourcesNameTheKey() throws IOException {
        Path file = dir.resolve("v.properties");
        Files.writeString(file, "lists.category.Gambling!=ut1:/x\nlists.category.dating=/srv/ut1/dating\n"
                + "lists.category.chat=services:/srv/services.json\n");
        assertThatThrownBy(() -> SettingsLoader.load(file, Map.of(), Map.of()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field).containsExactlyInAnyOrder("lists.category.Gambling!",
                                "lists.category.dating", "lists.category.chat"));
    }

    @Test
    void dnsOffNeedsAHostsFile() {
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of(Setting.PROXY_DNS, "false")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field).containsExactly("proxy.dns"));
    }

    @ParameterizedTest
    @CsvSource({"'', mijn.vangnet", "Afspraken.Zorg.Example., afspraken.zorg.example"})
    void pagesHostIsALowerCaseHostName(String value, String expected) {
        Map<Setting, String> options = value.isEmpty() ? Map.of() : Map.of(Setting.PROXY_PAGES_HOST, value);
        assertThat(SettingsLoader.load(null, Map.of(), options).proxy().pagesHost()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.10", "mijn vangnet", "http://mijn.vangnet"})
    void badPagesHostNamesTheKey(String value) {
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of(Setting.PROXY_PAGES_HOST, value)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field).containsExactly("proxy.pages-host"));
    }

    @Test
    void environmentVariableNames() {
        assertThat(Setting.LISTS_CATEGORY.environmentVariable()).isEqualTo("VANGNET_LISTS_CATEGORY_<ID>");
        assertThat(Setting.LIMITS_WZD_INTERVAL.environmentVariable())
                .isEqualTo("VANGNET_LIMITS_MAX_EVALUATION_INTERVAL_WZD");
        assertThat(Setting.STORE_H2_PATH.environmentVariable()).isEqualTo("VANGNET_STORE_H2_PATH");
    }
}
