package nl.vangnet.app.admintls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * The admin API's server certificate with its private key: from a PKCS#12 keystore ({@link KeystoreCertificate}) or
 * self-signed ({@link SelfSignedCertificate}). Immutable and thread-safe; the key never leaves this package and never
 * appears in {@link #toString}.
 */
public final class AdminCertificate {
    private final List<X509Certificate> chain;
    private final PrivateKey key;
    private final String source;
    private final String fingerprintSha256;
    private final String publicKeyPin;

    AdminCertificate(List<X509Certificate> chain, PrivateKey key, String source) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate chain needs at least the server certificate");
        }
        this.chain = List.copyOf(chain);
        this.key = Objects.requireNonNull(key, "key");
        this.source = Objects.requireNonNull(source, "source");
        this.fingerprintSha256 = HexFormat.ofDelimiter(":").withUpperCase().formatHex(sha256(encoded(chain.get(0))));
        this.publicKeyPin = "sha256//" + Base64.getEncoder().encodeToString(
                sha256(chain.get(0).getPublicKey().getEncoded()));
    }

    /** The server certificate (the first of the chain). */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** The server certificate followed by its issuers, as the server sends them. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** Where the certificate comes from, for messages ("self-signed, data/admin-tls/admin-tls.pem"). */
    public String source() {
        return source;
    }

    /**
     * The SHA-256 fingerprint of the server certificate's DER encoding as browsers and {@code openssl x509
     * -fingerprint -sha256} show it: 32 upper-case hex pairs separated by colons.
     */
    public String fingerprintSha256() {
        return fingerprintSha256;
    }

    /** The SHA-256 pin of the server certificate's public key as {@code curl --pinnedpubkey} takes it. */
    public String publicKeyPin() {
        return publicKeyPin;
    }

    /** When the server certificate expires. */
    public Instant notAfter() {
        return certificate().getNotAfter().toInstant();
    }

    /** When the server certificate becomes valid. */
    public Instant notBefore() {
        return certificate().getNotBefore().toInstant();
    }

    /** The server certificate's DNS names and IP addresses (subjectAltName), normalised as {@link HostNames}. */
    public List<String> subjectAltNames() {
        return subjectAltNames(certificate());
    }

    /** The server certificate as PEM ({@code -----BEGIN CERTIFICATE-----}...), ending with a line break. */
    public String certificatePem() {
        return pem(certificate());
    }

    PrivateKey key() {
        return key;
    }

    /** A new in-memory PKCS#12 keystore holding the key and chain under {@code alias}, protected by {@code password}. */
    KeyStore keyStore(String alias, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(alias, key, password, chain.toArray(new X509Certificate[0]));
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build an in-memory keystore", e);
        }
    }

    @Override
    public String toString() {
        return "AdminCertificate[" + source + ", " + certificate().getSubjectX500Principal().getName() + ", SHA-256 "
                + fingerprintSha256 + "]";
    }

    static List<String> subjectAltNames(X509Certificate certificate) {
        Collection<List<?>> names;
        try {
            names = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (names == null) {
            return out;
        }
        for (List<?> name : names) {
            int type = (Integer) name.get(0);
            String value = String.valueOf(name.get(1));
            if (type == 2) {
                out.add(value.toLowerCase(java.util.Locale.ROOT));
            } else if (type == 7) {
                try {
                    out.add(InetAddress.getByName(value).getHostAddress()); // an IP literal: never looked up
                } catch (UnknownHostException e) {
                    out.add(value);
                }
            }
        }
        return out;
    }

    static String pem(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode the certificate", e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }
}
