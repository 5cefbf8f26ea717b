package nl.vangnet.app.admintls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.Javalin;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real TLS handshakes with the JDK HttpClient against a Javalin app configured by {@link AdminTls}, on 127.0.0.1. */
class AdminTlsServerTest {
    private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

    @TempDir
    Path dir;

    private Javalin app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.stop();
        }
    }

    private int start(AdminTls tls) {
        app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            tls.configure(cfg);
        }).get("/health", ctx -> ctx.result(ctx.scheme() + " ok"));
        app.start();
        return app.port();
    }

    static HttpClient trusting(X509Certificate certificate, String... protocols) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("admin", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        HttpClient.Builder b = HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(10));
        if (protocols.length > 0) {
            b.sslParameters(new SSLParameters(null, protocols));
        }
        return b.build();
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private AdminCertificate selfSigned(String... names) {
        return SelfSignedCertificate.loadOrCreate(dir.resolve("tls"), List.of(names), Clock.systemUTC())
                .certificate();
    }

    @Test
    void selfSignedCertificateHandshakesWithHostnameCheckOnTheIpSan() throws Exception {
        AdminCertificate c = selfSigned("127.0.0.1", "localhost");
        int port = start(AdminTls.with(LOOPBACK, c));

        HttpResponse<String> r = get(trusting(c.certificate()), "https://127.0.0.1:" + port + "/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("https ok");
        assertThat(r.sslSession()).get().extracting(s -> s.getProtocol()).isEqualTo("TLSv1.3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void speaksTls12And13(String protocol) throws Exception {
        AdminCertificate c = selfSigned("127.0.0.1");
        int port = start(AdminTls.with(LOOPBACK, c));

        HttpResponse<String> r = get(trusting(c.certificate(), protocol), "https://127.0.0.1:" + port + "/health");
        assertThat(r.sslSession()).get().extracting(s -> s.getProtocol()).isEqualTo(protocol);
    }

    @Test
    void theServerSelectsOnlyTls12And13() throws Exception {
        start(AdminTls.with(LOOPBACK, selfSigned("127.0.0.1")));

        SslConnectionFactory ssl = (SslConnectionFactory) app.jettyServer().server().getConnectors()[0]
                .getConnectionFactory("ssl");
        assertThat(ssl.getSslContextFactory().getSelectedProtocols()).containsExactlyInAnyOrder("TLSv1.2",
                "TLSv1.3");
    }

    @Test
    void aCertificateWithoutTheAddressFailsTheClientsHostnameCheck() throws Exception {
        AdminCertificate c = selfSigned("vangnet.example");
        int port = start(AdminTls.with(LOOPBACK, c));

        assertThatThrownBy(() -> get(trusting(c.certificate()), "https://127.0.0.1:" + port + "/health"))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void anUntrustedCertificateFailsTheHandshake() throws Exception {
        AdminCertificate c = selfSigned("127.0.0.1");
        AdminCertificate other = SelfSignedCertificate.loadOrCreate(dir.resolve("other"), List.of("127.0.0.1"),
                Clock.systemUTC()).certificate();
        int port = start(AdminTls.with(LOOPBACK, c));

        assertThatThrownBy(() -> get(trusting(other.certificate()), "https://127.0.0.1:" + port + "/health"))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void plainHttpToTheTlsPortFailsAndNoPlainPortListens() throws Exception {
        AdminCertificate c = selfSigned("127.0.0.1");
        int port = start(AdminTls.with(LOOPBACK, c));

        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            int first = socket.getInputStream().read();
            // 0x15: a TLS alert record (as curl shows: "Received HTTP/0.9 when not allowed"), never "HTTP/1.1 ..."
            assertThat(first).isIn(0x15, -1);
        }
        assertThat(app.jettyServer().server().getConnectors()).hasSize(1);
        assertThat(app.jettyServer().server().getConnectors()[0].getProtocols()).contains("ssl")
                .doesNotContain("h2c");
    }

    @Test
    void aPkcs12KeystoreMadeHereServesItsChain() throws Exception {
        Path p12 = KeystoreCertificateTest.pkcs12(dir, "s3cret", List.of("127.0.0.1"));
        AdminCertificate c = KeystoreCertificate.load(p12, "s3cret".toCharArray());
        int port = start(AdminTls.prepare(new AdminTlsOptions(AdminTlsMode.ON, p12, "s3cret", List.of(),
                dir.resolve("unused")), LOOPBACK, Clock.systemUTC()));

        HttpResponse<String> r = get(trusting(c.certificate()), "https://127.0.0.1:" + port + "/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.sslSession().orElseThrow().getPeerCertificates()[0]).isEqualTo(c.certificate());
    }

    @Test
    void autoOnLoopbackServesPlainHttp() throws Exception {
        AdminTls tls = AdminTls.prepare(new AdminTlsOptions(AdminTlsMode.AUTO, null, "", List.of(),
                dir.resolve("tls")), LOOPBACK, Clock.systemUTC());
        int port = start(tls);

        assertThat(tls.enabled()).isFalse();
        assertThat(get(HttpClient.newHttpClient(), "http://127.0.0.1:" + port + "/health").body())
                .isEqualTo("http ok");
        assertThat(dir.resolve("tls")).doesNotExist();
    }

    @Test
    void onOnLoopbackCreatesTheSelfSignedCertificateForTheConfiguredNames() throws Exception {
        AdminTls tls = AdminTls.prepare(new AdminTlsOptions(AdminTlsMode.ON, null, "",
                List.of("127.0.0.1", "admin.vangnet.test"), dir.resolve("tls")), LOOPBACK, Clock.systemUTC());
        int port = start(tls);

        AdminCertificate c = tls.certificate().orElseThrow();
        assertThat(c.subjectAltNames()).containsExactly("127.0.0.1", "admin.vangnet.test");
        assertThat(tls.baseUri(new InetSocketAddress("127.0.0.1", port))).isEqualTo(
                URI.create("https://127.0.0.1:" + port));
        assertThat(get(trusting(c.certificate()), "https://127.0.0.1:" + port + "/health").body())
                .isEqualTo("https ok");
    }

    @Test
    void baseUriPutsIpv6InBrackets() {
        AdminTls tls = AdminTls.plain(new InetSocketAddress("::1", 0));
        assertThat(tls.baseUri(new InetSocketAddress("::1", 8080))).hasToString("http://[0:0:0:0:0:0:0:1]:8080");
    }

    @Test
    void plainIsRefusedOutsideLoopback() {
        assertThatThrownBy(() -> AdminTls.plain(new InetSocketAddress("0.0.0.0", 0)))
                .isInstanceOf(AdminTlsException.class).hasMessageContaining("not a loopback address");
    }
}
