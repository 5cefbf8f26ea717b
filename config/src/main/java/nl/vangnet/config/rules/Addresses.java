package nl.vangnet.config.rules;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Syntax of MAC addresses and IP address literals, parsed by hand so that nothing is ever resolved: only a string
 * that is syntactically an IPv4 or IPv6 literal is turned into an {@link InetAddress}, and only through
 * {@link InetAddress#getByAddress(byte[])}, which never looks anything up. Stateless and thread-safe.
 */
final class Addresses {
    private static final Pattern MAC_COLON = Pattern.compile("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}");
    private static final Pattern MAC_DASH = Pattern.compile("[0-9A-Fa-f]{2}(-[0-9A-Fa-f]{2}){5}");
    private static final Pattern MAC_CISCO = Pattern.compile("[0-9A-Fa-f]{4}(\\.[0-9A-Fa-f]{4}){2}");
    private static final Pattern MAC_BARE = Pattern.compile("[0-9A-Fa-f]{12}");
    private static final Pattern V4_OCTET = Pattern.compile("0|[1-9][0-9]{0,2}");
    private static final Pattern V6_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");

    private Addresses() {
    }

    /**
     * The MAC address in canonical form {@code aa:bb:cc:dd:ee:ff}, accepting {@code aa:bb:..}, {@code aa-bb-..},
     * Cisco {@code aabb.ccdd.eeff} and bare {@code aabbccddeeff}, in any case; empty if it is none of these.
     */
    static Optional<String> canonicalMac(String s) {
        if (s == null) {
            return Optional.empty();
        }
        String t = s.strip();
        if (!(MAC_COLON.matcher(t).matches() || MAC_DASH.matcher(t).matches() || MAC_CISCO.matcher(t).matches()
                || MAC_BARE.matcher(t).matches())) {
            return Optional.empty();
        }
        String hex = t.replaceAll("[:.\\-]", "").toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(17);
        for (int i = 0; i < 12; i += 2) {
            if (i > 0) {
                b.append(':');
            }
            b.append(hex, i, i + 2);
        }
        return Optional.of(b.toString());
    }

    /** Whether a canonical MAC address is a group (multicast, including broadcast) address: I/G bit set. */
    static boolean isGroupMac(String canonicalMac) {
        return (Integer.parseInt(canonicalMac.substring(0, 2), 16) & 1) != 0;
    }

    /**
     * The address if {@code s} is syntactically an IPv4 literal (four decimal octets without leading zeros) or an
     * IPv6 literal (RFC 4291 text form, optionally ending in dotted IPv4; no brackets, no zone); else empty.
     * Never resolves anything.
     */
    static Optional<InetAddress> ipLiteral(String s) {
        if (s == null) {
            return Optional.empty();
        }
        String t = s.strip();
        byte[] bytes = t.indexOf(':') >= 0 ? parseIpv6(t) : parseIpv4(t);
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always a valid address", e);
        }
    }

    /** Whether {@code s} is syntactically an IP literal. */
    static boolean isIpLiteral(String s) {
        return ipLiteral(s).isPresent();
    }

    /**
     * The canonical text of an IP literal: dotted decimal for IPv4 (and for IPv4-mapped IPv6, which Java treats
     * as IPv4 too), RFC 5952 compressed lower case for IPv6; empty if {@code s} is not a literal.
     */
    static Optional<String> canonicalIp(String s) {
        return ipLiteral(s).map(Addresses::format);
    }

    static String format(InetAddress a) {
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8;) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLen - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(g[i]));
        }
        return out.toString();
    }

    private static byte[] parseIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!V4_OCTET.matcher(parts[i]).matches()) {
                return null;
            }
            int v = Integer.parseInt(parts[i]);
            if (v > 255) {
                return null;
            }
            b[i] = (byte) v;
        }
        return b;
    }

    private static byte[] parseIpv6(String s) {
        int dc = s.indexOf("::");
        if (dc >= 0 && s.indexOf("::", dc + 1) >= 0) {
            return null;
        }
        List<Integer> head = groups(dc < 0 ? s : s.substring(0, dc), dc < 0);
        List<Integer> tail = dc < 0 ? List.of() : groups(s.substring(dc + 2), true);
        if (head == null || tail == null) {
            return null;
        }
        int n = head.size() + tail.size();
        if (dc < 0 ? n != 8 : n > 7) {
            return null;
        }
        int[] g = new int[8];
        for (int i = 0; i < head.size(); i++) {
            g[i] = head.get(i);
        }
        for (int i = 0; i < tail.size(); i++) {
            g[8 - tail.size() + i] = tail.get(i);
        }
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[2 * i] = (byte) (g[i] >> 8);
            b[2 * i + 1] = (byte) g[i];
        }
        return b;
    }

    /** Colon-separated 16-bit groups; the last may be dotted IPv4 when {@code last}; {@code null} if invalid. */
    private static List<Integer> groups(String part, boolean last) {
        List<Integer> out = new ArrayList<>();
        if (part.isEmpty()) {
            return out;
        }
        String[] gs = part.split(":", -1);
        for (int i = 0; i < gs.length; i++) {
            String g = gs[i];
            if (last && i == gs.length - 1 && g.indexOf('.') >= 0) {
                byte[] v4 = parseIpv4(g);
                if (v4 == null) {
                    return null;
                }
                out.add(((v4[0] & 0xff) << 8) | (v4[1] & 0xff));
                out.add(((v4[2] & 0xff) << 8) | (v4[3] & 0xff));
            } else if (V6_GROUP.matcher(g).matches()) {
                out.add(Integer.parseInt(g, 16));
            } else {
                return null;
            }
        }
        return out;
    }
}
