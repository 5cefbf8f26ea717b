package nl.vangnet.proxy.transparent;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import nl.vangnet.proxy.net.Cidr;

/**
 * Settings of the transparent listeners. Every limit has a sane default (see {@link #on}); change one with the
 * {@code with…} methods. Immutable and thread-safe.
 *
 * @param httpBind                address and port of the transparent HTTP listener (traffic redirected from TCP 80;
 *                                port 0 picks a free port), or {@code null} for no HTTP listener
 * @param tlsBind                 address and port of the transparent TLS listener (traffic redirected from TCP 443),
 *                                or {@code null} for no TLS listener. At least one of the two must be set
 * @param connectTimeout          how long to wait for the upstream TCP connect; default 10 s
 * @param idleTimeout             how long a client or upstream connection may be idle (nothing read or written)
 *                                before both are closed; default 70 s
 * @param clientHelloTimeout      how long a TLS client may take to send its complete ClientHello (or any first
 *                                bytes) before the connection is closed; default 10 s
 * @param maxClientHelloLength    largest accepted ClientHello handshake message, in bytes; a larger one closes the
 *                                connection; default 16384 (post-quantum key shares make hellos of 1.5–2 KB; 16 KB
 *                                leaves room)
 * @param maxRequestLineLength    longest accepted HTTP request line, in bytes; longer: 400 and close; default 8192
 * @param maxHeaderSize           largest accepted HTTP header block, in bytes; larger: 400 and close; default 16384
 * @param maxConnectionsPerClient most simultaneous client connections from one client address (both listeners
 *                                together); over the limit: HTTP 429, TLS closed; default 256
 * @param maxConnections          most simultaneous client connections in total; over the limit: HTTP 503, TLS
 *                                closed; default 4096 (two file descriptors each)
 * @param allowedDestinations     destination ranges that are reachable although they are inside-network addresses
 *                                (test and lab setups only; see {@link nl.vangnet.proxy.net.DestinationGuard});
 *                                default empty
 * @param echPublicNames          lower-case public names of Encrypted Client Hello front-ends (the outer SNI of real
 *                                ECH, which hides the true name); default {@link EchPublicNames#defaults()}
 */
public record TransparentSettings(InetSocketAddress httpBind, InetSocketAddress tlsBind, Duration connectTimeout,
        Duration idleTimeout, Duration clientHelloTimeout, int maxClientHelloLength, int maxRequestLineLength,
        int maxHeaderSize, int maxConnectionsPerClient, int maxConnections, List<Cidr> allowedDestinations,
        Set<String> echPublicNames) {

    /** Default upstream connect timeout. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Default idle timeout. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(70);
    /** Default time a client has to send its ClientHello. */
    public static final Duration DEFAULT_CLIENT_HELLO_TIMEOUT = Duration.ofSeconds(10);
    /** Default largest ClientHello, in bytes. */
    public static final int DEFAULT_MAX_CLIENT_HELLO_LENGTH = 16384;
    /** Default longest request line, in bytes. */
    public static final int DEFAULT_MAX_REQUEST_LINE_LENGTH = 8192;
    /** Default largest request header block, in bytes. */
    public static final int DEFAULT_MAX_HEADER_SIZE = 16384;
    /** Default most simultaneous connections per client address. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_CLIENT = 256;
    /** Default most simultaneous client connections in total. */
    public static final int DEFAULT_MAX_CONNECTIONS = 4096;

    private static final int MIN_CLIENT_HELLO_LENGTH = 512;
    private static final int MAX_CLIENT_HELLO_LENGTH = 1 << 18;
    private static final int MIN_REQUEST_LINE_LENGTH = 256;
    private static final int MIN_HEADER_SIZE = 1024;
    private static final int MAX_BUFFER = 1 << 20;

    public TransparentSettings {
        if (httpBind == null && tlsBind == null) {
            throw new IllegalArgumentException("at least one transparent listener (HTTP or TLS) must be bound");
        }
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(clientHelloTimeout, "clientHelloTimeout");
        allowedDestinations = List.copyOf(Objects.requireNonNull(allowedDestinations, "allowedDestinations"));
        echPublicNames = Set.copyOf(Objects.requireNonNull(echPublicNames, "echPublicNames"));
        requireMillis(connectTimeout, "connectTimeout");
        requireMillis(idleTimeout, "idleTimeout");
        requireMillis(clientHelloTimeout, "clientHelloTimeout");
        requireRange(maxClientHelloLength, MIN_CLIENT_HELLO_LENGTH, MAX_CLIENT_HELLO_LENGTH, "maxClientHelloLength");
        requireRange(maxRequestLineLength, MIN_REQUEST_LINE_LENGTH, MAX_BUFFER, "maxRequestLineLength");
        requireRange(maxHeaderSize, MIN_HEADER_SIZE, MAX_BUFFER, "maxHeaderSize");
        requireRange(maxConnectionsPerClient, 1, Integer.MAX_VALUE, "maxConnectionsPerClient");
        requireRange(maxConnections, 1, Integer.MAX_VALUE, "maxConnections");
        for (String name : echPublicNames) {
            EchPublicNames.requireValid(name);
        }
        if (httpBind != null && tlsBind != null && httpBind.getPort() != 0 && httpBind.equals(tlsBind)) {
            throw new IllegalArgumentException("the HTTP and TLS listeners cannot share the address " + httpBind);
        }
    }

    /** Settings with every default (see the constants of this class); {@code null} turns a listener off. */
    public static TransparentSettings on(InetSocketAddress httpBind, InetSocketAddress tlsBind) {
        return new TransparentSettings(httpBind, tlsBind, DEFAULT_CONNECT_TIMEOUT, DEFAULT_IDLE_TIMEOUT,
                DEFAULT_CLIENT_HELLO_TIMEOUT, DEFAULT_MAX_CLIENT_HELLO_LENGTH, DEFAULT_MAX_REQUEST_LINE_LENGTH,
                DEFAULT_MAX_HEADER_SIZE, DEFAULT_MAX_CONNECTIONS_PER_CLIENT, DEFAULT_MAX_CONNECTIONS, List.of(),
                EchPublicNames.defaults());
    }

    /** A copy with other connect, idle and ClientHello timeouts. */
    public TransparentSettings withTimeouts(Duration newConnectTimeout, Duration newIdleTimeout,
            Duration newClientHelloTimeout) {
        return new TransparentSettings(httpBind, tlsBind, newConnectTimeout, newIdleTimeout, newClientHelloTimeout,
                maxClientHelloLength, maxRequestLineLength, maxHeaderSize, maxConnectionsPerClient, maxConnections,
                allowedDestinations, echPublicNames);
    }

    /** A copy with other size limits, in bytes: ClientHello, HTTP request line, HTTP header block. */
    public TransparentSettings withSizeLimits(int newMaxClientHelloLength, int newMaxRequestLineLength,
            int newMaxHeaderSize) {
        return new TransparentSettings(httpBind, tlsBind, connectTimeout, idleTimeout, clientHelloTimeout,
                newMaxClientHelloLength, newMaxRequestLineLength, newMaxHeaderSize, maxConnectionsPerClient,
                maxConnections, allowedDestinations, echPublicNames);
    }

    /** A copy with other connection limits. */
    public TransparentSettings withConnectionLimits(int newMaxConnectionsPerClient, int newMaxConnections) {
        return new TransparentSettings(httpBind, tlsBind, connectTimeout, idleTimeout, clientHelloTimeout,
                maxClientHelloLength, maxRequestLineLength, maxHeaderSize, newMaxConnectionsPerClient,
                newMaxConnections, allowedDestinations, echPublicNames);
    }

    /** A copy with other allowed destination ranges (test and lab setups only). */
    public TransparentSettings withAllowedDestinations(List<Cidr> newAllowedDestinations) {
        return new TransparentSettings(httpBind, tlsBind, connectTimeout, idleTimeout, clientHelloTimeout,
                maxClientHelloLength, maxRequestLineLength, maxHeaderSize, maxConnectionsPerClient, maxConnections,
                newAllowedDestinations, echPublicNames);
    }

    /** A copy with other ECH front-end public names. */
    public TransparentSettings withEchPublicNames(Set<String> newEchPublicNames) {
        return new TransparentSettings(httpBind, tlsBind, connectTimeout, idleTimeout, clientHelloTimeout,
                maxClientHelloLength, maxRequestLineLength, maxHeaderSize, maxConnectionsPerClient, maxConnections,
                allowedDestinations, newEchPublicNames);
    }

    private static void requireMillis(Duration d, String name) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
        if (d.toMillis() < 1 || d.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException(name + " must be between 1 ms and 1 day, got " + d);
        }
    }

    private static void requireRange(int value, int min, int max, String name) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + value);
        }
    }
}
