/**
 * Client identification: fixed IP address, MAC address through DHCP lease files (dnsmasq, ISC dhcpd, Kea CSV),
 * and proxy credentials. No Netty types.
 *
 * <ul>
 *   <li>{@link nl.vangnet.proxy.identify.DeviceResolver} is the {@link nl.vangnet.proxy.identify.ClientResolver}:
 *       verified proxy credentials, then the fixed IP address, then the MAC address from the lease table; password
 *       checks are cached and limited against brute force.</li>
 *   <li>{@link nl.vangnet.proxy.identify.LeaseFileTable} is the {@link nl.vangnet.proxy.identify.LeaseTable} of a
 *       lease file, re-read when the file changes; {@link nl.vangnet.proxy.identify.LeaseFiles} reads one in a
 *       {@link nl.vangnet.proxy.identify.LeaseFormat} ({@code dnsmasq}, {@code isc}, {@code kea}, or {@code auto}
 *       to detect it from the first line).</li>
 * </ul>
 *
 * <p>Privacy: nothing here logs an IP or MAC address, a host name, a user name or a password; problem reports
 * carry file names, line numbers and counts only.
 */
package nl.vangnet.proxy.identify;
