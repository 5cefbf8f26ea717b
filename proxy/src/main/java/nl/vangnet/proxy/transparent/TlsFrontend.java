package nl.vangnet.proxy.transparent;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import nl.vangnet.proxy.decision.Decision;
import nl.vangnet.proxy.decision.Kind;
import nl.vangnet.proxy.decision.RequestFacts;
import nl.vangnet.proxy.netty.ConnectionCounter.Admission;
import nl.vangnet.proxy.netty.UpstreamTraffic;
import nl.vangnet.proxy.transparent.ClientHelloPeekHandler.Peeked;
import nl.vangnet.proxy.transparent.Destinations.Choice;
import nl.vangnet.proxy.transparent.TransparentMetrics.HelloOutcome;
import nl.vangnet.proxy.transparent.TransparentMetrics.Rejection;

/**
 * The transparent TLS listener's per-connection handler, after the {@link ClientHelloPeekHandler}: admits the
 * connection (limits), takes the {@link Peeked} outcome and the buffered first bytes, builds the
 * {@link RequestFacts}, decides, and carries out the decision: splice to the upstream (the buffered bytes first,
 * unchanged; then {@link Relay}s both ways), or refuse (TLS alert, HTTPS block page, or plain close). See
 * {@link TransparentListener} for the rules. The upstream channel carries the TLS listener's {@link UpstreamTraffic}
 * first in its pipeline (connect latency and failures, spliced bytes). One instance per connection; used on its event loop only.
 */
final class TlsFrontend extends ChannelInboundHandlerAdapter {
    /** TLS alert {@code unrecognized_name}: a blocked name. */
    static final int UNRECOGNIZED_NAME = 112;
    /** TLS alert {@code access_denied}: an opaque connection that is refused. */
    static final int ACCESS_DENIED = 49;
    private static final int DEFAULT_PORT = 443;

    private final ListenerContext context;
    private Optional<InetSocketAddress> original = Optional.empty();
    private Peeked peeked;
    private boolean acted;

    TlsFrontend(ListenerContext context) {
        this.context = context;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (context.admit(ctx.channel()) != Admission.ADMITTED) {
            ctx.close();
            return;
        }
        original = context.original().of(ctx.channel());
        ctx.read();
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof Peeked p) {
            peeked = p;
            context.metrics().hello(p.outcome());
        } else if (evt instanceof IdleStateEvent) {
            ctx.close();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (acted || peeked == null || !(msg instanceof ByteBuf bytes) || !ctx.channel().isActive()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        acted = true;
        act(ctx, bytes);
    }

    private void act(ChannelHandlerContext ctx, ByteBuf bytes) {
        HelloOutcome outcome = peeked.outcome();
        Kind kind;
        String host;
        int port = original.map(InetSocketAddress::getPort).orElse(DEFAULT_PORT);
        switch (outcome) {
            case SNI, ECH_GREASE_OR_NAMED -> {
                kind = Kind.TLS;
                host = peeked.hello().sni();
            }
            case ECH_FRONTEND, NO_SNI, NOT_TLS -> {
                kind = Kind.OPAQUE;
                if (original.isEmpty()) {
                    context.metrics().rejected(Rejection.NO_ORIGINAL_DESTINATION);
                    bytes.release();
                    refuse(ctx, outcome == HelloOutcome.NOT_TLS ? -1 : ACCESS_DENIED);
                    return;
                }
                host = original.get().getAddress().getHostAddress();
            }
            default -> {
                bytes.release();
                ctx.close();
                return;
            }
        }
        InetSocketAddress client = (InetSocketAddress) ctx.channel().remoteAddress();
        RequestFacts facts = new RequestFacts(client.getAddress(), null, host, port, kind, null,
                context.clock().instant());
        Decision decision = context.decide(facts);
        if (decision instanceof Decision.Block) {
            boolean page = kind == Kind.TLS && context.blockPageTls() != null;
            context.metrics().blocked(kind, page);
            if (page && blockPage(ctx, bytes, host)) {
                return;
            }
            bytes.release();
            refuse(ctx, outcome == HelloOutcome.NOT_TLS ? -1 : kind == Kind.TLS ? UNRECOGNIZED_NAME : ACCESS_DENIED);
            return;
        }
        Choice choice = context.destinations().choose(facts, decision, original,
                (InetSocketAddress) ctx.channel().localAddress());
        if (choice instanceof Choice.Refused refused) {
            context.metrics().destinationRefused(refused.refusal());
            bytes.release();
            ctx.close();
            return;
        }
        Choice.Connect connect = (Choice.Connect) choice;
        if (Destinations.isRestricted(decision.reason())) {
            context.tunnels().register(ctx.channel(), facts);
        }
        splice(ctx, bytes, connect, kind);
    }

    private void splice(ChannelHandlerContext ctx, ByteBuf bytes, Choice.Connect connect, Kind kind) {
        Channel client = ctx.channel();
        TransparentSettings s = context.settings();
        ChannelFuture connecting = new Bootstrap()
                .group(client.eventLoop())
                .channelFactory(context.transport()::newSocketChannel)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) s.connectTimeout().toMillis())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        context.channels().add(ch);
                        ch.pipeline().addFirst(UpstreamTraffic.NAME, context.tlsUpstream());
                        ch.pipeline().addLast(new IdleStateHandler(0, 0, s.idleTimeout().toMillis(),
                                TimeUnit.MILLISECONDS), new Relay(client));
                    }
                })
                .connect(connect.address());
        client.closeFuture().addListener(f -> connecting.channel().close());
        connecting.addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                bytes.release();
                context.metrics().upstreamFailed();
                client.close();
                return;
            }
            Channel upstream = f.channel();
            if (!client.isActive()) {
                bytes.release();
                upstream.close();
                return;
            }
            context.metrics().forwarded(kind, connect.route());
            client.pipeline().replace(this, "relay", new Relay(upstream));
            upstream.writeAndFlush(bytes).addListener((ChannelFutureListener) w -> {
                if (w.isSuccess()) {
                    client.read();
                    upstream.read();
                } else {
                    upstream.close();
                    client.close();
                }
            });
        });
    }

    /**
     * Completes TLS with a certificate for the blocked host and answers with the block page.
     *
     * @return whether the block page was set up (else the caller refuses with an alert)
     */
    private boolean blockPage(ChannelHandlerContext ctx, ByteBuf bytes, String host) {
        SslContext tls;
        try {
            tls = context.blockPageTls().serverContext(host);
        } catch (RuntimeException e) {
            return false;
        }
        Channel ch = ctx.channel();
        ctx.pipeline().addAfter(ctx.name(), "block-tls", tls.newHandler(ch.alloc()));
        ctx.pipeline().addAfter("block-tls", "block-http", new HttpServerCodec(
                context.settings().maxRequestLineLength(), context.settings().maxHeaderSize(), 8192));
        ctx.pipeline().addAfter("block-http", "block-page", new HttpsBlockPage(host, context));
        ctx.fireChannelRead(bytes);
        ctx.fireChannelReadComplete();
        ctx.pipeline().remove(this);
        ch.read();
        return true;
    }

    /** Sends a fatal TLS alert ({@code description} ≥ 0) or nothing, then closes. */
    private static void refuse(ChannelHandlerContext ctx, int description) {
        if (description < 0) {
            ctx.close();
            return;
        }
        ByteBuf alert = Unpooled.wrappedBuffer(alert(description));
        ctx.writeAndFlush(alert).addListener(ChannelFutureListener.CLOSE);
    }

    /** A TLS alert record: content type 21, version TLS 1.2 (RFC 8446 §5.1: legacy_record_version), fatal. */
    static byte[] alert(int description) {
        return new byte[] {21, 3, 3, 0, 2, 2, (byte) description};
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
