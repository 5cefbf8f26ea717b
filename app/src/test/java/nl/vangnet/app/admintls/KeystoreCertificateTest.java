package nl.vangnet.app.admintls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Loading {@code admin.tls-keystore}: a PKCS#12 file made here, and every way it can be wrong (one-line errors). */
class KeystoreCertificateTest {
    @TempDir
    Path dir;

    /** A PKCS#12 file with one RSA key and its self-signed certificate for {@code names}. */
    static Path pkcs12(Path dir, String password, List<String> names) throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        X509Certificate certificate = SelfSignedCertificate.issue(keys.getPrivate(), keys.getPublic(), names,
                Instant.now());
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", keys.getPrivate(), password.toCharArray(), new X509Certificate[] {certificate});
        Path file = dir.resolve("admin.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }

    @Test
    void loadsTheOnlyKeyWithItsChain() throws Exception {
        Path file = pkcs12(dir, "s3cret", List.of("127.0.0.1", "admin.vangnet.test"));

        AdminCertificate c = KeystoreCertificate.load(file, "s3cret".toCharArray());

        assertThat(c.subjectAltNames()).containsExactly("127.0.0.1", "admin.vangnet.test");
        assertThat(c.source()).isEqualTo("keystore " + file);
        assertThat(c.fingerprintSha256()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(c.publicKeyPin()).startsWith("sha256//").hasSize(8 + 44);
        assertThat(c.toString()).doesNotContain("s3cret");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "wrong password  | The password for admin.tls-keystore",
        "missing file    | does not exist",
        "damaged file    | is not a readable PKCS#12 keystore",
        "PEM file        | is not a readable PKCS#12 keystore",
        "empty file      | is not a readable PKCS#12 keystore",
        "directory       | is a directory",
        "only a cert     | holds no private key",
    })
    void refusesWithOneLine(String kind, String expected) throws Exception {
        Path good = pkcs12(dir, "s3cret", List.of("127.0.0.1"));
        Path file = dir.resolve("case.p12");
        String password = "s3cret";
        switch (kind.strip()) {
            case "wrong password" -> {
                file = good;
                password = "guess";
            }
            case "missing file" -> file = dir.resolve("absent.p12");
            case "damaged file" -> {
                byte[] bytes = Files.readAllBytes(good);
                Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
            }
            case "PEM file" -> Files.writeString(file, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
            case "empty file" -> Files.write(file, new byte[0]);
            case "directory" -> Files.createDirectory(file);
            case "only a cert" -> {
                KeyStore source = KeyStore.getInstance("PKCS12");
                try (var in = Files.newInputStream(good)) {
                    source.load(in, "s3cret".toCharArray());
                }
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setCertificateEntry("ca", source.getCertificate("server"));
                try (OutputStream out = Files.newOutputStream(file)) {
                    store.store(out, "s3cret".toCharArray());
                }
            }
            default -> throw new IllegalArgumentException(kind);
        }
        Path f = file;
        char[] pw = password.toCharArray();
        assertThatThrownBy(() -> KeystoreCertificate.load(f, pw)).isInstanceOf(AdminTlsException.class)
                .hasMessageContaining(expected).hasMessageContaining(f.toString())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "s3cret", "guess"));
    }

    @Test
    void refusesTwoKeys() throws Exception {
        Path first = pkcs12(dir, "pw", List.of("127.0.0.1"));
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(first)) {
            store.load(in, "pw".toCharArray());
        }
        store.setKeyEntry("second", store.getKey("server", "pw".toCharArray()), "pw".toCharArray(),
                store.getCertificateChain("server"));
        Path file = dir.resolve("two.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, "pw".toCharArray());
        }

        assertThatThrownBy(() -> KeystoreCertificate.load(file, "pw".toCharArray()))
                .isInstanceOf(AdminTlsException.class).hasMessageContaining("holds 2 private keys");
    }
}
