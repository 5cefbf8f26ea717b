package nl.vangnet.proxy.decision;

import java.util.Map;

/**
 * Profile rule domains (normalised strings) with a value each, looked up by the suffixes of a normalised host
 * without making a substring: the host itself, then each parent domain nearest first, exactly the names that
 * {@link HostName#parent} walks through (IP literals and IP-like names only as themselves). An open-addressing
 * table keyed by {@link String#hashCode()}, computed over the suffix in place.
 *
 * <p>Immutable and thread-safe; lookups do not allocate.
 *
 * @param <V> the value kept per domain
 */
final class DomainTable<V> {
    private final String[] keys;
    private final Object[] values;
    private final int mask;
    private final int size;

    private DomainTable(Map<String, V> entries) {
        int capacity = Integer.highestOneBit(Math.max(4, entries.size() * 4) - 1) << 1;
        keys = new String[capacity];
        values = new Object[capacity];
        mask = capacity - 1;
        size = entries.size();
        entries.forEach((k, v) -> {
            int i = spread(k.hashCode()) & mask;
            while (keys[i] != null) {
                i = (i + 1) & mask;
            }
            keys[i] = k;
            values[i] = v;
        });
    }

    /** A table of these domains; a copy, so later changes to {@code entries} do not show. */
    static <V> DomainTable<V> of(Map<String, V> entries) {
        return new DomainTable<>(entries);
    }

    /** Whether the table holds no domain (then every lookup misses). */
    boolean isEmpty() {
        return size == 0;
    }

    /**
     * What {@link #nextSuffix} needs to know about {@code host}: the last positions of a {@code :} and of a
     * character other than a digit or dot, packed in one {@code long}.
     */
    static long marks(String host) {
        int lastColon = -1;
        int lastOther = -1;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == ':') {
                lastColon = i;
            } else if (c != '.' && (c < '0' || c > '9')) {
                lastOther = i;
            }
        }
        return ((long) lastColon << 32) | (lastOther & 0xffffffffL);
    }

    /**
     * The offset in {@code host} of the parent of the suffix at {@code off}, as {@link HostName#parent} walks it
     * (the host itself is offset 0), or -1 when there is none: the suffix is IP-like (contains {@code :} or only
     * digits and dots) or has no dot before its last character.
     *
     * @param marks {@link #marks(String) marks(host)}
     */
    static int nextSuffix(String host, int off, long marks) {
        int len = host.length();
        int lastColon = (int) (marks >> 32);
        int lastOther = (int) marks;
        if (off < len && (lastColon >= off || lastOther < off)) {
            return -1;
        }
        int dot = host.indexOf('.', off);
        return dot < 0 || dot == len - 1 ? -1 : dot + 1;
    }

    /** The value for exactly {@code host.substring(from)}, or {@code null}. */
    @SuppressWarnings("unchecked")
    V get(String host, int from) {
        int len = host.length() - from;
        int h = 0;
        for (int i = from; i < host.length(); i++) {
            h = 31 * h + host.charAt(i);
        }
        int i = spread(h) & mask;
        while (true) {
            String k = keys[i];
            if (k == null) {
                return null;
            }
            if (k.length() == len && k.hashCode() == h && host.regionMatches(from, k, 0, len)) {
                return (V) values[i];
            }
            i = (i + 1) & mask;
        }
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
