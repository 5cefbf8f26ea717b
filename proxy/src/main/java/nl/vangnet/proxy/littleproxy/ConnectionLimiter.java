package nl.vangnet.proxy.littleproxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import nl.vangnet.proxy.netty.ConnectionCounter;
import nl.vangnet.proxy.netty.ConnectionCounter.Admission;

/**
 * The first handler of every client connection: when the connection becomes active it asks the
 * {@link ConnectionCounter} for admission, records the answer in the channel attribute {@link #ADMISSION} and, for an
 * admitted connection, releases the count when the channel closes. Then it removes itself. A connection over a limit
 * is not closed here: the request filter answers its first request with 429/503 and {@code Connection: close}, so that
 * the client sees why (one that never sends a request is closed by the idle timeout). Sharable and thread-safe.
 */
@ChannelHandler.Sharable
final class ConnectionLimiter extends ChannelInboundHandlerAdapter {
    /** The admission of a client channel; absent only for channels that never became active. */
    static final AttributeKey<Admission> ADMISSION = AttributeKey.valueOf("vangnet.admission");
    static final String NAME = "vangnet-connection-limiter";

    private final ConnectionCounter counter;

    ConnectionLimiter(ConnectionCounter counter) {
        this.counter = Objects.requireNonNull(counter, "counter");
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        Channel channel = ctx.channel();
        Admission admission = Admission.TOTAL_LIMIT;
        if (channel.remoteAddress() instanceof InetSocketAddress remote && remote.getAddress() != null) {
            InetAddress client = remote.getAddress();
            admission = counter.acquire(client);
            if (admission == Admission.ADMITTED) {
                channel.closeFuture().addListener(f -> counter.release(client));
            }
        }
        channel.attr(ADMISSION).set(admission);
        ctx.pipeline().remove(this);
        super.channelActive(ctx);
    }
}
