package nl.vangnet.app.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import nl.vangnet.app.Setting;
import nl.vangnet.app.Settings;
import nl.vangnet.app.SettingsLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class NftRulesetTest {
    /** The shipped ruleset and the header above the rendering in it. */
    static final Path SHIPPED = Path.of("..", "config", "firewall", "vangnet.nft");
    static final String SHIPPED_HEADER = """
            #!/usr/sbin/nft -f
            # config/firewall/vangnet.nft: what 'vangnet firewall' prints for the example settings
            # config/vangnet.properties with both transparent listeners on. Made, from the repository root, by:
            #   VANGNET_TRANSPARENT_HTTP_BIND=0.0.0.0:3129 VANGNET_TRANSPARENT_TLS_BIND=0.0.0.0:3130 \\
            #     java -jar app/target/vangnet.jar firewall -c config/vangnet.properties
            # NftRulesetTest checks that this file equals that output (regenerate: mvn test -pl app
            # -Dtest=NftRulesetTest -Dvangnet.golden.update=true). For a real gateway, print your own.

            """;
    static final Path GOLDEN = Path.of("src", "test", "resources", "nl", "vangnet", "app", "firewall");
    static final boolean UPDATE = Boolean.getBoolean("vangnet.golden.update");

    static final DohEndpoints DOH = new DohEndpoints(List.of(
            nl.vangnet.proxy.net.Cidr.parse("198.51.100.53"), nl.vangnet.proxy.net.Cidr.parse("45.90.28.0/24"),
            nl.vangnet.proxy.net.Cidr.parse("2001:db8:53:0:0:0:0:1"), nl.vangnet.proxy.net.Cidr.parse("198.51.100.53")));
    static final RestrictedMembers MEMBERS = new RestrictedMembers(List.of("192.168.77.10", "192.168.77.11"),
            List.of("2001:db8:77::10"), List.of("02:00:5e:10:00:01"));

    /** Settings from key=value pairs over the defaults. */
    static Settings settings(String... keyValues) {
        Map<Setting, String> overrides = new EnumMap<>(Setting.class);
        for (String kv : keyValues) {
            String key = kv.substring(0, kv.indexOf('='));
            Setting s = Stream.of(Setting.values()).filter(x -> x.key().equals(key)).findFirst().orElseThrow();
            overrides.put(s, kv.substring(kv.indexOf('=') + 1));
        }
        return SettingsLoader.load(null, Map.of(), overrides);
    }

    static String render(Settings settings) {
        return NftRuleset.render(settings, DOH, RestrictedMembers.NONE);
    }

    /** The body of one chain of the rendering, from its opening line to its closing brace. */
    static String chain(String ruleset, String name) {
        int start = ruleset.indexOf("\tchain " + name + " {");
        if (start < 0) {
            return "";
        }
        return ruleset.substring(start, ruleset.indexOf("\n\t}", start) + 3);
    }

    static Settings shippedSettings() {
        Map<Setting, String> binds = Map.of(Setting.TRANSPARENT_HTTP_BIND, "0.0.0.0:3129",
                Setting.TRANSPARENT_TLS_BIND, "0.0.0.0:3130");
        return SettingsLoader.load(Path.of("..", "config", "vangnet.properties"), Map.of(), binds);
    }

    @Test
    void shippedRulesetEqualsTheRenderingForTheExampleSettings() throws IOException {
        Settings settings = shippedSettings();
        DohEndpoints doh = DohEndpoints.read(Path.of("..").resolve(settings.firewall().dohEndpoints()));
        String expected = SHIPPED_HEADER + NftRuleset.render(settings, doh, RestrictedMembers.NONE);
        if (UPDATE) {
            Files.writeString(SHIPPED, expected);
        }
        assertThat(Files.readString(SHIPPED)).as("config/firewall/vangnet.nft is stale; regenerate it (see its"
                + " header)").isEqualTo(expected);
    }

    static Stream<Arguments> goldenCases() {
        return Stream.of(
                Arguments.of("all-ipv4-listeners.nft", settings("firewall.interface=vn-wifi",
                        "transparent.http-bind=0.0.0.0:3129", "transparent.tls-bind=0.0.0.0:3130"),
                        DOH, RestrictedMembers.NONE),
                Arguments.of("restricted-dual-stack-members.nft", settings("firewall.interface=wlan1",
                        "firewall.table=vn_test", "firewall.redirect=restricted", "firewall.block-quic=restricted",
                        "firewall.sync=true", "transparent.http-bind=[::]:8080",
                        "transparent.tls-bind=[::]:8443"), DohEndpoints.NONE, MEMBERS),
                Arguments.of("listeners-off-no-quic.nft", settings("firewall.block-quic=none",
                        "firewall.doh-endpoints="), DohEndpoints.NONE, RestrictedMembers.NONE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void matchesTheGoldenFile(String name, Settings settings, DohEndpoints doh, RestrictedMembers members)
            throws IOException {
        String rendered = NftRuleset.render(settings, doh, members);
        Path golden = GOLDEN.resolve(name);
        if (UPDATE) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, rendered);
        }
        assertThat(rendered).isEqualTo(Files.readString(golden));
    }

    @ParameterizedTest(name = "block-quic={0}")
    @CsvSource({"all, true, false", "restricted, false, true", "none, false, false"})
    void quicIsDroppedPerScope(String scope, boolean forEveryone, boolean forRestricted) {
        String r = render(settings("firewall.block-quic=" + scope, "transparent.tls-bind=0.0.0.0:3130"));
        String quic = "udp dport 443 counter name \"quic_dropped\" drop";
        assertThat(chain(r, "filter_prerouting").contains(quic)).isEqualTo(forEveryone);
        assertThat(chain(r, "restricted_filter").contains(quic)).isEqualTo(forRestricted);
    }

    @ParameterizedTest(name = "http={0} tls={1}")
    @CsvSource(delimiter = '|', value = {
        "0.0.0.0:3129 | 0.0.0.0:3130",
        "0.0.0.0:3129 | ''",
        "''           | 192.168.77.1:3130",
        "''           | ''"})
    void aRedirectOnlyForAListenerThatIsOn(String http, String tls) {
        String nat = chain(render(settings("transparent.http-bind=" + http, "transparent.tls-bind=" + tls)),
                "nat_prerouting");
        assertThat(nat.contains("tcp dport 80 counter name \"http_redirected\" redirect to :3129"))
                .isEqualTo(!http.isEmpty());
        assertThat(nat.contains("tcp dport 443 counter name \"tls_redirected\" redirect to :3130"))
                .isEqualTo(!tls.isEmpty());
        assertThat(nat.contains("fib daddr type local return")).isEqualTo(!http.isEmpty() || !tls.isEmpty());
        assertThat(nat).contains("type nat hook prerouting priority dstnat;");
    }

    @ParameterizedTest(name = "tls-bind={0}")
    @CsvSource(delimiter = '|', value = {
        "0.0.0.0:3130         | meta nfproto ipv4 tcp dport 443 | ip6 daddr != @lan_v6 tcp dport 443",
        "192.168.77.1:3130    | meta nfproto ipv4 tcp dport 443 | ip6 daddr != @lan_v6 tcp dport 443",
        "[::]:3130            | tcp dport 443                   | ''",
        "[2001:db8::1]:3130   | meta nfproto ipv6 tcp dport 443 | ip daddr != @lan_v4 tcp dport 443"})
    void theRedirectCoversTheListenersFamiliesAndRestrictedDevicesCannotBypassIt(String bind, String redirect,
            String bypassDrop) {
        String r = render(settings("transparent.tls-bind=" + bind));
        assertThat(chain(r, "nat_prerouting")).contains("\t\t" + redirect + " counter name \"tls_redirected\"");
        String restricted = chain(r, "restricted_filter");
        if (bypassDrop.isEmpty()) {
            assertThat(restricted).doesNotContain("bypass_dropped");
        } else {
            assertThat(restricted).contains(bypassDrop + " counter name \"bypass_dropped\" drop");
        }
    }

    @ParameterizedTest(name = "redirect={0}")
    @CsvSource({"all", "restricted"})
    void redirectScope(String scope) {
        String r = render(settings("firewall.redirect=" + scope, "transparent.http-bind=0.0.0.0:3129"));
        boolean restricted = scope.equals("restricted");
        assertThat(chain(r, "nat_prerouting").contains("redirect to :3129")).isEqualTo(!restricted);
        assertThat(chain(r, "restricted_nat").contains("redirect to :3129")).isEqualTo(restricted);
        assertThat(r).contains("\tchain restricted_nat {");
        assertThat(chain(r, "nat_prerouting").contains("ether saddr @restricted_mac jump restricted_nat"))
                .isEqualTo(restricted);
    }

    @Test
    void everyChainStartsWithTheInterfaceAndRestrictedDevicesLoseEncryptedDns() {
        String r = render(settings("firewall.interface=vn-wifi", "firewall.table=lab",
                "transparent.http-bind=0.0.0.0:3129"));
        assertThat(r).startsWith("# Vangnet nftables rules for the Wi-Fi interface \"vn-wifi\"")
                .contains("\nadd table inet lab\n", "\nflush table inet lab\n", "\ntable inet lab {\n")
                .doesNotContain("\ndelete table");
        for (String chain : List.of("filter_prerouting", "nat_prerouting")) {
            assertThat(chain(r, chain)).contains("\n\t\tiifname != \"vn-wifi\" return\n");
        }
        assertThat(chain(r, "filter_prerouting")).contains("type filter hook prerouting priority -150;",
                "ip saddr @restricted_v4 jump restricted_filter", "ip6 saddr @restricted_v6 jump restricted_filter",
                "ether saddr @restricted_mac jump restricted_filter");
        assertThat(chain(r, "restricted_filter")).contains(
                "meta l4proto { tcp, udp } th dport 853 counter name \"dot_dropped\" drop",
                "ip daddr @doh_v4 meta l4proto { tcp, udp } th dport 443 counter name \"doh_dropped\" drop",
                "ip6 daddr @doh_v6 meta l4proto { tcp, udp } th dport 443 counter name \"doh_dropped\" drop");
        assertThat(chain(r, "nat_prerouting")).contains("fib daddr type local return", "ip daddr @lan_v4 return",
                "ip6 daddr @lan_v6 return");
        assertThat(r).contains("192.168.0.0/16", "10.0.0.0/8", "172.16.0.0/12", "169.254.0.0/16", "127.0.0.0/8",
                "fe80::/10", "fc00::/7");
        assertThat(r).contains("output hook").doesNotContain("hook output");
    }

    @Test
    void dohEndpointsAreDeduplicatedAndSplitByFamily() {
        String r = render(settings());
        assertThat(r).contains("set doh_v4 {\n\t\ttype ipv4_addr\n\t\tflags interval\n\t\tauto-merge\n"
                + "\t\telements = {\n\t\t\t198.51.100.53, 45.90.28.0/24\n\t\t}\n\t}");
        assertThat(r).contains("\t\t\t2001:db8:53::1\n");
    }

    @Test
    void withoutADohListTheSetsAreEmpty() {
        String r = NftRuleset.render(settings("firewall.doh-endpoints="), DohEndpoints.NONE, RestrictedMembers.NONE);
        assertThat(r).contains("no firewall.doh-endpoints file")
                .contains("set doh_v4 {\n\t\ttype ipv4_addr\n\t\tflags interval\n\t\tauto-merge\n\t}");
    }

    @Test
    void initialMembersAreRendered() {
        String r = NftRuleset.render(settings(), DohEndpoints.NONE, MEMBERS);
        assertThat(r).contains("set restricted_v4 {\n\t\ttype ipv4_addr\n\t\tflags interval\n\t\tauto-merge\n"
                + "\t\telements = {\n\t\t\t192.168.77.10, 192.168.77.11\n\t\t}\n\t}")
                .contains("\t\t\t02:00:5e:10:00:01\n").contains("\t\t\t2001:db8:77::10\n");
    }

    @Test
    void longElementListsAreWrapped() {
        List<nl.vangnet.proxy.net.Cidr> many = java.util.stream.IntStream.range(1, 60)
                .mapToObj(i -> nl.vangnet.proxy.net.Cidr.parse("198.51.100." + i)).toList();
        String r = NftRuleset.render(settings(), new DohEndpoints(many), RestrictedMembers.NONE);
        assertThat(r.lines()).allSatisfy(l -> assertThat(l.replace("\t", "    ").length()).isLessThanOrEqualTo(120));
        assertThat(r).contains("198.51.100.1,").contains("198.51.100.59\n");
    }

    @Test
    void aListenerOnPortZeroCannotBeRedirectedTo() {
        assertThatThrownBy(() -> render(settings("transparent.http-bind=0.0.0.0:0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("transparent.http-bind has port 0");
    }

    @Test
    void syncScriptReplacesTheThreeSetsAndSkipsEmptyAdds() {
        assertThat(NftRuleset.syncScript("vangnet", MEMBERS)).isEqualTo("""
                flush set inet vangnet restricted_v4
                flush set inet vangnet restricted_v6
                flush set inet vangnet restricted_mac
                add element inet vangnet restricted_v4 { 192.168.77.10, 192.168.77.11 }
                add element inet vangnet restricted_v6 { 2001:db8:77::10 }
                add element inet vangnet restricted_mac { 02:00:5e:10:00:01 }
                """);
        assertThat(NftRuleset.syncScript("t", RestrictedMembers.NONE)).doesNotContain("add element");
    }

    @Test
    void anUpdateEmptiesChainsAndResolverSetsButNotTheRestrictedSets() {
        String r = render(settings("firewall.table=lab"));
        assertThat(r).contains("\nflush set inet lab doh_v4\n", "\nflush set inet lab doh_v6\n",
                "\nflush set inet lab lan_v4\n").doesNotContain("flush set inet lab restricted_");
        assertThat(r.indexOf("add set inet lab doh_v4 { type ipv4_addr; flags interval; auto-merge; }"))
                .isPositive().isLessThan(r.indexOf("flush table inet lab"));
    }

    /** Runs a shell script in a throw-away network namespace; needs root, nft and unshare (else skipped). */
    static String inNamespace(String shell, String stdin) throws IOException, InterruptedException {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root for nft");
        assumeTrue(Stream.of("/usr/sbin/nft", "/sbin/nft").anyMatch(p -> Files.isExecutable(Path.of(p))),
                "nft not installed");
        Process p = new ProcessBuilder("unshare", "--net", "sh", "-ec", shell).redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    void reloadingKeepsTheRestrictedMembersAndDoesNotDuplicateRules() throws Exception {
        String ruleset = render(settings("transparent.http-bind=0.0.0.0:3129"));
        String out = inNamespace("cat > /tmp/vn-$$.nft; nft -f /tmp/vn-$$.nft;"
                + " nft add element inet vangnet restricted_v4 '{ 192.168.77.10 }'; nft -f /tmp/vn-$$.nft;"
                + " rm /tmp/vn-$$.nft; nft list table inet vangnet", ruleset);
        assertThat(out).contains("elements = { 192.168.77.10 }");
        assertThat(out.split("redirect to :3129", -1)).hasSize(2);
        assertThat(out.split("198.51.100.53", -1)).hasSize(2);
    }

    static Stream<Arguments> everyShape() {
        return Stream.concat(goldenCases().map(a -> Arguments.of(a.get()[0], NftRuleset.render((Settings) a.get()[1],
                (DohEndpoints) a.get()[2], (RestrictedMembers) a.get()[3]))),
                Stream.of(Arguments.of("redirect restricted, ipv6-only listener",
                        render(settings("firewall.redirect=restricted", "transparent.tls-bind=[2001:db8::1]:3130",
                                "transparent.http-bind=192.168.77.1:3129")))));
    }

    /**
     * Checks the renderings with the real nft in a throw-away network namespace ({@code unshare --net}; the check
     * mode changes nothing). Needs root and nft: skipped without them (the namespace e2e suite loads them too).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("everyShape")
    void nftAcceptsTheRuleset(String name, String ruleset) throws Exception {
        inNamespace("nft -c -f -", ruleset);
    }
}
