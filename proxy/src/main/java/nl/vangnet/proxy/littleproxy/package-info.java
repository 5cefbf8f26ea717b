/**
 * Adapter for the explicit HTTP/CONNECT proxy built on LittleProxy: the
 * {@link nl.vangnet.proxy.littleproxy.ExplicitProxyListener}, its per-request filter that builds
 * {@link nl.vangnet.proxy.decision.RequestFacts} and carries out the {@link nl.vangnet.proxy.decision.Decision},
 * connection limits, the registry of restricted clients' open tunnels, and the
 * {@link nl.vangnet.proxy.littleproxy.PrivacyTurboFilter} that keeps LittleProxy and Netty from logging request
 * details. The only package of the proxy module that uses LittleProxy types.
 */
package nl.vangnet.proxy.littleproxy;
