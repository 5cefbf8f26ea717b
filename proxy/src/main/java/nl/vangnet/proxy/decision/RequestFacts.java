package nl.vangnet.proxy.decision;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * Everything the policy needs to know about one request, taken from the connection by a listener adapter. No
 * Netty types. Immutable.
 *
 * @param client      the client's source address
 * @param credentials proxy credentials as sent, or {@code null} when none were sent
 * @param host        the requested host as sent (the policy normalises it: case, trailing dot, IDN, IPv6
 *                    brackets)
 * @param port        the requested port (1–65535)
 * @param kind        how the request arrived
 * @param path        the origin-form path of a plain HTTP request (starting with {@code /}, may carry a query), or
 *                    {@code null} for {@code CONNECT}/TLS
 * @param at          when the request arrived
 */
public record RequestFacts(InetAddress client, ProxyCredentials credentials, String host, int port, Kind kind,
        String path, Instant at) {
    public RequestFacts {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }
}
