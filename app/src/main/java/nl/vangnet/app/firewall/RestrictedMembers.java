package nl.vangnet.app.firewall;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import nl.vangnet.config.model.Device;
import nl.vangnet.config.policy.DeviceEntry;
import nl.vangnet.config.policy.PolicySnapshot;
import nl.vangnet.proxy.net.Cidr;

/**
 * The members of the nftables sets of restricted devices: the fixed IPv4 and IPv6 addresses and the MAC addresses
 * of every device whose client has a restriction in effect. Addresses are in nft's literal form (IPv6 shortened,
 * no scope), MACs lower-case {@code aa:bb:cc:dd:ee:ff}; each set is sorted and free of duplicates, so two
 * memberships are {@link #equals equal} exactly when the sets would be. Immutable and thread-safe.
 *
 * @param v4   members of {@code restricted_v4}
 * @param v6   members of {@code restricted_v6}
 * @param macs members of {@code restricted_mac}
 */
public record RestrictedMembers(List<String> v4, List<String> v6, List<String> macs) {
    /** Empty sets. */
    public static final RestrictedMembers NONE = new RestrictedMembers(List.of(), List.of(), List.of());

    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}([:-]?)[0-9a-f]{2}(\\1[0-9a-f]{2}){4}");
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.\\[\\]]+");

    public RestrictedMembers {
        v4 = List.copyOf(new TreeSet<>(v4));
        v6 = List.copyOf(new TreeSet<>(v6));
        macs = List.copyOf(new TreeSet<>(macs));
    }

    /**
     * The members for a snapshot: the devices of restricted clients ({@link DeviceEntry#restricted()}). Addresses
     * that are not IP literals and MACs that are not 6 bytes cannot be put in a set and are left out (the store's
     * validator never writes such values).
     */
    public static RestrictedMembers of(PolicySnapshot snapshot) {
        SortedSet<String> v4 = new TreeSet<>();
        SortedSet<String> v6 = new TreeSet<>();
        SortedSet<String> macs = new TreeSet<>();
        for (DeviceEntry entry : snapshot.entries()) {
            if (!entry.restricted()) {
                continue;
            }
            Device device = entry.device();
            for (String ip : device.ipAddresses()) {
                address(ip).ifPresent(a -> (a instanceof Inet4Address ? v4 : v6).add(literal(a)));
            }
            for (String mac : device.macAddresses()) {
                mac(mac).ifPresent(macs::add);
            }
        }
        return new RestrictedMembers(List.copyOf(v4), List.copyOf(v6), List.copyOf(macs));
    }

    /** Whether all three sets are empty. */
    public boolean isEmpty() {
        return v4.isEmpty() && v6.isEmpty() && macs.isEmpty();
    }

    /** How many members the three sets have together. */
    public int size() {
        return v4.size() + v6.size() + macs.size();
    }

    private static Optional<InetAddress> address(String text) {
        String s = text.strip();
        int scope = s.indexOf('%');
        if (scope >= 0) {
            s = s.substring(0, scope);
        }
        if (!IP_LITERAL.matcher(s).matches()) {
            return Optional.empty();
        }
        try {
            InetAddress parsed = Cidr.parse(s).network();
            return Optional.of(InetAddress.getByAddress(parsed.getAddress()));
        } catch (IllegalArgumentException | UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** A MAC address lower-cased with {@code :} separators, if it is one (with {@code :}, {@code -} or none). */
    static Optional<String> mac(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (!MAC.matcher(s).matches()) {
            return Optional.empty();
        }
        String hex = s.replace(":", "").replace("-", "");
        StringBuilder out = new StringBuilder(17);
        for (int i = 0; i < 12; i += 2) {
            if (i > 0) {
                out.append(':');
            }
            out.append(hex, i, i + 2);
        }
        return Optional.of(out.toString());
    }

    /**
     * The literal nft (and people) read for an address: dotted quad for IPv4; for IPv6 the RFC 5952 form (lower
     * case, leading zeros dropped, the longest run of two or more zero groups as {@code ::}).
     */
    static String literal(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return address.getHostAddress();
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
