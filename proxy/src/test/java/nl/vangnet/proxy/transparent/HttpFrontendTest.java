package nl.vangnet.proxy.transparent;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultChannelId;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import nl.vangnet.proxy.TrafficMetrics;
import nl.vangnet.proxy.decision.Decision;
import nl.vangnet.proxy.decision.Kind;
import nl.vangnet.proxy.decision.Policy;
import nl.vangnet.proxy.decision.Reason;
import nl.vangnet.proxy.decision.RequestFacts;
import nl.vangnet.proxy.decision.Trace;
import nl.vangnet.proxy.net.DestinationGuard;
import nl.vangnet.proxy.net.HostTable;
import nl.vangnet.proxy.net.Refusal;
import nl.vangnet.proxy.netty.ConnectionCounter;
import nl.vangnet.proxy.netty.Responses;
import nl.vangnet.proxy.netty.TunnelRegistry;
import nl.vangnet.proxy.netty.UpstreamTraffic;
import nl.vangnet.config.text.PlainDutch;
import nl.vangnet.proxy.page.AgreementsFixture;
import nl.vangnet.proxy.page.AgreementsMetrics.Outcome;
import nl.vangnet.proxy.page.BlockPage;
import nl.vangnet.proxy.page.MyAgreements;
import nl.vangnet.proxy.page.RecordingAgreementsMetrics;
import nl.vangnet.proxy.transparent.TransparentMetrics.Rejection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The transparent HTTP frontend in an {@link EmbeddedChannel} with the listener's pipeline (server codec, flow
 * control, frontend, auto-read off): every path that answers without an upstream connection — 400s, the block page
 * with keep-alive, destination refusals, connection limits, and the facts the policy is asked about. No sockets, no
 * name resolution (a host table).
 */
class HttpFrontendTest {
    private static final String CLIENT = "127.0.0.2";
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 8080);
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    private final List<RequestFacts> asked = new CopyOnWriteArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    /** Outcomes of timed requests, with a non-negative duration. */
    private final List<TrafficMetrics.Outcome> timed = new CopyOnWriteArrayList<>();
    private final TrafficMetrics traffic = new TrafficMetrics() {
        @Override
        public void requestCompleted(Outcome outcome, long nanos) {
            assertThat(nanos).isNotNegative();
            timed.add(outcome);
        }
    };
    private final List<EmbeddedChannel> channels = new ArrayList<>();
    private Map<String, InetSocketAddress> originals = Map.of();
    private ConnectionCounter counter = new ConnectionCounter(256, 4096);
    private TransparentSettings settings = TransparentSettings.on(LOCAL, null);
    private boolean policyFails;
    private Instant now = NOW;
    private final RecordingAgreementsMetrics pages = new RecordingAgreementsMetrics();
    private final MyAgreements agreements = AgreementsFixture.agreements(pages);

    /** Blocks casino.example; everything else is allowed (for a restricted client). */
    private final Policy policy = f -> {
        asked.add(f);
        if (policyFails) {
            throw new IllegalStateException("policy bug");
        }
        Trace trace = Trace.anonymous(1);
        if (f.host().equalsIgnoreCase("casino.example")) {
            return new Decision.Block(Reason.BLOCKED_DOMAIN, trace, true);
        }
        return new Decision.Allow(Reason.NOT_RESTRICTED_HOST, trace, f.host(), f.port());
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

        @Override
        public void destinationRefused(Refusal refusal) {
            events.add("refused:" + refusal);
        }

        @Override
        public void rejected(Rejection rejection) {
            events.add("rejected:" + rejection);
        }

        @Override
        public void policyFailed() {
            events.add("policyFailed");
        }

        @Override
        public TrafficMetrics httpTraffic() {
            return traffic;
        }
    };

    /** An embedded client connection with socket addresses, registered after the addresses are set. */
    private static final class Connection extends EmbeddedChannel {
        private InetSocketAddress remote;

        Connection() {
            super(DefaultChannelId.newInstance(), false, false);
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return remote;
        }

        @Override
        protected SocketAddress localAddress0() {
            return LOCAL;
        }
    }

    @AfterEach
    void close() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    private EmbeddedChannel open(String client) throws Exception {
        HostTable hosts = HostTable.builder()
                .put("allowed.example", "127.0.0.1")
                .put("inside.example", "10.1.2.3")
                .put("casino.example", "127.0.0.3")
                .build();
        ListenerContext context = new ListenerContext(settings, policy,
                new Destinations(new DestinationGuard(hosts, List.of(), java.util.Set.of())), new BlockPage(),
                agreements, null, Clock.fixed(now, ZoneOffset.UTC), metrics,
                ch -> Optional.ofNullable(originals.get(
                        ((InetSocketAddress) ch.remoteAddress()).getAddress().getHostAddress())),
                new TunnelRegistry(), counter, new Transport(false),
                new DefaultChannelGroup(GlobalEventExecutor.INSTANCE), new AtomicLong(), metrics.httpTraffic(),
                new UpstreamTraffic(metrics.httpTraffic()), new UpstreamTraffic(metrics.tlsTraffic()));
        Connection ch = new Connection();
        ch.remote = new InetSocketAddress(client, 40000 + channels.size());
        ch.config().setAutoRead(false);
        ch.pipeline().addLast(new HttpServerCodec(settings.maxRequestLineLength(), settings.maxHeaderSize(), 8192),
                new FlowControlHandler(), new HttpFrontend(context));
        ch.register();
        ch.runPendingTasks();
        channels.add(ch);
        return ch;
    }

    private static void send(EmbeddedChannel ch, String request) {
        ch.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.ISO_8859_1));
        ch.runPendingTasks();
    }

    /** Decodes what the frontend wrote, as answers to requests with {@code methods}, in order. */
    private static List<FullHttpResponse> responses(EmbeddedChannel ch, HttpMethod... methods) {
        EmbeddedChannel decoder = new EmbeddedChannel(new HttpClientCodec(), new HttpObjectAggregator(1 << 20));
        for (HttpMethod method : methods) {
            decoder.writeOutbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, "/"));
        }
        decoder.releaseOutbound();
        for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
            decoder.writeInbound(b);
        }
        List<FullHttpResponse> result = new ArrayList<>();
        for (Object o; (o = decoder.readInbound()) != null; ) {
            result.add((FullHttpResponse) o);
        }
        decoder.finishAndReleaseAll();
        return result;
    }

    private static FullHttpResponse only(EmbeddedChannel ch, HttpMethod method) {
        List<FullHttpResponse> all = responses(ch, method);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private static String body(FullHttpResponse r) {
        String s = r.content().toString(StandardCharsets.UTF_8);
        r.release();
        return s;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "GET / HTTP/1.1\r\n\r\n",
            "GET / HTTP/1.0\r\n\r\n",
            "GET / HTTP/1.1\r\nHost:\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: \r\n\r\n",
            "GET / HTTP/1.1\r\nHost: allowed.example\r\nHost: allowed.example\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: allowed.example\r\nHost: casino.example\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: allowed.example:0\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: allowed.example:65536\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: allowed.example:http\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: user@allowed.example\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: allowed.example/x\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: ::1\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: [::1\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: b\u00fccher.example\r\n\r\n",
            "GET http://allowed.example/ HTTP/1.1\r\nHost: allowed.example\r\n\r\n",
            "GET http://casino.example/ HTTP/1.1\r\nHost: allowed.example\r\n\r\n",
            "CONNECT allowed.example:443 HTTP/1.1\r\nHost: allowed.example:443\r\n\r\n",
            "OPTIONS * HTTP/1.1\r\nHost: allowed.example\r\n\r\n",
            "GET allowed.example/ HTTP/1.1\r\nHost: allowed.example\r\n\r\n",
            "GET / HTTP/1.1\r\nHost allowed.example\r\n\r\n",
            "GET / HTTP/1.1\r\nHost : allowed.example\r\n\r\n"})
    void badOrMissingHostOrNonOriginFormIs400AndClose(String request) throws Exception {
        EmbeddedChannel ch = open(CLIENT);
        send(ch, request);
        FullHttpResponse r = only(ch, HttpMethod.GET);
        assertThat(r.status().code()).isEqualTo(400);
        assertThat(r.headers().get(HttpHeaderNames.CONNECTION)).isEqualToIgnoringCase("close");
        assertThat(body(r)).isEqualTo(Responses.BAD_REQUEST_TEXT);
        assertThat(ch.isOpen()).isFalse();
        assertThat(asked).isEmpty();
        assertThat(events).containsExactly("rejected:BAD_REQUEST");
    }

    @Test
    void headBadRequestHasNoBody() throws Exception {
        EmbeddedChannel ch = open(CLIENT);
        send(ch, "HEAD / HTTP/1.1\r\n\r\n");
        FullHttpResponse r = only(ch, HttpMethod.HEAD);
        assertThat(r.status().code()).isEqualTo(400);
        assertThat(r.headers().getInt(HttpHeaderNames.CONTENT_LENGTH))
                .isEqualTo(Responses.BAD_REQUEST_TEXT.getBytes(StandardCharsets.UTF_8).length);
        assertThat(body(r)).isEmpty();
        assertThat(ch.isOpen()).isFalse();
    }

    @ParameterizedTest(name = "request line {0} bytes, header {1} bytes -> 400")
    @CsvSource({"300, 10", "10, 2000"})
    void overLongRequestLineOrHeaderIs400AndClose(int path, int header) throws Exception {
        settings = settings.withSizeLimits(16384, 256, 1024);
        EmbeddedChannel ch = open(CLIENT);
        send(ch, "GET /" + "a".repeat(path) + " HTTP/1.1\r\nHost: casino.example\r\nX-Pad: " + "b".repeat(header)
                + "\r\n\r\n");
        FullHttpResponse r = only(ch, HttpMethod.GET);
        assertThat(r.status().code()).isEqualTo(400);
        r.release();
        assertThat(ch.isOpen()).isFalse();
        assertThat(asked).isEmpty();
        assertThat(events).containsExactly("rejected:BAD_REQUEST");
    }

    @ParameterizedTest(name = "{0} -> blocked, open")
    @ValueSource(strings = {"GET", "HEAD", "POST", "DELETE"})
    void blockPageKeepsTheConnectionWithoutBody(String method) throws Exception {
        EmbeddedChannel ch = open(CLIENT);
        HttpMethod m = HttpMethod.valueOf(method);
        send(ch, method + " /spin?x=1 HTTP/1.1\r\nHost: Casino.Example\r\n\r\n");
        FullHttpResponse r = only(ch, m);
        byte[] page = new BlockPage().render("Casino.Example");
        assertThat(r.status().code()).isEqualTo(403);
        assertThat(r.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo(BlockPage.CONTENT_TYPE);
        assertThat(r.headers().getInt(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo(page.length);
        assertThat(r.headers().get(HttpHeaderNames.CACHE_CONTROL)).isEqualTo("no-store");
        assertThat(r.headers().get(HttpHeaderNames.CONNECTION)).isNull();
        assertThat(ByteBufUtil.getBytes(r.content())).isEqualTo(m.equals(HttpMethod.HEAD) ? new byte[0] : page);
        r.release();
        assertThat(ch.isOpen()).isTrue();
        assertThat(events).containsExactly("blocked:HTTP:true");

        send(ch, "GET / HTTP/1.1\r\nHost: casino.example\r\n\r\n");
        FullHttpResponse second = only(ch, HttpMethod.GET);
        assertThat(second.status().code()).isEqualTo(403);
        second.release();
        assertThat(ch.isOpen()).isTrue();
        assertThat(asked).hasSize(2);
    }

    @Test
    void pipelinedBlockedRequestsAreAnsweredInOrder() throws Exception {
        EmbeddedChannel ch = open(CLIENT);
        send(ch, "HEAD /a HTTP/1.1\r\nHost: casino.example\r\n\r\nGET /b HTTP/1.1\r\nHost: casino.example:81\r\n\r\n"
                + "GET /c HTTP/1.1\r\n\r\n");
        List<FullHttpResponse> all = responses(ch, HttpMethod.HEAD, HttpMethod.GET, HttpMethod.GET);
        assertThat(all).extracting(r -> r.status().code()).containsExactly(403, 403, 400);
        assertThat(all.get(0).content().readableBytes()).isZero();
        assertThat(all.get(1).content().readableBytes()).isPositive();
        all.forEach(FullHttpResponse::release);
        assertThat(asked).extracting(RequestFacts::path).containsExactly("/a", "/b");
        assertThat(asked).extracting(RequestFacts::port).containsExactly(80, 81);
        assertThat(ch.isOpen()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "GET / HTTP/1.1\r\nHost: casino.example\r\nConnection: close\r\n\r\n",
            "GET / HTTP/1.0\r\nHost: casino.example\r\n\r\n",
            "POST / HTTP/1.1\r\nHost: casino.example\r\nContent-Length: 5\r\n\r\nhello",
            "POST / HTTP/1.1\r\nHost: casino.example\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"})
    void blockPageClosesWhenNotKeepAliveOrWithABody(String request) throws Exception {
        EmbeddedChannel ch = open(CLIENT);
        send(ch, request);
        FullHttpResponse r = only(ch, HttpMethod.GET);
        assertThat(r.status().code()).isEqualTo(403);
        assertThat(r.headers().get(HttpHeaderNames.CONNECTION)).isEqualToIgnoringCase("close");
        assertThat(r.headers().get(HttpHeaderNames.CACHE_CONTROL)).isEqualTo("no-store");
        assertThat(r.content().readableBytes()).isEqualTo(r.headers().getInt(HttpHeaderNames.CONTENT_LENGTH));
        r.release();
        assertThat(ch.isOpen()).isFalse();
        assertThat(events).containsExactly("blocked:HTTP:true");
    }

    @Test
    void http10KeepAliveBlockPageStaysOpen() throws Exception {
        EmbeddedChannel ch = open(CLIENT);
        send(ch, "GET / HTTP/1.0\r\nHost: casino.example\r\nConnection: keep-alive\r\n\r\n");
        FullHttpResponse r = only(ch, HttpMethod.GET);
        assertThat(r.status().code()).isEqualTo(403);
        assertThat(r.headers().get(HttpHeaderNames.CONNECTION)).isEqualToIgnoringCase("keep-alive");
        r.release();
        assertThat(ch.isOpen()).isTrue();
    }

    @ParameterizedTest(name = "Host {0}, original {1} -> {2}:{3}")
    @CsvSource(nullValues = "none", value = {
            "casino.example,        none,            casino.example,  80",
            "casino.example,        127.0.0.3:8081,  casino.example,  8081",
            "casino.example:9000,   127.0.0.3:8081,  casino.example,  9000",
            "CASINO.EXAMPLE.,       none,            CASINO.EXAMPLE., 80",
            "'  casino.example  ',  none,            casino.example,  80"})
    void thePolicyIsAskedAboutTheHostAsSent(String host, String original, String factHost, int factPort)
            throws Exception {
        if (original != null) {
            String[] parts = original.split(":");
            originals = Map.of(CLIENT, new InetSocketAddress(parts[0], Integer.parseInt(parts[1])));
        }
        EmbeddedChannel ch = open(CLIENT);
        send(ch, "GET /path?q=1 HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
        only(ch, HttpMethod.GET).release();
        assertThat(asked).singleElement().satisfies(f -> {
            assertThat(f.client().getHostAddress()).isEqualTo(CLIENT);
            assertThat(f.credentials()).isNull();
            assertThat(f.host()).isEqualTo(factHost);
            assertThat(f.port()).isEqualTo(factPort);
            assertThat(f.kind()).isEqualTo(Kind.HTTP);
            assertThat(f.path()).isEqualTo("/path?q=1");
            assertThat(f.at()).isEqualTo(NOW);
        });
    }

    @ParameterizedTest(name = "allowed {0} -> {1} {2}")
    @CsvSource(nullValues = "none", value = {
            "inside.example,    none,           403, PRIVATE",
            "10.0.0.1,          none,           403, PRIVATE",
            "[::1],             none,           403, LOOPBACK",
            "[::1]:8080,        none,           403, OWN_LISTENER",
            "127.0.0.1:8080,    none,           403, OWN_LISTENER",
            "169.254.169.254,   none,           403, LINK_LOCAL",
            "nowhere.example,   none,           502, UNRESOLVABLE",
            "allowed.example,   10.9.9.9:80,    403, PRIVATE"})
    void refusedDestinationsAreAnsweredWithoutConnecting(String host, String original, int status,
            Refusal refusal) throws Exception {
        if (original != null) {
            String[] parts = original.split(":");
            originals = Map.of(CLIENT, new InetSocketAddress(parts[0], Integer.parseInt(parts[1])));
        }
        // unrestricted clients go to the original destination as it is; restricted ones to the name's address
        policyFails = original != null;
        EmbeddedChannel ch = open(CLIENT);
        send(ch, "GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
        FullHttpResponse r = only(ch, HttpMethod.GET);
        assertThat(r.status().code()).isEqualTo(status);
        assertThat(body(r)).isEqualTo(status == 403 ? Responses.REFUSED_TEXT : Responses.UNRESOLVABLE_TEXT);
        assertThat(ch.isOpen()).isFalse();
        assertThat(events).contains("refused:" + refusal).noneMatch(e -> e.startsWith("forwarded"));
    }

    /** Only decided requests are timed: block page → BLOCK, the proxy's own error → ERROR, never 400s or pages. */
    @ParameterizedTest(name = "{0} {1} Host {2} -> {3}")
    @CsvSource(nullValues = "none", value = {
            "GET,  /,                          casino.example,  BLOCK",
            "HEAD, /,                          casino.example,  BLOCK",
            "GET,  /,                          inside.example,  ERROR",
            "GET,  /,                          nowhere.example, ERROR",
            "GET,  /,                          mijn.vangnet,    none",
            "GET,  /,                          none,            none",
            "GET,  http://casino.example/,     casino.example,  none"})
    void decidedRequestsAreTimedByOutcome(String method, String target, String host, TrafficMetrics.Outcome outcome)
            throws Exception {
        EmbeddedChannel ch = open(CLIENT);
        send(ch, method + " " + target + " HTTP/1.1\r\n" + (host == null ? "" : "Host: " + host + "\r\n") + "\r\n");
        assertThat(responses(ch, HttpMethod.valueOf(method))).hasSize(1);
        if (outcome == null) {
            assertThat(timed).isEmpty();
        } else {
            assertThat(timed).containsExactly(outcome);
        }
    }

    @Test
    void aFailingPolicyPassesTheRequestDefaultOpen() throws Exception {
        policyFails = true;
        EmbeddedChannel ch = open(CLIENT);
        send(ch, "GET / HTTP/1.1\r\nHost: casino.example\r\n\r\n");
        FullHttpResponse r = only(ch, HttpMethod.GET);
        // not the block page: the request is passed on, here to the refused loopback address of casino.example
        assertThat(r.status().code()).isEqualTo(403);
        assertThat(body(r)).isEqualTo(Responses.REFUSED_TEXT);
        assertThat(events).containsExactly("policyFailed", "refused:LOOPBACK");
    }

    @Test
    void theClientLimitAnswers429AndReleasesOnClose() throws Exception {
        counter = new ConnectionCounter(1, 10);
        EmbeddedChannel first = open(CLIENT);
        EmbeddedChannel second = open(CLIENT);
        FullHttpResponse r = only(second, HttpMethod.GET);
        assertThat(r.status().code()).isEqualTo(429);
        assertThat(r.headers().get(HttpHeaderNames.RETRY_AFTER)).isEqualTo(Responses.RETRY_AFTER_SECONDS);
        assertThat(body(r)).isEqualTo(Responses.CLIENT_LIMIT_TEXT);
        assertThat(second.isOpen()).isFalse();
        assertThat(first.isOpen()).isTrue();
        assertThat(open("127.0.0.9").isOpen()).isTrue();
        assertThat(events).containsExactly("rejected:CLIENT_CONNECTION_LIMIT");
        assertThat(counter.open()).isEqualTo(2);

        first.close();
        EmbeddedChannel third = open(CLIENT);
        assertThat(third.isOpen()).isTrue();
        assertThat(third.outboundMessages()).isEmpty();
        send(third, "GET / HTTP/1.1\r\nHost: casino.example\r\n\r\n");
        assertThat(only(third, HttpMethod.GET).status().code()).isEqualTo(403);
    }

    @Test
    void theTotalLimitAnswers503() throws Exception {
        counter = new ConnectionCounter(10, 1);
        EmbeddedChannel first = open(CLIENT);
        EmbeddedChannel other = open("127.0.0.9");
        FullHttpResponse r = only(other, HttpMethod.GET);
        assertThat(r.status().code()).isEqualTo(503);
        assertThat(r.headers().get(HttpHeaderNames.RETRY_AFTER)).isEqualTo(Responses.RETRY_AFTER_SECONDS);
        assertThat(body(r)).isEqualTo(Responses.TOTAL_LIMIT_TEXT);
        assertThat(other.isOpen()).isFalse();
        assertThat(first.isOpen()).isTrue();
        assertThat(events).containsExactly("rejected:TOTAL_CONNECTION_LIMIT");
        assertThat(counter.open()).isEqualTo(1);
    }

    @Test
    void aRejectedConnectionReadsNothing() throws Exception {
        counter = new ConnectionCounter(1, 1);
        open(CLIENT);
        EmbeddedChannel rejected = open(CLIENT);
        only(rejected, HttpMethod.GET).release();
        assertThat(rejected.isOpen()).isFalse();
        assertThat(asked).isEmpty();
    }

    // --- "Mijn afspraken" -------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} asks {1} {2}")
    @CsvSource({
            "127.0.0.10, mijn.vangnet,     /afspraken,  RESTRICTED",
            "127.0.0.10, MIJN.Vangnet.,    /,           RESTRICTED",
            "127.0.0.10, mijn.vangnet:80,  /afspraken?bron=blokpagina, RESTRICTED",
            "127.0.0.30, mijn.vangnet,     /afspraken,  UNRESTRICTED",
            "127.0.0.40, mijn.vangnet,     /afspraken,  UNRESTRICTED",
            "127.0.0.99, mijn.vangnet,     /,           UNRESTRICTED"})
    void answersThePagesHostItselfAndKeepsTheConnection(String client, String host, String path, Outcome outcome)
            throws Exception {
        now = AgreementsFixture.NOW;
        EmbeddedChannel ch = open(client);
        send(ch, "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
        FullHttpResponse r = only(ch, HttpMethod.GET);

        assertThat(r.status().code()).isEqualTo(200);
        assertThat(r.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("text/html; charset=utf-8");
        assertThat(r.headers().get(HttpHeaderNames.CACHE_CONTROL)).isEqualTo("no-store");
        assertThat(r.headers().get(HttpHeaderNames.CONNECTION)).isNull();
        String html = body(r);
        if (outcome == Outcome.RESTRICTED) {
            assertThat(html).contains(AgreementsFixture.RESTRICTED_SENTENCES);
        } else {
            assertThat(html).contains(PlainDutch.NO_AGREEMENTS).doesNotContain("<li>", "Wzd", "Jan de Vries");
        }
        assertThat(ch.isOpen()).isTrue();
        assertThat(asked).as("never decided").isEmpty();
        assertThat(events).as("never forwarded, blocked or refused").isEmpty();
        assertThat(pages.served()).containsExactly(outcome);

        send(ch, "GET / HTTP/1.1\r\nHost: casino.example\r\n\r\n");
        FullHttpResponse blocked = only(ch, HttpMethod.GET);
        assertThat(blocked.status().code()).isEqualTo(403);
        assertThat(body(blocked)).contains("href=\"http://mijn.vangnet/afspraken\"", "Waarom? Bekijk je afspraken");
        assertThat(asked).extracting(RequestFacts::host).containsExactly("casino.example");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "GET /favicon.ico HTTP/1.1\\r\\nHost: mijn.vangnet\\r\\n\\r\\n | 404 | open",
            "POST /afspraken HTTP/1.1\\r\\nHost: mijn.vangnet\\r\\nContent-Length: 2\\r\\n\\r\\nhi | 405 | closed",
            "DELETE /afspraken HTTP/1.1\\r\\nHost: mijn.vangnet\\r\\n\\r\\n | 405 | open",
            "GET /afspraken HTTP/1.1\\r\\nHost: mijn.vangnet\\r\\nConnection: close\\r\\n\\r\\n | 200 | closed"})
    void answersOtherRequestsToThePagesHostWithoutForwarding(String request, int status, String connection)
            throws Exception {
        now = AgreementsFixture.NOW;
        EmbeddedChannel ch = open("127.0.0.10");
        send(ch, request.translateEscapes());
        FullHttpResponse r = only(ch, HttpMethod.GET);

        assertThat(r.status().code()).isEqualTo(status);
        if (status == 405) {
            assertThat(r.headers().get(HttpHeaderNames.ALLOW)).isEqualTo("GET, HEAD");
        }
        r.release();
        assertThat(ch.isOpen()).isEqualTo(connection.equals("open"));
        assertThat(asked).isEmpty();
        assertThat(events).isEmpty();
    }

    @Test
    void headOfThePageHasTheLengthAndNoBody() throws Exception {
        now = AgreementsFixture.NOW;
        EmbeddedChannel ch = open("127.0.0.10");
        send(ch, "HEAD /afspraken HTTP/1.1\r\nHost: mijn.vangnet\r\n\r\n");
        FullHttpResponse r = only(ch, HttpMethod.HEAD);

        assertThat(r.status().code()).isEqualTo(200);
        assertThat(r.content().readableBytes()).isZero();
        assertThat(r.headers().getInt(HttpHeaderNames.CONTENT_LENGTH))
                .isEqualTo(agreements.page(AgreementsFixture.ip("127.0.0.10"), null, now).html().length);
        r.release();
    }
}
