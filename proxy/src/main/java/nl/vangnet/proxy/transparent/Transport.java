package nl.vangnet.proxy.transparent;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.channels.spi.SelectorProvider;

/**
 * The Netty transport: epoll when {@link Epoll#isAvailable()} (Linux; needed for {@link NetfilterOriginalDestination}),
 * NIO otherwise. Server sockets are made in the bind address's family (an IPv4 address gets an IPv4 socket), so that
 * accepted IPv4 connections have IPv4 conntrack lookups. Immutable, thread-safe.
 *
 * @param epoll whether the epoll transport is used
 */
record Transport(boolean epoll) {

    /** Epoll if available, else NIO. */
    static Transport detect() {
        return new Transport(Epoll.isAvailable());
    }

    IoHandlerFactory ioHandlerFactory() {
        return epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    ServerChannel newServerChannel(InetSocketAddress bind) {
        SocketProtocolFamily family = bind.getAddress() instanceof Inet4Address ? SocketProtocolFamily.INET
                : SocketProtocolFamily.INET6;
        return epoll ? new EpollServerSocketChannel(family)
                : new NioServerSocketChannel(SelectorProvider.provider(), family);
    }

    SocketChannel newSocketChannel() {
        return epoll ? new EpollSocketChannel() : new NioSocketChannel();
    }
}
