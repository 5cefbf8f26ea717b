package nl.vangnet.proxy.transparent;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import nl.vangnet.proxy.TrafficMetrics;
import nl.vangnet.proxy.decision.Decision;
import nl.vangnet.proxy.decision.Kind;
import nl.vangnet.proxy.decision.RequestFacts;
import nl.vangnet.proxy.netty.ConnectionCounter.Admission;
import nl.vangnet.proxy.netty.Responses;
import nl.vangnet.proxy.netty.UpstreamTraffic;
import nl.vangnet.proxy.page.MyAgreements;
import nl.vangnet.proxy.transparent.Destinations.Choice;
import nl.vangnet.proxy.transparent.TransparentMetrics.Rejection;

/**
 * The transparent HTTP listener's per-connection handler, behind {@code HttpServerCodec} and a
 * {@code FlowControlHandler} (one decoded message per read). Every request is decided on its own {@code Host}
 * (keep-alive connections are decided per request). An allowed request is relayed over an upstream
 * {@code HttpClientCodec} connection — head and body streamed as they arrive, without aggregation or added headers —
 * and its response relayed back; the next request is read only when the response is complete (one request in flight).
 * A request that needs another upstream than the open one closes the old upstream first. A blocked request gets the
 * block page; the connection stays usable when the request had no body and asked for keep-alive. See
 * {@link TransparentListener} for the rules. A decided request is timed for
 * {@link TrafficMetrics#requestCompleted}: from its head decoded here to the block page, the proxy's error answer or
 * the upstream's first response head written to the client (error also when the upstream fails before answering and
 * the client connection is closed); a request the client abandons is not recorded. The upstream channel carries an
 * {@link UpstreamTraffic} first in its pipeline (connect latency and failures, relayed bytes). One instance per
 * connection; used on its event loop only.
 */
final class HttpFrontend extends ChannelInboundHandlerAdapter {
    private static final int DEFAULT_PORT = 80;

    private enum State { IDLE, CONNECTING, BODY_TO_UPSTREAM, AWAIT_RESPONSE, SKIP_BODY, CLOSING }

    private final ListenerContext context;
    private Optional<InetSocketAddress> original = Optional.empty();
    private Channel client;
    private Channel upstream;
    private InetSocketAddress upstreamAddress;
    private State state = State.IDLE;
    private boolean requestKeepAlive;
    private boolean requestDone;
    /** Whether a decided request awaits its response head; {@link #requestStarted} is its arrival. */
    private boolean timed;
    private long requestStarted;

    HttpFrontend(ListenerContext context) {
        this.context = context;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        client = ctx.channel();
        Admission admission = context.admit(client);
        if (admission != Admission.ADMITTED) {
            Instant now = context.clock().instant();
            FullHttpResponse r = admission == Admission.CLIENT_LIMIT ? Responses.clientLimit(false, now)
                    : Responses.totalLimit(false, now);
            state = State.CLOSING;
            ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        original = context.original().of(client);
        ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        switch (state) {
            case IDLE -> {
                if (msg instanceof HttpRequest request) {
                    onRequest(ctx, request);
                } else {
                    ReferenceCountUtil.release(msg);
                    readNext(ctx);
                }
            }
            case BODY_TO_UPSTREAM -> onBody(ctx, msg);
            case SKIP_BODY -> {
                ReferenceCountUtil.release(msg);
                if (msg instanceof LastHttpContent) {
                    state = State.IDLE;
                }
                readNext(ctx);
            }
            default -> ReferenceCountUtil.release(msg);
        }
    }

    private void onRequest(ChannelHandlerContext ctx, HttpRequest request) {
        long arrived = System.nanoTime();
        Instant now = context.clock().instant();
        boolean head = HttpMethod.HEAD.equals(request.method());
        List<String> hosts = request.headers().getAll(HttpHeaderNames.HOST);
        int defaultPort = original.map(InetSocketAddress::getPort).orElse(DEFAULT_PORT);
        HostHeader host = request.decoderResult().isSuccess() && hosts.size() == 1
                ? HostHeader.parse(hosts.get(0), defaultPort) : null;
        if (host == null || !request.uri().startsWith("/")) {
            context.metrics().rejected(Rejection.BAD_REQUEST);
            closeWith(ctx, Responses.badRequest(head, now));
            return;
        }
        InetSocketAddress remote = (InetSocketAddress) client.remoteAddress();
        requestKeepAlive = HttpUtil.isKeepAlive(request);
        if (context.agreements().isPagesHost(host.host())) {
            answer(ctx, request, pagesHost(request, remote, head, now));
            return;
        }
        RequestFacts facts = new RequestFacts(remote.getAddress(), null, host.host(), host.port(), Kind.HTTP,
                request.uri(), now);
        Decision decision = context.decide(facts);
        timed = true;
        requestStarted = arrived;
        if (decision instanceof Decision.Block) {
            finish(TrafficMetrics.Outcome.BLOCK);
            context.metrics().blocked(Kind.HTTP, true);
            answer(ctx, request, Responses.blockPage(context.blockPage().render(host.host()), head, now));
            return;
        }
        Choice choice = context.destinations().choose(facts, decision, original,
                (InetSocketAddress) client.localAddress());
        if (choice instanceof Choice.Refused refused) {
            finish(TrafficMetrics.Outcome.ERROR);
            context.metrics().destinationRefused(refused.refusal());
            closeWith(ctx, refused.refusal().isSafety() ? Responses.destinationRefused(head, now)
                    : Responses.unresolvable(head, now));
            return;
        }
        Choice.Connect connect = (Choice.Connect) choice;
        requestDone = false;
        if (upstream != null && upstream.isActive() && connect.address().equals(upstreamAddress)) {
            send(ctx, request, connect);
            return;
        }
        closeUpstream();
        state = State.CONNECTING;
        connect(ctx, request, connect, head);
    }

    /**
     * Answers a request from the proxy itself (block page, "Mijn afspraken"): the connection stays usable when the
     * request had no body and asked for keep-alive (its body, if any, is skipped), else it is closed.
     */
    private void answer(ChannelHandlerContext ctx, HttpRequest request, FullHttpResponse response) {
        boolean hasBody = HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > 0;
        if (hasBody || !requestKeepAlive) {
            closeWith(ctx, response);
            return;
        }
        response.headers().remove(HttpHeaderNames.CONNECTION);
        HttpUtil.setKeepAlive(response.headers(), request.protocolVersion(), true);
        state = State.SKIP_BODY;
        ctx.writeAndFlush(response);
        readNext(ctx);
    }

    /**
     * A request to the pages host, never decided or forwarded: the "Mijn afspraken" page for {@code /} and
     * {@code /afspraken}, 404 for other paths, 405 for methods other than GET and HEAD. Nothing is logged.
     */
    private FullHttpResponse pagesHost(HttpRequest request, InetSocketAddress remote, boolean head, Instant now) {
        if (!head && !HttpMethod.GET.equals(request.method())) {
            return Responses.methodNotAllowed(now);
        }
        if (!MyAgreements.servesPagesHostPath(request.uri())) {
            return Responses.notFound(head, now);
        }
        try {
            return Responses.page(context.agreements().page(remote.getAddress(), null, now).html(), head, now);
        } catch (RuntimeException e) {
            return Responses.pageFailed(head, now);
        }
    }

    private void connect(ChannelHandlerContext ctx, HttpRequest request, Choice.Connect connect, boolean head) {
        TransparentSettings s = context.settings();
        new Bootstrap()
                .group(client.eventLoop())
                .channelFactory(context.transport()::newSocketChannel)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) s.connectTimeout().toMillis())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        context.channels().add(ch);
                        ch.pipeline().addFirst(UpstreamTraffic.NAME, context.httpUpstream());
                        ch.pipeline().addLast(new IdleStateHandler(0, 0, s.idleTimeout().toMillis(),
                                TimeUnit.MILLISECONDS), new HttpClientCodec(), new Upstream());
                    }
                })
                .connect(connect.address())
                .addListener((ChannelFutureListener) f -> {
                    if (!client.isActive()) {
                        f.channel().close();
                        return;
                    }
                    if (!f.isSuccess()) {
                        finish(TrafficMetrics.Outcome.ERROR);
                        context.metrics().upstreamFailed();
                        closeWith(ctx, Responses.upstreamFailed(head, context.clock().instant()));
                        return;
                    }
                    upstream = f.channel();
                    upstreamAddress = connect.address();
                    send(ctx, request, connect);
                });
    }

    private void send(ChannelHandlerContext ctx, HttpRequest request, Choice.Connect connect) {
        context.metrics().forwarded(Kind.HTTP, connect.route());
        state = State.BODY_TO_UPSTREAM;
        Channel up = upstream;
        up.writeAndFlush(request).addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                readNext(ctx);
                up.read();
            } else {
                fail(ctx);
            }
        });
    }

    private void onBody(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HttpContent content) || content.decoderResult().isFailure()) {
            ReferenceCountUtil.release(msg);
            fail(ctx);
            return;
        }
        boolean last = content instanceof LastHttpContent;
        if (last) {
            state = State.AWAIT_RESPONSE;
            requestDone = true;
        }
        upstream.writeAndFlush(content).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                fail(ctx);
            } else if (!last) {
                readNext(ctx);
            }
        });
    }

    /** The response on {@code up} is complete. */
    private void responseDone(ChannelHandlerContext ctx, Channel up, boolean keepAlive) {
        if (up != upstream) {
            return;
        }
        if (!requestDone || !keepAlive || !requestKeepAlive) {
            state = State.CLOSING;
            Relay.closeOnFlush(client);
            closeUpstream();
            return;
        }
        state = State.IDLE;
        readNext(ctx);
        up.read();
    }

    /**
     * Asks for the next client message, from a fresh event-loop task: the {@code FlowControlHandler} hands over one
     * message per read and must not be re-entered from inside its own delivery.
     */
    private static void readNext(ChannelHandlerContext ctx) {
        ctx.executor().execute(ctx::read);
    }

    private void closeWith(ChannelHandlerContext ctx, FullHttpResponse response) {
        state = State.CLOSING;
        closeUpstream();
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    /** Records the timed request's outcome, once; does nothing when no request is timed. */
    private void finish(TrafficMetrics.Outcome outcome) {
        if (timed) {
            timed = false;
            context.httpTraffic().requestCompleted(outcome, System.nanoTime() - requestStarted);
        }
    }

    private void fail(ChannelHandlerContext ctx) {
        finish(TrafficMetrics.Outcome.ERROR);
        state = State.CLOSING;
        closeUpstream();
        ctx.close();
    }

    private void closeUpstream() {
        Channel up = upstream;
        upstream = null;
        upstreamAddress = null;
        if (up != null) {
            up.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        timed = false; // abandoned by the client: not recorded
        closeUpstream();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            fail(ctx);
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx);
    }

    /** The upstream side: relays the response to the client, reading on only after each write succeeded. */
    private final class Upstream extends ChannelInboundHandlerAdapter {
        private boolean informational;
        private boolean keepAlive;

        @Override
        public void channelRead(ChannelHandlerContext upCtx, Object msg) {
            Channel up = upCtx.channel();
            if (up != upstream || state == State.IDLE || !(msg instanceof HttpObject object)
                    || object.decoderResult().isFailure()) {
                ReferenceCountUtil.release(msg);
                if (up == upstream) {
                    fail(client.pipeline().context(HttpFrontend.this));
                } else {
                    up.close();
                }
                return;
            }
            if (msg instanceof HttpResponse response) {
                finish(TrafficMetrics.Outcome.ALLOW);
                int code = response.status().code();
                informational = code >= 100 && code < 200 && code != HttpResponseStatus.SWITCHING_PROTOCOLS.code();
                keepAlive = HttpUtil.isKeepAlive(response) && code != HttpResponseStatus.SWITCHING_PROTOCOLS.code();
            }
            boolean done = msg instanceof LastHttpContent && !informational;
            boolean keep = keepAlive;
            ChannelHandlerContext ctx = client.pipeline().context(HttpFrontend.this);
            client.writeAndFlush(msg).addListener((ChannelFutureListener) f -> {
                if (!f.isSuccess()) {
                    up.close();
                    client.close();
                } else if (done) {
                    responseDone(ctx, up, keep);
                } else {
                    up.read();
                }
            });
        }

        @Override
        public void channelInactive(ChannelHandlerContext upCtx) {
            if (upCtx.channel() == upstream) {
                finish(TrafficMetrics.Outcome.ERROR);
                upstream = null;
                state = State.CLOSING;
                Relay.closeOnFlush(client);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext upCtx, Object evt) {
            if (evt instanceof IdleStateEvent) {
                upCtx.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext upCtx, Throwable cause) {
            upCtx.close();
        }
    }
}
