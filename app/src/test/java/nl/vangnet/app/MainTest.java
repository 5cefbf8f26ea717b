package nl.vangnet.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void helpListsTheCommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("run", "audit", "config");
    }

    @Test
    void runHelpListsDemo() {
        assertThat(run("run", "--help")).isZero();
        assertThat(out.toString()).contains("--demo", "--config", "--proxy-bind");
    }

    @Test
    void unknownOptionIsOneLineAndExitTwo() {
        assertThat(run("run", "--dmeo")).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("--dmeo").startsWith("vangnet:");
    }

    @Test
    void badSettingsFileIsOneLineAndExitTwo() throws IOException {
        Path f = dir.resolve("bad.properties");
        Files.writeString(f, "proxy.bind=nowhere\nlimits.warning-days=x\n");
        assertThat(run("config", "check", "-c", f.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n")
                .contains("proxy.bind").contains("limits.warning-days");
    }

    @Test
    void missingSettingsFileIsOneLineAndExitTwo() {
        assertThat(run("run", "-c", dir.resolve("nope.properties").toString())).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("does not exist");
    }

    @Test
    void configCheckPrintsEffectiveSettingsWithThePasswordMasked() throws IOException {
        Path f = dir.resolve("ok.properties");
        Files.writeString(f, "store.password=geheim123\n");
        assertThat(run("config", "check", "-c", f.toString(), "--h2-path", dir.resolve("db").toString())).isZero();
        assertThat(out.toString()).contains("settings OK", "proxy.bind", "P3M", "store.password = ****")
                .doesNotContain("geheim123");
    }
}
