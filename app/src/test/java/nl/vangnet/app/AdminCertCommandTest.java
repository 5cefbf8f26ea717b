package nl.vangnet.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import nl.vangnet.app.admintls.AdminCertificate;
import nl.vangnet.app.admintls.SelfSignedCertificate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vangnet admin-cert export|show}, and the launcher serving the admin API over TLS with that certificate. */
class AdminCertCommandTest {
    @TempDir
    Path dir;

    private Path tlsDir;
    private Path settings;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    @BeforeEach
    void settingsFile() throws IOException {
        tlsDir = dir.resolve("admin-tls");
        settings = dir.resolve("vangnet.properties");
        Files.writeString(settings, "admin.tls=on\nadmin.tls-dir=" + tlsDir + "\nadmin.tls-hostnames=127.0.0.1\n");
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void helpListsTheCommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("admin-cert");
        assertThat(run("admin-cert", "--help")).isZero();
        assertThat(out.toString()).contains("export", "show");
    }

    @Test
    void exportCreatesTheCertificateAndPrintsItWithFingerprintAndPin() {
        assertThat(run("admin-cert", "export", "-c", settings.toString())).isZero();

        AdminCertificate c = SelfSignedCertificate.load(tlsDir, Clock.systemUTC());
        assertThat(out.toString()).isEqualTo(c.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(err.toString()).contains("SHA-256 fingerprint: " + c.fingerprintSha256(),
                "public key pin:      " + c.publicKeyPin()).doesNotContain("note:");
        assertThat(c.subjectAltNames()).containsExactly("127.0.0.1");
    }

    @Test
    void exportNeverRenewsAnExistingCertificate() {
        Instant past = Instant.now().minus(Duration.ofDays(900));
        AdminCertificate old = SelfSignedCertificate.loadOrCreate(tlsDir, List.of("127.0.0.1"),
                Clock.fixed(past, ZoneOffset.UTC)).certificate();

        assertThat(run("admin-cert", "export", "-c", settings.toString())).isZero();
        assertThat(out.toString()).isEqualTo(old.certificatePem());
    }

    @Test
    void exportWritesAFileButNeverOverTheKey() throws IOException {
        Path file = dir.resolve("admin.crt");
        assertThat(run("admin-cert", "export", "-c", settings.toString(), "-o", file.toString())).isZero();
        assertThat(Files.readString(file)).startsWith("-----BEGIN CERTIFICATE-----");

        Path key = tlsDir.resolve("admin-tls.pem");
        byte[] before = Files.readAllBytes(key);
        assertThat(run("admin-cert", "export", "-c", settings.toString(), "-o", key.toString())).isEqualTo(1);
        assertThat(Files.readAllBytes(key)).isEqualTo(before);
    }

    @Test
    void showReadsOnlyAndSaysWhenThereIsNone() {
        assertThat(run("admin-cert", "show", "-c", settings.toString())).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("vangnet: admin TLS: There is no admin API certificate in")
                .doesNotContain("\n");
        assertThat(tlsDir).doesNotExist();

        run("admin-cert", "export", "-c", settings.toString());
        assertThat(run("admin-cert", "show", "-c", settings.toString())).isZero();
        AdminCertificate c = SelfSignedCertificate.load(tlsDir, Clock.systemUTC());
        assertThat(out.toString()).contains("names:               127.0.0.1",
                "SHA-256 fingerprint: " + c.fingerprintSha256(), "public key pin:      " + c.publicKeyPin());
    }

    @Test
    void aWrongKeystorePasswordIsOneLine() throws Exception {
        Path p12 = nl.vangnet.app.admintls.KeystoreCertificateTestAccess.pkcs12(dir, "right");
        Files.writeString(settings, "admin.tls=on\nadmin.tls-keystore=" + p12
                + "\nadmin.tls-keystore-password=guess\n");

        assertThat(run("admin-cert", "show", "-c", settings.toString())).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("vangnet: admin TLS: The password for admin.tls-keystore")
                .doesNotContain("\n", "guess", "right");
    }

    @Test
    void notesWhenTheSettingsGivePlainHttp() throws IOException {
        Files.writeString(settings, "admin.tls=auto\nadmin.tls-dir=" + tlsDir + "\n");
        assertThat(run("admin-cert", "export", "-c", settings.toString())).isZero();
        assertThat(err.toString()).contains("note: with admin.tls=auto on 127.0.0.1 the admin API speaks plain HTTP");
    }

    @Test
    void theLauncherServesTheAdminApiOverTlsWithTheExportedCertificate() throws Exception {
        Settings s = SettingsLoader.load(settings, Map.of(), Map.of(Setting.STORE_H2_PATH,
                dir.resolve("db").toString(), Setting.PROXY_ENABLED, "false", Setting.ADMIN_BIND, "127.0.0.1:0"));
        try (Vangnet v = Vangnet.start(s, false, Clock.systemUTC())) {
            assertThat(v.adminUrl()).hasScheme("https").hasHost("127.0.0.1");
            X509Certificate exported;
            try (var in = Files.newInputStream(tlsDir.resolve("admin-cert.pem"))) {
                exported = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            assertThat(v.adminCertificate().certificate()).isEqualTo(exported);

            HttpResponse<String> health = nl.vangnet.app.admintls.KeystoreCertificateTestAccess.trusting(exported)
                    .send(HttpRequest.newBuilder(URI.create(v.adminUrl() + "/health")).build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"");

            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", v.adminAddress().getPort())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(
                        java.nio.charset.StandardCharsets.US_ASCII));
                assertThat(socket.getInputStream().read()).as("a TLS alert, no HTTP answer").isIn(0x15, -1);
            }
        }
    }
}
