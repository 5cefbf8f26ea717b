package nl.vangnet.proxy.decision;

import java.util.Locale;
import nl.vangnet.config.rules.Domains;

/**
 * The one normal form of a requested host, in which the policy compares it with profile rules, list entries and
 * the SafeSearch table:
 * <ul>
 *   <li>surrounding white space and IPv6 brackets ({@code [::1]}) removed, one trailing dot ignored;</li>
 *   <li>lower case ({@link Locale#ROOT});</li>
 *   <li>internationalised names in punycode ({@code bücher.de} → {@code xn--bcher-kva.de}), through
 *       {@link Domains#normalise(String)}, which uses {@link java.net.IDN};</li>
 *   <li>IP literals canonical: IPv4 dotted decimal, IPv6 compressed lower case (RFC 5952), an IPv4-mapped IPv6
 *       literal ({@code ::ffff:10.0.0.1}) as its IPv4 address.</li>
 * </ul>
 * A host that cannot be normalised (an IDN that {@link java.net.IDN} refuses, stray characters) is used as given,
 * in lower case: no rule or list entry (which are all normalised) matches it, so allow-list-only mode blocks it.
 *
 * <p>The common case, a plain lower-case ASCII name, is returned as the same string without allocating.
 * Stateless and thread-safe.
 */
public final class HostName {
    private HostName() {
    }

    /**
     * The normal form of {@code host} as sent by a client.
     *
     * @throws NullPointerException if {@code host} is {@code null}
     */
    public static String normalise(String host) {
        String s = host;
        int start = 0;
        int end = s.length();
        while (start < end && Character.isWhitespace(s.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        if (end - start > 2 && s.charAt(start) == '[' && s.charAt(end - 1) == ']') {
            start++;
            end--;
        }
        if (end - start > 1 && s.charAt(end - 1) == '.') {
            end--;
        }
        if (start > 0 || end < s.length()) {
            s = s.substring(start, end);
        }
        boolean upper = false;
        boolean nonAscii = false;
        boolean colon = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (c > 0x7f) {
                nonAscii = true;
            } else if (c == ':') {
                colon = true;
            }
        }
        if (nonAscii || colon) {
            // IDN → punycode, or an IPv6 literal → canonical form (IPv4-mapped → IPv4). Domains.normalise returns
            // the lower-cased input when it cannot convert it.
            return Domains.normalise(s);
        }
        // A dotted-decimal IPv4 literal without leading zeros is already canonical; anything else made of digits
        // and dots is not an address the project's parser accepts, and stays as it is.
        return upper ? s.toLowerCase(Locale.ROOT) : s;
    }

    /**
     * Whether a normalised host is an IP literal, or looks like one (contains {@code :}, or only digits and dots).
     * Such hosts match only rules and list entries for exactly that string: there are no parent domains to walk.
     */
    public static boolean isIpLiteral(String normalised) {
        if (normalised.isEmpty()) {
            return false;
        }
        boolean digitsAndDots = true;
        for (int i = 0; i < normalised.length(); i++) {
            char c = normalised.charAt(i);
            if (c == ':') {
                return true;
            }
            if (c != '.' && (c < '0' || c > '9')) {
                digitsAndDots = false;
            }
        }
        return digitsAndDots;
    }

    /**
     * The parent domain of a normalised host name ({@code a.b.example} → {@code b.example}), or {@code null} for a
     * single label or an IP literal. Used to walk from a host to the domains that cover it, nearest first.
     */
    public static String parent(String normalised) {
        if (isIpLiteral(normalised)) {
            return null;
        }
        int dot = normalised.indexOf('.');
        return dot < 0 || dot == normalised.length() - 1 ? null : normalised.substring(dot + 1);
    }
}
