package nl.vangnet.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.stream.Stream;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class LocalCaTest {
    static final Instant NOW = Instant.parse("2025-03-04T10:15:30Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path tmp;

    @Test
    void firstUseCreatesTheDirectoryAndBothFilesWithExactPermissions() throws Exception {
        Path dir = tmp.resolve("data").resolve("ca");
        LocalCa.loadOrCreate(dir, CLOCK);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca-key.pem"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca-cert.pem"))))
                .isEqualTo("rw-r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.getParent())))
                .as("only the CA directory itself is made private").isNotEqualTo("rwx------");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("ca-key.pem",
                    "ca-cert.pem");
        }
        assertThat(Files.readString(dir.resolve("ca-key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----\n")
                .endsWith("-----END PRIVATE KEY-----\n");
        assertThat(Files.readString(dir.resolve("ca-cert.pem"))).startsWith("-----BEGIN CERTIFICATE-----\n");
    }

    @Test
    void anExistingEmptyDirectoryGetsTheFiles() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("ca"));
        LocalCa ca = LocalCa.loadOrCreate(dir, CLOCK);
        assertThat(Files.readString(dir.resolve("ca-cert.pem"))).isEqualTo(ca.certificatePem());
    }

    @Test
    void theCertificateIsAnEcP256CaForTenYearsFromAnHourAgo() throws Exception {
        X509Certificate c = LocalCa.loadOrCreate(tmp.resolve("ca"), CLOCK).certificate();

        assertThat(c.getSubjectX500Principal().getName()).matches("CN=Vangnet lokale CA [0-9a-f]{8},O=Vangnet");
        assertThat(c.getIssuerX500Principal()).isEqualTo(c.getSubjectX500Principal());
        c.verify(c.getPublicKey());
        assertThat(c.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(c.getPublicKey().toString()).contains("secp256r1");
        assertThat(c.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(c.getBasicConstraints()).as("CA:true, pathLen 0").isZero();
        assertThat(c.getKeyUsage()).startsWith(false, false, false, false, false, true, true);
        assertThat(c.getCriticalExtensionOIDs()).containsExactlyInAnyOrder(Extension.basicConstraints.getId(),
                Extension.keyUsage.getId());
        assertThat(c.getExtensionValue(Extension.subjectKeyIdentifier.getId())).isNotNull();
        assertThat(c.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofHours(1)));
        assertThat(c.getNotAfter().toInstant()).isEqualTo(Instant.parse("2035-03-04T09:15:30Z"));
        assertThat(c.getSerialNumber().signum()).isPositive();
        assertThat(c.getSerialNumber().bitLength()).isLessThanOrEqualTo(128);
    }

    @Test
    void twoNewCasDifferInNameKeyAndSerial() {
        LocalCa a = LocalCa.loadOrCreate(tmp.resolve("a"), CLOCK);
        LocalCa b = LocalCa.loadOrCreate(tmp.resolve("b"), CLOCK);
        assertThat(a.certificate().getSubjectX500Principal()).isNotEqualTo(b.certificate().getSubjectX500Principal());
        assertThat(a.certificate().getPublicKey()).isNotEqualTo(b.certificate().getPublicKey());
        assertThat(a.certificate().getSerialNumber()).isNotEqualTo(b.certificate().getSerialNumber());
    }

    @Test
    void aLaterStartLoadsTheSameCa() throws Exception {
        Path dir = tmp.resolve("ca");
        LocalCa created = LocalCa.loadOrCreate(dir, CLOCK);
        byte[] keyBefore = Files.readAllBytes(dir.resolve("ca-key.pem"));

        LocalCa loaded = LocalCa.loadOrCreate(dir, Clock.fixed(NOW.plus(Duration.ofDays(400)), ZoneOffset.UTC));
        LocalCa loadedOnly = LocalCa.load(dir, CLOCK);

        assertThat(loaded.certificate()).isEqualTo(created.certificate());
        assertThat(loaded.certificatePem()).isEqualTo(created.certificatePem());
        assertThat(loaded.fingerprintSha256()).isEqualTo(created.fingerprintSha256());
        assertThat(loaded.privateKey()).isEqualTo(created.privateKey());
        assertThat(loadedOnly.certificate()).isEqualTo(created.certificate());
        assertThat(Files.readAllBytes(dir.resolve("ca-key.pem"))).isEqualTo(keyBefore);
    }

    @Test
    void theFingerprintIsTheSha256OfTheDerInUpperCaseHexPairsWithColons() throws Exception {
        LocalCa ca = LocalCa.loadOrCreate(tmp.resolve("ca"), CLOCK);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(ca.certificate().getEncoded());
        StringBuilder expected = new StringBuilder();
        for (byte b : digest) {
            expected.append(expected.length() == 0 ? "" : ":").append(String.format("%02X", b & 0xff));
        }
        assertThat(ca.fingerprintSha256()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}").isEqualTo(expected.toString());
        assertThat(ca.toString()).contains(ca.fingerprintSha256()).doesNotContain("PRIVATE");
    }

    @Test
    void theCertificatePemParsesBackToTheCertificate() throws Exception {
        LocalCa ca = LocalCa.loadOrCreate(tmp.resolve("ca"), CLOCK);
        try (PEMParser parser = new PEMParser(new StringReader(ca.certificatePem()))) {
            X509Certificate parsed = new JcaX509CertificateConverter()
                    .getCertificate((org.bouncycastle.cert.X509CertificateHolder) parser.readObject());
            assertThat(parsed).isEqualTo(ca.certificate());
        }
        assertThat(ca.certificatePem()).endsWith("-----END CERTIFICATE-----\n");
    }

    @Test
    void aKeyInTheTraditionalEcFormatIsAcceptedToo() throws Exception {
        Path dir = tmp.resolve("ca");
        LocalCa created = LocalCa.loadOrCreate(dir, CLOCK);
        // What 'openssl ec' writes: RFC 5915 ECPrivateKey with the curve and the public key.
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(created.privateKey().getEncoded());
        org.bouncycastle.asn1.sec.ECPrivateKey inner =
                org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
        SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(
                created.certificate().getPublicKey().getEncoded());
        org.bouncycastle.asn1.sec.ECPrivateKey traditional = new org.bouncycastle.asn1.sec.ECPrivateKey(256,
                inner.getKey(), publicKey.getPublicKeyData(), info.getPrivateKeyAlgorithm().getParameters());
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(new PemObject("EC PRIVATE KEY", traditional.getEncoded()));
        }
        Files.writeString(dir.resolve("ca-key.pem"), text.toString());
        assertThat(LocalCa.load(dir, CLOCK).certificate()).isEqualTo(created.certificate());
    }

    /** Breaks an existing CA directory. */
    @FunctionalInterface
    interface Damage {
        void apply(Path dir) throws Exception;
    }

    static Stream<Arguments> damages() {
        return Stream.of(
                Arguments.of("key missing", (Damage) dir -> Files.delete(dir.resolve("ca-key.pem")),
                        "is incomplete: ca-key.pem is missing next to ca-cert.pem; restore it from a backup"),
                Arguments.of("certificate missing", (Damage) dir -> Files.delete(dir.resolve("ca-cert.pem")),
                        "is incomplete: ca-cert.pem is missing next to ca-key.pem"),
                Arguments.of("key not PEM", (Damage) dir -> Files.writeString(dir.resolve("ca-key.pem"), "hallo\n"),
                        "ca-key.pem holds no PEM private key (expected -----BEGIN PRIVATE KEY-----)."),
                Arguments.of("key binary", (Damage) dir -> Files.write(dir.resolve("ca-key.pem"),
                        new byte[] {(byte) 0xff, 0, (byte) 0xc3, 0x28}), "ca-key.pem holds no PEM private key"),
                Arguments.of("key PEM with broken base64", (Damage) dir -> Files.writeString(dir.resolve("ca-key.pem"),
                        "-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n"),
                        "ca-key.pem is not a readable PEM file with a private key"),
                Arguments.of("certificate in the key file", (Damage) dir -> Files.writeString(dir.resolve("ca-key.pem"),
                        Files.readString(dir.resolve("ca-cert.pem"))),
                        "ca-key.pem holds no PEM private key"),
                Arguments.of("certificate not PEM", (Damage) dir -> Files.writeString(dir.resolve("ca-cert.pem"),
                        "kapot"), "ca-cert.pem holds no PEM certificate (expected -----BEGIN CERTIFICATE-----)."),
                Arguments.of("certificate body not a certificate", (Damage) dir -> Files.writeString(
                        dir.resolve("ca-cert.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"),
                        "ca-cert.pem is not a readable PEM file with a certificate"),
                Arguments.of("key of another CA", (Damage) dir -> {
                    LocalCa other = LocalCa.loadOrCreate(dir.resolveSibling("other"), CLOCK);
                    writeKey(dir, other.privateKey());
                }, "ca-key.pem does not belong to the certificate in "),
                Arguments.of("encrypted key", (Damage) dir -> {
                    PrivateKey key = readKey(dir);
                    StringWriter text = new StringWriter();
                    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
                        writer.writeObject(new JcaPKCS8Generator(key, new JceOpenSSLPKCS8EncryptorBuilder(
                                JcaPKCS8Generator.AES_256_CBC).setProvider(new BouncyCastleProvider())
                                .setPassword("geheim".toCharArray()).build()));
                    }
                    Files.writeString(dir.resolve("ca-key.pem"), text.toString());
                }, "ca-key.pem is encrypted; Vangnet needs it unencrypted"),
                Arguments.of("key of another algorithm", (Damage) dir -> {
                    KeyPairGenerator dsa = KeyPairGenerator.getInstance("DSA");
                    dsa.initialize(2048);
                    writeKey(dir, dsa.generateKeyPair().getPrivate());
                }, "is a DSA key; Vangnet supports EC and RSA keys."),
                Arguments.of("certificate without CA:true", (Damage) dir -> writeCertificate(dir, null,
                        new KeyUsage(KeyUsage.keyCertSign)), "ca-cert.pem is not a CA certificate"),
                Arguments.of("certificate without keyCertSign", (Damage) dir -> writeCertificate(dir,
                        new BasicConstraints(0), new KeyUsage(KeyUsage.digitalSignature)),
                        "ca-cert.pem may not sign certificates (its keyUsage lacks keyCertSign)"),
                Arguments.of("key readable by the group", (Damage) dir -> Files.setPosixFilePermissions(
                        dir.resolve("ca-key.pem"), PosixFilePermissions.fromString("rw-r-----")),
                        "ca-key.pem is accessible by group or others (rw-r-----); restrict it with: chmod 600 "),
                Arguments.of("key readable by others", (Damage) dir -> Files.setPosixFilePermissions(
                        dir.resolve("ca-key.pem"), PosixFilePermissions.fromString("rw----r--")),
                        "(rw----r--); restrict it with: chmod 600 "),
                Arguments.of("key writable by the group", (Damage) dir -> Files.setPosixFilePermissions(
                        dir.resolve("ca-key.pem"), PosixFilePermissions.fromString("rw--w----")),
                        "is accessible by group or others (rw--w----)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damages")
    void aDamagedCaIsRefusedWithOneSentence(String name, Damage damage, String message) throws Exception {
        Path dir = tmp.resolve("ca");
        LocalCa.loadOrCreate(dir, CLOCK);
        damage.apply(dir);

        assertThatThrownBy(() -> LocalCa.loadOrCreate(dir, CLOCK)).isInstanceOf(LocalCaException.class)
                .hasMessageContaining(message)
                .hasMessageContaining(dir.toString())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> LocalCa.load(dir, CLOCK)).hasMessageContaining(message);
    }

    @Test
    void thePermissionMessageNamesTheCommandToRun() throws Exception {
        Path dir = tmp.resolve("ca");
        LocalCa.loadOrCreate(dir, CLOCK);
        Files.setPosixFilePermissions(dir.resolve("ca-key.pem"), PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> LocalCa.load(dir, CLOCK))
                .hasMessageEndingWith("restrict it with: chmod 600 " + dir.resolve("ca-key.pem"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2035-03-04T09:15:31Z", "2040-01-01T00:00:00Z"})
    void anExpiredCaIsRefused(String at) {
        Path dir = tmp.resolve("ca");
        LocalCa.loadOrCreate(dir, CLOCK);
        assertThatThrownBy(() -> LocalCa.loadOrCreate(dir, Clock.fixed(Instant.parse(at), ZoneOffset.UTC)))
                .isInstanceOf(LocalCaException.class)
                .hasMessageContaining("ca-cert.pem expired on 2035-03-04T09:15:30Z; move the directory aside");
    }

    @Test
    void theLastSecondOfTheCaIsStillValid() {
        Path dir = tmp.resolve("ca");
        LocalCa.loadOrCreate(dir, CLOCK);
        assertThat(LocalCa.load(dir, Clock.fixed(Instant.parse("2035-03-04T09:15:30Z"), ZoneOffset.UTC)))
                .isNotNull();
    }

    @Test
    void aCaFromTheFutureIsRefused() {
        Path dir = tmp.resolve("ca");
        LocalCa.loadOrCreate(dir, CLOCK);
        assertThatThrownBy(() -> LocalCa.load(dir, Clock.fixed(NOW.minus(Duration.ofHours(2)), ZoneOffset.UTC)))
                .isInstanceOf(LocalCaException.class)
                .hasMessageContaining("is not valid before 2025-03-04T09:15:30Z; check the system clock.");
    }

    @Test
    void loadNeverCreates() {
        Path dir = tmp.resolve("ca");
        assertThatThrownBy(() -> LocalCa.load(dir, CLOCK)).isInstanceOf(LocalCaException.class)
                .hasMessage("There is no local CA in " + dir + " (neither ca-key.pem nor ca-cert.pem).");
        assertThat(dir).doesNotExist();
    }

    @Test
    void aFileWhereTheDirectoryShouldBeIsRefused() throws Exception {
        Path dir = Files.writeString(tmp.resolve("ca"), "not a directory");
        assertThatThrownBy(() -> LocalCa.loadOrCreate(dir, CLOCK)).isInstanceOf(LocalCaException.class)
                .hasMessage("Cannot create the local CA directory " + dir + ": a file with that name exists.");
    }

    @Test
    void anRsaCaOfTheOrganisationIsAccepted() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("ca"));
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair keys = rsa.generateKeyPair();
        writeKey(dir, keys.getPrivate());
        Files.setPosixFilePermissions(dir.resolve("ca-key.pem"), PosixFilePermissions.fromString("rw-------"));
        Files.writeString(dir.resolve("ca-cert.pem"), LocalCa.pem(certificate(keys.getPublic(), keys.getPrivate(),
                "SHA256withRSA", new BasicConstraints(0), new KeyUsage(KeyUsage.keyCertSign))));

        LocalCa ca = LocalCa.load(dir, CLOCK);
        assertThat(ca.signatureAlgorithm()).isEqualTo("SHA256withRSA");
        assertThat(ca.certificate().getPublicKey()).isEqualTo(keys.getPublic());
    }

    static PrivateKey readKey(Path dir) throws Exception {
        try (PEMParser parser = new PEMParser(Files.newBufferedReader(dir.resolve("ca-key.pem")))) {
            PrivateKey key = new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) parser.readObject());
            assertThat(key).isInstanceOf(ECPrivateKey.class);
            return key;
        }
    }

    /** Replaces the key file's content (its permissions stay 0600). */
    static void writeKey(Path dir, PrivateKey key) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(new JcaPKCS8Generator(key, null));
        }
        Files.writeString(dir.resolve("ca-key.pem"), text.toString());
    }

    /** Replaces the certificate by one for the same key with other extensions. */
    static void writeCertificate(Path dir, BasicConstraints constraints, KeyUsage usage) throws Exception {
        PrivateKey key = readKey(dir);
        PublicKey publicKey = LocalCa.loadOrCreate(dir, CLOCK).certificate().getPublicKey();
        Files.writeString(dir.resolve("ca-cert.pem"), LocalCa.pem(certificate(publicKey, key, "SHA256withECDSA",
                constraints, usage)));
    }

    static X509Certificate certificate(PublicKey publicKey, PrivateKey key, String algorithm,
            BasicConstraints constraints, KeyUsage usage) throws Exception {
        X500Name name = new X500Name("CN=Test, O=Vangnet");
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.TEN,
                Date.from(NOW.minus(Duration.ofDays(1))), Date.from(NOW.plus(Duration.ofDays(365))), name, publicKey);
        if (constraints != null) {
            builder.addExtension(Extension.basicConstraints, true, constraints);
        }
        builder.addExtension(Extension.keyUsage, true, usage);
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder(algorithm).build(key)));
    }
}
