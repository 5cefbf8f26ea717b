package nl.vangnet.proxy.littleproxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import nl.vangnet.proxy.netty.ConnectionCounter;
import nl.vangnet.proxy.netty.ConnectionCounter.Admission;
import org.junit.jupiter.api.Test;

/** The limiter as a pipeline piece, on embedded channels that claim a client address. */
class ConnectionLimiterTest {

    @Test
    void recordsTheAdmissionRemovesItselfAndReleasesOnClose() throws Exception {
        ConnectionCounter counter = new ConnectionCounter(1, 10);
        ConnectionLimiter limiter = new ConnectionLimiter(counter);
        AtomicInteger activeSeen = new AtomicInteger();

        ClientChannel first = new ClientChannel("127.0.0.2");
        first.pipeline().addLast(ConnectionLimiter.NAME, limiter).addLast(new ActiveCounter(activeSeen));
        first.register();
        ClientChannel second = new ClientChannel("127.0.0.2");
        second.pipeline().addLast(ConnectionLimiter.NAME, limiter).addLast(new ActiveCounter(activeSeen));
        second.register();

        assertThat(first.attr(ConnectionLimiter.ADMISSION).get()).isEqualTo(Admission.ADMITTED);
        assertThat(second.attr(ConnectionLimiter.ADMISSION).get()).isEqualTo(Admission.CLIENT_LIMIT);
        assertThat(activeSeen).hasValue(2);
        assertThat(first.pipeline().get(ConnectionLimiter.NAME)).isNull();
        assertThat(counter.open()).isEqualTo(1);

        second.close();
        assertThat(counter.open()).isEqualTo(1);
        first.close();
        assertThat(counter.open()).isZero();
        assertThat(counter.clients()).isZero();
    }

    /** An embedded channel whose remote address is a real client address. */
    private static final class ClientChannel extends EmbeddedChannel {
        private final InetSocketAddress remote;

        ClientChannel(String client) {
            super(false, false);
            this.remote = new InetSocketAddress(client, 50000);
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return isActive() ? remote : null;
        }
    }

    private static final class ActiveCounter extends ChannelInboundHandlerAdapter {
        private final AtomicInteger count;

        ActiveCounter(AtomicInteger count) {
            this.count = count;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            count.incrementAndGet();
        }
    }
}
