package nl.vangnet.proxy.transparent;

import io.netty.handler.ssl.SslContext;

/**
 * Server TLS contexts for showing the block page over HTTPS to a <em>blocked</em> host only (transparent mode, off by
 * default): the listener completes the TLS handshake with a certificate for that host, issued by Vangnet's local CA,
 * and answers every request on it with the block page. Allowed traffic is never terminated. Devices see a
 * certificate warning unless the organisation installed the local CA on them.
 *
 * <p>Implementations are thread-safe and fast on repeated hosts (cached); the first call for a host may take a few
 * milliseconds (key signing) and may be made on an I/O thread.
 */
@FunctionalInterface
public interface BlockPageTls {

    /**
     * A server context presenting a certificate for {@code host}.
     *
     * @param host the SNI host name as sent by the client (normalised by the implementation: lower case, no trailing
     *             dot, IDN as punycode) or an IP address literal
     * @throws IllegalArgumentException when no certificate can be made for {@code host} (not a valid name)
     */
    SslContext serverContext(String host);
}
