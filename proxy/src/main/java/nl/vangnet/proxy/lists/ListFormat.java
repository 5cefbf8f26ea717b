package nl.vangnet.proxy.lists;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The formats a list source can have; the name is the prefix of a source spec ({@code hosts:/etc/lists/x}).
 */
public enum ListFormat {
    /** A squidGuard/UT1 category directory holding {@code domains} and/or {@code urls} (each may be gzipped). */
    UT1("ut1"),
    /** One squidGuard {@code domains} file: a domain per line, covering its subdomains. */
    DOMAINS("domains"),
    /** One squidGuard {@code urls} file: a {@code host/path} prefix per line. */
    URLS("urls"),
    /** A hosts file: {@code <address> <host> [<host>...]}, exact host names. */
    HOSTS("hosts"),
    /** Adblock-style rules: {@code ||domain^}, {@code |host^}, {@code @@||domain^}. */
    ADBLOCK("adblock"),
    /** AdGuard's {@code services.json}: one list {@code service:<id>} per blocked service. */
    SERVICES("services");

    private final String prefix;

    ListFormat(String prefix) {
        this.prefix = prefix;
    }

    /** The spec prefix, without the colon. */
    public String prefix() {
        return prefix;
    }

    /** The format with this prefix (case-insensitive). */
    public static Optional<ListFormat> byPrefix(String prefix) {
        String p = prefix.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.prefix.equals(p)).findFirst();
    }

    /** Every prefix, for messages: {@code ut1, domains, ...}. */
    static String prefixes() {
        return Arrays.stream(values()).map(ListFormat::prefix).collect(Collectors.joining(", "));
    }
}
