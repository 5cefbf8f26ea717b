package nl.vangnet.proxy.identify;

import java.net.InetAddress;
import java.util.Optional;

/**
 * The current DHCP leases: which MAC address holds an IP address. Thread-safe; lookups are in-memory.
 */
@FunctionalInterface
public interface LeaseTable {

    /** A table without leases. */
    LeaseTable NONE = address -> Optional.empty();

    /**
     * The MAC address (lower-case {@code aa:bb:cc:dd:ee:ff}) of the active lease for {@code address}, or empty.
     * IPv4-mapped IPv6 addresses are treated as the IPv4 address.
     */
    Optional<String> macFor(InetAddress address);
}
