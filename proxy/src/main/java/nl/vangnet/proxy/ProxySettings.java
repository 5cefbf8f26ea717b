package nl.vangnet.proxy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import nl.vangnet.proxy.net.Cidr;
import nl.vangnet.proxy.page.PacFile;

/**
 * Settings of the explicit-mode proxy listener. Every limit has a sane default (see {@link #on}); change one with
 * the {@code with…} methods. Immutable and thread-safe.
 *
 * @param bind                    address and port to listen on (port 0 picks a free port). Default in the demo:
 *                                {@code 127.0.0.1:3128}
 * @param advertised              the proxy address written into the PAC file ({@code PROXY host:port}), or
 *                                {@code null} to use the bound address, or — when bound to a wildcard address such
 *                                as {@code 0.0.0.0} — the local address on which the PAC request arrived. Port 0
 *                                means "the bound port". Create it with
 *                                {@link InetSocketAddress#createUnresolved(String, int)}: it is never resolved.
 *                                Default {@code null}
 * @param connectTimeout          how long to wait for the upstream TCP connect; default 10 s
 * @param idleTimeout             how long a client or upstream connection may be idle (nothing read or written)
 *                                before it is closed; default 70 s
 * @param maxRequestLineLength    longest accepted request line ({@code GET http://… HTTP/1.1}), in bytes; a longer
 *                                one is answered with 400 and the connection is closed; default 8192
 * @param maxHeaderSize           largest accepted request header block (all header lines together), in bytes; a
 *                                larger one is answered with 400 and the connection is closed; default 16384
 * @param maxConnectionsPerClient most simultaneous connections from one client address; a connection over the limit
 *                                is answered with 429 and closed; default 256
 * @param maxConnections          most simultaneous client connections in total; a connection over the limit is
 *                                answered with 503 and closed; default 4096 (each proxied connection costs two
 *                                file descriptors: raise {@code ulimit -n} accordingly)
 * @param allowedDestinations     destination ranges that are reachable although they are loopback, private,
 *                                link-local, CGNAT, multicast, reserved or one of the machine's own addresses (test
 *                                and lab setups only); the proxy's own listener is refused even inside them;
 *                                default empty
 */
public record ProxySettings(InetSocketAddress bind, InetSocketAddress advertised, Duration connectTimeout,
        Duration idleTimeout, int maxRequestLineLength, int maxHeaderSize, int maxConnectionsPerClient,
        int maxConnections, List<Cidr> allowedDestinations) {

    /** Default upstream connect timeout. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Default idle timeout. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(70);
    /** Default longest request line, in bytes (Netty's and LittleProxy's default). */
    public static final int DEFAULT_MAX_REQUEST_LINE_LENGTH = 8192;
    /** Default largest request header block, in bytes (LittleProxy's default). */
    public static final int DEFAULT_MAX_HEADER_SIZE = 16384;
    /** Default most simultaneous connections per client address. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_CLIENT = 256;
    /** Default most simultaneous client connections in total. */
    public static final int DEFAULT_MAX_CONNECTIONS = 4096;

    private static final int MIN_REQUEST_LINE_LENGTH = 256;
    private static final int MIN_HEADER_SIZE = 1024;
    private static final int MAX_BUFFER = 1 << 20;

    public ProxySettings {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        allowedDestinations = List.copyOf(Objects.requireNonNull(allowedDestinations, "allowedDestinations"));
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(idleTimeout, "idleTimeout");
        if (connectTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("connectTimeout is too long: " + connectTimeout);
        }
        if (idleTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("idleTimeout must be at least 1 s (LittleProxy counts whole seconds),"
                    + " got " + idleTimeout);
        }
        requireRange(maxRequestLineLength, MIN_REQUEST_LINE_LENGTH, MAX_BUFFER, "maxRequestLineLength");
        requireRange(maxHeaderSize, MIN_HEADER_SIZE, MAX_BUFFER, "maxHeaderSize");
        requireRange(maxConnectionsPerClient, 1, Integer.MAX_VALUE, "maxConnectionsPerClient");
        requireRange(maxConnections, 1, Integer.MAX_VALUE, "maxConnections");
        if (advertised != null) {
            if (advertised.getPort() < 0) {
                throw new IllegalArgumentException("advertised port out of range: " + advertised.getPort());
            }
            PacFile.requireValidHost(advertised.getHostString());
        }
    }

    /** Settings with every default: see the constants of this class. */
    public static ProxySettings on(InetSocketAddress bind) {
        return new ProxySettings(bind, null, DEFAULT_CONNECT_TIMEOUT, DEFAULT_IDLE_TIMEOUT,
                DEFAULT_MAX_REQUEST_LINE_LENGTH, DEFAULT_MAX_HEADER_SIZE, DEFAULT_MAX_CONNECTIONS_PER_CLIENT,
                DEFAULT_MAX_CONNECTIONS, List.of());
    }

    /** A copy with another advertised address ({@code null}: derive it; port 0: the bound port). */
    public ProxySettings withAdvertised(InetSocketAddress newAdvertised) {
        return new ProxySettings(bind, newAdvertised, connectTimeout, idleTimeout, maxRequestLineLength,
                maxHeaderSize, maxConnectionsPerClient, maxConnections, allowedDestinations);
    }

    /** A copy with other connect and idle timeouts. */
    public ProxySettings withTimeouts(Duration newConnectTimeout, Duration newIdleTimeout) {
        return new ProxySettings(bind, advertised, newConnectTimeout, newIdleTimeout, maxRequestLineLength,
                maxHeaderSize, maxConnectionsPerClient, maxConnections, allowedDestinations);
    }

    /** A copy with other request size limits, in bytes. */
    public ProxySettings withRequestLimits(int newMaxRequestLineLength, int newMaxHeaderSize) {
        return new ProxySettings(bind, advertised, connectTimeout, idleTimeout, newMaxRequestLineLength,
                newMaxHeaderSize, maxConnectionsPerClient, maxConnections, allowedDestinations);
    }

    /** A copy with other connection limits. */
    public ProxySettings withConnectionLimits(int newMaxConnectionsPerClient, int newMaxConnections) {
        return new ProxySettings(bind, advertised, connectTimeout, idleTimeout, maxRequestLineLength,
                maxHeaderSize, newMaxConnectionsPerClient, newMaxConnections, allowedDestinations);
    }

    /** A copy with other allowed destination ranges (test and lab setups only). */
    public ProxySettings withAllowedDestinations(List<Cidr> newAllowedDestinations) {
        return new ProxySettings(bind, advertised, connectTimeout, idleTimeout, maxRequestLineLength,
                maxHeaderSize, maxConnectionsPerClient, maxConnections, newAllowedDestinations);
    }

    private static void requirePositive(Duration d, String name) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }

    private static void requireRange(int value, int min, int max, String name) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + value);
        }
    }
}
