package nl.vangnet.proxy.littleproxy;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A self-signed EC certificate for the test HTTPS origins, made with Bouncy Castle, and the matching contexts. */
public final class TestCertificate {
    static final String[] DNS_NAMES = {"localhost", "casino.example", "unrestricted.example", "later.example",
            "www.google.com", "forcesafesearch.google.com", "allowed.example"};

    private final SSLContext server;
    private final SSLContext client;
    private final X509Certificate certificate;
    private final KeyManagerFactory keyManagers;

    private TestCertificate(SSLContext server, SSLContext client, X509Certificate certificate,
            KeyManagerFactory keyManagers) {
        this.keyManagers = keyManagers;
        this.server = server;
        this.client = client;
        this.certificate = certificate;
    }

    public static TestCertificate create() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=Vangnet test origin");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(1))), name, keys.getPublic());
        GeneralName[] names = new GeneralName[DNS_NAMES.length + 1];
        for (int i = 0; i < DNS_NAMES.length; i++) {
            names[i] = new GeneralName(GeneralName.dNSName, DNS_NAMES[i]);
        }
        names[DNS_NAMES.length] = new GeneralName(GeneralName.iPAddress, "127.0.0.1");
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        X509Certificate certificate = new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                        .build(keys.getPrivate())));

        char[] password = "test".toCharArray();
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry("origin", keys.getPrivate(), password, new Certificate[] {certificate});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, password);
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(kmf.getKeyManagers(), null, null);

        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        trustStore.setCertificateEntry("origin", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trustStore);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, tmf.getTrustManagers(), null);
        return new TestCertificate(server, client, certificate, kmf);
    }

    /** The key managers with the certificate's key (for a Netty server context). */
    public KeyManagerFactory keyManagers() {
        return keyManagers;
    }

    /** The certificate itself. */
    public X509Certificate certificate() {
        return certificate;
    }

    public SSLContext server() {
        return server;
    }

    public SSLContext client() {
        return client;
    }
}
