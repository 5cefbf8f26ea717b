package nl.vangnet.proxy.transparent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A test origin on a loopback address that counts connections and records what it receives. TLS mode: answers every
 * line with {@code name:line}. HTTP mode: answers every request head with a 200 whose body is its name (keep-alive).
 */
final class LineOrigin implements AutoCloseable {
    private final ServerSocket server;
    private final String name;
    private final boolean http;
    final AtomicInteger accepted = new AtomicInteger();
    final List<String> received = new CopyOnWriteArrayList<>();

    LineOrigin(String address, int port, String name, SSLContext tls) throws IOException {
        this.name = name;
        this.http = tls == null;
        server = tls == null ? new ServerSocket() : tls.getServerSocketFactory().createServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName(address), port));
        Thread t = new Thread(this::acceptLoop, "origin-" + name);
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                accepted.incrementAndGet();
                Thread t = new Thread(() -> serve(s), "origin-" + name + "-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
            StringBuilder head = new StringBuilder();
            String line;
            while ((line = r.readLine()) != null) {
                if (!http) {
                    received.add(line);
                    out.write((name + ":" + line + "\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    continue;
                }
                head.append(line).append("\r\n");
                if (line.isEmpty()) {
                    received.add(head.toString());
                    head.setLength(0);
                    out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + name.length() + "\r\n\r\n" + name)
                            .getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
            }
        } catch (IOException e) {
            // the peer went away
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
