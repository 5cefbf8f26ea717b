package nl.vangnet.proxy.transparent;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What transparent mode reads from a TLS ClientHello (RFC 8446 §4.1.2, RFC 5246 §7.4.1.2): the server name (SNI,
 * RFC 6066 §3), whether the {@code encrypted_client_hello} extension ({@code 0xfe0d}, RFC 9849) is present, the
 * legacy version and the {@code supported_versions} list. Immutable.
 *
 * @param sni               the {@code host_name} of the {@code server_name} extension as sent (ASCII, e.g.
 *                          {@code www.example.org}), or {@code null} when there is none
 * @param ech               whether the ClientHello carries the {@code encrypted_client_hello} extension (real or
 *                          GREASE ECH: the two cannot be told apart)
 * @param legacyVersion     {@code legacy_version}, e.g. {@code 0x0303}
 * @param supportedVersions the versions of the {@code supported_versions} extension in the order sent (empty when
 *                          absent; TLS 1.3 clients send it)
 */
public record ClientHello(String sni, boolean ech, int legacyVersion, List<Integer> supportedVersions) {
    /** The {@code server_name} extension type. */
    static final int SERVER_NAME = 0;
    /** The {@code supported_versions} extension type. */
    static final int SUPPORTED_VERSIONS = 43;
    /** The {@code encrypted_client_hello} extension type. */
    static final int ENCRYPTED_CLIENT_HELLO = 0xfe0d;
    private static final int HOST_NAME = 0;
    private static final int RANDOM_LENGTH = 32;
    private static final int MAX_SESSION_ID_LENGTH = 32;
    /** A host name as it may appear in SNI: letters, digits, hyphen, underscore, dots; 1–255 characters. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9_.-]{1,255}");

    public ClientHello {
        supportedVersions = List.copyOf(supportedVersions);
    }

    /**
     * Parses a ClientHello handshake message body: from {@code legacy_version} to the end of the extensions, without
     * the record header and the 4-byte handshake header (as {@link io.netty.handler.ssl.SslClientHelloHandler}
     * hands it over). Every length is checked against its enclosing length; the body must end exactly where the
     * extensions end. Does not change {@code body}'s indices.
     *
     * @throws MalformedClientHelloException with a specific message when the bytes are not a well-formed
     *                                       ClientHello: truncated, inconsistent lengths, duplicate extensions,
     *                                       several host names, or a host name with characters no DNS name has
     */
    public static ClientHello parse(ByteBuf body) {
        Reader r = new Reader(body, body.readerIndex(), body.writerIndex());
        int legacyVersion = r.u16("legacy_version");
        r.skip(RANDOM_LENGTH, "random");
        int sessionIdLength = r.u8("legacy_session_id length");
        if (sessionIdLength > MAX_SESSION_ID_LENGTH) {
            throw new MalformedClientHelloException("legacy_session_id longer than 32 bytes: " + sessionIdLength);
        }
        r.skip(sessionIdLength, "legacy_session_id");
        int cipherSuitesLength = r.u16("cipher_suites length");
        if (cipherSuitesLength < 2 || cipherSuitesLength % 2 != 0) {
            throw new MalformedClientHelloException("cipher_suites length must be even and at least 2: "
                    + cipherSuitesLength);
        }
        r.skip(cipherSuitesLength, "cipher_suites");
        int compressionLength = r.u8("legacy_compression_methods length");
        if (compressionLength < 1) {
            throw new MalformedClientHelloException("legacy_compression_methods is empty");
        }
        r.skip(compressionLength, "legacy_compression_methods");
        if (r.remaining() == 0) {
            return new ClientHello(null, false, legacyVersion, List.of());
        }
        int extensionsLength = r.u16("extensions length");
        if (extensionsLength != r.remaining()) {
            throw new MalformedClientHelloException("extensions length " + extensionsLength + " does not match the "
                    + r.remaining() + " bytes left");
        }
        String sni = null;
        boolean ech = false;
        List<Integer> versions = List.of();
        Set<Integer> seen = new HashSet<>();
        while (r.remaining() > 0) {
            int type = r.u16("extension type");
            int length = r.u16("extension length");
            Reader data = r.sub(length, "extension data");
            if (!seen.add(type)) {
                throw new MalformedClientHelloException("extension " + type + " appears twice");
            }
            if (type == SERVER_NAME) {
                sni = serverName(data);
            } else if (type == ENCRYPTED_CLIENT_HELLO) {
                ech = true;
            } else if (type == SUPPORTED_VERSIONS) {
                versions = supportedVersions(data);
            }
        }
        return new ClientHello(sni, ech, legacyVersion, versions);
    }

    private static String serverName(Reader data) {
        if (data.remaining() == 0) {
            return null; // a server's empty acknowledgement; not expected from a client, but harmless
        }
        int listLength = data.u16("server_name_list length");
        if (listLength != data.remaining() || listLength == 0) {
            throw new MalformedClientHelloException("server_name_list length " + listLength + " does not match the "
                    + data.remaining() + " bytes of the extension");
        }
        String host = null;
        while (data.remaining() > 0) {
            int nameType = data.u8("name_type");
            int nameLength = data.u16("name length");
            Reader name = data.sub(nameLength, "name");
            if (nameType != HOST_NAME) {
                continue;
            }
            if (host != null) {
                throw new MalformedClientHelloException("server_name carries several host names");
            }
            String text = name.ascii();
            if (!HOST.matcher(text).matches()) {
                throw new MalformedClientHelloException("server_name host_name is not a DNS name");
            }
            host = text;
        }
        return host;
    }

    private static List<Integer> supportedVersions(Reader data) {
        int length = data.u8("supported_versions length");
        if (length != data.remaining() || length < 2 || length % 2 != 0) {
            throw new MalformedClientHelloException("supported_versions length " + length + " is odd, too short or"
                    + " does not match the extension");
        }
        List<Integer> versions = new ArrayList<>(length / 2);
        while (data.remaining() > 0) {
            versions.add(data.u16("supported version"));
        }
        return versions;
    }

    /** A bounds-checked cursor over {@code [index, end)} of a buffer; never reads outside. */
    private static final class Reader {
        private final ByteBuf buf;
        private int index;
        private final int end;

        Reader(ByteBuf buf, int index, int end) {
            this.buf = buf;
            this.index = index;
            this.end = end;
        }

        int remaining() {
            return end - index;
        }

        private void need(int n, String what) {
            if (n > remaining()) {
                throw new MalformedClientHelloException("truncated at " + what + ": " + n + " bytes needed, "
                        + remaining() + " left");
            }
        }

        int u8(String what) {
            need(1, what);
            return buf.getUnsignedByte(index++);
        }

        int u16(String what) {
            need(2, what);
            int v = buf.getUnsignedShort(index);
            index += 2;
            return v;
        }

        void skip(int n, String what) {
            need(n, what);
            index += n;
        }

        Reader sub(int n, String what) {
            need(n, what);
            Reader sub = new Reader(buf, index, index + n);
            index += n;
            return sub;
        }

        String ascii() {
            String s = buf.toString(index, remaining(), StandardCharsets.ISO_8859_1);
            index = end;
            return s;
        }
    }

    /** The bytes are not a well-formed ClientHello. */
    public static final class MalformedClientHelloException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        MalformedClientHelloException(String message) {
            super("malformed ClientHello: " + message);
        }
    }
}
