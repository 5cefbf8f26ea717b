package nl.vangnet.config.model;

import java.util.List;

/**
 * A device of a client (phone, tablet, console). The proxy recognises it by a fixed IP address, by MAC address
 * (through the DHCP lease file) or by proxy credentials. A MAC or IP address belongs to at most one device.
 *
 * @param macAddresses MAC addresses, normalised by the validator to lower-case {@code aa:bb:cc:dd:ee:ff}
 * @param ipAddresses  fixed IP addresses as literals (IPv4 or IPv6), never host names
 * @param proxyUsername optional proxy user name (Basic auth), unique across devices
 * @param proxyPasswordHash hash of the proxy password as made by {@link nl.vangnet.config.rules.PasswordHasher};
 *                     never the password itself
 */
public record Device(long id, long clientId, String label, List<String> macAddresses, List<String> ipAddresses,
        String proxyUsername, String proxyPasswordHash, long version) {
    public Device {
        label = Text.trim(label);
        macAddresses = Text.list(macAddresses);
        ipAddresses = Text.list(ipAddresses);
        proxyUsername = Text.trim(proxyUsername);
        proxyPasswordHash = Text.trim(proxyPasswordHash);
    }

    public Device withIdAndVersion(long newId, long newVersion) {
        return new Device(newId, clientId, label, macAddresses, ipAddresses, proxyUsername, proxyPasswordHash,
                newVersion);
    }
}
