package nl.vangnet.proxy.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import nl.vangnet.proxy.TrafficMetrics;
import nl.vangnet.proxy.TrafficMetrics.ConnectFailure;
import nl.vangnet.proxy.TrafficMetrics.Direction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link UpstreamTraffic}: connect outcomes by exception, and bytes counted both ways, in an embedded channel. */
class UpstreamTrafficTest {
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final TrafficMetrics metrics = new TrafficMetrics() {
        @Override
        public void upstreamConnected(long nanos) {
            assertThat(nanos).isNotNegative();
            events.add("connected");
        }

        @Override
        public void upstreamConnectFailed(ConnectFailure cause) {
            events.add("failed:" + cause);
        }

        @Override
        public void relayed(Direction direction, long bytes) {
            events.add(direction + ":" + bytes);
        }
    };

    static Stream<Arguments> causes() {
        return Stream.of(
                Arguments.of(new ConnectTimeoutException("connection timed out after 10000 ms"), ConnectFailure.TIMEOUT),
                Arguments.of(new ConnectException("Connection refused"), ConnectFailure.REFUSED),
                Arguments.of(new ConnectException("finishConnect(..) failed: Connection refused"),
                        ConnectFailure.REFUSED),
                Arguments.of(new ConnectException("finishConnect(..) failed: No route to host"),
                        ConnectFailure.UNREACHABLE),
                Arguments.of(new SocketException("Network is unreachable"), ConnectFailure.UNREACHABLE),
                Arguments.of(new NoRouteToHostException("No route to host"), ConnectFailure.UNREACHABLE),
                Arguments.of(new PortUnreachableException(), ConnectFailure.UNREACHABLE),
                Arguments.of(new ConnectException(null), ConnectFailure.REFUSED),
                Arguments.of(new SocketException("Connection reset"), ConnectFailure.OTHER),
                Arguments.of(new IOException("Broken pipe"), ConnectFailure.OTHER),
                Arguments.of(null, ConnectFailure.OTHER));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("causes")
    void classifiesConnectFailures(Throwable cause, ConnectFailure expected) {
        assertThat(UpstreamTraffic.classify(cause)).isEqualTo(expected);
    }

    @Test
    void countsBytesWrittenAndReadAndPassesThemOnUnchanged() {
        EmbeddedChannel ch = new EmbeddedChannel(new UpstreamTraffic(metrics));
        ch.writeOutbound(Unpooled.wrappedBuffer(new byte[120]));
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[3000]));
        ch.writeInbound(Unpooled.EMPTY_BUFFER);
        ch.writeInbound("not bytes");
        assertThat(events).containsExactly("CLIENT_TO_UPSTREAM:120", "UPSTREAM_TO_CLIENT:3000");
        assertThat(((io.netty.buffer.ByteBuf) ch.readOutbound()).readableBytes()).isEqualTo(120);
        assertThat(((io.netty.buffer.ByteBuf) ch.readInbound()).readableBytes()).isEqualTo(3000);
        ch.finishAndReleaseAll();
    }

    @Test
    void connectsAreTimedFailuresCountedAndAbandonedOnesNot() throws Exception {
        EmbeddedChannel ok = new EmbeddedChannel(false, false, new UpstreamTraffic(metrics));
        ok.register();
        ok.connect(new InetSocketAddress("127.0.0.1", 80)).syncUninterruptibly();
        assertThat(events).containsExactly("connected");

        // the failing handler stands for the socket: next to the head, below the observer
        EmbeddedChannel abandoned = new EmbeddedChannel(failingConnect(new ClosedChannelException()),
                new UpstreamTraffic(metrics));
        abandoned.connect(new InetSocketAddress("127.0.0.1", 80));
        EmbeddedChannel refused = new EmbeddedChannel(failingConnect(new ConnectException("Connection refused")),
                new UpstreamTraffic(metrics));
        refused.connect(new InetSocketAddress("127.0.0.1", 80));
        assertThat(events).containsExactly("connected", "failed:REFUSED");
    }

    private static io.netty.channel.ChannelOutboundHandlerAdapter failingConnect(Throwable cause) {
        return new io.netty.channel.ChannelOutboundHandlerAdapter() {
            @Override
            public void connect(io.netty.channel.ChannelHandlerContext ctx, java.net.SocketAddress remote,
                    java.net.SocketAddress local, io.netty.channel.ChannelPromise promise) {
                promise.setFailure(cause);
            }
        };
    }
}
