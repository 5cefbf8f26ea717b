package nl.vangnet.proxy.transparent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.ssl.SslContextBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import nl.vangnet.proxy.decision.Decision;
import nl.vangnet.proxy.decision.Kind;
import nl.vangnet.proxy.decision.Policy;
import nl.vangnet.proxy.decision.Reason;
import nl.vangnet.proxy.decision.RequestFacts;
import nl.vangnet.proxy.decision.Trace;
import nl.vangnet.proxy.littleproxy.TestCertificate;
import nl.vangnet.proxy.net.Cidr;
import nl.vangnet.proxy.net.HostTable;
import nl.vangnet.config.text.PlainDutch;
import nl.vangnet.proxy.page.AgreementsFixture;
import nl.vangnet.proxy.page.AgreementsMetrics;
import nl.vangnet.proxy.page.BlockPage;
import nl.vangnet.proxy.page.MyAgreements;
import nl.vangnet.proxy.transparent.TransparentMetrics.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real listeners on loopback: TLS and HTTP origins "one" on 127.0.0.1 and "three" on 127.0.0.3 (same ports), a
 * test original destination per client address, clients bound to 127.0.0.2 (restricted) and 127.0.0.5
 * (unrestricted), a host table so that no real name is resolved.
 */
class TransparentListenerTest {
    private static final String RESTRICTED = "127.0.0.2";
    private static final String UNRESTRICTED = "127.0.0.5";

    private static TestCertificate certificate;
    private static LineOrigin tlsOne;
    private static LineOrigin tlsThree;
    private static LineOrigin httpOne;
    private static LineOrigin httpThree;

    private final Map<InetAddress, InetSocketAddress> originals = new ConcurrentHashMap<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private volatile Set<String> blocked = Set.of("casino.example");
    private final MyAgreements agreements = AgreementsFixture.agreements(AgreementsMetrics.NONE);
    private TransparentListener listener;
    private TransparentListener.Addresses addresses;

    /** Restricted: 127.0.0.2; blocks {@link #blocked} and OPAQUE; SafeSearch for www.google.com. */
    private final Policy policy = f -> {
        Trace trace = Trace.anonymous(1);
        if (!f.client().getHostAddress().equals(RESTRICTED)) {
            return pass(f, Reason.NO_REGISTRATION, f.host());
        }
        if (f.kind() == Kind.OPAQUE) {
            return new Decision.Block(Reason.OPAQUE_CONNECTION, trace, false);
        }
        if (blocked.contains(f.host())) {
            return new Decision.Block(Reason.BLOCKED_DOMAIN, trace, f.kind().canShowPage());
        }
        if (f.host().equals("www.google.com")) {
            return pass(f, Reason.SAFE_SEARCH, "forcesafesearch.google.com");
        }
        return pass(f, Reason.NOT_RESTRICTED_HOST, f.host());
    };

    private final TransparentMetrics metrics = new TransparentMetrics() {
        @Override
        public void forwarded(Kind kind, Route route) {
            events.add("forwarded:" + kind + ":" + route);
        }

        @Override
        public void blocked(Kind kind, boolean blockPage) {
            events.add("blocked:" + kind + ":" + blockPage);
        }
    };

    private static Decision pass(RequestFacts f, Reason reason, String upstream) {
        return f.kind() == Kind.HTTP ? new Decision.Allow(reason, Trace.anonymous(1), upstream, f.port())
                : new Decision.Tunnel(reason, Trace.anonymous(1), upstream, f.port());
    }

    @BeforeAll
    static void origins() throws Exception {
        certificate = TestCertificate.create();
        tlsOne = new LineOrigin("127.0.0.1", 0, "one", certificate.server());
        tlsThree = new LineOrigin("127.0.0.3", tlsOne.port(), "three", certificate.server());
        httpOne = new LineOrigin("127.0.0.1", 0, "one", null);
        httpThree = new LineOrigin("127.0.0.3", httpOne.port(), "three", null);
    }

    @AfterAll
    static void stopOrigins() throws Exception {
        tlsOne.close();
        tlsThree.close();
        httpOne.close();
        httpThree.close();
    }

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.stop();
        }
    }

    private void start(Duration idle, BlockPageTls blockPageTls) {
        HostTable hosts = HostTable.builder()
                .put("allowed.example", "127.0.0.1")
                .put("later.example", "127.0.0.1")
                .put("casino.example", "127.0.0.3")
                .put("www.google.com", "127.0.0.1")
                .put("forcesafesearch.google.com", "127.0.0.3")
                .build();
        TransparentSettings settings = TransparentSettings.on(new InetSocketAddress("127.0.0.1", 0),
                new InetSocketAddress("127.0.0.1", 0))
                .withAllowedDestinations(List.of(Cidr.parse("127.0.0.0/8")))
                .withTimeouts(Duration.ofSeconds(5), idle, Duration.ofSeconds(5));
        OriginalDestination original = ch -> Optional.ofNullable(
                originals.get(((InetSocketAddress) ch.remoteAddress()).getAddress()));
        listener = new TransparentListener(settings, policy, hosts, new BlockPage(), agreements, Clock.systemUTC(),
                metrics, original, blockPageTls);
        addresses = listener.start();
    }

    private void start() {
        start(Duration.ofSeconds(30), null);
    }

    private void original(String client, String originAddress, int port) throws IOException {
        originals.put(InetAddress.getByName(client), new InetSocketAddress(InetAddress.getByName(originAddress),
                port));
    }

    private Socket connect(String client, InetSocketAddress to) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName(client), 0));
        s.connect(to, 5000);
        s.setSoTimeout(5000);
        return s;
    }

    private SSLSocket tls(String client, String sni, SSLContext context) throws IOException {
        Socket raw = connect(client, addresses.tls());
        SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(raw, sni == null ? "127.0.0.1" : sni,
                raw.getPort(), true);
        SSLParameters p = s.getSSLParameters();
        p.setServerNames(sni == null ? List.of() : List.of(new SNIHostName(sni)));
        p.setEndpointIdentificationAlgorithm(sni == null ? null : "HTTPS");
        s.setSSLParameters(p);
        s.startHandshake();
        return s;
    }

    private static String line(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write((text + "\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1))
                .readLine();
    }

    @ParameterizedTest(name = "{0} SNI {1} to {2} -> {3}")
    @CsvSource({
            "127.0.0.2, allowed.example, 127.0.0.1, one, ORIGINAL",
            "127.0.0.2, allowed.example, 127.0.0.3, one, MISMATCH_RESOLVED",
            "127.0.0.5, allowed.example, 127.0.0.3, three, ORIGINAL",
            "127.0.0.5, casino.example, 127.0.0.3, three, ORIGINAL",
            "127.0.0.2, www.google.com, 127.0.0.1, three, REROUTED"})
    void splicesUntouchedToTheRightOrigin(String client, String sni, String originalAddress, String reached,
            Route route) throws Exception {
        start();
        original(client, originalAddress, tlsOne.port());
        try (SSLSocket s = tls(client, sni, certificate.client())) {
            assertThat(s.getSession().getPeerCertificates()[0].getEncoded())
                    .isEqualTo(certificate.certificate().getEncoded());
            String text = "hallo \u00e9\u00e8 " + sni;
            assertThat(line(s, text)).isEqualTo(reached + ":" + text);
        }
        assertThat(events).contains("forwarded:TLS:" + route);
    }

    @Test
    void blockedSniGetsAnAlertAndTheOriginNeverSeesIt() throws Exception {
        start();
        original(RESTRICTED, "127.0.0.3", tlsOne.port());
        int before = tlsThree.accepted.get();
        assertThatThrownBy(() -> tls(RESTRICTED, "casino.example", certificate.client()))
                .isInstanceOf(SSLException.class)
                .hasMessageContaining("unrecognized_name");
        assertThat(tlsThree.accepted.get()).isEqualTo(before);
        assertThat(events).containsExactly("blocked:TLS:false");
    }

    @Test
    void noSniIsRefusedForRestrictedAndSplicedForUnrestricted() throws Exception {
        start();
        original(RESTRICTED, "127.0.0.1", tlsOne.port());
        original(UNRESTRICTED, "127.0.0.1", tlsOne.port());
        assertThatThrownBy(() -> tls(RESTRICTED, null, certificate.client())).isInstanceOf(SSLException.class);
        try (SSLSocket s = tls(UNRESTRICTED, null, certificate.client())) {
            assertThat(line(s, "x")).isEqualTo("one:x");
        }
        assertThat(events).containsExactly("blocked:OPAQUE:false", "forwarded:OPAQUE:ORIGINAL");
    }

    @Test
    void blockPageOverHttpsWithTheLocalCa() throws Exception {
        TestCertificate other = TestCertificate.create();
        BlockPageTls blockPageTls = host -> {
            try {
                return SslContextBuilder.forServer(other.keyManagers()).build();
            } catch (SSLException e) {
                throw new IllegalStateException(e);
            }
        };
        start(Duration.ofSeconds(30), blockPageTls);
        original(RESTRICTED, "127.0.0.3", tlsOne.port());
        try (SSLSocket s = tls(RESTRICTED, "casino.example", other.client())) {
            OutputStream out = s.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: casino.example\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 403").contains("casino.example");
        }
        assertThat(events).containsExactly("blocked:TLS:true");
    }

    @Test
    void recheckClosesATunnelThatBecameBlocked() throws Exception {
        start();
        original(RESTRICTED, "127.0.0.1", tlsOne.port());
        try (SSLSocket s = tls(RESTRICTED, "later.example", certificate.client())) {
            assertThat(line(s, "a")).isEqualTo("one:a");
            assertThat(listener.openTunnels()).isEqualTo(1);
            assertThat(listener.recheckTunnels()).isZero();
            blocked = Set.of("later.example");
            assertThat(listener.recheckTunnels()).isEqualTo(1);
            assertThatThrownBy(() -> {
                String l = line(s, "b");
                if (l == null) {
                    throw new IOException("closed");
                }
            }).isInstanceOf(IOException.class);
        }
    }

    @Test
    void idleTunnelIsClosed() throws Exception {
        start(Duration.ofMillis(300), null);
        original(UNRESTRICTED, "127.0.0.1", tlsOne.port());
        try (SSLSocket s = tls(UNRESTRICTED, "allowed.example", certificate.client())) {
            assertThat(line(s, "a")).isEqualTo("one:a");
            InputStream in = s.getInputStream();
            assertThatThrownBy(() -> {
                if (in.read() < 0) {
                    throw new IOException("closed");
                }
            }).isInstanceOf(IOException.class);
        }
    }

    @Test
    void httpKeepAliveIsDecidedPerRequest() throws Exception {
        start();
        original(RESTRICTED, "127.0.0.1", httpOne.port());
        try (Socket s = connect(RESTRICTED, addresses.http())) {
            assertThat(http(s, "allowed.example")).startsWith("HTTP/1.1 200").endsWith("one");
            assertThat(http(s, "casino.example")).startsWith("HTTP/1.1 403").contains("casino.example");
            assertThat(http(s, "www.google.com")).startsWith("HTTP/1.1 200").endsWith("three");
        }
        assertThat(httpOne.received).anyMatch(h -> h.startsWith("GET /a HTTP/1.1\r\nHost: allowed.example\r\n"));
        assertThat(events).containsExactly("forwarded:HTTP:ORIGINAL", "blocked:HTTP:true",
                "forwarded:HTTP:REROUTED");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"127.0.0.10, true", "127.0.0.30, false", "127.0.0.99, false"})
    void answersThePagesHostOnTheHttpListenerWithoutForwarding(String client, boolean restricted) throws Exception {
        start();
        original(client, "127.0.0.1", httpOne.port());
        int before = httpOne.received.size();
        String response;
        try (Socket s = connect(client, addresses.http())) {
            s.getOutputStream().write("GET /afspraken HTTP/1.1\r\nHost: mijn.vangnet\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(response).startsWith("HTTP/1.1 200").contains("content-type: text/html; charset=utf-8",
                "<title>Mijn afspraken</title>");
        if (restricted) {
            assertThat(response).contains("Deze soorten websites kun je niet openen: gokken en datingsites.",
                    "Deze afspraak duurt tot en met 30 juni 2027.", "Jan de Vries");
        } else {
            assertThat(response).contains(PlainDutch.NO_AGREEMENTS).doesNotContain("<li>");
        }
        assertThat(httpOne.received).hasSize(before);
        assertThat(events).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "GET /a HTTP/1.1\\r\\n\\r\\n",
            "GET /a HTTP/1.1\\r\\nHost: a.example\\r\\nHost: b.example\\r\\n\\r\\n",
            "GET /a HTTP/1.1\\r\\nHost: a.example:99999\\r\\n\\r\\n",
            "GET http://a.example/ HTTP/1.1\\r\\nHost: a.example\\r\\n\\r\\n"})
    void badHttpRequestsGet400(String request) throws Exception {
        start();
        try (Socket s = connect(UNRESTRICTED, addresses.http())) {
            s.getOutputStream().write(request.translateEscapes().getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .startsWith("HTTP/1.1 400");
        }
    }

    /** One keep-alive request for {@code /a} with {@code host}; the response head and body as text. */
    private static String http(Socket s, String host) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(("GET /a HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed in the head: " + head);
            }
            head.append((char) b);
        }
        int length = 0;
        for (String l : head.toString().split("\r\n")) {
            if (l.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(l.substring(15).strip());
            }
        }
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
