package nl.vangnet.proxy.tls;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Vangnet's local certificate authority for the optional HTTPS block page: an EC P-256 key and a self-signed CA
 * certificate, kept in a directory as {@value #KEY_FILE} (PKCS#8 PEM, owner-only) and {@value #CERT_FILE} (PEM,
 * world-readable: it is what devices install).
 *
 * <p>{@link #loadOrCreate} creates the CA on first use: the directory with permissions 0700 (when Vangnet creates
 * it), the key file created with 0600 <em>before</em> the key is written to it, and moved into place atomically;
 * later starts load both files and refuse, with one sentence naming the file and the fix, when one of them is
 * missing or unreadable, the key does not belong to the certificate, the certificate is no CA, is expired or not yet
 * valid, or the key file is accessible by group or others. Only one process should create a CA in a directory at a
 * time.
 *
 * <p>On a file system without POSIX permissions (Windows), the key file is created empty, its ACL is reduced to its
 * owner (when the file system has ACLs) before the key is written, and the permission check on load is skipped:
 * protecting the directory is then the operator's task.
 *
 * <p>Immutable and thread-safe. The private key never leaves this package and never appears in {@link #toString}.
 */
public final class LocalCa {
    /** File name of the CA's private key (PKCS#8 PEM) in the CA directory. */
    public static final String KEY_FILE = "ca-key.pem";
    /** File name of the CA certificate (PEM) in the CA directory. */
    public static final String CERT_FILE = "ca-cert.pem";

    static final Set<PosixFilePermission> DIRECTORY_PERMISSIONS = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> KEY_PERMISSIONS = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> CERT_PERMISSIONS = PosixFilePermissions.fromString("rw-r--r--");
    /** How far notBefore lies in the past, for devices whose clock runs slow. */
    static final Duration BACKDATE = Duration.ofHours(1);
    /** How long a new CA is valid, counted from its notBefore. */
    static final Period VALIDITY = Period.ofYears(10);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final X509Certificate certificate;
    private final PrivateKey privateKey;
    private final String signatureAlgorithm;
    private final String certificatePem;
    private final String fingerprintSha256;

    private LocalCa(X509Certificate certificate, PrivateKey privateKey, String signatureAlgorithm) {
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.signatureAlgorithm = signatureAlgorithm;
        this.certificatePem = pem(certificate);
        this.fingerprintSha256 = fingerprint(certificate);
    }

    /**
     * Loads the CA in {@code dir}, or creates it there when neither of its two files exists yet (creating
     * {@code dir} too).
     *
     * @param dir   the CA directory
     * @param clock the time for the new certificate's validity and for the expiry check
     * @throws LocalCaException when the CA cannot be created or loaded (message: one sentence with the fix)
     */
    public static LocalCa loadOrCreate(Path dir, Clock clock) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(clock, "clock");
        if (!Files.exists(dir.resolve(KEY_FILE)) && !Files.exists(dir.resolve(CERT_FILE))) {
            return create(dir, clock);
        }
        return load(dir, clock);
    }

    /**
     * Loads the CA in {@code dir}; never creates one.
     *
     * @param dir   the CA directory
     * @param clock the time for the expiry check
     * @throws LocalCaException when there is no CA in {@code dir} or it cannot be loaded (message: one sentence)
     */
    public static LocalCa load(Path dir, Clock clock) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(clock, "clock");
        Path keyFile = dir.resolve(KEY_FILE);
        Path certFile = dir.resolve(CERT_FILE);
        boolean hasKey = Files.exists(keyFile);
        boolean hasCert = Files.exists(certFile);
        if (!hasKey && !hasCert) {
            throw new LocalCaException("There is no local CA in " + dir + " (neither " + KEY_FILE + " nor "
                    + CERT_FILE + ").");
        }
        if (!hasKey || !hasCert) {
            String missing = hasKey ? CERT_FILE : KEY_FILE;
            String present = hasKey ? KEY_FILE : CERT_FILE;
            throw new LocalCaException("The local CA in " + dir + " is incomplete: " + missing + " is missing next to "
                    + present + "; restore it from a backup, or move the directory aside to create a new CA (devices"
                    + " must then install the new certificate).");
        }
        checkKeyPermissions(keyFile);
        PrivateKey key = readKey(keyFile);
        X509Certificate certificate = readCertificate(certFile);
        String algorithm = signatureAlgorithm(key, keyFile);
        if (!keyMatches(key, certificate, algorithm)) {
            throw new LocalCaException("The key in " + keyFile + " does not belong to the certificate in " + certFile
                    + "; restore the matching pair, or move the directory aside to create a new CA.");
        }
        if (certificate.getBasicConstraints() < 0) {
            throw new LocalCaException("The certificate in " + certFile + " is not a CA certificate (its"
                    + " basicConstraints lack CA:true); use a CA certificate, or move the directory aside to create a"
                    + " new CA.");
        }
        boolean[] usage = certificate.getKeyUsage();
        if (usage != null && (usage.length <= 5 || !usage[5])) {
            throw new LocalCaException("The certificate in " + certFile + " may not sign certificates (its keyUsage"
                    + " lacks keyCertSign); use a CA certificate, or move the directory aside to create a new CA.");
        }
        Instant now = clock.instant();
        if (now.isAfter(certificate.getNotAfter().toInstant())) {
            throw new LocalCaException("The local CA certificate in " + certFile + " expired on "
                    + certificate.getNotAfter().toInstant() + "; move the directory aside to create a new CA and"
                    + " install it on the devices again.");
        }
        if (now.isBefore(certificate.getNotBefore().toInstant())) {
            throw new LocalCaException("The local CA certificate in " + certFile + " is not valid before "
                    + certificate.getNotBefore().toInstant() + "; check the system clock.");
        }
        return new LocalCa(certificate, key, algorithm);
    }

    /** The CA certificate (what devices must trust). */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The CA certificate as PEM text ({@code -----BEGIN CERTIFICATE-----}...), ending with a line break. */
    public String certificatePem() {
        return certificatePem;
    }

    /**
     * The SHA-256 fingerprint of the CA certificate's DER encoding as browsers and {@code openssl x509 -fingerprint
     * -sha256} show it: 32 upper-case hex pairs separated by colons.
     */
    public String fingerprintSha256() {
        return fingerprintSha256;
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    /** The JCA signature algorithm for certificates signed with this CA's key. */
    String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    @Override
    public String toString() {
        return "LocalCa[" + certificate.getSubjectX500Principal().getName() + ", SHA-256 " + fingerprintSha256 + "]";
    }

    private static LocalCa create(Path dir, Clock clock) {
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        createDirectory(dir, posix);
        KeyPair keys = newKeyPair();
        X509Certificate certificate = selfSigned(keys, clock.instant());
        Path keyTemp = null;
        Path certTemp = null;
        try {
            // The key's file exists with owner-only permissions before a byte of the key is written to it.
            keyTemp = posix
                    ? Files.createTempFile(dir, ".ca-key-", ".tmp",
                            PosixFilePermissions.asFileAttribute(KEY_PERMISSIONS))
                    : Files.createTempFile(dir, ".ca-key-", ".tmp");
            if (!posix) {
                restrictToOwner(keyTemp);
            }
            DurableFiles.writeSynced(keyTemp, pkcs8Pem(keys.getPrivate()));
            certTemp = Files.createTempFile(dir, ".ca-cert-", ".tmp");
            DurableFiles.writeSynced(certTemp, pem(certificate));
            if (posix) {
                Files.setPosixFilePermissions(certTemp, CERT_PERMISSIONS);
            }
            DurableFiles.moveIntoPlace(keyTemp, dir.resolve(KEY_FILE), false);
            keyTemp = null;
            DurableFiles.moveIntoPlace(certTemp, dir.resolve(CERT_FILE), false);
            certTemp = null;
        } catch (IOException e) {
            throw new LocalCaException("Cannot write the local CA files in " + dir + ": " + describe(e) + ".", e);
        } finally {
            DurableFiles.deleteQuietly(keyTemp);
            DurableFiles.deleteQuietly(certTemp);
        }
        return new LocalCa(certificate, keys.getPrivate(), "SHA256withECDSA");
    }

    private static void createDirectory(Path dir, boolean posix) {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (posix) {
                FileAttribute<Set<PosixFilePermission>> attribute =
                        PosixFilePermissions.asFileAttribute(DIRECTORY_PERMISSIONS);
                Files.createDirectory(dir, attribute);
                // The umask may have taken bits away; the directory is still empty, so this exposes nothing.
                Files.setPosixFilePermissions(dir, DIRECTORY_PERMISSIONS);
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw new LocalCaException("Cannot create the local CA directory " + dir + ": a file with that name"
                        + " exists.", e);
            }
        } catch (IOException e) {
            throw new LocalCaException("Cannot create the local CA directory " + dir + ": " + describe(e) + ".", e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make EC P-256 keys", e);
        }
    }

    private static X509Certificate selfSigned(KeyPair keys, Instant now) {
        Instant notBefore = now.minus(BACKDATE);
        Instant notAfter = notBefore.atZone(ZoneOffset.UTC).plus(VALIDITY).toInstant();
        X500Principal subject = new X500Principal("CN=Vangnet lokale CA " + HexFormat.of().formatHex(randomBytes(4))
                + ", O=Vangnet");
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serialNumber(),
                    Date.from(notBefore), Date.from(notAfter), subject, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic()));
            X509CertificateHolder holder = builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot build the local CA certificate", e);
        }
    }

    /** A random positive serial number of at most 128 bits (RFC 5280: positive, at most 20 octets). */
    static BigInteger serialNumber() {
        BigInteger serial = new BigInteger(1, randomBytes(16));
        return serial.signum() == 0 ? BigInteger.ONE : serial;
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static void checkKeyPermissions(Path keyFile) {
        if (!keyFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(keyFile);
        } catch (IOException e) {
            throw new LocalCaException("Cannot read the permissions of " + keyFile + ": " + describe(e) + ".", e);
        }
        if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
            throw new LocalCaException("The local CA key " + keyFile + " is accessible by group or others ("
                    + PosixFilePermissions.toString(permissions) + "); restrict it with: chmod 600 " + keyFile);
        }
    }

    private static PrivateKey readKey(Path keyFile) {
        Object parsed = parsePem(keyFile, "a private key");
        PrivateKeyInfo info;
        if (parsed instanceof PrivateKeyInfo i) {
            info = i;
        } else if (parsed instanceof PEMKeyPair pair) {
            info = pair.getPrivateKeyInfo();
        } else if (parsed instanceof PKCS8EncryptedPrivateKeyInfo || parsed instanceof PEMEncryptedKeyPair) {
            throw new LocalCaException("The local CA key " + keyFile + " is encrypted; Vangnet needs it unencrypted"
                    + " (PKCS#8 PEM, -----BEGIN PRIVATE KEY-----).");
        } else {
            throw new LocalCaException(keyFile + " holds no PEM private key (expected -----BEGIN PRIVATE KEY-----).");
        }
        try {
            return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (IOException e) {
            throw new LocalCaException(keyFile + " holds a private key that cannot be read: " + describe(e) + ".", e);
        }
    }

    private static X509Certificate readCertificate(Path certFile) {
        Object parsed = parsePem(certFile, "a certificate");
        if (!(parsed instanceof X509CertificateHolder holder)) {
            throw new LocalCaException(certFile + " holds no PEM certificate (expected -----BEGIN CERTIFICATE-----).");
        }
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (GeneralSecurityException e) {
            throw new LocalCaException(certFile + " holds a certificate that cannot be read: " + describe(e) + ".",
                    e);
        }
    }

    /** The first PEM object in {@code file}, or {@code null} when it holds none. */
    private static Object parsePem(Path file, String what) {
        String text;
        try {
            // ISO-8859-1 maps every byte, so a binary file reaches the PEM parser and fails there, with its name.
            text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new LocalCaException("Cannot read " + file + ": " + describe(e) + ".", e);
        }
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            return parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw new LocalCaException(file + " is not a readable PEM file with " + what + ": " + describe(e) + ".",
                    e);
        }
    }

    private static String signatureAlgorithm(PrivateKey key, Path keyFile) {
        return switch (key.getAlgorithm()) {
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> throw new LocalCaException("The local CA key " + keyFile + " is a " + key.getAlgorithm()
                    + " key; Vangnet supports EC and RSA keys.");
        };
    }

    private static boolean keyMatches(PrivateKey key, X509Certificate certificate, String algorithm) {
        try {
            byte[] challenge = randomBytes(32);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        AclFileAttributeView view = Files.getFileAttributeView(file, AclFileAttributeView.class);
        if (view == null) {
            return;
        }
        AclEntry ownerOnly = AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(Files.getOwner(file))
                .setPermissions(EnumSet.allOf(AclEntryPermission.class)).build();
        view.setAcl(List.of(ownerOnly));
    }

    private static String pkcs8Pem(PrivateKey key) {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(new JcaPKCS8Generator(key, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    static String pem(X509Certificate certificate) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot compute a SHA-256 fingerprint", e);
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName();
        return message == null || message.isBlank() ? kind : kind + " " + message;
    }
}
