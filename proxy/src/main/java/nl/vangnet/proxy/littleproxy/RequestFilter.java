package nl.vangnet.proxy.littleproxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import nl.vangnet.proxy.TrafficMetrics;
import nl.vangnet.proxy.netty.Responses;
import nl.vangnet.proxy.netty.ConnectionCounter;
import nl.vangnet.proxy.decision.Decision;
import nl.vangnet.proxy.decision.Kind;
import nl.vangnet.proxy.decision.ProxyCredentials;
import nl.vangnet.proxy.decision.Reason;
import nl.vangnet.proxy.decision.RequestFacts;
import nl.vangnet.proxy.decision.Trace;
import nl.vangnet.proxy.netty.ConnectionCounter.Admission;
import nl.vangnet.proxy.littleproxy.ListenerMetrics.Rejection;
import nl.vangnet.proxy.net.DestinationGuard.Verdict;
import nl.vangnet.proxy.page.MyAgreements;
import nl.vangnet.proxy.page.PacFile;
import org.littleshoot.proxy.HttpFiltersAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the policy for one request (LittleProxy makes one filter per request; for {@code CONNECT}, one per
 * tunnel). In {@link #clientToProxyRequest}, before LittleProxy picks the server:
 * <ol>
 *   <li>connections over a limit are answered 429/503; origin-form requests get the PAC file, the "Mijn afspraken"
 *       page ({@code /afspraken}) or 400;</li>
 *   <li>the target is parsed strictly ({@link RequestTarget}); {@code Proxy-Authorization: Basic} is read and removed;
 *       several {@code Host} headers are refused; a request to the pages host is answered by the proxy itself
 *       ({@link MyAgreements}) and goes no further;</li>
 *   <li>{@link nl.vangnet.proxy.decision.Policy#decide} is called once;</li>
 *   <li>a block is answered (block page or 403); otherwise the upstream host of the decision (SafeSearch may change
 *       it) is checked by the destination guard, the request URI is rewritten to that host (so LittleProxy connects
 *       there) and the checked address is handed to LittleProxy in {@link #proxyToServerResolutionStarted}, so that
 *       it connects exactly where the guard looked. For plain HTTP the {@code Host} header is the request target's
 *       authority (RFC 9112 §3.2.2), i.e. what the client asked for, also when rerouted.</li>
 * </ol>
 * A decided plain-HTTP request is timed for {@link TrafficMetrics#requestCompleted}: from its head arriving here to
 * the response head passing {@link #proxyToClientResponse} (LittleProxy calls it for upstream responses and for every
 * answer of the proxy itself, including its own 502/504), with the outcome block (block page), allow (the upstream's
 * response head) or error (the proxy answered instead). Nothing about the request is logged. Not shared between threads except through LittleProxy's own hand-over.
 */
final class RequestFilter extends HttpFiltersAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(RequestFilter.class);

    /** The header name as browsers write it (Netty's constant is lower case). */
    private static final String HOST = "Host";

    private final ListenerState state;
    private volatile InetSocketAddress upstream;
    private volatile RequestFacts restrictedTunnel;
    /** {@link System#nanoTime()} when a timed request's head arrived; meaningful while {@link #timed}. */
    private volatile long started;
    /** Whether a decided plain-HTTP request awaits its response head (set on the client's I/O thread). */
    private volatile boolean timed;
    /** The outcome when the proxy answers itself (block or error); {@code null} when forwarded. */
    private volatile TrafficMetrics.Outcome ownAnswer;
    /** Whether the upstream sent a response head (set on the upstream's I/O thread). */
    private volatile boolean upstreamAnswered;

    RequestFilter(HttpRequest originalRequest, ChannelHandlerContext ctx, ListenerState state) {
        super(originalRequest, ctx);
        this.state = state;
    }

    @Override
    public HttpResponse clientToProxyRequest(HttpObject httpObject) {
        if (!(httpObject instanceof HttpRequest request)) {
            return null;
        }
        return handle(request);
    }

    @Override
    public InetSocketAddress proxyToServerResolutionStarted(String resolvingServerHostAndPort) {
        return upstream;
    }

    @Override
    public HttpObject serverToProxyResponse(HttpObject httpObject) {
        if (httpObject instanceof HttpResponse) {
            upstreamAnswered = true;
        }
        return httpObject;
    }

    /** Ends the timing of a decided plain-HTTP request at its response head (the first one written). */
    @Override
    public HttpObject proxyToClientResponse(HttpObject httpObject) {
        if (timed && httpObject instanceof HttpResponse) {
            timed = false;
            TrafficMetrics.Outcome own = ownAnswer;
            state.traffic().requestCompleted(own != null ? own
                    : upstreamAnswered ? TrafficMetrics.Outcome.ALLOW : TrafficMetrics.Outcome.ERROR,
                    System.nanoTime() - started);
        }
        return httpObject;
    }

    /**
     * The upstream connection of a tunnel failed (LittleProxy answers 502): it is no open tunnel. (LittleProxy calls
     * no filter method when a tunnel is established, so a restricted tunnel is registered when it is decided.)
     */
    @Override
    public void proxyToServerConnectionFailed() {
        RequestFacts facts = restrictedTunnel;
        if (facts != null) {
            state.tunnels().unregister(ctx.channel(), facts);
        }
    }

    private HttpResponse handle(HttpRequest request) {
        long arrived = System.nanoTime();
        Instant now = state.clock().instant();
        boolean head = HttpMethod.HEAD.equals(request.method());
        HttpResponse overLimit = overLimit(head, now);
        if (overLimit != null) {
            return overLimit;
        }
        boolean connect = HttpMethod.CONNECT.equals(request.method());
        if (!connect && request.uri().startsWith("/")) {
            return originForm(request, head, now);
        }
        RequestTarget target = target(request, connect);
        if (target == null) {
            state.metrics().rejected(Rejection.BAD_REQUEST);
            return Responses.badRequest(head, now);
        }
        HttpHeaders headers = request.headers();
        ProxyCredentials credentials = BasicCredentials.parse(headers.getAll(HttpHeaderNames.PROXY_AUTHORIZATION));
        headers.remove(HttpHeaderNames.PROXY_AUTHORIZATION);
        InetSocketAddress client = (InetSocketAddress) ctx.channel().remoteAddress();
        if (state.agreements().isPagesHost(target.host())) {
            return pagesHost(request, target, connect, credentials, head, now);
        }
        Kind kind = connect ? Kind.CONNECT : Kind.HTTP;
        RequestFacts facts = new RequestFacts(client.getAddress(), credentials, target.host(), target.port(), kind,
                target.path(), now);

        Decision decision = decide(facts);
        if (kind == Kind.HTTP) {
            started = arrived;
            ownAnswer = decision instanceof Decision.Block ? TrafficMetrics.Outcome.BLOCK : null;
            timed = true;
        }
        if (decision instanceof Decision.Block block) {
            state.metrics().blocked(kind);
            return !connect && block.showPage()
                    ? Responses.blockPage(state.blockPage().render(target.host()), head, now)
                    : Responses.blocked(head, now);
        }
        return forward(request, target, facts, decision, head, now);
    }

    /** 429/503 when the connection was not admitted, else {@code null}. */
    private HttpResponse overLimit(boolean head, Instant now) {
        Admission admission = ctx.channel().attr(ConnectionLimiter.ADMISSION).get();
        if (admission == Admission.CLIENT_LIMIT) {
            state.metrics().rejected(Rejection.CLIENT_CONNECTION_LIMIT);
            return Responses.clientLimit(head, now);
        }
        if (admission == Admission.TOTAL_LIMIT) {
            state.metrics().rejected(Rejection.TOTAL_CONNECTION_LIMIT);
            return Responses.totalLimit(head, now);
        }
        return null;
    }

    /** The parsed target, or {@code null} for a bad one or for several {@code Host} headers. */
    private static RequestTarget target(HttpRequest request, boolean connect) {
        try {
            if (connect) {
                return RequestTarget.ofConnect(request.uri());
            }
            return request.headers().getAll(HttpHeaderNames.HOST).size() > 1 ? null
                    : RequestTarget.ofAbsolute(request.uri());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Checks the decision's upstream destination and points LittleProxy at it: the request URI names the upstream
     * host (so LittleProxy keys and opens its connection there) and {@link #upstream} holds the checked address.
     */
    private HttpResponse forward(HttpRequest request, RequestTarget target, RequestFacts facts, Decision decision,
            boolean head, Instant now) {
        String upstreamHost;
        int upstreamPort;
        if (decision instanceof Decision.Allow allow) {
            upstreamHost = allow.upstreamHost();
            upstreamPort = allow.upstreamPort();
        } else {
            Decision.Tunnel tunnel = (Decision.Tunnel) decision;
            upstreamHost = tunnel.upstreamHost();
            upstreamPort = tunnel.upstreamPort();
        }
        Verdict verdict = state.guard().check(upstreamHost, upstreamPort,
                (InetSocketAddress) ctx.channel().localAddress());
        if (verdict instanceof Verdict.Refused refused) {
            ownAnswer = TrafficMetrics.Outcome.ERROR;
            state.metrics().destinationRefused(refused.refusal());
            return refused.refusal().isSafety() ? Responses.destinationRefused(head, now)
                    : Responses.unresolvable(head, now);
        }
        upstream = ((Verdict.Permitted) verdict).address();
        String upstreamAuthority = RequestTarget.authority(upstreamHost, upstreamPort);
        if (facts.kind() == Kind.CONNECT) {
            request.setUri(upstreamAuthority);
            if (isRestricted(decision)) {
                restrictedTunnel = facts;
                state.tunnels().register(ctx.channel(), facts);
            }
        } else {
            request.setUri("http://" + upstreamAuthority + target.path());
            String host = request.headers().get(HttpHeaderNames.HOST);
            if (host == null || !host.equalsIgnoreCase(target.authority())) {
                request.headers().set(HOST, target.authority());
            }
        }
        boolean rerouted = !upstreamHost.equalsIgnoreCase(target.host()) || upstreamPort != target.port();
        state.metrics().forwarded(facts.kind(), rerouted);
        return null;
    }

    private HttpResponse originForm(HttpRequest request, boolean head, Instant now) {
        boolean readable = head || HttpMethod.GET.equals(request.method());
        if (readable && PacFile.servesPath(request.uri())) {
            state.metrics().pacServed();
            PacFile pac = state.pac().apply((InetSocketAddress) ctx.channel().localAddress());
            return Responses.pac(pac.bytes(), head, now);
        }
        if (readable && (MyAgreements.servesPath(request.uri())
                || MyAgreements.servesPagesHostPath(request.uri()) && toPagesHost(request))) {
            return agreementsPage(BasicCredentials.parse(request.headers().getAll(HttpHeaderNames.PROXY_AUTHORIZATION)),
                    head, now);
        }
        state.metrics().rejected(Rejection.NOT_A_PROXY_REQUEST);
        return Responses.notAProxyRequest(head, now);
    }

    /**
     * A request to the pages host, answered here and never decided, resolved or forwarded: the page for {@code /} and
     * {@code /afspraken}, 404 for other paths, 405 for methods other than GET and HEAD, 403 for {@code CONNECT} (the
     * page is served over plain HTTP only).
     */
    private HttpResponse pagesHost(HttpRequest request, RequestTarget target, boolean connect,
            ProxyCredentials credentials, boolean head, Instant now) {
        if (connect) {
            return Responses.destinationRefused(false, now);
        }
        if (!head && !HttpMethod.GET.equals(request.method())) {
            return Responses.methodNotAllowed(now);
        }
        if (!MyAgreements.servesPagesHostPath(target.path())) {
            return Responses.notFound(head, now);
        }
        return agreementsPage(credentials, head, now);
    }

    /** Whether an origin-form request names the pages host in its one {@code Host} header (any port). */
    private boolean toPagesHost(HttpRequest request) {
        List<String> hosts = request.headers().getAll(HttpHeaderNames.HOST);
        if (hosts.size() != 1) {
            return false;
        }
        String host = hosts.get(0).strip();
        int colon = host.lastIndexOf(':');
        if (colon > 0 && host.indexOf(':') == colon) {
            host = host.substring(0, colon);
        }
        return state.agreements().isPagesHost(host);
    }

    /** The "Mijn afspraken" page for this connection's client. Nothing is logged, whoever asks. */
    private HttpResponse agreementsPage(ProxyCredentials credentials, boolean head, Instant now) {
        InetSocketAddress client = (InetSocketAddress) ctx.channel().remoteAddress();
        try {
            return Responses.page(state.agreements().page(client.getAddress(), credentials, now).html(), head, now);
        } catch (RuntimeException e) {
            return Responses.pageFailed(head, now);
        }
    }

    /** The policy's decision; should the policy throw (a bug), the request passes unchanged: default open. */
    private Decision decide(RequestFacts facts) {
        try {
            Decision decision = state.policy().decide(facts);
            if (decision == null) {
                throw new IllegalStateException("the policy returned null");
            }
            return decision;
        } catch (RuntimeException e) {
            state.metrics().policyFailed();
            long now = System.nanoTime();
            long last = state.policyFailureLog().get();
            if (now - last >= ExplicitProxyListener.POLICY_FAILURE_LOG_INTERVAL_NANOS
                    && state.policyFailureLog().compareAndSet(last, now)) {
                // The class only: an exception message might name the host.
                LOG.error("the policy failed ({}); requests are passed through unchanged (default open); logged at"
                        + " most once a minute, counted as a metric", e.getClass().getName());
            }
            Trace trace = Trace.anonymous(0);
            return facts.kind() == Kind.HTTP
                    ? new Decision.Allow(Reason.NO_REGISTRATION, trace, facts.host(), facts.port())
                    : new Decision.Tunnel(Reason.NO_REGISTRATION, trace, facts.host(), facts.port());
        }
    }

    /** Whether a restriction is in effect for the client: any reason but "no registration" / "not in effect". */
    static boolean isRestricted(Decision decision) {
        return decision.reason() != Reason.NO_REGISTRATION && decision.reason() != Reason.NOT_IN_EFFECT;
    }
}
