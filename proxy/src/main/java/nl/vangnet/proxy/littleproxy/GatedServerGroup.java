package nl.vangnet.proxy.littleproxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.littleshoot.proxy.TransportProtocol;
import org.littleshoot.proxy.UnknownTransportProtocolException;
import org.littleshoot.proxy.impl.ServerGroup;

/**
 * LittleProxy's thread pools, with one addition: every accepted client channel gets a handler put first into its
 * pipeline before it is registered, and so does every upstream channel (LittleProxy builds the rest of the pipelines
 * itself and offers no hook for it). Used for the {@link ConnectionLimiter} on client channels and for
 * {@link nl.vangnet.proxy.netty.UpstreamTraffic} (connect latency and failures, relayed bytes) on upstream channels. Event loops are Netty 4.2 NIO loops with daemon threads; a graceful
 * shutdown has no quiet period, because by then the listener is closed, and stops the acceptor, client and upstream
 * loops in that order. Thread-safe.
 */
final class GatedServerGroup extends ServerGroup {
    private static final int SHUTDOWN_TIMEOUT_SECONDS = 10;

    private final EventLoopGroup acceptors;
    private final EventLoopGroup clientWorkers;
    private final EventLoopGroup serverWorkers;
    private final AtomicBoolean shutDown = new AtomicBoolean();

    /**
     * @param firstHandler             put first into every accepted client channel ({@code @Sharable})
     * @param firstUpstreamHandler     put first into every upstream channel, before its connect ({@code @Sharable})
     */
    GatedServerGroup(String name, int workerThreads, ChannelHandler firstHandler, String firstHandlerName,
            ChannelHandler firstUpstreamHandler, String firstUpstreamHandlerName) {
        super(name, 1, 1, 1, true);
        Objects.requireNonNull(firstHandler, "firstHandler");
        Objects.requireNonNull(firstUpstreamHandler, "firstUpstreamHandler");
        this.acceptors = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(name + "-accept", true),
                NioIoHandler.newFactory());
        this.clientWorkers = new GatedLoopGroup(workerThreads, new DefaultThreadFactory(name + "-client", true),
                firstHandler, firstHandlerName);
        this.serverWorkers = new GatedLoopGroup(workerThreads, new DefaultThreadFactory(name + "-upstream", true),
                firstUpstreamHandler, firstUpstreamHandlerName);
    }

    @Override
    public EventLoopGroup getClientToProxyAcceptorPoolForTransport(TransportProtocol protocol) {
        return requireTcp(protocol, acceptors);
    }

    @Override
    public EventLoopGroup getClientToProxyWorkerPoolForTransport(TransportProtocol protocol) {
        return requireTcp(protocol, clientWorkers);
    }

    @Override
    public EventLoopGroup getProxyToServerWorkerPoolForTransport(TransportProtocol protocol) {
        return requireTcp(protocol, serverWorkers);
    }

    @Override
    public void shutdown(boolean graceful) {
        super.shutdown(graceful);
        if (!shutDown.compareAndSet(false, true)) {
            return;
        }
        // One after the other: closing a client channel still closes its upstream channel on the upstream loops.
        for (EventLoopGroup g : List.of(acceptors, clientWorkers, serverWorkers)) {
            g.shutdownGracefully(0, graceful ? SHUTDOWN_TIMEOUT_SECONDS : 0, TimeUnit.SECONDS)
                    .awaitUninterruptibly(SHUTDOWN_TIMEOUT_SECONDS + 1L, TimeUnit.SECONDS);
        }
    }

    private static EventLoopGroup requireTcp(TransportProtocol protocol, EventLoopGroup group) {
        if (protocol != TransportProtocol.TCP) {
            throw new UnknownTransportProtocolException(protocol);
        }
        return group;
    }

    /** NIO loops that put {@code firstHandler} first into each channel's pipeline on registration. */
    private static final class GatedLoopGroup extends MultiThreadIoEventLoopGroup {
        private final ChannelHandler firstHandler;
        private final String firstHandlerName;

        GatedLoopGroup(int threads, DefaultThreadFactory threadFactory, ChannelHandler firstHandler,
                String firstHandlerName) {
            super(threads, threadFactory, NioIoHandler.newFactory());
            this.firstHandler = firstHandler;
            this.firstHandlerName = firstHandlerName;
        }

        @Override
        public ChannelFuture register(Channel channel) {
            channel.pipeline().addFirst(firstHandlerName, firstHandler);
            return super.register(channel);
        }

        @Override
        public ChannelFuture register(ChannelPromise promise) {
            promise.channel().pipeline().addFirst(firstHandlerName, firstHandler);
            return super.register(promise);
        }
    }
}
