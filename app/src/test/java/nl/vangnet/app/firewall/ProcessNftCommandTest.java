package nl.vangnet.app.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProcessNftCommandTest {
    @TempDir
    Path dir;

    /** A stand-in for nft: a shell script run as {@code <script> -f -}. */
    private ProcessNftCommand fake(String body, Duration timeout) throws IOException {
        Path script = dir.resolve("fake-nft");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return new ProcessNftCommand(script.toString(), timeout);
    }

    @Test
    void passesTheScriptOnStandardInputWithDashFDash() throws IOException {
        Path seen = dir.resolve("seen");
        fake("echo \"$1 $2\" > " + seen + "; cat >> " + seen, Duration.ofSeconds(30))
                .run("flush set inet vangnet restricted_v4\n");
        assertThat(Files.readString(seen)).isEqualTo("-f -\nflush set inet vangnet restricted_v4\n");
    }

    @Test
    void aRejectedScriptGivesNftsErrorWithoutAddresses() throws IOException {
        ProcessNftCommand nft = fake("""
                cat > /dev/null
                echo '/dev/stdin:4:42-55: Error: Could not process rule: No such file or directory' >&2
                echo 'add element inet vangnet restricted_v4 { 192.168.77.10 }' >&2
                echo '                                         ^^^^^^^^^^^^^' >&2
                exit 1""", Duration.ofSeconds(30));
        assertThatThrownBy(() -> nft.run("add element inet vangnet restricted_v4 { 192.168.77.10 }\n"))
                .isInstanceOf(IOException.class)
                .hasMessageEndingWith("exited with 1: Error: Could not process rule: No such file or directory")
                .hasMessageNotContaining("192.168");
    }

    @Test
    void aMissingCommandIsAnIoError() {
        ProcessNftCommand nft = new ProcessNftCommand(dir.resolve("no-such-nft").toString(), Duration.ofSeconds(5));
        assertThatThrownBy(() -> nft.run("")).isInstanceOf(IOException.class);
    }

    @Test
    void aHangingNftIsKilledAfterTheTimeout() throws IOException {
        ProcessNftCommand nft = fake("exec sleep 60", Duration.ofMillis(300));
        assertThatThrownBy(() -> nft.run("flush ruleset\n")).isInstanceOf(IOException.class)
                .hasMessageContaining("did not finish");
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
        "Error: syntax error, unexpected junk                       | Error: syntax error, unexpected junk",
        "x: Error: conflicting intervals 10.0.0.1/32 and 10.0.0.0/8 | Error: conflicting intervals <address> and <address>",
        "Error: bad element 2001:db8::10                            | Error: bad element <address>",
        "Error: bad element 02:00:5E:10:00:01                       | Error: bad element <address>",
        "Error: bad element fe80::1 in ::/0                         | Error: bad element <address> in <address>",
        "netlink: some message without marker 192.168.1.1           | netlink: some message without marker <address>",
        "''                                                         | (no message)"})
    void errorLinesAreRedacted(String stderr, String expected) {
        assertThat(ProcessNftCommand.errorLines(stderr)).isEqualTo(expected);
    }
}
