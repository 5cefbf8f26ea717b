package nl.vangnet.app.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The "internet" of the namespace e2e suite: for each origin address an HTTP server on port 80 and an HTTPS
 * server on port 443 answering {@code origin <name>} (the certificate of the keystore, with the SANs of every
 * name); a TCP listener standing in for a DNS-over-TLS resolver (answers {@code dot} and closes); UDP receivers
 * counting datagrams; and a status page with every count on {@code status-bind}. Runs until killed.
 *
 * <p>Usage: {@code E2eOrigin KEYSTORE.p12 PASSWORD STATUS_HOST:PORT DOT_HOST:PORT UDP_HOST:PORT[,...]
 * NAME=ADDRESS...}, e.g. {@code allowed.test=198.51.100.10}. Status lines: {@code http <name> <requests>},
 * {@code https <name> <requests>}, {@code dot <connections>}, {@code udp <host:port> <datagrams>}.
 * Test code only; thread-safe.
 */
public final class E2eOrigin {
    private static final Map<String, AtomicLong> COUNTS = new ConcurrentHashMap<>();

    private E2eOrigin() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 6) {
            System.err.println("usage: E2eOrigin KEYSTORE PASSWORD STATUS_BIND DOT_BIND UDP_BINDS NAME=ADDRESS...");
            System.exit(2);
        }
        SSLContext tls = sslContext(args[0], args[1].toCharArray());
        for (int i = 5; i < args.length; i++) {
            String name = args[i].substring(0, args[i].indexOf('='));
            InetAddress address = InetAddress.getByName(args[i].substring(args[i].indexOf('=') + 1));
            HttpServer http = HttpServer.create(new InetSocketAddress(address, 80), 50);
            http.createContext("/", origin("http " + name, name));
            http.setExecutor(Executors.newCachedThreadPool());
            http.start();
            HttpsServer https = HttpsServer.create(new InetSocketAddress(address, 443), 50);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            https.createContext("/", origin("https " + name, name));
            https.setExecutor(Executors.newCachedThreadPool());
            https.start();
            count("http " + name, 0);
            count("https " + name, 0);
        }
        dot(address(args[3]));
        for (String bind : args[4].split(",")) {
            udp(address(bind), bind);
        }
        HttpServer status = HttpServer.create(address(args[2]), 10);
        status.createContext("/", exchange -> {
            StringBuilder body = new StringBuilder();
            new TreeMap<>(COUNTS).forEach((k, v) -> body.append(k).append(' ').append(v.get()).append('\n'));
            respond(exchange, body.toString());
        });
        status.start();
        System.out.println("origins ready");
    }

    private static long count(String key, long delta) {
        return COUNTS.computeIfAbsent(key, k -> new AtomicLong()).addAndGet(delta);
    }

    private static HttpHandler origin(String key, String name) {
        return exchange -> {
            count(key, 1);
            try (InputStream in = exchange.getRequestBody()) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            respond(exchange, "origin " + name + "\n");
        };
    }

    private static void respond(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void dot(InetSocketAddress bind) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(bind);
        count("dot", 0);
        background(() -> {
            while (true) {
                try (Socket s = server.accept()) {
                    count("dot", 1);
                    s.getOutputStream().write("dot\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    System.err.println("dot: " + e);
                }
            }
        });
    }

    private static void udp(InetSocketAddress bind, String name) throws IOException {
        DatagramSocket socket = new DatagramSocket(bind);
        count("udp " + name, 0);
        background(() -> {
            byte[] buffer = new byte[2048];
            while (true) {
                try {
                    socket.receive(new DatagramPacket(buffer, buffer.length));
                    count("udp " + name, 1);
                } catch (IOException e) {
                    System.err.println("udp: " + e);
                }
            }
        });
    }

    private static void background(Runnable r) {
        Thread t = new Thread(r, "e2e-origin");
        t.setDaemon(false);
        t.start();
    }

    private static InetSocketAddress address(String hostPort) throws IOException {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(InetAddress.getByName(hostPort.substring(0, colon)),
                Integer.parseInt(hostPort.substring(colon + 1)));
    }

    private static SSLContext sslContext(String keystore, char[] password) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(keystore)) {
            ks.load(in, password);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }
}
