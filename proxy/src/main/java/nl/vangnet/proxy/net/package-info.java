/**
 * Destination safety: before the proxy connects upstream, the destination name is resolved (through a replaceable
 * {@link nl.vangnet.proxy.net.NameResolver}) and every address is checked by the
 * {@link nl.vangnet.proxy.net.DestinationGuard}, so that the proxy is never a relay into the inside network
 * (loopback, private, link-local, CGNAT, multicast, its own addresses and listener). No Netty types.
 */
package nl.vangnet.proxy.net;
