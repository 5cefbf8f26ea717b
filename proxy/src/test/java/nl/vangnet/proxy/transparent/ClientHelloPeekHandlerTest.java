package nl.vangnet.proxy.transparent;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import nl.vangnet.proxy.transparent.ClientHelloPeekHandler.Peeked;
import nl.vangnet.proxy.transparent.TransparentMetrics.HelloOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The peek handler in an {@link EmbeddedChannel}: no sockets. */
class ClientHelloPeekHandlerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Records the peek event and every byte passed on. */
    private static final class Capture extends ChannelInboundHandlerAdapter {
        final List<Peeked> events = new ArrayList<>();
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof Peeked p) {
                events.add(p);
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf b = (ByteBuf) msg;
            bytes.writeBytes(ByteBufUtil.getBytes(b));
            b.release();
        }
    }

    private Capture capture;

    private EmbeddedChannel channel(int maxLength) {
        capture = new Capture();
        return new EmbeddedChannel(new ClientHelloPeekHandler(maxLength, TIMEOUT, Set.of("cloudflare-ech.com")),
                capture);
    }

    static Stream<Arguments> hellos() throws Exception {
        byte[] v13 = Hellos.jdk("TLSv1.3", "www.example.org");
        byte[] v12 = Hellos.jdk("TLSv1.2", "www.example.org");
        byte[] echNamed = Hellos.withExtension(v13, ClientHello.ENCRYPTED_CLIENT_HELLO, new byte[16]);
        byte[] echFront = Hellos.withExtension(Hellos.jdk("TLSv1.3", "cloudflare-ech.com"),
                ClientHello.ENCRYPTED_CLIENT_HELLO, new byte[16]);
        byte[] noSni = Hellos.jdk("TLSv1.3", null);
        byte[] hs = Hellos.handshake(v13);
        return Stream.of(
                Arguments.of("TLS 1.3", v13, HelloOutcome.SNI, "www.example.org"),
                Arguments.of("TLS 1.2", v12, HelloOutcome.SNI, "www.example.org"),
                Arguments.of("two records", Hellos.records(hs, 40), HelloOutcome.SNI, "www.example.org"),
                Arguments.of("record header split", Hellos.records(hs, 2), HelloOutcome.SNI, "www.example.org"),
                Arguments.of("three records", Hellos.records(hs, 1, 100), HelloOutcome.SNI, "www.example.org"),
                Arguments.of("ECH, named", echNamed, HelloOutcome.ECH_GREASE_OR_NAMED, "www.example.org"),
                Arguments.of("ECH, front-end", echFront, HelloOutcome.ECH_FRONTEND, "cloudflare-ech.com"),
                Arguments.of("no SNI", noSni, HelloOutcome.NO_SNI, null),
                Arguments.of("HTTP", "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                        HelloOutcome.NOT_TLS, null),
                Arguments.of("SSH", "SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII),
                        HelloOutcome.NOT_TLS, null),
                Arguments.of("not a ClientHello", new byte[] {22, 3, 3, 0, 4, 2, 0, 0, 0}, HelloOutcome.MALFORMED,
                        null),
                Arguments.of("garbage hello", Hellos.records(new byte[] {1, 0, 0, 4, 3, 3, 9, 9}),
                        HelloOutcome.MALFORMED, null));
    }

    /** Every hello, in one write and split at every byte offset over two writes: same outcome, all bytes passed. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("hellos")
    void classifiesAndPassesEveryByte(String name, byte[] bytes, HelloOutcome outcome, String sni) {
        for (int split = 0; split <= bytes.length; split++) {
            EmbeddedChannel ch = channel(16384);
            ch.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOf(bytes, split)));
            if (split < bytes.length) {
                if (outcome != HelloOutcome.NOT_TLS || split < 5) { // 5 bytes (a record header) tell non-TLS
                    assertThat(capture.events).as("%s split at %d", name, split).isEmpty();
                }
                ch.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(bytes, split, bytes.length)));
            }
            assertThat(capture.events).as("%s split at %d", name, split).hasSize(1);
            Peeked p = capture.events.get(0);
            assertThat(p.outcome()).isEqualTo(outcome);
            assertThat(p.hello() == null ? null : p.hello().sni()).isEqualTo(sni);
            if (outcome == HelloOutcome.MALFORMED) {
                assertThat(ch.isOpen()).isFalse();
            } else {
                assertThat(capture.bytes.toByteArray()).as("%s split at %d", name, split).isEqualTo(bytes);
                assertThat(ch.pipeline().get(ClientHelloPeekHandler.class)).isNull();
            }
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void byteByByte() throws Exception {
        byte[] bytes = Hellos.records(Hellos.handshake(Hellos.jdk("TLSv1.3", "a.example")), 7, 300);
        EmbeddedChannel ch = channel(16384);
        for (byte b : bytes) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertThat(capture.events).extracting(Peeked::outcome).containsExactly(HelloOutcome.SNI);
        assertThat(capture.bytes.toByteArray()).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void oversizedHelloCloses(int records) throws Exception {
        byte[] hs = Hellos.handshake(Hellos.jdk("TLSv1.3", "www.example.org"));
        byte[] bytes = records == 0 ? Hellos.records(hs) : Hellos.records(hs, 2);
        EmbeddedChannel ch = channel(hs.length - 5);
        ch.writeInbound(Unpooled.wrappedBuffer(bytes));
        assertThat(capture.events).extracting(Peeked::outcome).containsExactly(HelloOutcome.TOO_LARGE);
        assertThat(ch.isOpen()).isFalse();
        assertThat(capture.bytes.size()).isZero();
    }

    @Test
    void truncatedHelloTimesOut() throws Exception {
        byte[] bytes = Hellos.jdk("TLSv1.3", "www.example.org");
        EmbeddedChannel ch = channel(16384);
        ch.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOf(bytes, bytes.length / 2)));
        ch.advanceTimeBy(TIMEOUT.toMillis() - 1, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertThat(capture.events).isEmpty();
        assertThat(ch.isOpen()).isTrue();
        ch.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertThat(capture.events).extracting(Peeked::outcome).containsExactly(HelloOutcome.TIMEOUT);
        assertThat(ch.isOpen()).isFalse();
    }
}
