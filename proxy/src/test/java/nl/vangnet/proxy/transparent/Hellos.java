package nl.vangnet.proxy.transparent;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/** Real ClientHellos from the JDK's {@link SSLEngine} in client mode, and rewritten variants of them. For tests. */
final class Hellos {
    private Hellos() {
    }

    /** One TLS record with a ClientHello for {@code sni} ({@code null}: none) offering {@code protocol} only. */
    static byte[] jdk(String protocol, String sni) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, null, null);
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(true);
        SSLParameters p = engine.getSSLParameters();
        p.setProtocols(new String[] {protocol});
        p.setServerNames(sni == null ? List.of() : List.of(new SNIHostName(sni)));
        engine.setSSLParameters(p);
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        byte[] record = new byte[out.remaining()];
        out.get(record);
        return record;
    }

    /** The handshake message (4-byte header + body) inside a single-record hello. */
    static byte[] handshake(byte[] record) {
        return Arrays.copyOfRange(record, 5, record.length);
    }

    /** The ClientHello body (after the 4-byte handshake header). */
    static byte[] body(byte[] record) {
        return Arrays.copyOfRange(record, 9, record.length);
    }

    /** {@code handshake} as TLS handshake records, split after {@code splits} bytes of the handshake message. */
    static byte[] records(byte[] handshake, int... splits) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int from = 0;
        int[] ends = Arrays.copyOf(splits, splits.length + 1);
        ends[splits.length] = handshake.length;
        for (int end : ends) {
            int n = end - from;
            out.write(22);
            out.write(3);
            out.write(1);
            out.write(n >> 8);
            out.write(n & 0xFF);
            out.write(handshake, from, n);
            from = end;
        }
        return out.toByteArray();
    }

    /** A single-record hello whose body gets one more extension {@code type} with {@code data}, lengths fixed. */
    static byte[] withExtension(byte[] record, int type, byte[] data) {
        byte[] body = body(record);
        int i = 2 + 32;
        i += 1 + (body[i] & 0xFF);
        i += 2 + ((body[i] & 0xFF) << 8 | (body[i + 1] & 0xFF));
        i += 1 + (body[i] & 0xFF);
        int extensionsLength = (body[i] & 0xFF) << 8 | (body[i + 1] & 0xFF);
        int added = 4 + data.length;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(body, 0, i);
        int newLength = extensionsLength + added;
        b.write(newLength >> 8);
        b.write(newLength & 0xFF);
        b.write(body, i + 2, extensionsLength);
        b.write(type >> 8);
        b.write(type & 0xFF);
        b.write(data.length >> 8);
        b.write(data.length & 0xFF);
        b.write(data, 0, data.length);
        byte[] newBody = b.toByteArray();
        byte[] handshake = new byte[4 + newBody.length];
        handshake[0] = 1;
        handshake[1] = (byte) (newBody.length >> 16);
        handshake[2] = (byte) (newBody.length >> 8);
        handshake[3] = (byte) newBody.length;
        System.arraycopy(newBody, 0, handshake, 4, newBody.length);
        return records(handshake);
    }
}
