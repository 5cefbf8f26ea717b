package nl.vangnet.proxy.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * An address range in CIDR notation, e.g. {@code 127.0.0.0/8} or {@code fc00::/7}. Immutable and thread-safe.
 *
 * @param network      the first address of the range (host bits are zero)
 * @param prefixLength the number of leading bits that must match (0–32 for IPv4, 0–128 for IPv6)
 */
public record Cidr(InetAddress network, int prefixLength) {
    public Cidr {
        Objects.requireNonNull(network, "network");
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length must be between 0 and " + bits + ", got "
                    + prefixLength);
        }
        byte[] bytes = network.getAddress();
        for (int i = prefixLength; i < bits; i++) {
            if ((bytes[i / 8] & (0x80 >>> (i % 8))) != 0) {
                throw new IllegalArgumentException("host bits are set in " + network.getHostAddress() + "/"
                        + prefixLength + "; the range must start at its first address");
            }
        }
    }

    /**
     * Parses {@code address/prefix} or a single address (a /32 or /128 range). The address must be an IP literal;
     * names are never resolved.
     *
     * @throws IllegalArgumentException with a specific message when the text is not a valid range
     */
    public static Cidr parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String addressPart = slash < 0 ? trimmed : trimmed.substring(0, slash);
        InetAddress address = IpLiterals.parse(addressPart).orElseThrow(() -> new IllegalArgumentException(
                "not an IP range: '" + text + "' (expected e.g. 10.0.0.0/8 or fc00::/7)"));
        int bits = address.getAddress().length * 8;
        if (slash < 0) {
            return new Cidr(address, bits);
        }
        String prefixPart = trimmed.substring(slash + 1);
        if (!prefixPart.matches("\\d{1,3}")) {
            throw new IllegalArgumentException("not an IP range: '" + text + "' (prefix length must be a number)");
        }
        try {
            return new Cidr(address, Integer.parseInt(prefixPart));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an IP range: '" + text + "' (" + e.getMessage() + ")", e);
        }
    }

    /** Whether {@code address} lies in this range. An IPv4 address never lies in an IPv6 range and vice versa. */
    public boolean contains(InetAddress address) {
        if ((address instanceof Inet4Address) != (network instanceof Inet4Address)) {
            return false;
        }
        byte[] a = address.getAddress();
        byte[] n = network.getAddress();
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != n[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (a[full] & mask) == (n[full] & mask);
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }
}
