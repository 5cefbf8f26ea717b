package nl.vangnet.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import nl.vangnet.proxy.tls.LocalCa;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CaCommandTest {
    @TempDir
    Path dir;

    private Path caDir;
    private Path settings;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    @BeforeEach
    void settingsFile() throws IOException {
        caDir = dir.resolve("ca");
        settings = dir.resolve("vangnet.properties");
        Files.writeString(settings, "transparent.ca-dir=" + caDir + "\n");
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void helpListsTheCaCommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("ca ");
        assertThat(run("ca", "--help")).isZero();
        assertThat(out.toString()).contains("export", "show");
        assertThat(run("ca", "export", "--help")).isZero();
        assertThat(out.toString()).contains("--out", "--config", "--ca-dir");
    }

    @Test
    void exportCreatesTheCaAndPrintsItsCertificateWithTheFingerprintOnStandardError() throws IOException {
        assertThat(run("ca", "export", "-c", settings.toString())).isZero();

        LocalCa ca = LocalCa.load(caDir, Clock.systemUTC());
        assertThat(out.toString()).isEqualTo(ca.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(err.toString().strip()).isEqualTo("SHA-256 fingerprint: " + ca.fingerprintSha256());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(caDir.resolve("ca-key.pem"))))
                .isEqualTo("rw-------");
    }

    @Test
    void aSecondExportPrintsTheSameCertificate() {
        assertThat(run("ca", "export", "-c", settings.toString())).isZero();
        String first = out.toString();
        assertThat(run("ca", "export", "-c", settings.toString())).isZero();
        assertThat(out.toString()).isEqualTo(first);
    }

    @Test
    void exportWritesTheCertificateToAFile() throws IOException {
        Path pem = dir.resolve("vangnet-ca.pem");
        assertThat(run("ca", "export", "-c", settings.toString(), "--out", pem.toString())).isZero();

        LocalCa ca = LocalCa.load(caDir, Clock.systemUTC());
        assertThat(out.toString()).isEmpty();
        assertThat(Files.readString(pem)).isEqualTo(ca.certificatePem());
        assertThat(err.toString()).contains("Certificate written to " + pem,
                "SHA-256 fingerprint: " + ca.fingerprintSha256());
    }

    @Test
    void theCaDirOptionOverridesTheSettings() {
        Path other = dir.resolve("other");
        assertThat(run("ca", "export", "-c", settings.toString(), "--ca-dir", other.toString())).isZero();
        assertThat(other.resolve("ca-cert.pem")).exists();
        assertThat(caDir).doesNotExist();
    }

    @Test
    void showPrintsSubjectValidityAndFingerprint() {
        assertThat(run("ca", "export", "-c", settings.toString())).isZero();
        LocalCa ca = LocalCa.load(caDir, Clock.systemUTC());

        assertThat(run("ca", "show", "-c", settings.toString())).isZero();
        assertThat(out.toString()).contains(
                "subject:             " + ca.certificate().getSubjectX500Principal().getName(),
                "valid from:          " + ca.certificate().getNotBefore().toInstant(),
                "valid until:         " + ca.certificate().getNotAfter().toInstant(),
                "SHA-256 fingerprint: " + ca.fingerprintSha256(),
                "directory:           " + caDir);
        assertThat(out.toString()).containsPattern("subject: +CN=Vangnet lokale CA [0-9a-f]{8},O=Vangnet");
    }

    @Test
    void showNeverCreatesTheCa() {
        assertThat(run("ca", "show", "-c", settings.toString())).isEqualTo(1);
        assertThat(err.toString().strip()).doesNotContain("\n").startsWith("vangnet: local CA: There is no local CA in")
                .endsWith("'vangnet ca export' creates it.");
        assertThat(caDir).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"export", "show"})
    void aKeyReadableByOthersIsRefusedWithTheFix(String command) throws IOException {
        assertThat(run("ca", "export", "-c", settings.toString())).isZero();
        Path key = caDir.resolve("ca-key.pem");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(run("ca", command, "-c", settings.toString())).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().strip()).doesNotContain("\n").startsWith("vangnet: local CA: ")
                .endsWith("chmod 600 " + key);
    }

    @Test
    void anIncompleteCaIsOneLineAndExitOne() throws IOException {
        assertThat(run("ca", "export", "-c", settings.toString())).isZero();
        Files.delete(caDir.resolve("ca-cert.pem"));
        assertThat(run("ca", "export", "-c", settings.toString())).isEqualTo(1);
        assertThat(err.toString().strip()).doesNotContain("\n")
                .contains("ca-cert.pem is missing next to ca-key.pem");
    }

    @Test
    void exportRefusesToOverwriteTheKey() throws IOException {
        assertThat(run("ca", "export", "-c", settings.toString())).isZero();
        String key = Files.readString(caDir.resolve("ca-key.pem"));
        assertThat(run("ca", "export", "-c", settings.toString(), "-o", caDir.resolve("ca-key.pem").toString()))
                .isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("vangnet: refusing to overwrite the CA key "
                + caDir.resolve("ca-key.pem") + " with the certificate");
        assertThat(Files.readString(caDir.resolve("ca-key.pem"))).isEqualTo(key);
    }

    @Test
    void anUnwritableOutputIsOneLineAndExitOne() {
        Path target = dir.resolve("missing-dir").resolve("ca.pem");
        assertThat(run("ca", "export", "-c", settings.toString(), "-o", target.toString())).isEqualTo(1);
        assertThat(err.toString().strip()).doesNotContain("\n").startsWith("vangnet: cannot write " + target);
    }

    @Test
    void anEmptyCaDirIsAnInvalidSetting() throws IOException {
        Files.writeString(settings, "transparent.ca-dir=\n");
        assertThat(run("ca", "export", "-c", settings.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo(
                "vangnet: invalid settings: transparent.ca-dir: must not be empty for 'vangnet ca'");
    }

    @Test
    void aFileWhereTheCaDirectoryShouldBeIsOneLineAndExitOne() throws IOException {
        Files.writeString(caDir, "no directory");
        assertThat(run("ca", "export", "-c", settings.toString())).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("vangnet: local CA: Cannot create the local CA directory "
                + caDir + ": a file with that name exists.");
    }
}
