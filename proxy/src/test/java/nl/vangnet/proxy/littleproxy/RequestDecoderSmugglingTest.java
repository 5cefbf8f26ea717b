package nl.vangnet.proxy.littleproxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import java.nio.charset.StandardCharsets;
import nl.vangnet.proxy.ProxySettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What Netty's request decoder — the one LittleProxy puts into every client pipeline, with the listener's limits —
 * does with requests that could smuggle a second request past the proxy. Each must end in a decoder failure, which
 * LittleProxy answers with 400 and a closed connection (proved end to end in {@link ExplicitProxyListenerTest}). This
 * guards against a Netty upgrade that silently "fixes" such a request instead.
 */
class RequestDecoderSmugglingTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "Content-Length: 5\r\nTransfer-Encoding: chunked",
            "Transfer-Encoding: chunked\r\nContent-Length: 5",
            "Content-Length: 5\r\nContent-Length: 5",
            "Content-Length: 5\r\nContent-Length: 6",
            "Content-Length: 5, 5",
            "Content-Length: +5",
            "Transfer-Encoding: gzip",
            "Transfer-Encoding: chunked, gzip",
            "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked",
            "Transfer-Encoding : chunked",
            "Content-Length : 5"
    })
    void failsToDecode(String headers) {
        EmbeddedChannel channel = new EmbeddedChannel(new HttpRequestDecoder(
                ProxySettings.DEFAULT_MAX_REQUEST_LINE_LENGTH, ProxySettings.DEFAULT_MAX_HEADER_SIZE, 8192));
        String raw = "POST http://casino.example/ HTTP/1.1\r\nHost: casino.example\r\n" + headers
                + "\r\n\r\n0\r\n\r\n";

        channel.writeInbound(Unpooled.copiedBuffer(raw, StandardCharsets.ISO_8859_1));
        HttpRequest request = channel.readInbound();

        assertThat(request).isNotNull();
        assertThat(request.decoderResult().isFailure()).as(headers).isTrue();
        channel.finishAndReleaseAll();
    }
}
