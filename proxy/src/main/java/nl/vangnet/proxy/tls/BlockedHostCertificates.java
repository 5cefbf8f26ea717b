package nl.vangnet.proxy.tls;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import nl.vangnet.proxy.transparent.BlockPageTls;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * {@link BlockPageTls} backed by the {@link LocalCa}: for each blocked host a leaf certificate naming it in the
 * subjectAltName (dNSName, or iPAddress for an address; the CN is informative only), with extendedKeyUsage serverAuth,
 * keyUsage digitalSignature, the CA's authorityKeyIdentifier and a random 128-bit serial, valid from one hour ago for
 * {@value #LEAF_VALIDITY_DAYS} days but never beyond the CA's notAfter. One EC P-256 leaf key pair is generated per
 * instance and shared by every host; the server context (Netty, JDK provider) presents the leaf and the CA
 * certificate.
 *
 * <p>Contexts are cached per normalised host ({@value #CACHE_SIZE} hosts at most, each for one day after it was made,
 * or less when the leaf expires sooner), measured on the given clock. Hosts are brought into the policy's normal form
 * ({@link nl.vangnet.proxy.decision.HostName#normalise}) and must be names a certificate's dNSName can hold (RFC 5280
 * §4.2.1.6: letters, digits and hyphens, so no underscore) or IP addresses (no IPv6 zone id). A host that no
 * certificate can name raises {@link IllegalArgumentException} with the reason, and a CA that expired while running
 * raises {@link IllegalStateException}: the caller then refuses the connection as it would without the block page.
 *
 * <p>Thread-safe; the first call for a host signs a certificate (about a millisecond) and may be made on an I/O
 * thread.
 */
public final class BlockedHostCertificates implements BlockPageTls {
    static final int LEAF_VALIDITY_DAYS = 7;
    static final int CACHE_SIZE = 1_000;
    static final Duration LEAF_VALIDITY = Duration.ofDays(LEAF_VALIDITY_DAYS);
    static final Duration BACKDATE = Duration.ofHours(1);
    static final Duration CACHE_TIME = Duration.ofDays(1);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final LocalCa ca;
    private final Clock clock;
    private final KeyPair leafKeys;
    private final AuthorityKeyIdentifier authorityKeyIdentifier;
    private final SubjectKeyIdentifier subjectKeyIdentifier;
    private final Cache<String, Issued> cache;

    /**
     * @param ca    the CA that signs the leaves
     * @param clock the time for the leaves' validity and the cache's expiry
     */
    public BlockedHostCertificates(LocalCa ca, Clock clock) {
        this.ca = Objects.requireNonNull(ca, "ca");
        this.clock = Objects.requireNonNull(clock, "clock");
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            this.leafKeys = generator.generateKeyPair();
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            this.authorityKeyIdentifier = extensions.createAuthorityKeyIdentifier(ca.certificate());
            this.subjectKeyIdentifier = extensions.createSubjectKeyIdentifier(leafKeys.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot prepare the leaf key for the HTTPS block page", e);
        }
        this.cache = Caffeine.newBuilder()
                .maximumSize(CACHE_SIZE)
                .ticker(() -> {
                    Instant now = clock.instant();
                    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
                })
                .expireAfter(Expiry.creating((String host, Issued issued) -> cacheTime(issued)))
                .build();
    }

    @Override
    public SslContext serverContext(String host) {
        CertificateName name = CertificateName.parse(host);
        return cache.get(name.text(), key -> issue(name)).context();
    }

    /** The leaf certificate behind {@link #serverContext} for {@code host} (the same cached one). */
    X509Certificate certificate(String host) {
        CertificateName name = CertificateName.parse(host);
        return cache.get(name.text(), key -> issue(name)).leaf();
    }

    private Duration cacheTime(Issued issued) {
        Duration untilExpiry = Duration.between(clock.instant(), issued.notAfter());
        if (untilExpiry.isNegative()) {
            return Duration.ZERO;
        }
        return untilExpiry.compareTo(CACHE_TIME) < 0 ? untilExpiry : CACHE_TIME;
    }

    private Issued issue(CertificateName name) {
        Instant now = clock.instant();
        Instant caNotAfter = ca.certificate().getNotAfter().toInstant();
        if (!now.isBefore(caNotAfter)) {
            throw new IllegalStateException("The local CA expired on " + caNotAfter + "; create a new one to show"
                    + " the block page over HTTPS.");
        }
        Instant notBefore = now.minus(BACKDATE);
        Instant notAfter = now.plus(LEAF_VALIDITY);
        if (notAfter.isAfter(caNotAfter)) {
            notAfter = caNotAfter;
        }
        GeneralName altName = name.isAddress()
                ? new GeneralName(GeneralName.iPAddress, new DEROctetString(name.address().getAddress()))
                : new GeneralName(GeneralName.dNSName, name.text());
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.certificate(),
                    LocalCa.serialNumber(), Date.from(notBefore), Date.from(notAfter), subject(name.text()),
                    leafKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(altName));
            builder.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier);
            builder.addExtension(Extension.subjectKeyIdentifier, false, subjectKeyIdentifier);
            X509Certificate leaf = new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder(ca.signatureAlgorithm()).build(ca.privateKey())));
            SslContext context = SslContextBuilder.forServer(leafKeys.getPrivate(), leaf, ca.certificate())
                    .sslProvider(SslProvider.JDK)
                    .build();
            return new Issued(leaf, context, leaf.getNotAfter().toInstant());
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue a block-page certificate for " + name.text(), e);
        }
    }

    /** A cached leaf and its context. */
    private record Issued(X509Certificate leaf, SslContext context, Instant notAfter) {
    }

    /** O=Vangnet, plus CN=host when it fits a CN's 64 characters (RFC 5280 ub-common-name); informative only. */
    private static X500Name subject(String host) {
        X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Vangnet");
        return host.length() <= 64 ? subject.addRDN(BCStyle.CN, host).build() : subject.build();
    }
}
