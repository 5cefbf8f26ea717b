package nl.vangnet.proxy.identify;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * One DHCP lease as read from a lease file: the address, the Ethernet MAC address that holds it, and when it ends.
 * Immutable. {@link #toString()} leaves out the addresses (they are client data).
 *
 * @param address the leased IP address, canonical (no host name or scope; IPv4-mapped IPv6 as IPv4)
 * @param mac     the MAC address, lower-case {@code aa:bb:cc:dd:ee:ff}
 * @param expires when the lease ends; {@link Instant#MAX} for an infinite lease
 */
public record Lease(InetAddress address, String mac, Instant expires) {
    public Lease {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(expires, "expires");
    }

    /** Whether the lease holds at {@code now}: it ends after {@code now}. */
    public boolean isActiveAt(Instant now) {
        return now.isBefore(expires);
    }

    /** Whether the lease never ends. */
    public boolean isInfinite() {
        return Instant.MAX.equals(expires);
    }

    @Override
    public String toString() {
        return "Lease[expires=" + (isInfinite() ? "never" : expires) + "]";
    }
}
