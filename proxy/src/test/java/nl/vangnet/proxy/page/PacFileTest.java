package nl.vangnet.proxy.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PacFileTest {
    private static final String VIA_PROXY = "PROXY 192.0.2.10:3128; DIRECT";

    private final PacFile pac = new PacFile("192.0.2.10", 3128);

    @Test
    void definesFindProxyForUrlWithTheAdvertisedProxyAndADirectFallback() {
        String text = pac.text();

        assertThat(text).contains("function FindProxyForURL(url, host) {")
                .contains("return \"" + VIA_PROXY + "\";")
                .contains("default open")
                .doesNotContain("dnsResolve", "myIpAddress", "@PROXY@", "@OWN_HOST@");
        assertThat(text.chars().allMatch(c -> c < 128)).isTrue();
        assertThat(pac.bytes()).isEqualTo(text.getBytes(StandardCharsets.US_ASCII));
        assertThat(PacFile.CONTENT_TYPE).isEqualTo("application/x-ns-proxy-autoconfig");
    }

    @ParameterizedTest
    @CsvSource({"proxy.zorg.example, 8080, PROXY proxy.zorg.example:8080", "2001:db8::5, 3128, PROXY [2001:db8::5]:3128",
            "[2001:db8::5], 3128, PROXY [2001:db8::5]:3128"})
    void writesTheProxyDirective(String host, int port, String directive) {
        assertThat(new PacFile(host, port).proxyDirective()).isEqualTo(directive);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "evil\"; alert(1); \"", "a b", "-bad.example", "bad..example", "exa_mple.nl",
            "[zz::1]", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.example"})
    void refusesHostsThatCannotBeWrittenIntoTheScript(String host) {
        assertThatThrownBy(() -> new PacFile(host, 3128)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid proxy host name or IP address");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65536})
    void refusesBadPorts(int port) {
        assertThatThrownBy(() -> new PacFile("192.0.2.10", port)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port");
    }

    @ParameterizedTest
    @CsvSource({"/proxy.pac, true", "/wpad.dat, true", "/wpad.dat?x=1, true", "/proxy.pac/, false", "/, false",
            "/PROXY.PAC, false", "/index.html, false"})
    void servesOnlyItsTwoPaths(String target, boolean served) {
        assertThat(PacFile.servesPath(target)).isEqualTo(served);
    }

    /**
     * Evaluates the script with Node and a minimal PAC runtime whose {@code isInNet} refuses names (it would resolve
     * them) and whose {@code dnsResolve} throws. Skipped only when {@code node} is not installed.
     */
    @Test
    void routesLocalDestinationsDirectAndEverythingElseThroughTheProxy(@TempDir Path dir) throws Exception {
        String node = findNode();
        assumeTrue(node != null, "node is not installed");
        String[][] cases = {
                {"http://www.example.com/", "www.example.com", VIA_PROXY},
                {"https://casino.example/", "casino.example", VIA_PROXY},
                {"http://8.8.8.8/", "8.8.8.8", VIA_PROXY},
                {"http://172.32.0.1/", "172.32.0.1", VIA_PROXY},
                {"http://100.128.0.1/", "100.128.0.1", VIA_PROXY},
                {"http://[2001:db8::1]/", "2001:db8::1", VIA_PROXY},
                {"http://[2001:db8::1]/", "[2001:db8::1]", VIA_PROXY},
                {"http://[fc::1]/", "fc::1", VIA_PROXY},
                {"http://intranet/", "intranet", "DIRECT"},
                {"http://localhost:8080/", "localhost", "DIRECT"},
                {"http://app.localhost/", "app.localhost", "DIRECT"},
                {"http://127.0.0.1/", "127.0.0.1", "DIRECT"},
                {"http://10.1.2.3/", "10.1.2.3", "DIRECT"},
                {"http://172.16.5.4/", "172.16.5.4", "DIRECT"},
                {"http://172.31.255.255/", "172.31.255.255", "DIRECT"},
                {"http://192.168.178.1/", "192.168.178.1", "DIRECT"},
                {"http://169.254.169.254/", "169.254.169.254", "DIRECT"},
                {"http://100.64.0.1/", "100.64.0.1", "DIRECT"},
                {"http://[::1]/", "::1", "DIRECT"},
                {"http://[fd12:3456::1]/", "fd12:3456::1", "DIRECT"},
                {"http://[fe80::1]/", "fe80::1", "DIRECT"},
                {"http://192.0.2.10:3128/proxy.pac", "192.0.2.10", "DIRECT"},
                {"http://WWW.EXAMPLE.COM./", "WWW.EXAMPLE.COM.", VIA_PROXY},
        };
        Path script = dir.resolve("proxy.pac");
        Files.writeString(script, pac.text());
        Path harness = dir.resolve("harness.js");
        Files.writeString(harness, """
                const fs = require('fs');
                function isPlainHostName(h) { return h.indexOf('.') < 0; }
                function dnsDomainIs(h, d) { return h.length >= d.length && h.substring(h.length - d.length) === d; }
                function ip4(s) { const p = s.split('.').map(Number); return ((p[0] << 24) >>> 0) + (p[1] << 16) + (p[2] << 8) + p[3]; }
                function isInNet(h, pattern, mask) {
                  if (!/^[0-9]+(\\.[0-9]+){3}$/.test(h)) { throw new Error('isInNet would resolve ' + h); }
                  return ((ip4(h) & ip4(mask)) >>> 0) === ((ip4(pattern) & ip4(mask)) >>> 0);
                }
                function dnsResolve(h) { throw new Error('dnsResolve must not be called'); }
                function myIpAddress() { throw new Error('myIpAddress must not be called'); }
                eval(fs.readFileSync(process.argv[2], 'utf8'));
                const cases = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
                for (const c of cases) { console.log(FindProxyForURL(c[0], c[1])); }
                """);
        Path input = dir.resolve("cases.json");
        List<String> json = new ArrayList<>();
        for (String[] c : cases) {
            json.add("[\"" + c[0] + "\",\"" + c[1] + "\"]");
        }
        Files.writeString(input, "[" + String.join(",", json) + "]");

        Process p = new ProcessBuilder(node, harness.toString(), script.toString(), input.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();

        List<String> lines = out.lines().toList();
        assertThat(lines).hasSize(cases.length);
        for (int i = 0; i < cases.length; i++) {
            assertThat(lines.get(i)).as(cases[i][1]).isEqualTo(cases[i][2]);
        }
    }

    private static String findNode() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File f = new File(dir, "node");
            if (f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        return null;
    }
}
