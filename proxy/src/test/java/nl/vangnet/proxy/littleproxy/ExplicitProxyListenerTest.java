package nl.vangnet.proxy.littleproxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import nl.vangnet.proxy.ProxySettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Loopback only: an origin on 127.0.0.1 and the proxy on 127.0.0.1, both on free ports. */
class ExplicitProxyListenerTest {
    private HttpServer origin;
    private ExplicitProxyListener proxy;
    private InetSocketAddress proxyAddress;
    private final Map<String, List<String>> seenHeaders = new ConcurrentHashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        origin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        origin.createContext("/hello", exchange -> {
            exchange.getRequestHeaders().forEach((k, v) -> seenHeaders.put(k.toLowerCase(), v));
            byte[] body = "hallo".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("X-Origin", "yes");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        origin.start();
        proxy = new ExplicitProxyListener(ProxySettings.on(new InetSocketAddress("127.0.0.1", 0)));
        proxyAddress = proxy.start();
    }

    @AfterEach
    void tearDown() {
        proxy.stop();
        origin.stop(0);
    }

    @Test
    void relaysPlainHttpWithoutAddingProxyHeaders() throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .proxy(ProxySelector.of(proxyAddress))
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        URI uri = URI.create("http://127.0.0.1:" + origin.getAddress().getPort() + "/hello");

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("X-Client", "1").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hallo");
        assertThat(response.headers().firstValue("x-origin")).contains("yes");
        assertThat(response.headers().map()).doesNotContainKey("via");
        assertThat(seenHeaders).containsKey("x-client").doesNotContainKeys("via", "x-forwarded-for");
    }

    @Test
    void stopIsIdempotentAndReleasesThePort() throws Exception {
        proxy.stop();
        proxy.stop();
        try (var socket = new java.net.ServerSocket()) {
            socket.bind(proxyAddress);
            assertThat(socket.isBound()).isTrue();
        }
    }
}
