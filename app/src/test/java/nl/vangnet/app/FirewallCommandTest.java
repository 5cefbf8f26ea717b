package nl.vangnet.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FirewallCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private Path settings(String doh, String more) throws IOException {
        Path list = dir.resolve("doh.txt");
        Files.writeString(list, doh);
        return Files.writeString(dir.resolve("vangnet.properties"), "firewall.interface=vn-wifi\n"
                + "firewall.doh-endpoints=" + list + "\ntransparent.http-bind=0.0.0.0:3129\n"
                + "transparent.tls-bind=0.0.0.0:3130\n" + more);
    }

    @Test
    void helpListsTheFirewallCommand() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("firewall");
        assertThat(run("firewall", "--help")).isZero();
        assertThat(out.toString()).contains("nft -f -", "--config");
    }

    @Test
    void printsTheRulesetForTheConfiguredSettings() throws IOException {
        Path f = settings("# lab resolver\n198.51.100.53\n", "firewall.sync=true\n");
        assertThat(run("firewall", "-c", f.toString())).isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString()).startsWith("# Vangnet nftables rules for the Wi-Fi interface \"vn-wifi\"")
                .contains("iifname != \"vn-wifi\" return", "redirect to :3129", "redirect to :3130",
                        "\t\t\t198.51.100.53\n", "firewall.sync=true").endsWith("}\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bad list line       | 8.8.8.8\\nnot-an-address\\n | ''                              | line 2: not an IP range",
        "bad scope           | 8.8.8.8\\n                  | firewall.redirect=none          | firewall.redirect",
        "bad interface       | 8.8.8.8\\n                  | firewall.interface=wlan0;drop   | firewall.interface",
        "port 0              | 8.8.8.8\\n                  | transparent.http-bind=0.0.0.0:0 | port 0"})
    void badSettingsOrListAreOneLineAndExitTwo(String what, String doh, String more, String message)
            throws IOException {
        Path f = settings(doh.replace("\\n", "\n"), more + "\n");
        assertThat(run("firewall", "-c", f.toString())).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().strip()).startsWith("vangnet: invalid settings:").doesNotContain("\n")
                .contains(message);
    }

    @Test
    void missingListFileIsOneLineAndExitTwo() throws IOException {
        Path f = Files.writeString(dir.resolve("v.properties"), "firewall.doh-endpoints=" + dir.resolve("nope.txt")
                + "\n");
        assertThat(run("firewall", "-c", f.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("firewall.doh-endpoints", "nope.txt",
                "does not exist");
    }
}
