package nl.vangnet.proxy.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The proxy's own answers, encoded by Netty's response encoder on an embedded channel. */
class ResponsesTest {
    private static final Instant NOW = Instant.parse("2025-03-01T09:05:03Z");

    static Stream<Arguments> responses() {
        return Stream.of(
                Arguments.of("block page", (BiFunction<Boolean, Instant, FullHttpResponse>) (head, now) ->
                        Responses.blockPage("<p>x</p>".getBytes(StandardCharsets.UTF_8), head, now),
                        403, "text/html; charset=utf-8", "no-store", "<p>x</p>"),
                Arguments.of("blocked", fn(Responses::blocked), 403, Responses.TEXT, "no-store",
                        Responses.BLOCKED_TEXT),
                Arguments.of("refused", fn(Responses::destinationRefused), 403, Responses.TEXT, "no-store",
                        Responses.REFUSED_TEXT),
                Arguments.of("unresolvable", fn(Responses::unresolvable), 502, Responses.TEXT, "no-store",
                        Responses.UNRESOLVABLE_TEXT),
                Arguments.of("bad request", fn(Responses::badRequest), 400, Responses.TEXT, "no-store",
                        Responses.BAD_REQUEST_TEXT),
                Arguments.of("not a proxy request", fn(Responses::notAProxyRequest), 400, Responses.TEXT,
                        "no-store", Responses.NOT_A_PROXY_REQUEST_TEXT),
                Arguments.of("client limit", fn(Responses::clientLimit), 429, Responses.TEXT, "no-store",
                        Responses.CLIENT_LIMIT_TEXT),
                Arguments.of("total limit", fn(Responses::totalLimit), 503, Responses.TEXT, "no-store",
                        Responses.TOTAL_LIMIT_TEXT),
                Arguments.of("pac", (BiFunction<Boolean, Instant, FullHttpResponse>) (head, now) ->
                        Responses.pac("function FindProxyForURL(u, h) {}".getBytes(StandardCharsets.US_ASCII),
                                head, now),
                        200, "application/x-ns-proxy-autoconfig", "max-age=300",
                        "function FindProxyForURL(u, h) {}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responses")
    void carryLengthCachingAndCloseAndNoBodyForHead(String name, BiFunction<Boolean, Instant, FullHttpResponse> make,
            int status, String contentType, String cacheControl, String body) {
        int length = body.getBytes(StandardCharsets.UTF_8).length;
        String expectedHead = "HTTP/1.1 " + status + " ";

        String get = encode(make.apply(false, NOW));
        String head = encode(make.apply(true, NOW));

        for (String wire : new String[] {get, head}) {
            assertThat(wire).startsWith(expectedHead)
                    .contains("\r\ncontent-type: " + contentType + "\r\n")
                    .contains("\r\ncontent-length: " + length + "\r\n")
                    .contains("\r\ncache-control: " + cacheControl + "\r\n")
                    .contains("\r\nconnection: close\r\n")
                    .contains("\r\ndate: Sat, 01 Mar 2025 09:05:03 GMT\r\n");
        }
        assertThat(get).endsWith("\r\n\r\n" + body);
        assertThat(head).endsWith("\r\n\r\n");
        if (status == 429 || status == 503) {
            assertThat(get).contains("\r\nretry-after: 10\r\n");
        }
    }

    private static BiFunction<Boolean, Instant, FullHttpResponse> fn(BiFunction<Boolean, Instant, FullHttpResponse> f) {
        return f;
    }

    private static String encode(FullHttpResponse response) {
        EmbeddedChannel channel = new EmbeddedChannel(new HttpResponseEncoder());
        channel.writeOutbound(response);
        StringBuilder out = new StringBuilder();
        ByteBuf buf;
        while ((buf = channel.readOutbound()) != null) {
            out.append(buf.toString(StandardCharsets.UTF_8));
            buf.release();
        }
        channel.finishAndReleaseAll();
        return out.toString();
    }
}
