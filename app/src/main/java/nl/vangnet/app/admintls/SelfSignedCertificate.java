package nl.vangnet.app.admintls;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import javax.security.auth.x500.X500Principal;
import nl.vangnet.proxy.tls.DurableFiles;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * The admin API's self-signed certificate, generated with Bouncy Castle (EC P-256, SHA256withECDSA; CA:false,
 * extendedKeyUsage serverAuth, the names and addresses as subjectAltName) and kept in a directory:
 * {@value #KEY_FILE} holds the private key and the certificate together (owner-only, 0600; the one file Vangnet
 * reads, replaced atomically so key and certificate always match) and {@value #CERT_FILE} the certificate alone
 * (0644, rewritten from it whenever it differs, for {@code curl --cacert}).
 *
 * <p>{@link #loadOrCreate} creates it on first start (the directory with 0700 when Vangnet creates it, the key file
 * created with 0600 before a byte of the key is written) and reuses it on later starts. It issues a new certificate
 * <em>for the same key</em> when the certificate has expired or expires within {@link #RENEW_BEFORE}, or when its
 * subjectAltName no longer equals the configured names; so a {@code curl --pinnedpubkey} pin survives a renewal,
 * while the certificate's fingerprint changes. A damaged or foreign file, a key that does not belong to the
 * certificate, or a key file accessible by group or others is refused with one line naming the file and the fix;
 * such a file is never overwritten.
 *
 * <p>Stateless and thread-safe; only one process should create the certificate in a directory at a time. On a file
 * system without POSIX permissions the permission check is skipped and protecting the directory is the operator's
 * task.
 */
public final class SelfSignedCertificate {
    /** The file with the private key and the certificate (PEM, owner-only). */
    public static final String KEY_FILE = "admin-tls.pem";
    /** The file with the certificate alone (PEM), to give to clients. */
    public static final String CERT_FILE = "admin-cert.pem";
    /** How long a new certificate is valid, from its notBefore (at most 825 days, as Apple platforms require). */
    public static final Duration VALIDITY = Duration.ofDays(825);
    /** A certificate that expires within this time is renewed at start. */
    public static final Duration RENEW_BEFORE = Duration.ofDays(30);
    /** How far notBefore lies in the past, for clients whose clock runs slow. */
    static final Duration BACKDATE = Duration.ofHours(1);

    static final Set<PosixFilePermission> DIRECTORY_PERMISSIONS = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> KEY_PERMISSIONS = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> CERT_PERMISSIONS = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SIGNATURE = "SHA256withECDSA";

    private SelfSignedCertificate() {
    }

    /** What {@link #loadOrCreate} did. */
    public enum Outcome {
        /** The stored certificate was reused. */
        LOADED,
        /** There was none: a new key and certificate were made. */
        CREATED,
        /** A new certificate was issued for the stored key (expiry or changed names: see {@link Result#reason}). */
        RENEWED
    }

    /**
     * The certificate and how it came about.
     *
     * @param reason why it was created or renewed, one sentence; {@code null} for {@link Outcome#LOADED}
     */
    public record Result(AdminCertificate certificate, Outcome outcome, String reason) {
    }

    /** Whether {@code dir} holds a certificate ({@value #KEY_FILE} exists). */
    public static boolean exists(Path dir) {
        return Files.exists(dir.resolve(KEY_FILE));
    }

    /**
     * Loads the certificate in {@code dir}, renewing it when it (nearly) expired or its names differ from
     * {@code hostnames}, or creates one when there is none.
     *
     * @param hostnames the subjectAltName entries, normalised ({@link HostNames}); not empty
     * @throws AdminTlsException when a file cannot be read, written or trusted (one line with the fix)
     */
    public static Result loadOrCreate(Path dir, List<String> hostnames, Clock clock) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(clock, "clock");
        if (hostnames.isEmpty()) {
            throw new IllegalArgumentException("a certificate needs at least one name");
        }
        Instant now = clock.instant();
        if (!exists(dir)) {
            createDirectory(dir);
            KeyPair keys = newKeyPair();
            AdminCertificate created = store(dir, keys.getPrivate(), keys.getPublic(), hostnames, now);
            return new Result(created, Outcome.CREATED, "there was no certificate in " + dir + " yet");
        }
        AdminCertificate current = load(dir, clock);
        String reason = null;
        if (!now.isBefore(current.notAfter())) {
            reason = "the certificate expired on " + current.notAfter();
        } else if (!now.isBefore(current.notAfter().minus(RENEW_BEFORE))) {
            reason = "the certificate expires on " + current.notAfter();
        } else if (!new TreeSet<>(current.subjectAltNames()).equals(new TreeSet<>(hostnames))) {
            reason = "its names " + current.subjectAltNames() + " differ from admin.tls-hostnames " + hostnames;
        }
        if (reason == null) {
            writeCertificateFile(dir, current);
            return new Result(current, Outcome.LOADED, null);
        }
        AdminCertificate renewed = store(dir, current.key(), current.certificate().getPublicKey(), hostnames, now);
        return new Result(renewed, Outcome.RENEWED, reason);
    }

    /**
     * Loads the certificate in {@code dir} as it is (expired or not); never creates or changes a file.
     *
     * @throws AdminTlsException when there is none, or it cannot be read or trusted (one line with the fix)
     */
    public static AdminCertificate load(Path dir, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        Path file = dir.resolve(KEY_FILE);
        if (!Files.exists(file)) {
            throw new AdminTlsException("There is no admin API certificate in " + dir + " (" + KEY_FILE
                    + " is missing); Vangnet creates it when it starts with admin TLS on.");
        }
        checkKeyPermissions(file);
        String text;
        try {
            // ISO-8859-1 maps every byte, so a binary file reaches the PEM parser and fails there, with its name.
            text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new AdminTlsException("Cannot read " + file + ": " + describe(e) + ".", e);
        }
        PrivateKey key = null;
        List<X509Certificate> certificates = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof PrivateKeyInfo info) {
                    key = new JcaPEMKeyConverter().getPrivateKey(info);
                } else if (o instanceof PEMKeyPair pair) {
                    key = new JcaPEMKeyConverter().getPrivateKey(pair.getPrivateKeyInfo());
                } else if (o instanceof PKCS8EncryptedPrivateKeyInfo || o instanceof PEMEncryptedKeyPair) {
                    throw new AdminTlsException("The key in " + file + " is encrypted; Vangnet needs it unencrypted"
                            + " (or use a PKCS#12 keystore with admin.tls-keystore).");
                } else if (o instanceof X509CertificateHolder holder) {
                    certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
                }
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (e instanceof AdminTlsException a) {
                throw a;
            }
            throw damaged(file, "it is not a readable PEM file (" + describe(e) + ")", e);
        }
        if (key == null || certificates.isEmpty()) {
            throw damaged(file, "it lacks " + (key == null ? "the private key" : "the certificate"), null);
        }
        if (!matches(key, certificates.get(0).getPublicKey())) {
            throw damaged(file, "its key does not belong to its certificate", null);
        }
        return new AdminCertificate(certificates, key, "self-signed, " + file);
    }

    private static AdminTlsException damaged(Path file, String what, Exception cause) {
        return new AdminTlsException("The admin API certificate file " + file + " cannot be used: " + what
                + "; move it aside (Vangnet then makes a new certificate, which clients must trust or pin anew).",
                cause);
    }

    private static AdminCertificate store(Path dir, PrivateKey key, PublicKey publicKey, List<String> hostnames,
            Instant now) {
        X509Certificate certificate = issue(key, publicKey, hostnames, now);
        AdminCertificate result = new AdminCertificate(List.of(certificate), key,
                "self-signed, " + dir.resolve(KEY_FILE));
        String keyAndCertificate = pkcs8Pem(key) + result.certificatePem();
        boolean posix = posix(dir);
        Path temp = null;
        try {
            // The file exists with owner-only permissions before a byte of the key is written to it.
            temp = posix
                    ? Files.createTempFile(dir, ".admin-tls-", ".tmp",
                            PosixFilePermissions.asFileAttribute(KEY_PERMISSIONS))
                    : Files.createTempFile(dir, ".admin-tls-", ".tmp");
            DurableFiles.writeSynced(temp, keyAndCertificate);
            DurableFiles.moveIntoPlace(temp, dir.resolve(KEY_FILE), true);
            temp = null;
        } catch (IOException e) {
            throw new AdminTlsException("Cannot write the admin API certificate in " + dir + ": " + describe(e)
                    + ".", e);
        } finally {
            DurableFiles.deleteQuietly(temp);
        }
        writeCertificateFile(dir, result);
        return result;
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

    /** Writes {@value #CERT_FILE} when it is missing or differs from the certificate. */
    private static void writeCertificateFile(Path dir, AdminCertificate certificate) {
        Path file = dir.resolve(CERT_FILE);
        String pem = certificate.certificatePem();
        Path temp = null;
        try {
            if (Files.isRegularFile(file) && Files.readString(file, StandardCharsets.ISO_8859_1).equals(pem)) {
                return;
            }
            temp = Files.createTempFile(dir, ".admin-cert-", ".tmp");
            DurableFiles.writeSynced(temp, pem);
            if (posix(dir)) {
                Files.setPosixFilePermissions(temp, CERT_PERMISSIONS);
            }
            DurableFiles.moveIntoPlace(temp, file, true);
            temp = null;
        } catch (IOException e) {
            throw new AdminTlsException("Cannot write " + file + ": " + describe(e) + ".", e);
        } finally {
            DurableFiles.deleteQuietly(temp);
        }
    }

    static X509Certificate issue(PrivateKey key, PublicKey publicKey, List<String> hostnames, Instant now) {
        Instant notBefore = now.minus(BACKDATE);
        Instant notAfter = notBefore.plus(VALIDITY);
        X500Principal subject = new X500Principal("CN=Vangnet admin API, O=Vangnet");
        GeneralName[] names = new GeneralName[hostnames.size()];
        for (int i = 0; i < names.length; i++) {
            String name = hostnames.get(i);
            names[i] = new GeneralName(HostNames.isIpLiteral(name) ? GeneralName.iPAddress : GeneralName.dNSName,
                    name);
        }
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serialNumber(),
                    Date.from(notBefore), Date.from(notAfter), subject, publicKey);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createSubjectKeyIdentifier(publicKey));
            X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder(signatureFor(key)).build(key));
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot build the admin API certificate", e);
        }
    }

    private static void createDirectory(Path dir) {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (posix(parent == null ? dir : parent)) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY_PERMISSIONS));
                // The umask may have taken bits away; the directory is still empty, so this exposes nothing.
                Files.setPosixFilePermissions(dir, DIRECTORY_PERMISSIONS);
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw new AdminTlsException("Cannot create the admin TLS directory " + dir + ": a file with that name"
                        + " exists; set admin.tls-dir to a directory.", e);
            }
        } catch (IOException e) {
            throw new AdminTlsException("Cannot create the admin TLS directory " + dir + ": " + describe(e) + ".", e);
        }
    }

    private static void checkKeyPermissions(Path file) {
        if (!posix(file)) {
            return;
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (IOException e) {
            throw new AdminTlsException("Cannot read the permissions of " + file + ": " + describe(e) + ".", e);
        }
        if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
            throw new AdminTlsException("The admin API key " + file + " is accessible by group or others ("
                    + PosixFilePermissions.toString(permissions) + "); restrict it with: chmod 600 " + file);
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

    /** The signature algorithm for an EC or RSA key, else {@code null}. */
    private static String signatureFor(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "EC", "ECDSA" -> SIGNATURE;
            case "RSA" -> "SHA256withRSA";
            default -> null;
        };
    }

    private static boolean matches(PrivateKey key, PublicKey publicKey) {
        String algorithm = signatureFor(key);
        if (algorithm == null) {
            return false;
        }
        try {
            byte[] challenge = new byte[32];
            RANDOM.nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** A random positive serial number of at most 128 bits (RFC 5280: positive, at most 20 octets). */
    private static BigInteger serialNumber() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        BigInteger serial = new BigInteger(1, bytes);
        return serial.signum() == 0 ? BigInteger.ONE : serial;
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    static String describe(Exception e) {
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName();
        return message == null || message.isBlank() ? kind : kind + " " + message.lines().findFirst().orElse("");
    }
}
