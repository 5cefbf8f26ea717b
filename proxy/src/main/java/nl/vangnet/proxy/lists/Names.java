package nl.vangnet.proxy.lists;

import nl.vangnet.config.rules.Domains;

/**
 * Names in list entries and lookups: normalisation (through {@link Domains#normalise(String)}), the syntax a list
 * entry must have, and the two cheap tests the index needs on every lookup. Stateless and thread-safe.
 */
final class Names {
    private static final int MAX_NAME = 253;
    private static final int MAX_LABEL = 63;

    private Names() {
    }

    /**
     * Why the normalised {@code name} cannot be a list entry, or {@code null} if it can. Accepted: a canonical IP
     * literal, or a host name of 1 to 253 characters in dot-separated labels of 1 to 63 letters, digits, hyphens
     * and underscores (real lists hold names such as {@code _dmarc.example.com} and {@code love_you.example}),
     * whose last label is not all digits.
     */
    static String problem(String name) {
        if (name.isEmpty()) {
            return "empty name";
        }
        if (looksLikeIp(name)) {
            return Domains.isIpLiteral(name) ? null : "'" + name + "' is not a valid IP address";
        }
        if (name.length() > MAX_NAME) {
            return "'" + shorten(name) + "' is longer than 253 characters";
        }
        int labelStart = 0;
        boolean allDigits = true;
        for (int i = 0; i <= name.length(); i++) {
            char c = i < name.length() ? name.charAt(i) : '.';
            if (c == '.') {
                int len = i - labelStart;
                if (len == 0) {
                    return "'" + name + "' has an empty label";
                }
                if (len > MAX_LABEL) {
                    return "'" + shorten(name) + "' has a label longer than 63 characters";
                }
                if (i == name.length() && allDigits) {
                    return "'" + name + "' is neither an IP address nor a domain (last label all digits)";
                }
                labelStart = i + 1;
                allDigits = true;
            } else if (c >= '0' && c <= '9') {
                continue;
            } else if ((c >= 'a' && c <= 'z') || c == '-' || c == '_') {
                allDigits = false;
            } else {
                return "'" + shorten(name) + "' contains '" + printable(c) + "', which a host name cannot contain";
            }
        }
        return null;
    }

    /**
     * Whether a normalised host is to be treated as an IP literal: it contains {@code ':'} (IPv6) or only digits
     * and dots (IPv4; a domain's last label is never all digits). Such hosts are looked up as a whole only.
     */
    static boolean looksLikeIp(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return !host.isEmpty();
    }

    /**
     * Where the host of a URL entry or lookup starts once a leading {@code www}, {@code web} or {@code ftp}
     * label (optionally followed by digits) is dropped, as squidGuard does for its URL lists; 0 if there is no
     * such label, nothing would be left, or the host is an IP literal.
     */
    static int urlHostStart(String host) {
        int i;
        if (host.startsWith("www") || host.startsWith("web") || host.startsWith("ftp")) {
            i = 3;
        } else {
            return 0;
        }
        while (i < host.length() && host.charAt(i) >= '0' && host.charAt(i) <= '9') {
            i++;
        }
        if (i < host.length() - 1 && host.charAt(i) == '.' && !looksLikeIp(host)) {
            return i + 1;
        }
        return 0;
    }

    /** At most 80 characters of {@code s}, for messages. */
    static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    private static String printable(char c) {
        return c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}
