/**
 * The nftables side of transparent mode: the ruleset that redirects the Wi-Fi clients' TCP 80/443 to the
 * transparent listeners, drops QUIC and, for restricted devices, DNS over TLS/HTTPS ({@link
 * nl.vangnet.app.firewall.NftRuleset}, printed by {@code vangnet firewall}); the list of known DoH/DoT resolvers
 * ({@link nl.vangnet.app.firewall.DohEndpoints}); and the sync that keeps the table's restricted-device sets equal
 * to the policy ({@link nl.vangnet.app.firewall.FirewallSync} through {@link nl.vangnet.app.firewall.NftCommand}).
 */
package nl.vangnet.app.firewall;
