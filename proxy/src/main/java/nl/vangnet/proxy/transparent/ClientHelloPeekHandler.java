package nl.vangnet.proxy.transparent;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.SslClientHelloHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import nl.vangnet.proxy.transparent.TransparentMetrics.HelloOutcome;

/**
 * Reads a connection's first bytes on the transparent TLS listener without terminating TLS, based on Netty's
 * {@link SslClientHelloHandler}: it waits for the complete ClientHello, also when it is split over several TCP
 * segments and several TLS records, up to {@code maxClientHelloLength} bytes. Then it fires one {@link Peeked} user
 * event with the outcome and removes itself; the removal passes every byte read so far, unchanged, to the next handler
 * as one {@link ByteBuf}. Outcomes:
 * <ul>
 *   <li>{@link HelloOutcome#SNI}, {@link HelloOutcome#ECH_GREASE_OR_NAMED}, {@link HelloOutcome#ECH_FRONTEND},
 *       {@link HelloOutcome#NO_SNI}: a well-formed ClientHello (see {@link TransparentListener} for the ECH policy:
 *       an outer SNI in {@code echPublicNames} is a real ECH front-end);</li>
 *   <li>{@link HelloOutcome#NOT_TLS}: the first bytes are not a TLS handshake record (e.g. plain HTTP);</li>
 *   <li>{@link HelloOutcome#MALFORMED}, {@link HelloOutcome#TOO_LARGE}, {@link HelloOutcome#TIMEOUT} (no complete
 *       ClientHello within {@code timeout}): the connection is closed; the event is still fired, for counting.</li>
 * </ul>
 * One instance per connection; used on the channel's event loop only.
 */
final class ClientHelloPeekHandler extends SslClientHelloHandler<ClientHelloPeekHandler.Peeked> {
    private static final int TLS_HANDSHAKE = 22;
    private static final int TLS_CHANGE_CIPHER_SPEC = 20;
    private static final int TLS_ALERT = 21;

    private final Set<String> echPublicNames;
    private final Duration timeout;
    private ScheduledFuture<?> timer;
    private boolean reported;

    /**
     * The outcome of the peek.
     *
     * @param outcome what the first bytes were
     * @param hello   the parsed ClientHello for the four ClientHello outcomes, else {@code null}
     */
    record Peeked(HelloOutcome outcome, ClientHello hello) {
        Peeked {
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /**
     * @param maxClientHelloLength largest accepted ClientHello handshake message, in bytes
     * @param timeout              how long to wait for it
     * @param echPublicNames       lower-case public names of ECH front-ends
     */
    ClientHelloPeekHandler(int maxClientHelloLength, Duration timeout, Set<String> echPublicNames) {
        super(maxClientHelloLength);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.echPublicNames = Set.copyOf(echPublicNames);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        super.handlerAdded(ctx);
        if (ctx.channel().isActive()) {
            startTimer(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        startTimer(ctx);
        super.channelActive(ctx);
    }

    private void startTimer(ChannelHandlerContext ctx) {
        if (timer == null) {
            timer = ctx.executor().schedule(() -> {
                if (!reported) {
                    report(ctx, new Peeked(HelloOutcome.TIMEOUT, null));
                    ctx.close();
                }
            }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    @Override
    protected Future<Peeked> lookup(ChannelHandlerContext ctx, ByteBuf clientHello) {
        return ctx.executor().newSucceededFuture(classify(clientHello, internalBuffer()));
    }

    private Peeked classify(ByteBuf clientHello, ByteBuf received) {
        if (clientHello == null) {
            int first = received.isReadable() ? received.getUnsignedByte(received.readerIndex()) : -1;
            boolean tlsRecord = first == TLS_HANDSHAKE || first == TLS_ALERT || first == TLS_CHANGE_CIPHER_SPEC;
            boolean tlsVersion = received.readableBytes() >= 2
                    && received.getUnsignedByte(received.readerIndex() + 1) == 3;
            return new Peeked(tlsRecord && tlsVersion ? HelloOutcome.MALFORMED : HelloOutcome.NOT_TLS, null);
        }
        ClientHello hello;
        try {
            hello = ClientHello.parse(clientHello);
        } catch (ClientHello.MalformedClientHelloException e) {
            return new Peeked(HelloOutcome.MALFORMED, null);
        }
        if (hello.sni() == null) {
            return new Peeked(HelloOutcome.NO_SNI, hello);
        }
        if (hello.ech()) {
            boolean frontEnd = echPublicNames.contains(hello.sni().toLowerCase(Locale.ROOT));
            return new Peeked(frontEnd ? HelloOutcome.ECH_FRONTEND : HelloOutcome.ECH_GREASE_OR_NAMED, hello);
        }
        return new Peeked(HelloOutcome.SNI, hello);
    }

    @Override
    protected void onLookupComplete(ChannelHandlerContext ctx, Future<Peeked> future) {
        Peeked peeked = future.getNow();
        report(ctx, peeked);
        if (peeked.outcome() == HelloOutcome.MALFORMED) {
            ctx.close();
        }
        ctx.pipeline().remove(this);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!reported) {
            boolean tooLarge = cause instanceof TooLongFrameException
                    || cause.getCause() instanceof TooLongFrameException;
            report(ctx, new Peeked(tooLarge ? HelloOutcome.TOO_LARGE : HelloOutcome.MALFORMED, null));
        }
        ctx.close();
    }

    private void report(ChannelHandlerContext ctx, Peeked peeked) {
        reported = true;
        if (timer != null) {
            timer.cancel(false);
        }
        ctx.fireUserEventTriggered(peeked);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) throws Exception {
        if (timer != null) {
            timer.cancel(false);
        }
        super.handlerRemoved0(ctx);
    }
}
