package nl.vangnet.app.admintls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The self-signed certificate on disk: creation, reuse, renewal, and refusal of damaged or exposed files. */
class SelfSignedCertificateTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final List<String> NAMES = List.of("127.0.0.1", "localhost", "vangnet-node");

    /** An EC P-256 key encrypted with PKCS#8 v2 (openssl pkcs8 -topk8 -v2 aes-128-cbc), made for this test. */
    private static final String ENCRYPTED_KEY = """
            -----BEGIN ENCRYPTED PRIVATE KEY-----
            MIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAjyziuru5ad4wICCAAw
            DAYIKoZIhvcNAgkFADAdBglghkgBZQMEAQIEEAVAeu94F76Y3fG55SbCTIIEgZAh
            I6kSPPFQUDqwkgZdBYJn/Npf4KsQzjB+NrzSGF82J9++OaSRDHQs9ToX65fBoptU
            6KUAucv8VRCwAGUGyzn5KWuJhx3t1sqPFXX58O8GlCuHy1PenB/EvuHMvbxS1IAF
            2Nh9SkxdNKivvuNIOBAZvWGYsx36MEDOFGw1hH/M1HC9V5HzXuopNz7EXaJScpw=
            -----END ENCRYPTED PRIVATE KEY-----
            """;

    @TempDir
    Path root;

    private Path dir() {
        return root.resolve("data").resolve("admin-tls");
    }

    private static Clock at(Instant t) {
        return Clock.fixed(t, ZoneOffset.UTC);
    }

    @Test
    void createsKeyAndCertificateWithOwnerOnlyPermissionsAndAServerCertificate() throws Exception {
        SelfSignedCertificate.Result r = SelfSignedCertificate.loadOrCreate(dir(), NAMES, at(NOW));

        assertThat(r.outcome()).isEqualTo(SelfSignedCertificate.Outcome.CREATED);
        assertThat(perms(dir())).isEqualTo("rwx------");
        assertThat(perms(dir().resolve("admin-tls.pem"))).isEqualTo("rw-------");
        assertThat(perms(dir().resolve("admin-cert.pem"))).isEqualTo("rw-r--r--");
        assertThat(Files.readString(dir().resolve("admin-cert.pem"))).isEqualTo(r.certificate().certificatePem());
        assertThat(Files.readString(dir().resolve("admin-tls.pem"))).contains("-----BEGIN PRIVATE KEY-----",
                "-----BEGIN CERTIFICATE-----");
        try (var listing = Files.list(dir())) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("admin-tls.pem",
                    "admin-cert.pem");
        }
        X509Certificate c = r.certificate().certificate();
        assertThat(c.getBasicConstraints()).isEqualTo(-1);
        assertThat(c.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(r.certificate().subjectAltNames()).containsExactlyElementsOf(NAMES);
        assertThat(r.certificate().notAfter()).isEqualTo(NOW.minus(Duration.ofHours(1)).plus(Duration.ofDays(825)));
        c.verify(c.getPublicKey());
    }

    @Test
    void reusesTheStoredCertificateOnLaterStarts() {
        AdminCertificate first = SelfSignedCertificate.loadOrCreate(dir(), NAMES, at(NOW)).certificate();

        SelfSignedCertificate.Result again = SelfSignedCertificate.loadOrCreate(dir(), List.of("vangnet-node",
                "localhost", "127.0.0.1"), at(NOW.plus(Duration.ofDays(700))));

        assertThat(again.outcome()).isEqualTo(SelfSignedCertificate.Outcome.LOADED);
        assertThat(again.certificate().fingerprintSha256()).isEqualTo(first.fingerprintSha256());
    }

    @Test
    void rewritesAMissingOrChangedCertificateFileFromTheKeyFile() throws Exception {
        AdminCertificate first = SelfSignedCertificate.loadOrCreate(dir(), NAMES, at(NOW)).certificate();
        Files.delete(dir().resolve("admin-cert.pem"));

        SelfSignedCertificate.loadOrCreate(dir(), NAMES, at(NOW));

        assertThat(Files.readString(dir().resolve("admin-cert.pem"))).isEqualTo(first.certificatePem());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "expired          | 900 | 127.0.0.1,localhost,vangnet-node | expired on",
        "expires soon     | 800 | 127.0.0.1,localhost,vangnet-node | expires on",
        "names changed    | 1   | 127.0.0.1,admin.vangnet.test     | differ from admin.tls-hostnames",
    })
    void renewsForTheSameKey(String kind, int days, String names, String reason) {
        AdminCertificate first = SelfSignedCertificate.loadOrCreate(dir(), NAMES, at(NOW)).certificate();
        List<String> wanted = List.of(names.split(","));

        SelfSignedCertificate.Result r = SelfSignedCertificate.loadOrCreate(dir(), wanted,
                at(NOW.plus(Duration.ofDays(days))));

        assertThat(r.outcome()).isEqualTo(SelfSignedCertificate.Outcome.RENEWED);
        assertThat(r.reason()).contains(reason);
        assertThat(r.certificate().fingerprintSha256()).isNotEqualTo(first.fingerprintSha256());
        assertThat(r.certificate().publicKeyPin()).isEqualTo(first.publicKeyPin());
        assertThat(r.certificate().subjectAltNames()).containsExactlyElementsOf(wanted);
        assertThat(SelfSignedCertificate.load(dir(), at(NOW)).fingerprintSha256())
                .isEqualTo(r.certificate().fingerprintSha256());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "truncated        | cannot be used: it lacks the certificate",
        "garbage          | cannot be used: it lacks the private key",
        "binary           | cannot be used",
        "foreign key      | its key does not belong to its certificate",
        "loose perms      | chmod 600",
        "encrypted key    | is encrypted",
    })
    void refusesADamagedOrExposedKeyFileWithOneLineAndLeavesItAlone(String kind, String expected) throws Exception {
        SelfSignedCertificate.loadOrCreate(dir(), NAMES, at(NOW));
        Path file = dir().resolve("admin-tls.pem");
        String text = Files.readString(file);
        String key = text.substring(0, text.indexOf("-----BEGIN CERTIFICATE-----"));
        switch (kind.strip()) {
            case "truncated" -> Files.writeString(file, key);
            case "garbage" -> Files.writeString(file, "not a pem file\n");
            case "binary" -> Files.write(file, new byte[] {0x30, (byte) 0x82, 0x7f, 0, 1, 2});
            case "foreign key" -> {
                Path other = root.resolve("other");
                SelfSignedCertificate.loadOrCreate(other, NAMES, at(NOW));
                String otherText = Files.readString(other.resolve("admin-tls.pem"));
                Files.writeString(file, otherText.substring(0, otherText.indexOf("-----BEGIN CERTIFICATE-----"))
                        + text.substring(key.length()));
            }
            case "loose perms" -> Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            case "encrypted key" -> Files.writeString(file, ENCRYPTED_KEY + text.substring(key.length()));
            default -> throw new IllegalArgumentException(kind);
        }
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> SelfSignedCertificate.loadOrCreate(dir(), NAMES, at(NOW)))
                .isInstanceOf(AdminTlsException.class).hasMessageContaining(expected)
                .hasMessageContaining(file.toString())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void loadNeverCreates() {
        assertThatThrownBy(() -> SelfSignedCertificate.load(dir(), at(NOW))).isInstanceOf(AdminTlsException.class)
                .hasMessageContaining("There is no admin API certificate in " + dir());
        assertThat(dir()).doesNotExist();
    }

    @Test
    void aFileWhereTheDirectoryShouldBeIsRefused() throws Exception {
        Files.createDirectories(dir().getParent());
        Files.writeString(dir(), "x");

        assertThatThrownBy(() -> SelfSignedCertificate.loadOrCreate(dir(), NAMES, at(NOW)))
                .isInstanceOf(AdminTlsException.class).hasMessageContaining("a file with that name exists");
    }

    private static String perms(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
