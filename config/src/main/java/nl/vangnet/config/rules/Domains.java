package nl.vangnet.config.rules;

import java.net.IDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Normalisation and syntax of the values of profile rules: domains (lower case, no trailing dot, no leading
 * {@code *.}, IDN to punycode, IP literals canonical) and category / service ids (lower case). Stateless and
 * thread-safe.
 */
public final class Domains {
    private static final Pattern LDH_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private Domains() {
    }

    /**
     * The normalised domain: trimmed, lower case, one trailing dot removed, a leading {@code *.} removed,
     * internationalised names converted to punycode (IDNA 2003, {@link IDN#toASCII(String)}), IP literals in
     * canonical form. A value that cannot be converted is returned as it is, so validation can report it.
     */
    public static String normalise(String value) {
        if (value == null) {
            return null;
        }
        String s = value.strip().toLowerCase(Locale.ROOT);
        if (s.length() > 1 && s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.startsWith("*.")) {
            s = s.substring(2);
        }
        if (s.chars().anyMatch(c -> c > 0x7f)) {
            try {
                s = IDN.toASCII(s).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                return s;
            }
        }
        return Addresses.canonicalIp(s).orElse(s);
    }

    /** Whether {@code s} is an IPv4 or IPv6 literal (no DNS lookup). */
    public static boolean isIpLiteral(String s) {
        return Addresses.isIpLiteral(s);
    }

    /** The normalised category or service id: trimmed, lower case. */
    public static String normaliseId(String value) {
        return value == null ? null : value.strip().toLowerCase(Locale.ROOT);
    }

    /** Why {@code id} is not a valid category or service id, or {@code null} if it is. */
    static String idProblem(String id) {
        if (ID.matcher(id).matches()) {
            return null;
        }
        return "'" + id + "' is not a valid id: use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter"
                + " or digit (as the list or service defines it)";
    }

    /**
     * Why the (normalised) {@code domain} is not a valid domain, or {@code null} if it is. An IP literal is valid
     * only when {@code ipAllowed}.
     */
    static String domainProblem(String domain, boolean ipAllowed) {
        String quoted = "'" + domain + "'";
        if (Addresses.isIpLiteral(domain)) {
            return ipAllowed ? null
                    : quoted + " is an IP address; only domain names can be allowed (an IP address can be blocked)";
        }
        if (domain.contains("://")) {
            return quoted + " is a URL: write only the domain, without a scheme such as 'https://'";
        }
        if (domain.indexOf('/') >= 0) {
            return quoted + " contains a path: write only the domain, without '/...'";
        }
        if (domain.indexOf(':') >= 0) {
            return quoted + " contains a port or is not a valid IPv6 address: write only the domain, without ':port'";
        }
        if (domain.length() > 253) {
            return quoted + " is longer than 253 characters, the maximum length of a domain name";
        }
        List<String> bad = new ArrayList<>();
        String[] labels = domain.split("\\.", -1);
        for (String label : labels) {
            if (label.isEmpty()) {
                return quoted + " has an empty label (two dots in a row, or a leading dot)";
            }
            if (label.length() > 63) {
                return quoted + " has a label longer than 63 characters, the maximum in a domain name";
            }
            if (!LDH_LABEL.matcher(label).matches()) {
                bad.add(label);
            }
        }
        if (!bad.isEmpty()) {
            return quoted + " is not a valid domain name: label '" + bad.get(0) + "' may only contain letters,"
                    + " digits and hyphens, and may not start or end with a hyphen (internationalised names must"
                    + " be convertible to punycode)";
        }
        if (DIGITS.matcher(labels[labels.length - 1]).matches()) {
            return quoted + " is neither a valid IP address nor a domain name (a top-level label cannot be all"
                    + " digits)";
        }
        return null;
    }

    /** {@code domain} and each parent domain, nearest first ({@code a.b.c} → {@code a.b.c, b.c, c}). */
    public static List<String> selfAndParents(String domain) {
        List<String> out = new ArrayList<>();
        out.add(domain);
        if (domain == null || Addresses.isIpLiteral(domain)) {
            return out;
        }
        int dot = domain.indexOf('.');
        while (dot >= 0) {
            out.add(domain.substring(dot + 1));
            dot = domain.indexOf('.', dot + 1);
        }
        return out;
    }
}
