package nl.vangnet.proxy.littleproxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Raw HTTP/1.1 over plain sockets, for tests: clients bound to chosen loopback addresses, exact bytes. */
final class RawHttp {
    static final int TIMEOUT_MILLIS = 10_000;

    private RawHttp() {
    }

    /** A socket from {@code clientAddress} (a 127.0.0.x address) to {@code proxy}. */
    static Socket connect(String clientAddress, InetSocketAddress proxy) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName(clientAddress), 0));
        s.connect(proxy, TIMEOUT_MILLIS);
        s.setSoTimeout(TIMEOUT_MILLIS);
        return s;
    }

    static void send(Socket s, String request) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Sends {@code request} and reads one response (a response to HEAD has no body). */
    static Response exchange(Socket s, String request) throws IOException {
        send(s, request);
        return read(s.getInputStream(), request.startsWith("HEAD "));
    }

    /** Reads the head up to and including the empty line; {@code null} at a clean end of stream. */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                if (head.size() == 0) {
                    return null;
                }
                throw new IOException("stream ended inside a head: " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    static Response read(InputStream in, boolean noBody) throws IOException {
        String head = readHead(in);
        if (head == null) {
            throw new IOException("connection closed before a response");
        }
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).strip());
        }
        byte[] body;
        List<String> length = headers.get("content-length");
        if (noBody || status == 204 || status == 304 || (status == 200 && head.contains("onnection established"))) {
            body = new byte[0];
        } else if (length != null) {
            body = in.readNBytes(Integer.parseInt(length.get(0)));
        } else {
            body = in.readAllBytes();
        }
        return new Response(status, headers, body, head);
    }

    /** Whether the peer closed the connection (end of stream or reset) within the timeout. */
    static boolean closedByPeer(Socket s) throws IOException {
        try {
            return s.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;
        }
    }

    /** A response as read. */
    record Response(int status, Map<String, List<String>> headers, byte[] body, String head) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The response exactly as received. */
        byte[] raw() {
            byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
            byte[] all = new byte[h.length + body.length];
            System.arraycopy(h, 0, all, 0, h.length);
            System.arraycopy(body, 0, all, h.length, body.length);
            return all;
        }
    }
}
