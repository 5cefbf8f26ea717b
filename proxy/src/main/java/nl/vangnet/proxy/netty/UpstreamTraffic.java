package nl.vangnet.proxy.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.FileRegion;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.Objects;
import nl.vangnet.proxy.TrafficMetrics;
import nl.vangnet.proxy.TrafficMetrics.ConnectFailure;
import nl.vangnet.proxy.TrafficMetrics.Direction;

/**
 * Observes one upstream channel for {@link TrafficMetrics}: the duration and failures of its TCP connect, and the
 * bytes passing its socket (written = client to upstream, read = upstream to client). Put it first in the upstream
 * channel's pipeline (next to the socket) before the connect, so it sees the connect call and the raw bytes below any
 * codec. Counts, never changes anything: every event is passed on unchanged. A connect that fails because the
 * channel was closed meanwhile (the client went away) is not counted. Stateless apart from its metrics: one instance
 * may be shared by every upstream channel of a listener; thread-safe.
 */
@ChannelHandler.Sharable
public final class UpstreamTraffic extends ChannelDuplexHandler {
    /** Its name in the pipeline. */
    public static final String NAME = "vangnet-upstream-traffic";

    private final TrafficMetrics metrics;

    /** @param metrics the listener's traffic metrics */
    public UpstreamTraffic(TrafficMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void connect(ChannelHandlerContext ctx, SocketAddress remote, SocketAddress local,
            ChannelPromise promise) {
        long started = System.nanoTime();
        promise.addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                metrics.upstreamConnected(System.nanoTime() - started);
            } else if (!f.isCancelled() && !(f.cause() instanceof ClosedChannelException)) {
                metrics.upstreamConnectFailed(classify(f.cause()));
            }
        });
        ctx.connect(remote, local, promise);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        long n = size(msg);
        if (n > 0) {
            metrics.relayed(Direction.UPSTREAM_TO_CLIENT, n);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        long n = size(msg);
        if (n > 0) {
            metrics.relayed(Direction.CLIENT_TO_UPSTREAM, n);
        }
        ctx.write(msg, promise);
    }

    private static long size(Object msg) {
        if (msg instanceof ByteBuf b) {
            return b.readableBytes();
        }
        if (msg instanceof ByteBufHolder h) {
            return h.content().readableBytes();
        }
        if (msg instanceof FileRegion r) {
            return r.count() - r.transferred();
        }
        return 0;
    }

    /**
     * Why a connect failed, from its exception: Netty's {@link ConnectTimeoutException} is a timeout; a
     * {@link NoRouteToHostException}, a {@link PortUnreachableException}, or a {@link SocketException} whose message
     * is the system's "No route to host" / "Network is unreachable" (epoll reports those as a
     * {@link ConnectException} with the {@code strerror} text) is unreachable; any other {@link ConnectException}
     * (NIO's and epoll's "Connection refused") is refused; anything else (including {@code null}) other.
     */
    public static ConnectFailure classify(Throwable cause) {
        if (cause instanceof ConnectTimeoutException) {
            return ConnectFailure.TIMEOUT;
        }
        if (cause instanceof NoRouteToHostException || cause instanceof PortUnreachableException
                || cause instanceof SocketException && unreachable(cause.getMessage())) {
            return ConnectFailure.UNREACHABLE;
        }
        if (cause instanceof ConnectException) {
            return ConnectFailure.REFUSED;
        }
        return ConnectFailure.OTHER;
    }

    private static boolean unreachable(String message) {
        if (message == null) {
            return false;
        }
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("no route to host") || m.contains("unreachable");
    }
}
