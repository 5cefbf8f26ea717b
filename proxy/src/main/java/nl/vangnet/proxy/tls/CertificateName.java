package nl.vangnet.proxy.tls;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import nl.vangnet.config.rules.Domains;

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
 * @param text    the policy's normal form ({@link nl.vangnet.proxy.decision.HostName#normalise}): lower case, no
 *                trailing dot, IDN as punycode; an IP address canonical without brackets (IPv6 compressed, lower
 *                case, IPv4-mapped as IPv4)
 * @param address the IP address, or {@code null} for a DNS name
 */
record CertificateName(String text, InetAddress address) {
    /** Longest DNS name, without the trailing dot (RFC 1035 §2.3.4: 255 octets on the wire). */
    static final int MAX_NAME_LENGTH = 253;
    /** Longest label (RFC 1035 §2.3.4). */
    static final int MAX_LABEL_LENGTH = 63;

    /** Whether this is an IP address rather than a DNS name. */
    boolean isAddress() {
        return address != null;
    }

    /**
     * Normalises {@code host} as sent in an SNI or taken from an original destination, into the policy's normal form
     * ({@link nl.vangnet.proxy.decision.HostName#normalise}), and checks that a certificate can name it.
     *
     * @throws IllegalArgumentException when {@code host} is no name a certificate can hold, with the reason
     */
    static CertificateName parse(String host) {
        if (host == null) {
            throw new IllegalArgumentException("The host name is empty.");
        }
        String text = nl.vangnet.proxy.decision.HostName.normalise(host);
        if (text.isEmpty()) {
            throw new IllegalArgumentException("The host name is empty.");
        }
        if (Domains.isIpLiteral(text)) {
            return new CertificateName(text, InetAddresses.forString(text));
        }
        if (text.indexOf('%') >= 0 && text.indexOf(':') >= 0) {
            throw new IllegalArgumentException("'" + host + "' has a zone id (%...), which a certificate cannot"
                    + " name.");
        }
        if (text.indexOf(':') >= 0 || text.indexOf('[') >= 0 || text.indexOf(']') >= 0) {
            throw new IllegalArgumentException("'" + host + "' is neither a host name nor a valid IPv6 address.");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new IllegalArgumentException("'" + host + "' contains a space or control character.");
            }
            if (c > 0x7f) {
                throw new IllegalArgumentException("'" + host + "' is not a valid internationalised domain name"
                        + " (java.net.IDN cannot convert it to punycode).");
            }
        }
        if (text.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("'" + host + "' is " + text.length() + " characters long; a host name"
                    + " may have at most " + MAX_NAME_LENGTH + ".");
        }
        String[] labels = text.split("\\.", -1);
        for (String label : labels) {
            checkLabel(host, label);
        }
        if (labels[labels.length - 1].chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("'" + host + "' ends in a numeric label but is not a valid IPv4"
                    + " address.");
        }
        return new CertificateName(text, null);
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
