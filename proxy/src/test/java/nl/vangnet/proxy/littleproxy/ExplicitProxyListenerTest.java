package nl.vangnet.proxy.littleproxy;

import static nl.vangnet.proxy.littleproxy.FakePolicy.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import nl.vangnet.config.text.PlainDutch;
import nl.vangnet.proxy.ProxySettings;
import nl.vangnet.proxy.decision.Kind;
import nl.vangnet.proxy.decision.ProxyCredentials;
import nl.vangnet.proxy.decision.RequestFacts;
import nl.vangnet.proxy.littleproxy.RawHttp.Response;
import nl.vangnet.proxy.net.Cidr;
import nl.vangnet.proxy.net.HostTable;
import nl.vangnet.proxy.page.AgreementsFixture;
import nl.vangnet.proxy.page.BlockPage;
import nl.vangnet.proxy.page.MyAgreements;
import nl.vangnet.proxy.page.RecordingAgreementsMetrics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real listener on loopback, with real sockets: plain and TLS origins on 127.0.0.1, SafeSearch stand-ins on
 * 127.0.0.3 (same ports), clients bound to 127.0.0.x source addresses, a {@link FakePolicy}, and a host table so that
 * no real name is ever resolved. Clients: 127.0.0.2 and 127.0.0.4 restricted, 127.0.0.5 unrestricted, 127.0.0.6–8
 * for the connection limits.
 */
class ExplicitProxyListenerTest {
    private static final String RESTRICTED = "127.0.0.2";
    private static final String RESTRICTION_ENDS = "127.0.0.4";
    private static final String UNRESTRICTED = "127.0.0.5";
    private static final Instant START = Instant.parse("2025-03-03T09:00:00Z");

    private static TestCertificate certificate;
    private static RawOrigin origin;
    private static RawOrigin safeSearchStandIn;
    private static TlsOrigin tlsOrigin;
    private static TlsOrigin tlsSafeSearchStandIn;

    private final FakePolicy policy = new FakePolicy();
    private final MovableClock clock = new MovableClock(START);
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final RecordingAgreementsMetrics pages = new RecordingAgreementsMetrics();
    private final MyAgreements agreements = AgreementsFixture.agreements(pages);
    private ExplicitProxyListener proxy;
    private InetSocketAddress proxyAddress;

    @BeforeAll
    static void startOrigins() throws Exception {
        certificate = TestCertificate.create();
        origin = new RawOrigin("127.0.0.1", 0, "origin");
        safeSearchStandIn = new RawOrigin("127.0.0.3", origin.port(), "safesearch");
        tlsOrigin = new TlsOrigin("127.0.0.1", 0, "origin", certificate);
        tlsSafeSearchStandIn = new TlsOrigin("127.0.0.3", tlsOrigin.port(), "safesearch", certificate);
    }

    @AfterAll
    static void stopOrigins() throws Exception {
        origin.close();
        safeSearchStandIn.close();
        tlsOrigin.close();
        tlsSafeSearchStandIn.close();
    }

    @AfterEach
    void stopProxy() {
        if (proxy != null) {
            proxy.stop();
        }
    }

    private void startProxy(UnaryOperator<ProxySettings> customise) {
        HostTable hosts = HostTable.builder()
                .put("casino.example", "127.0.0.1")
                .put("unrestricted.example", "127.0.0.1")
                .put("later.example", "127.0.0.1")
                .put("www.google.com", "127.0.0.1")
                .put(FakePolicy.SAFE_SEARCH_HOST, "127.0.0.3")
                .put("intranet.example", "10.1.2.3")
                .put("mixed.example", "127.0.0.1", "192.168.1.1")
                .build();
        ProxySettings settings = customise.apply(ProxySettings.on(new InetSocketAddress("127.0.0.1", 0))
                .withAllowedDestinations(List.of(Cidr.parse("127.0.0.0/8"))));
        proxy = new ExplicitProxyListener(settings, policy, hosts, new BlockPage(), agreements, clock,
                metrics);
        proxyAddress = proxy.start();
    }

    private void startProxy() {
        startProxy(UnaryOperator.identity());
    }

    private static String get(String url, String host, String... extraHeaders) {
        StringBuilder r = new StringBuilder("GET " + url + " HTTP/1.1\r\nHost: " + host + "\r\n");
        for (String h : extraHeaders) {
            r.append(h).append("\r\n");
        }
        return r.append("\r\n").toString();
    }

    private static String connect(String authority) {
        return "CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n";
    }

    /** TLS over an open tunnel, verifying the origin's certificate for {@code host}. */
    private static SSLSocket tls(Socket tunnel, String host) throws IOException {
        SSLSocket s = (SSLSocket) certificate.client().getSocketFactory()
                .createSocket(tunnel, host, tlsOrigin.port(), true);
        SSLParameters p = s.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        p.setServerNames(List.of(new SNIHostName(host)));
        s.setSSLParameters(p);
        s.startHandshake();
        return s;
    }

    private static Response tlsGet(SSLSocket s, String host) throws IOException {
        return RawHttp.exchange(s, get("/", host));
    }

    private RequestFacts lastFactsFor(String host) {
        List<RequestFacts> facts = policy.seenFor(host);
        assertThat(facts).isNotEmpty();
        return facts.get(facts.size() - 1);
    }

    // --- allow -----------------------------------------------------------------------------------------------------

    @Test
    void forwardsAnUnrestrictedRequestUnmodifiedExceptForProxyAuthorization() throws Exception {
        startProxy();
        String authority = "unrestricted.example:" + origin.port();
        try (Socket s = RawHttp.connect(UNRESTRICTED, proxyAddress)) {
            Response r = RawHttp.exchange(s, get("http://" + authority + "/hallo?x=1&y=%20z", authority,
                    "User-Agent: test/1.0", "X-Custom: a, b", "Proxy-Authorization: Basic dGFibGV0LTc6Z2VoZWlt",
                    "Accept: */*"));

            assertThat(r.raw()).isEqualTo(origin.response());
        }
        assertThat(origin.requests()).contains("GET /hallo?x=1&y=%20z HTTP/1.1\r\nHost: " + authority
                + "\r\nUser-Agent: test/1.0\r\nX-Custom: a, b\r\nAccept: */*\r\n\r\n");

        RequestFacts facts = lastFactsFor("unrestricted.example");
        assertThat(facts).isEqualTo(new RequestFacts(address(UNRESTRICTED), new ProxyCredentials("tablet-7", "geheim"),
                "unrestricted.example", origin.port(), Kind.HTTP, "/hallo?x=1&y=%20z", START));
        assertThat(metrics.count("forwarded:HTTP")).isEqualTo(1);
    }

    @Test
    void forwardsARequestBodyUnmodified() throws Exception {
        startProxy();
        String authority = "unrestricted.example:" + origin.port();
        String body = "naam=Zo%C3%AB&bericht=hallo+daar";
        try (Socket s = RawHttp.connect(UNRESTRICTED, proxyAddress)) {
            Response r = RawHttp.exchange(s, "POST http://" + authority + "/formulier HTTP/1.1\r\nHost: " + authority
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
                    + "\r\n\r\n" + body);
            assertThat(r.status()).isEqualTo(200);
        }
        assertThat(origin.requests()).contains("POST /formulier HTTP/1.1\r\nHost: " + authority
                + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
                + "\r\n\r\n" + body);
    }

    @Test
    void passesTheRequestThroughWhenThePolicyFails() throws Exception {
        startProxy();
        proxy.stop();
        proxy = new ExplicitProxyListener(ProxySettings.on(new InetSocketAddress("127.0.0.1", 0))
                .withAllowedDestinations(List.of(Cidr.parse("127.0.0.0/8"))), facts -> {
                    throw new IllegalStateException("bug for " + facts.host());
                }, HostTable.builder().put("unrestricted.example", "127.0.0.1").build(), new BlockPage(), agreements, clock,
                metrics);
        proxyAddress = proxy.start();
        String authority = "unrestricted.example:" + origin.port();
        try (Socket s = RawHttp.connect(RESTRICTED, proxyAddress)) {
            assertThat(RawHttp.exchange(s, get("http://" + authority + "/default-open", authority)).status())
                    .isEqualTo(200);
        }
        assertThat(metrics.count("policyFailed")).isEqualTo(1);
    }

    @Test
    void tunnelsAnUnrestrictedConnectAndTheOriginCertificateVerifies() throws Exception {
        startProxy();
        String authority = "unrestricted.example:" + tlsOrigin.port();
        try (Socket s = RawHttp.connect(UNRESTRICTED, proxyAddress)) {
            Response established = RawHttp.exchange(s, connect(authority));
            assertThat(established.status()).isEqualTo(200);

            try (SSLSocket tls = tls(s, "unrestricted.example")) {
                Response r = tlsGet(tls, "unrestricted.example");
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.text()).isEqualTo(tlsOrigin.body());
                assertThat(proxy.openTunnels()).as("an unrestricted client's tunnel is not registered").isZero();
            }
        }
        RequestFacts facts = lastFactsFor("unrestricted.example");
        assertThat(facts).isEqualTo(new RequestFacts(address(UNRESTRICTED), null, "unrestricted.example",
                tlsOrigin.port(), Kind.CONNECT, null, START));
    }

    @Test
    void decidesEveryRequestOfAKeepAliveConnection() throws Exception {
        startProxy();
        String allowed = "unrestricted.example:" + origin.port();
        String blocked = "casino.example:" + origin.port();
        try (Socket s = RawHttp.connect(RESTRICTED, proxyAddress)) {
            assertThat(RawHttp.exchange(s, get("http://" + allowed + "/een", allowed)).status()).isEqualTo(200);
            clock.advance(Duration.ofMinutes(1));
            assertThat(RawHttp.exchange(s, get("http://" + blocked + "/twee", blocked)).status()).isEqualTo(403);
            assertThat(RawHttp.closedByPeer(s)).isTrue();
        }
        assertThat(lastFactsFor("unrestricted.example").at()).isEqualTo(START);
        assertThat(lastFactsFor("casino.example").at()).isEqualTo(START.plus(Duration.ofMinutes(1)));
    }

    // --- block -----------------------------------------------------------------------------------------------------

    @Test
    void answersABlockedHttpRequestWithTheBlockPage() throws Exception {
        startProxy();
        String authority = "casino.example:" + origin.port();
        Response r;
        try (Socket s = RawHttp.connect(RESTRICTED, proxyAddress)) {
            r = RawHttp.exchange(s, get("http://" + authority + "/spel", authority));
            assertThat(RawHttp.closedByPeer(s)).isTrue();
        }

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(r.header("Content-Length")).isEqualTo(String.valueOf(r.body().length));
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        assertThat(r.header("Connection")).isEqualTo("close");
        assertThat(r.headers()).doesNotContainKey("via");
        assertThat(r.text()).contains("Deze website is nu niet beschikbaar.", "Vraag het je begeleider.",
                "<strong>casino.example</strong>");
        assertThat(r.body()).isEqualTo(new BlockPage().render("casino.example"));
        assertThat(origin.requests()).noneMatch(q -> q.contains("/spel"));
        assertThat(lastFactsFor("casino.example").path()).isEqualTo("/spel");
        assertThat(metrics.count("blocked:HTTP")).isEqualTo(1);

        try (Socket s = RawHttp.connect(RESTRICTED, proxyAddress)) {
            Response head = RawHttp.exchange(s, get("http://" + authority + "/spel", authority)
                    .replaceFirst("GET", "HEAD"));
            assertThat(head.status()).isEqualTo(403);
            assertThat(head.header("Content-Length")).isEqualTo(r.header("Content-Length"));
            assertThat(RawHttp.closedByPeer(s)).isTrue();
        }
    }

    @Test
    void answersABlockWithoutPageWithAShort403() throws Exception {
        startProxy();
        try (Socket s = RawHttp.connect(RESTRICTED, proxyAddress)) {
            Response r = RawHttp.exchange(s, get("http://nopage.example/", "nopage.example"));

            assertThat(r.status()).isEqualTo(403);
            assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
            assertThat(r.header("Cache-Control")).isEqualTo("no-store");
            assertThat(r.text()).isEqualTo("Deze website is nu niet beschikbaar.\n");
            assertThat(RawHttp.closedByPeer(s)).isTrue();
        }
    }

    @Test
    void refusesABlockedConnectWith403AndNoTunnel() throws Exception {
        startProxy();
        try (Socket s = RawHttp.connect(RESTRICTED, proxyAddress)) {
            Response r = RawHttp.exchange(s, connect("casino.example:" + tlsOrigin.port()));

            assertThat(r.status()).isEqualTo(403);
            assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
            assertThat(r.header("Content-Length")).isEqualTo(String.valueOf(r.body().length));
            assertThat(r.header("Cache-Control")).isEqualTo("no-store");
            assertThat(r.text()).isEqualTo("Deze website is nu niet beschikbaar.\n");
            assertThat(RawHttp.closedByPeer(s)).isTrue();
        }
        assertThat(lastFactsFor("casino.example").kind()).isEqualTo(Kind.CONNECT);
        assertThat(proxy.openTunnels()).isZero();
        assertThat(metrics.count("blocked:CONNECT")).isEqualTo(1);
    }

    // --- SafeSearch ------------------------------------------------------------------------------------------------

    @Test
    void reroutesSafeSearchForHttpKeepingTheHostHeader() throws Exception {
        startProxy();
        String authority = "www.google.com:" + origin.port();
        try (Socket s = RawHttp.connect(RESTRICTED, proxyAddress)) {
            Response r = RawHttp.exchange(s, get("http://" + authority + "/search?q=kat", authority));

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).isEqualTo(safeSearchStandIn.body());
        }
        assertThat(safeSearchStandIn.requests())
                .anyMatch(q -> q.startsWith("GET /search?q=kat HTTP/1.1\r\nHost: " + authority + "\r\n"));
        assertThat(origin.requests()).noneMatch(q -> q.contains("/search?q=kat"));
        assertThat(metrics.count("forwarded:HTTP:rerouted")).isEqualTo(1);
    }

    @Test
    void reroutesSafeSearchForConnectWithoutDecrypting() throws Exception {
        startProxy();
        try (Socket s = RawHttp.connect(RESTRICTED, proxyAddress)) {
            assertThat(RawHttp.exchange(s, connect("www.google.com:" + tlsOrigin.port())).status()).isEqualTo(200);
            try (SSLSocket tls = tls(s, "www.google.com")) {
                assertThat(tlsGet(tls, "www.google.com").text()).isEqualTo(tlsSafeSearchStandIn.body());
                assertThat(proxy.openTunnels()).as("a restricted client's tunnel is registered").isEqualTo(1);
            }
        }
        assertThat(metrics.count("forwarded:CONNECT:rerouted")).isEqualTo(1);
    }

    // --- destination safety ----------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} {1} → {2} {3}")
    @CsvSource({
            "GET, http://intranet.example/, 403, PRIVATE",
            "GET, http://10.1.2.3/, 403, PRIVATE",
            "GET, http://169.254.169.254/latest/meta-data/, 403, LINK_LOCAL",
            "GET, http://192.168.1.1/, 403, PRIVATE",
            "GET, http://100.64.1.1/, 403, CGNAT",
            "GET, http://224.0.0.1/, 403, MULTICAST",
            "GET, http://mixed.example:{origin}/, 403, PRIVATE",
            "GET, http://[::1]:{origin}/, 403, LOOPBACK",
            "GET, http://127.0.0.1:{proxy}/, 403, OWN_LISTENER",
            "GET, http://127.0.0.7:{proxy}/proxy.pac, 403, OWN_LISTENER",
            "CONNECT, 127.0.0.1:{proxy}, 403, OWN_LISTENER",
            "CONNECT, intranet.example:443, 403, PRIVATE",
            "CONNECT, 10.1.2.3:443, 403, PRIVATE",
            "CONNECT, [fd00::1]:443, 403, PRIVATE",
            "GET, http://nowhere.example/, 502, UNRESOLVABLE",
            "CONNECT, nowhere.example:443, 502, UNRESOLVABLE",
            "GET, http://127.0.0.1:{origin}/literal, 200, ''"
    })
    void refusesInsideDestinations(String method, String target, int status, String refusal) throws Exception {
        startProxy();
        String t = target.replace("{proxy}", String.valueOf(proxyAddress.getPort()))
                .replace("{origin}", String.valueOf(origin.port()));
        String request = method.equals("CONNECT") ? connect(t) : get(t, "x.example");
        try (Socket s = RawHttp.connect(UNRESTRICTED, proxyAddress)) {
            Response r = RawHttp.exchange(s, request);

            assertThat(r.status()).isEqualTo(status);
            if (status == 403) {
                assertThat(r.text()).isEqualTo("Dit adres is via deze proxy niet bereikbaar.\n");
                assertThat(RawHttp.closedByPeer(s)).isTrue();
            }
        }
        if (status == 200) {
            assertThat(metrics.count("forwarded:HTTP")).isEqualTo(1);
        } else {
            assertThat(metrics.count("refused:" + refusal)).isEqualTo(1);
            assertThat(metrics.count("forwarded:" + method)).isZero();
        }
    }

    // --- limits ----------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"line", "headers"})
    void refusesOversizedRequestsWith400AndCloses(String what) throws Exception {
        startProxy(s -> s.withRequestLimits(1024, 2048));
        String authority = "unrestricted.example:" + origin.port();
        String request = what.equals("line")
                ? get("http://" + authority + "/" + "a".repeat(1100), authority)
                : get("http://" + authority + "/big", authority, "X-Big: " + "b".repeat(2100));
        try (Socket s = RawHttp.connect(UNRESTRICTED, proxyAddress)) {
            Response r = RawHttp.exchange(s, request);

            assertThat(r.status()).isEqualTo(400);
            assertThat(RawHttp.closedByPeer(s)).isTrue();
        }
        assertThat(policy.seen).isEmpty();
    }

    @Test
    void acceptsRequestsJustWithinTheLimits() throws Exception {
        startProxy(s -> s.withRequestLimits(1024, 2048));
        String authority = "unrestricted.example:" + origin.port();
        try (Socket s = RawHttp.connect(UNRESTRICTED, proxyAddress)) {
            assertThat(RawHttp.exchange(s, get("http://" + authority + "/" + "a".repeat(900), authority, "X-Big: "
                    + "b".repeat(1800))).status()).isEqualTo(200);
        }
    }

    @Test
    void limitsConnectionsPerClientAndInTotal() throws Exception {
        startProxy(s -> s.withConnectionLimits(2, 3));
        String authority = "unrestricted.example:" + origin.port();
        String request = get("http://" + authority + "/limit", authority);
        Socket a1 = RawHttp.connect("127.0.0.6", proxyAddress);
        try (Socket a2 = RawHttp.connect("127.0.0.6", proxyAddress)) {
            assertThat(RawHttp.exchange(a1, request).status()).isEqualTo(200);
            assertThat(RawHttp.exchange(a2, request).status()).isEqualTo(200);

            try (Socket a3 = RawHttp.connect("127.0.0.6", proxyAddress)) {
                Response r = RawHttp.exchange(a3, request);
                assertThat(r.status()).isEqualTo(429);
                assertThat(r.header("Connection")).isEqualTo("close");
                assertThat(r.header("Retry-After")).isEqualTo("10");
                assertThat(r.text()).isEqualTo("Te veel verbindingen tegelijk. Probeer het zo opnieuw.\n");
                assertThat(RawHttp.closedByPeer(a3)).isTrue();
                assertThat(metrics.count("rejected:CLIENT_CONNECTION_LIMIT")).isEqualTo(1);
            }
            try (Socket b = RawHttp.connect("127.0.0.7", proxyAddress)) {
                assertThat(RawHttp.exchange(b, request).status()).isEqualTo(200);
                try (Socket c = RawHttp.connect("127.0.0.8", proxyAddress)) {
                    Response r = RawHttp.exchange(c, request);
                    assertThat(r.status()).isEqualTo(503);
                    assertThat(r.text()).isEqualTo("De proxy is nu te druk. Probeer het zo opnieuw.\n");
                    assertThat(RawHttp.closedByPeer(c)).isTrue();
                    assertThat(metrics.count("rejected:TOTAL_CONNECTION_LIMIT")).isEqualTo(1);
                }
            }
            a1.close();
            awaitOpenConnections(1);
            try (Socket again = RawHttp.connect("127.0.0.6", proxyAddress)) {
                assertThat(RawHttp.exchange(again, request).status()).isEqualTo(200);
            }
        } finally {
            a1.close();
        }
    }

    private void awaitOpenConnections(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (proxy.openConnections() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(proxy.openConnections()).isEqualTo(expected);
    }

    // --- smuggling -------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
            "Content-Length: 5\r\nTransfer-Encoding: chunked",
            "Transfer-Encoding: chunked\r\nContent-Length: 5",
            "Content-Length: 5\r\nContent-Length: 5",
            "Content-Length: 5, 5",
            "Content-Length: 5\r\nContent-Length: 40",
            "Transfer-Encoding: chunked, gzip",
            "Transfer-Encoding: gzip"
    })
    void refusesRequestsThatCouldSmuggleWith400AndCloses(String framing) throws Exception {
        startProxy();
        String authority = "unrestricted.example:" + origin.port();
        String smuggled = "GET /smuggled HTTP/1.1\r\nHost: " + authority + "\r\n\r\n";
        String request = "POST http://" + authority + "/upload HTTP/1.1\r\nHost: " + authority + "\r\n" + framing
                + "\r\n\r\n0\r\n\r\n" + smuggled;
        int before = origin.requests().size();
        try (Socket s = RawHttp.connect(UNRESTRICTED, proxyAddress)) {
            Response r = RawHttp.exchange(s, request);

            assertThat(r.status()).isEqualTo(400);
            assertThat(RawHttp.closedByPeer(s)).isTrue();
        }
        assertThat(origin.requests()).hasSize(before);
        assertThat(policy.seen).isEmpty();
    }

    @Test
    void refusesSeveralHostHeadersWith400() throws Exception {
        startProxy();
        String authority = "unrestricted.example:" + origin.port();
        try (Socket s = RawHttp.connect(UNRESTRICTED, proxyAddress)) {
            Response r = RawHttp.exchange(s, get("http://" + authority + "/", authority, "Host: casino.example"));
            assertThat(r.status()).isEqualTo(400);
            assertThat(RawHttp.closedByPeer(s)).isTrue();
        }
    }

    @Test
    void sendsTheRequestTargetAsHostEvenWhenTheClientClaimsAnother() throws Exception {
        startProxy();
        String authority = "unrestricted.example:" + origin.port();
        try (Socket s = RawHttp.connect(RESTRICTED, proxyAddress)) {
            assertThat(RawHttp.exchange(s, get("http://" + authority + "/fronting", "casino.example")).status())
                    .isEqualTo(200);
        }
        assertThat(origin.requests()).anyMatch(q -> q.startsWith("GET /fronting HTTP/1.1\r\n")
                && q.contains("\r\nHost: " + authority + "\r\n") && !q.contains("casino.example"));
    }

    // --- proxy authorization ---------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"Basic %%%", "Bearer abc", "Basic dGFibGV0LTc="})
    void malformedProxyAuthorizationMeansNoCredentialsAndIsStillStripped(String header) throws Exception {
        startProxy();
        String authority = "unrestricted.example:" + origin.port();
        try (Socket s = RawHttp.connect(UNRESTRICTED, proxyAddress)) {
            assertThat(RawHttp.exchange(s, get("http://" + authority + "/auth", authority,
                    "Proxy-Authorization: " + header)).status()).isEqualTo(200);
        }
        assertThat(lastFactsFor("unrestricted.example").credentials()).isNull();
        assertThat(origin.requests()).filteredOn(q -> q.startsWith("GET /auth "))
                .isNotEmpty().allMatch(q -> !q.toLowerCase().contains("proxy-authorization"));
    }

    @Test
    void readsCredentialsOnConnect() throws Exception {
        startProxy();
        try (Socket s = RawHttp.connect(UNRESTRICTED, proxyAddress)) {
            String authority = "unrestricted.example:" + tlsOrigin.port();
            RawHttp.exchange(s, "CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority
                    + "\r\nProxy-Authorization: Basic dGFibGV0LTc6Z2VoZWlt\r\n\r\n");
        }
        assertThat(lastFactsFor("unrestricted.example").credentials())
                .isEqualTo(new ProxyCredentials("tablet-7", "geheim"));
    }

    // --- PAC -------------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"/proxy.pac", "/wpad.dat", "/wpad.dat?v=2"})
    void servesThePacFileWithoutConsultingThePolicy(String path) throws Exception {
        startProxy();
        try (Socket s = RawHttp.connect(UNRESTRICTED, proxyAddress)) {
            Response r = RawHttp.exchange(s, get(path, "127.0.0.1:" + proxyAddress.getPort()));

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Content-Type")).isEqualTo("application/x-ns-proxy-autoconfig");
            assertThat(r.header("Content-Length")).isEqualTo(String.valueOf(r.body().length));
            assertThat(r.text()).contains("function FindProxyForURL(url, host)",
                    "return \"PROXY 127.0.0.1:" + proxyAddress.getPort() + "; DIRECT\";");
        }
        try (Socket s = RawHttp.connect(UNRESTRICTED, proxyAddress)) {
            Response head = RawHttp.exchange(s, "HEAD " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
        }
        assertThat(policy.seen).isEmpty();
        assertThat(metrics.count("pac")).isEqualTo(2);
    }

    @Test
    void advertisesTheConfiguredAddressInThePacFile() throws Exception {
        startProxy(s -> s.withAdvertised(InetSocketAddress.createUnresolved("proxy.zorg.example", 0)));
        try (Socket s = RawHttp.connect(UNRESTRICTED, proxyAddress)) {
            Response r = RawHttp.exchange(s, get("/proxy.pac", "proxy.zorg.example"));
            assertThat(r.text()).contains("\"PROXY proxy.zorg.example:" + proxyAddress.getPort() + "; DIRECT\"");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /", "GET /index.html", "POST /proxy.pac", "GET *", "GET https://casino.example/",
            "OPTIONS *"})
    void answersOtherNonProxyRequestsWith400(String requestLine) throws Exception {
        startProxy();
        try (Socket s = RawHttp.connect(UNRESTRICTED, proxyAddress)) {
            Response r = RawHttp.exchange(s, requestLine + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
            assertThat(r.status()).isEqualTo(400);
            assertThat(RawHttp.closedByPeer(s)).isTrue();
        }
        assertThat(policy.seen).isEmpty();
    }

    // --- "Mijn afspraken" -------------------------------------------------------------------------------------------

    /** The restricted client's sentences that do not depend on the day (this test's clock is in 2025). */
    private static final List<String> AGREED = AgreementsFixture.RESTRICTED_SENTENCES.stream()
            .filter(line -> !line.startsWith("Over ")).toList();

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "127.0.0.10 | GET /afspraken HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\n\\r\\n | RESTRICTED",
            "127.0.0.10 | GET http://mijn.vangnet/afspraken HTTP/1.1\\r\\nHost: mijn.vangnet\\r\\n\\r\\n | RESTRICTED",
            "127.0.0.10 | GET http://MIJN.Vangnet./?x=1 HTTP/1.1\\r\\nHost: mijn.vangnet\\r\\n\\r\\n | RESTRICTED",
            "127.0.0.10 | GET / HTTP/1.1\\r\\nHost: mijn.vangnet:3128\\r\\n\\r\\n | RESTRICTED",
            "127.0.0.99 | GET http://mijn.vangnet/ HTTP/1.1\\r\\nHost: mijn.vangnet\\r\\nProxy-Authorization: Basic dGFibGV0LTE6Z2VoZWltLTE=\\r\\n\\r\\n | RESTRICTED",
            "127.0.0.30 | GET http://mijn.vangnet/afspraken HTTP/1.1\\r\\nHost: mijn.vangnet\\r\\n\\r\\n | UNRESTRICTED",
            "127.0.0.40 | GET /afspraken HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\n\\r\\n | UNRESTRICTED",
            "127.0.0.99 | GET http://mijn.vangnet/afspraken HTTP/1.1\\r\\nHost: mijn.vangnet\\r\\n\\r\\n | UNRESTRICTED",
            "127.0.0.5  | GET /afspraken HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\n\\r\\n | UNRESTRICTED"})
    void servesTheAgreementsPageItselfWithoutDecidingOrForwarding(String client, String request, String outcome)
            throws Exception {
        startProxy();
        int before = origin.requests().size();
        Response r;
        try (Socket s = RawHttp.connect(client, proxyAddress)) {
            r = RawHttp.exchange(s, request.translateEscapes());
            assertThat(RawHttp.closedByPeer(s)).isTrue();
        }

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(r.header("Content-Length")).isEqualTo(String.valueOf(r.body().length));
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        if (outcome.equals("RESTRICTED")) {
            assertThat(r.text()).contains(AGREED);
        } else {
            assertThat(r.text()).contains(PlainDutch.NO_AGREEMENTS).doesNotContain("<li>", "Jan de Vries");
        }
        assertThat(pages.served()).extracting(Enum::name).containsExactly(outcome);
        assertThat(policy.seen).as("never decided").isEmpty();
        assertThat(origin.requests()).as("never forwarded").hasSize(before);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "GET http://mijn.vangnet/favicon.ico HTTP/1.1\\r\\nHost: mijn.vangnet\\r\\n\\r\\n | 404",
            "POST http://mijn.vangnet/afspraken HTTP/1.1\\r\\nHost: mijn.vangnet\\r\\nContent-Length: 0\\r\\n\\r\\n | 405",
            "CONNECT mijn.vangnet:443 HTTP/1.1\\r\\nHost: mijn.vangnet:443\\r\\n\\r\\n | 403",
            "POST /afspraken HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nContent-Length: 0\\r\\n\\r\\n | 400"})
    void answersOtherRequestsForThePagesItself(String request, int status) throws Exception {
        startProxy();
        try (Socket s = RawHttp.connect(RESTRICTED, proxyAddress)) {
            Response r = RawHttp.exchange(s, request.translateEscapes());
            assertThat(r.status()).isEqualTo(status);
            if (status == 405) {
                assertThat(r.header("Allow")).isEqualTo("GET, HEAD");
            }
        }
        assertThat(policy.seen).isEmpty();
        assertThat(pages.served()).isEmpty();
    }

    @Test
    void theBlockPageLinksToTheAgreementsPage() throws Exception {
        startProxy();
        String authority = "casino.example:" + origin.port();
        try (Socket s = RawHttp.connect(RESTRICTED, proxyAddress)) {
            Response r = RawHttp.exchange(s, get("http://" + authority + "/", authority));
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.text()).contains("<a href=\"http://mijn.vangnet/afspraken\">Waarom? Bekijk je afspraken</a>");
        }
    }

    // --- open tunnels ----------------------------------------------------------------------------------------------

    @Test
    void recheckClosesOnlyRestrictedTunnelsThatAreNowBlocked() throws Exception {
        startProxy();
        String authority = "later.example:" + tlsOrigin.port();
        try (Socket restricted = RawHttp.connect(RESTRICTED, proxyAddress);
                Socket ending = RawHttp.connect(RESTRICTION_ENDS, proxyAddress);
                Socket unrestricted = RawHttp.connect(UNRESTRICTED, proxyAddress)) {
            SSLSocket[] tls = new SSLSocket[3];
            Socket[] sockets = {restricted, ending, unrestricted};
            for (int i = 0; i < 3; i++) {
                assertThat(RawHttp.exchange(sockets[i], connect(authority)).status()).isEqualTo(200);
                tls[i] = tls(sockets[i], "later.example");
                assertThat(tlsGet(tls[i], "later.example").status()).isEqualTo(200);
            }
            assertThat(proxy.openTunnels()).isEqualTo(2);
            assertThat(proxy.recheckTunnels()).isZero();

            policy.blocked = Set.of("casino.example", "later.example");
            policy.ended = Set.of(address(RESTRICTION_ENDS));
            clock.advance(Duration.ofMinutes(5));
            int before = policy.seen.size();

            assertThat(proxy.recheckTunnels()).isEqualTo(1);

            assertThat(policy.seen.subList(before, policy.seen.size())).hasSize(2)
                    .allMatch(f -> f.at().equals(START.plus(Duration.ofMinutes(5))) && f.kind() == Kind.CONNECT
                            && f.host().equals("later.example"));
            assertThat(endOfStream(tls[0])).isTrue();
            assertThat(tlsGet(tls[1], "later.example").text()).isEqualTo(tlsOrigin.body());
            assertThat(tlsGet(tls[2], "later.example").text()).isEqualTo(tlsOrigin.body());
            assertThat(proxy.openTunnels()).isEqualTo(1);
            assertThat(metrics.count("tunnelsClosed")).isEqualTo(1);
        }
    }

    private static boolean endOfStream(SSLSocket s) {
        try {
            InputStream in = s.getInputStream();
            return in.read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    // --- lifecycle -------------------------------------------------------------------------------------------------

    @Test
    void stopIsIdempotentAndReleasesThePort() throws Exception {
        startProxy();
        proxy.stop();
        proxy.stop();
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(proxyAddress);
            assertThat(socket.isBound()).isTrue();
        }
        assertThat(proxy.openConnections()).isZero();
    }

    @Test
    void saysClearlyWhenTheAddressIsInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            ExplicitProxyListener second = new ExplicitProxyListener(
                    ProxySettings.on(new InetSocketAddress("127.0.0.1", taken.getLocalPort())), policy,
                    HostTable.builder().build(), new BlockPage(), agreements, clock, metrics);

            assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("the proxy cannot listen on /127.0.0.1:" + taken.getLocalPort());
            second.stop();
        }
    }
}
