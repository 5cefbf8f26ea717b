package nl.vangnet.config.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Canonical forms of device addresses for the snapshot's lookups. Never resolves a host name (no DNS): only
 * literals are accepted. Stateless and thread-safe.
 */
final class Addresses {
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)"
            + "(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern MAC_HEX = Pattern.compile("[0-9a-f]{12}");

    private Addresses() {
    }

    /**
     * Parses an IPv4 literal ({@code 10.0.0.5}, no leading zeros) or an IPv6 literal (with or without brackets,
     * no zone id) into its canonical address. An IPv4-mapped IPv6 literal ({@code ::ffff:10.0.0.5}) becomes the
     * IPv4 address. Empty for anything else, host names included.
     */
    static Optional<InetAddress> parseLiteral(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip();
        if (s.startsWith("[") && s.endsWith("]") && s.length() > 2) {
            s = s.substring(1, s.length() - 1);
        }
        try {
            if (IPV4.matcher(s).matches()) {
                return Optional.of(canonical(InetAddress.getByName(s)));
            }
            if (s.indexOf(':') >= 0 && IPV6_CHARS.matcher(s).matches()) {
                // Brackets force the literal parser: an invalid literal fails instead of being looked up.
                return Optional.of(canonical(InetAddress.getByName("[" + s + "]")));
            }
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * The canonical form of an address: no host name, no IPv6 scope, an IPv4-mapped IPv6 address as its IPv4
     * address. Two addresses denote the same host for the snapshot exactly when their canonical forms are equal.
     */
    static InetAddress canonical(InetAddress address) {
        try {
            return InetAddress.getByAddress(address.getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of 4 or 16 bytes is always valid", e);
        }
    }

    /**
     * A MAC address as lower-case {@code aa:bb:cc:dd:ee:ff}, from any case, with {@code :}, {@code -} or
     * {@code .} separators or none ({@code AA-BB-CC-DD-EE-FF}, {@code aabb.ccdd.eeff}, {@code aabbccddeeff}).
     * Empty when it is not 12 hexadecimal digits.
     */
    static Optional<String> normaliseMac(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String hex = text.strip().toLowerCase(Locale.ROOT).replaceAll("[:.\\-]", "");
        if (!MAC_HEX.matcher(hex).matches()) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder(17);
        for (int i = 0; i < 12; i += 2) {
            if (i > 0) {
                out.append(':');
            }
            out.append(hex, i, i + 2);
        }
        return Optional.of(out.toString());
    }
}
