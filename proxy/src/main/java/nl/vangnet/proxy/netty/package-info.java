/**
 * Netty helpers shared by the listener adapters ({@code littleproxy} for explicit mode, {@code transparent} for
 * transparent mode): connection counting per client address, the registry of restricted clients' open tunnels for
 * rechecks, and the proxy's own short HTTP answers (block page, 400/403/429/502/503). An adapter package: Netty types
 * are allowed here.
 */
package nl.vangnet.proxy.netty;
