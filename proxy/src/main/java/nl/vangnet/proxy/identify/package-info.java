/**
 * Client identification: fixed IP address, MAC address through DHCP lease files (dnsmasq, ISC dhcpd, Kea CSV),
 * and proxy credentials. No Netty types.
 */
package nl.vangnet.proxy.identify;
