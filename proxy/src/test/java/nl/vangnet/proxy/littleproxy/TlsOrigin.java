package nl.vangnet.proxy.littleproxy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** An HTTPS origin (the JDK's server) on a loopback address, answering every request with its name. For tests. */
final class TlsOrigin implements AutoCloseable {
    private final HttpsServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tls-origin");
        t.setDaemon(true);
        return t;
    });
    private final String name;

    TlsOrigin(String address, int port, String name, TestCertificate certificate) throws IOException {
        this.name = name;
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName(address), port), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(certificate.server()));
        server.createContext("/", exchange -> {
            byte[] body = body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.setExecutor(executor);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String body() {
        return "veilig van " + name;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
