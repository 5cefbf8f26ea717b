/**
 * Transparent mode (an adapter package, like {@code littleproxy}: Netty types live here): listeners for traffic that
 * the gateway's nftables rules redirect from TCP 80 and 443, for devices that cannot be given a proxy setting
 * (consoles, smart TVs, apps). Plain HTTP is decided per request on its {@code Host}; TLS is decided on the SNI of
 * the ClientHello, peeked without terminating TLS, and spliced untouched to its destination, or refused. Every
 * decision comes from the same {@link nl.vangnet.proxy.decision.Policy} as explicit mode.
 */
package nl.vangnet.proxy.transparent;
