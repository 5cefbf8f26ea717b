package nl.vangnet.proxy.littleproxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A plain HTTP/1.1 origin on a loopback address that records every request exactly as received (head and body) and
 * answers each with the same fixed bytes, naming itself. Keep-alive; one thread per connection. For tests.
 */
final class RawOrigin implements AutoCloseable {
    private final ServerSocket server;
    private final String name;
    private final byte[] response;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    RawOrigin(String address, int port, String name) throws IOException {
        this.name = name;
        String body = "hallo van " + name;
        this.response = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
                + body.length() + "\r\nX-Origin: " + name + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName(address), port));
        Thread acceptor = new Thread(this::acceptLoop, "origin-" + name);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** The exact bytes of every response. */
    byte[] response() {
        return response.clone();
    }

    String body() {
        return "hallo van " + name;
    }

    /** Every request received so far, as text (head, then body). */
    List<String> requests() {
        return List.copyOf(requests);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
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
            while (true) {
                String head = RawHttp.readHead(in);
                if (head == null) {
                    return;
                }
                int length = contentLength(head);
                byte[] body = in.readNBytes(length);
                requests.add(head + new String(body, StandardCharsets.ISO_8859_1));
                out.write(response);
                out.flush();
            }
        } catch (IOException e) {
            // the peer went away
        }
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring("content-length:".length()).strip());
            }
        }
        return 0;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
