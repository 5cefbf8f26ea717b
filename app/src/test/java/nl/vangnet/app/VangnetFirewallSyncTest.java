package nl.vangnet.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code firewall.sync=true} wired into the all-in-one: with the demo data, the restricted devices' addresses and
 * MACs reach nft (a stand-in script recording its input), and the sync's meters are served and documented.
 */
class VangnetFirewallSyncTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Settings settings(Path nft) {
        return SettingsLoader.load(null, Map.of(), Map.of(Setting.STORE_H2_PATH, dir.resolve("db").toString(),
                Setting.PROXY_ENABLED, "false", Setting.ADMIN_ENABLED, "false", Setting.FIREWALL_SYNC, "true",
                Setting.FIREWALL_NFT, nft.toString(), Setting.FIREWALL_TABLE, "vn_test"));
    }

    private Path fakeNft(String body) throws Exception {
        Path script = dir.resolve("fake-nft");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 300 && !condition.getAsBoolean(); i++) {
            Thread.sleep(100);
        }
    }

    @Test
    void theRestrictedDevicesOfTheDemoReachNft() throws Exception {
        Path seen = dir.resolve("seen.nft");
        Path nft = fakeNft("cat >> " + seen);
        try (Vangnet v = Vangnet.start(settings(nft), true, CLOCK)) {
            String full = "add element inet vn_test restricted_v4 { 127.0.0.2, 127.0.0.4, 127.0.0.7 }";
            awaitUntil(() -> read(seen).contains(full));
            assertThat(read(seen)).contains("flush set inet vn_test restricted_v4", full,
                    "add element inet vn_test restricted_mac { 02:00:5e:10:00:01, 02:00:5e:10:00:03,"
                            + " 02:00:5e:10:00:06 }");
            awaitUntil(() -> v.scrapeMetrics().contains("vangnet_firewall_restricted_members 6.0"));
            String metrics = v.scrapeMetrics();
            assertThat(metrics).contains("vangnet_firewall_syncs_total{result=\"ok\"}",
                    "vangnet_firewall_restricted_members 6.0").doesNotContain("127.0.0.2");
            String doc = Files.readString(Path.of("..", "docs", "metrics.md"));
            metrics.lines().filter(l -> l.startsWith("# HELP vangnet_firewall")).map(l -> l.split(" ")[2])
                    .forEach(m -> assertThat(doc).contains("`" + m + "`"));
        }
    }

    @Test
    void aFailingNftIsCountedAndVangnetKeepsRunning() throws Exception {
        Path nft = fakeNft("cat > /dev/null; echo 'Error: Could not process rule: No such file or directory' >&2;"
                + " exit 1");
        try (Vangnet v = Vangnet.start(settings(nft), true, CLOCK)) {
            String failed = "vangnet_firewall_syncs_total{result=\"failed\"} ";
            awaitUntil(() -> !v.scrapeMetrics().contains(failed + "0.0"));
            assertThat(v.scrapeMetrics()).contains(failed).doesNotContain(failed + "0.0")
                    .contains("vangnet_firewall_syncs_total{result=\"ok\"} 0.0");
            assertThat(v.snapshot().restrictedCount()).isEqualTo(3);
        }
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
