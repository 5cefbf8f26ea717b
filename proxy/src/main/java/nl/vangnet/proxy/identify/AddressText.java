package nl.vangnet.proxy.identify;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parsing of the IP and hardware addresses in lease files. Never resolves a host name (no DNS): only literals are
 * accepted. Stateless and thread-safe.
 */
final class AddressText {
    private static final Pattern HARDWARE = Pattern.compile("[0-9a-f]{1,2}(:[0-9a-f]{1,2})*");

    private AddressText() {
    }

    /**
     * The canonical address of an IPv4 or IPv6 literal (an IPv4-mapped IPv6 literal becomes the IPv4 address, a
     * scope is dropped), or empty for anything else, host names included.
     */
    static Optional<InetAddress> ipLiteral(String text) {
        if (text == null || text.isEmpty() || !InetAddresses.isInetAddress(text)) {
            return Optional.empty();
        }
        return Optional.of(canonical(InetAddresses.forString(text)));
    }

    /**
     * The canonical form of an address: no host name, no IPv6 scope, an IPv4-mapped IPv6 address as its IPv4
     * address; equal exactly when two addresses denote the same host for a lease table.
     */
    static InetAddress canonical(InetAddress address) {
        try {
            return InetAddress.getByAddress(address.getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of 4 or 16 bytes is always valid", e);
        }
    }

    /**
     * An Ethernet MAC address (six colon-separated octets of one or two hexadecimal digits, any case) as lower-case
     * {@code aa:bb:cc:dd:ee:ff}; empty for anything else.
     */
    static Optional<String> ethernetMac(String text) {
        if (!isHardwareAddress(text)) {
            return Optional.empty();
        }
        String[] octets = text.toLowerCase(Locale.ROOT).split(":");
        if (octets.length != 6) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder(17);
        for (String octet : octets) {
            if (out.length() > 0) {
                out.append(':');
            }
            if (octet.length() == 1) {
                out.append('0');
            }
            out.append(octet);
        }
        return Optional.of(out.toString());
    }

    /**
     * Whether {@code text} is a hardware address of any length as DHCP servers write it: hexadecimal octets
     * separated by colons (an Ethernet MAC is one with six octets).
     */
    static boolean isHardwareAddress(String text) {
        return text != null && HARDWARE.matcher(text.toLowerCase(Locale.ROOT)).matches();
    }
}
