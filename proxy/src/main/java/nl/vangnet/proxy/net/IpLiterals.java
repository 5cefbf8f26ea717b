package nl.vangnet.proxy.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses IP address literals without ever touching DNS. Only canonical forms count as literals: dotted-quad IPv4
 * without leading zeros, and IPv6 (optionally in brackets, without zone id). Anything else — including the
 * historical IPv4 shorthands such as {@code 127.1} or {@code 2130706433} — is a name, which the
 * {@link DestinationGuard} resolves and checks like any other. Thread-safe (stateless).
 */
final class IpLiterals {
    private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(?:\\." + OCTET + "){3}");
    /**
     * IPv6 candidates: start with a hex digit or ':' and contain only hex digits, ':' and '.' (embedded IPv4). For
     * such strings {@link InetAddress#getByName} parses or throws; it never performs a lookup.
     */
    private static final Pattern IPV6_CANDIDATE = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*");

    private IpLiterals() {
    }

    /** The address {@code text} denotes if it is an IP literal, else empty. Never resolves a name. */
    static Optional<InetAddress> parse(String text) {
        String s = text;
        if (s.length() > 2 && s.charAt(0) == '[' && s.charAt(s.length() - 1) == ']') {
            s = s.substring(1, s.length() - 1);
            if (s.indexOf(':') < 0) {
                return Optional.empty();
            }
        }
        try {
            if (IPV4.matcher(s).matches()) {
                String[] parts = s.split("\\.");
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    bytes[i] = (byte) Integer.parseInt(parts[i]);
                }
                return Optional.of(InetAddress.getByAddress(bytes));
            }
            if (s.indexOf(':') >= 0 && IPV6_CANDIDATE.matcher(s).matches()) {
                return Optional.of(InetAddress.getByName(s));
            }
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
