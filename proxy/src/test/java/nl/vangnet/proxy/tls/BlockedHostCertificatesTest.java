package nl.vangnet.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import nl.vangnet.config.policy.MutableClock;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BlockedHostCertificatesTest {
    static final Instant NOW = Instant.parse("2025-03-04T10:15:30Z");
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    static Path tmp;
    static LocalCa ca;
    static EventLoopGroup group;

    @BeforeAll
    static void setUp() {
        ca = LocalCa.loadOrCreate(tmp.resolve("ca"), Clock.fixed(NOW.minus(Duration.ofDays(30)), ZoneOffset.UTC));
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void tearDown() {
        group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final MutableClock clock = new MutableClock(NOW, ZoneOffset.UTC);
    private final BlockedHostCertificates certificates = new BlockedHostCertificates(ca, clock);
    /** For handshakes: the JDK client checks validity against the real time. */
    private final BlockedHostCertificates live = new BlockedHostCertificates(ca, Clock.systemUTC());

    /** host as given | name the client checks (and sends as SNI unless it is an address) | SAN type | SAN value. */
    static final String HOSTS = """
            blocked.example            | blocked.example            | 2 | blocked.example
            WWW.Casino.Example.        | www.casino.example         | 2 | www.casino.example
            bücher.example             | xn--bcher-kva.example      | 2 | xn--bcher-kva.example
            192.0.2.7                  | 192.0.2.7                  | 7 | 192.0.2.7
            [2001:DB8::1]              | 2001:db8::1                | 7 | 2001:db8:0:0:0:0:0:1
            2001:db8::2                | [2001:db8::2]              | 7 | 2001:db8:0:0:0:0:0:2
            a-very-long-host-name-that-does-not-fit-in-a-common-name.blocked.example | a-very-long-host-name-that-does-not-fit-in-a-common-name.blocked.example | 2 | a-very-long-host-name-that-does-not-fit-in-a-common-name.blocked.example
            """;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = HOSTS)
    void theLeafIsValidForTheHostUnderTheCa(String host, String checked, int sanType, String sanValue)
            throws Exception {
        X509Certificate leaf = certificates.certificate(host);

        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca.certificate(), null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(NOW));
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509")
                .generateCertPath(List.of(leaf)), parameters);

        assertThat(leaf.getSubjectAlternativeNames()).containsExactly(List.of(sanType, sanValue));
        assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(leaf.getKeyUsage()).startsWith(true, false, false, false, false, false, false);
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(leaf.getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
        assertThat(leaf.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofHours(1)));
        assertThat(leaf.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(7)));
        assertThat(leaf.getSerialNumber().signum()).isPositive();
        assertThat(leaf.getSerialNumber().bitLength()).isLessThanOrEqualTo(128);
        assertThat(leaf.getPublicKey().toString()).contains("secp256r1");
        byte[] caKeyId = SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(ca.certificate()
                .getExtensionValue("2.5.29.14")).getOctets()).getKeyIdentifier();
        byte[] authorityKeyId = AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(leaf
                .getExtensionValue("2.5.29.35")).getOctets()).getKeyIdentifierObject().getOctets();
        assertThat(authorityKeyId).isEqualTo(caKeyId);
        String subject = leaf.getSubjectX500Principal().getName();
        if (sanValue.length() > 64) {
            assertThat(subject).as("too long for a CN").isEqualTo("O=Vangnet");
        } else {
            assertThat(subject).isEqualTo("CN=" + checked.replace("[", "").replace("]", "") + ",O=Vangnet");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = HOSTS)
    void aClientTrustingOnlyTheCaCompletesTheHandshakeForTheHost(String host, String checked, int sanType,
            String sanValue) throws Exception {
        X509Certificate presented = handshake(live.serverContext(host), checked, trustingOnly(ca));
        assertThat(presented).isEqualTo(live.certificate(host));
    }

    @ParameterizedTest(name = "{0} presented to a client expecting {1}")
    @CsvSource(delimiter = '|', textBlock = """
            blocked.example   | other.example
            blocked.example   | sub.blocked.example
            blocked.example   | example
            sub.blocked.example | blocked.example
            192.0.2.7         | 192.0.2.8
            192.0.2.7         | 7.2.0.192.in-addr.arpa
            2001:db8::1       | 2001:db8::2
            """)
    void aClientExpectingAnotherNameRefusesTheHandshake(String host, String checked) throws Exception {
        SslContext context = live.serverContext(host);
        assertThatThrownBy(() -> handshake(context, checked, trustingOnly(ca)))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void aClientThatDoesNotTrustTheCaRefusesTheHandshake() throws Exception {
        LocalCa other = LocalCa.loadOrCreate(tmp.resolve("other-ca"), Clock.fixed(NOW, ZoneOffset.UTC));
        SslContext context = live.serverContext("blocked.example");
        assertThat(handshake(context, "blocked.example", trustingOnly(ca))).isNotNull();
        assertThatThrownBy(() -> handshake(context, "blocked.example", trustingOnly(other)))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void equalNormalisedHostsShareOneCachedContext() {
        SslContext context = certificates.serverContext("blocked.example");
        assertThat(certificates.serverContext("BLOCKED.example.")).isSameAs(context);
        assertThat(certificates.serverContext(" Blocked.Example")).isSameAs(context);
        assertThat(certificates.serverContext("other.example")).isNotSameAs(context);
        assertThat(certificates.serverContext("[2001:db8:0::1]"))
                .isSameAs(certificates.serverContext("2001:DB8::1"));
    }

    @Test
    void everyHostGetsItsOwnSerialButTheSameLeafKey() {
        X509Certificate a = certificates.certificate("a.example");
        X509Certificate b = certificates.certificate("b.example");
        assertThat(a.getSerialNumber()).isNotEqualTo(b.getSerialNumber());
        assertThat(a.getPublicKey()).isEqualTo(b.getPublicKey());
        assertThat(new BlockedHostCertificates(ca, clock).certificate("a.example").getPublicKey())
                .as("another instance has its own key").isNotEqualTo(a.getPublicKey());
    }

    @Test
    void aCachedContextIsRenewedAfterADay() {
        SslContext first = certificates.serverContext("blocked.example");
        X509Certificate firstLeaf = certificates.certificate("blocked.example");
        clock.advance(Duration.ofHours(23));
        assertThat(certificates.serverContext("blocked.example")).isSameAs(first);
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        assertThat(certificates.serverContext("blocked.example")).isNotSameAs(first);
        X509Certificate renewed = certificates.certificate("blocked.example");
        assertThat(renewed.getNotAfter()).isAfter(firstLeaf.getNotAfter());
    }

    @Test
    void theLeafNeverOutlivesTheCa() throws Exception {
        Instant caNotAfter = ca.certificate().getNotAfter().toInstant();
        clock.set(caNotAfter.minus(Duration.ofDays(2)));
        X509Certificate leaf = certificates.certificate("blocked.example");
        assertThat(leaf.getNotAfter().toInstant()).isEqualTo(caNotAfter);

        clock.set(caNotAfter.minus(Duration.ofHours(2)));
        SslContext shortLived = certificates.serverContext("late.example");
        clock.advance(Duration.ofHours(1));
        assertThat(certificates.serverContext("late.example")).isSameAs(shortLived);
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        assertThatThrownBy(() -> certificates.serverContext("late.example"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The local CA expired on " + caNotAfter + "; create a new one to show the block page"
                        + " over HTTPS.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "under_score.example", "*.example.org", "a..example", "exa mple.example",
        "1.2.3.256", "fe80::1%eth0", "example.org:443"})
    void aHostNoCertificateCanNameIsRefused(String host) {
        assertThatThrownBy(() -> certificates.serverContext(host)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(host.isEmpty() ? "empty" : "'" + host + "'");
    }

    /** A JDK client context whose only trust anchor is {@code trusted}. */
    static SSLContext trustingOnly(LocalCa trusted) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", trusted.certificate());
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    /**
     * Runs a Netty server with {@code server} on loopback and completes a handshake with a JDK client that checks
     * the certificate for {@code checked} (HTTPS endpoint identification; SNI for a name); returns the presented
     * leaf.
     */
    static X509Certificate handshake(SslContext server, String checked, SSLContext client) throws Exception {
        Channel listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(server.newHandler(ch.alloc()));
                    }
                })
                .bind(new InetSocketAddress(LOOPBACK, 0)).sync().channel();
        int port = ((InetSocketAddress) listener.localAddress()).getPort();
        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress(LOOPBACK, port), 5_000);
            raw.setSoTimeout(10_000);
            try (SSLSocket tls = (SSLSocket) client.getSocketFactory().createSocket(raw, checked, port, false)) {
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                String bare = checked.startsWith("[") ? checked.substring(1, checked.length() - 1) : checked;
                if (!bare.contains(":") && !Character.isDigit(bare.charAt(bare.length() - 1))) {
                    parameters.setServerNames(List.of(new SNIHostName(bare)));
                }
                tls.setSSLParameters(parameters);
                tls.startHandshake();
                return (X509Certificate) tls.getSession().getPeerCertificates()[0];
            }
        } finally {
            listener.close().sync();
        }
    }
}
