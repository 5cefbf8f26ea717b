package nl.vangnet.proxy.tls;

import com.google.common.net.InetAddresses;
import java.net.IDN;
import java.net.InetAddress;
import java.util.Locale;

/**
 * A host a leaf certificate can name: a DNS name in the form a certificate's dNSName holds, or an IP address.
 * Immutable.
 *
 * <p>What a DNS name may hold follows RFC 5280 §4.2.1.6 (the "preferred name syntax" of RFC 1034 §3.5, relaxed by
 * RFC 1123 §2.1 to allow a leading digit) and RFC 6125: labels of 1 to 63 letters, digits and hyphens, neither
 * starting nor ending with a hyphen, at most 253 characters in all. So an underscore is refused (browsers and the
 * CA/Browser Forum rules refuse it in certificates too), as are wildcards, spaces and empty labels; a name whose last
 * label is all digits is refused as a malformed IPv4 address. Such a host gets the plain TLS refusal instead of the
 * block page.
 *
 * @param text    the normalised form: lower case, no trailing dot, IDN as punycode; an IP address in its canonical
 *                text form without brackets (IPv6 compressed, lower case)
 * @param address the IP address, or {@code null} for a DNS name
 */
record HostName(String text, InetAddress address) {
    /** Longest DNS name, without the trailing dot (RFC 1035 §2.3.4: 255 octets on the wire). */
    static final int MAX_NAME_LENGTH = 253;
    /** Longest label (RFC 1035 §2.3.4). */
    static final int MAX_LABEL_LENGTH = 63;

    /** Whether this is an IP address rather than a DNS name. */
    boolean isAddress() {
        return address != null;
    }

    /**
     * Normalises {@code host} as sent in an SNI or taken from an original destination.
     *
     * @throws IllegalArgumentException when {@code host} is no name a certificate can hold, with the reason
     */
    static HostName parse(String host) {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("The host name is empty.");
        }
        if (host.startsWith("[") || host.endsWith("]")) {
            if (!(host.startsWith("[") && host.endsWith("]"))) {
                throw new IllegalArgumentException("'" + host + "' has an unbalanced bracket.");
            }
            return ipv6(host, host.substring(1, host.length() - 1));
        }
        if (host.indexOf(':') >= 0) {
            return ipv6(host, host);
        }
        if (InetAddresses.isInetAddress(host)) {
            InetAddress address = InetAddresses.forString(host);
            return new HostName(InetAddresses.toAddrString(address), address);
        }
        return new HostName(dnsName(host), null);
    }

    private static HostName ipv6(String host, String literal) {
        if (literal.indexOf('%') >= 0) {
            throw new IllegalArgumentException("'" + host + "' has a zone id (%...), which a certificate cannot"
                    + " name.");
        }
        if (literal.indexOf(':') < 0 || !InetAddresses.isInetAddress(literal)) {
            throw new IllegalArgumentException("'" + host + "' is not a valid IPv6 address.");
        }
        InetAddress address = InetAddresses.forString(literal);
        return new HostName(InetAddresses.toAddrString(address), address);
    }

    private static String dnsName(String host) {
        for (int i = 0; i < host.length(); i++) {
            if (Character.isWhitespace(host.charAt(i)) || Character.isISOControl(host.charAt(i))) {
                throw new IllegalArgumentException("'" + host + "' contains a space or control character.");
            }
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (!name.chars().allMatch(c -> c < 0x80)) {
            try {
                name = IDN.toASCII(name).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + host + "' is not a valid internationalised domain name: "
                        + e.getMessage() + ".", e);
            }
        }
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException("'" + host + "' has no labels.");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("'" + host + "' is " + name.length() + " characters long; a host name"
                    + " may have at most " + MAX_NAME_LENGTH + ".");
        }
        String[] labels = name.split("\\.", -1);
        for (String label : labels) {
            checkLabel(host, label);
        }
        if (labels[labels.length - 1].chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("'" + host + "' ends in a numeric label but is not a valid IPv4"
                    + " address.");
        }
        return name;
    }

    private static void checkLabel(String host, String label) {
        if (label.isEmpty()) {
            throw new IllegalArgumentException("'" + host + "' has an empty label (two dots in a row, or a leading"
                    + " dot).");
        }
        if (label.length() > MAX_LABEL_LENGTH) {
            throw new IllegalArgumentException("'" + host + "' has a label of " + label.length() + " characters; a"
                    + " label may have at most " + MAX_LABEL_LENGTH + ".");
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            boolean ldh = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
            if (!ldh) {
                throw new IllegalArgumentException("'" + host + "' contains '" + c + "'; a certificate's dNSName holds"
                        + " only letters, digits and hyphens (RFC 5280 §4.2.1.6).");
            }
        }
        if (label.startsWith("-") || label.endsWith("-")) {
            throw new IllegalArgumentException("'" + host + "' has a label starting or ending with a hyphen.");
        }
    }
}
