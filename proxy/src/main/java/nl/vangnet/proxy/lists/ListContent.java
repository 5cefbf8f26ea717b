package nl.vangnet.proxy.lists;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The entries of one list, as 64-bit keys per {@link EntryKind}, sorted and without duplicates: what an importer
 * produces and what {@link CompactListIndex.Builder} merges into an index. Names themselves are not kept. About
 * 8 bytes per entry; it lives only while an index is built.
 *
 * <p>Immutable and thread-safe; the {@link Builder} is not thread-safe.
 */
public final class ListContent {
    private static final long[] NONE = new long[0];
    private static final ListContent EMPTY = new Builder().build();

    private final Map<EntryKind, long[]> keys;
    private final long[] urlHosts;
    private final int size;

    private ListContent(Map<EntryKind, long[]> keys, long[] urlHosts) {
        this.keys = keys;
        this.urlHosts = urlHosts;
        int n = 0;
        for (long[] k : keys.values()) {
            n += k.length;
        }
        this.size = n;
    }

    /** A list without entries. */
    public static ListContent empty() {
        return EMPTY;
    }

    /** A builder for a new list. */
    public static Builder builder() {
        return new Builder();
    }

    /** The number of distinct entries of every kind. */
    public int size() {
        return size;
    }

    /** The number of distinct entries of {@code kind}. */
    public int count(EntryKind kind) {
        return keys.get(kind).length;
    }

    /** The keys of {@code kind}, sorted as unsigned numbers, without duplicates; do not modify. */
    long[] keys(EntryKind kind) {
        return keys.get(kind);
    }

    /**
     * The keys of the hosts that have {@link EntryKind#URL} entries (sorted, unsigned, no duplicates; do not
     * modify): the index marks them, so that a lookup tries URL prefixes only for such hosts.
     */
    long[] urlHostKeys() {
        return urlHosts;
    }

    @Override
    public String toString() {
        return "ListContent" + Arrays.toString(EntryKind.values()) + "=" + keys.values().stream()
                .map(k -> String.valueOf(k.length)).toList();
    }

    /**
     * Collects entries. Names must already be normalised and valid (the importers see to that); adding the same
     * entry twice keeps one.
     */
    public static final class Builder {
        private final EnumMap<EntryKind, long[]> keys = new EnumMap<>(EntryKind.class);
        private final int[] counts = new int[EntryKind.values().length];
        private long[] urlHosts = NONE;
        private int urlHostCount;

        private Builder() {
            for (EntryKind k : EntryKind.values()) {
                keys.put(k, NONE);
            }
        }

        /**
         * Adds a {@link EntryKind#DOMAIN}, {@link EntryKind#HOST} or {@link EntryKind#EXCEPTION} entry.
         *
         * @param name a normalised host name or canonical IP literal
         */
        public Builder addName(EntryKind kind, String name) {
            Objects.requireNonNull(name, "name");
            if (kind == EntryKind.URL) {
                throw new IllegalArgumentException("URL entries are added with addUrl(host, path)");
            }
            add(kind, ListKeys.name(name));
            return this;
        }

        /**
         * Adds a {@link EntryKind#URL} entry.
         *
         * @param host the normalised host; a leading {@code www.}, {@code web.} or {@code ftp.} label (with
         *             optional digits) is dropped, as at lookup
         * @param path the path prefix: empty, or starting with {@code /}, without a trailing {@code /} (unless it
         *             carries a query)
         */
        public Builder addUrl(String host, String path) {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(path, "path");
            if (!path.isEmpty() && path.charAt(0) != '/') {
                throw new IllegalArgumentException("a URL path prefix starts with '/': " + Names.shorten(path));
            }
            int start = Names.urlHostStart(host);
            long hostKey = ListKeys.name(host, start, host.length() - start);
            add(EntryKind.URL, ListKeys.url(hostKey, path, path.length()));
            if (urlHostCount == urlHosts.length) {
                urlHosts = Arrays.copyOf(urlHosts, Math.max(16, urlHosts.length + (urlHosts.length >> 1)));
            }
            urlHosts[urlHostCount++] = hostKey;
            return this;
        }

        /** How many entries were added so far, duplicates included. */
        int added() {
            int n = 0;
            for (int c : counts) {
                n += c;
            }
            return n;
        }

        /** Adds every entry of {@code other}. */
        public Builder addAll(ListContent other) {
            for (EntryKind k : EntryKind.values()) {
                for (long key : other.keys(k)) {
                    add(k, key);
                }
            }
            for (long key : other.urlHosts) {
                if (urlHostCount == urlHosts.length) {
                    urlHosts = Arrays.copyOf(urlHosts, Math.max(16, urlHosts.length + (urlHosts.length >> 1)));
                }
                urlHosts[urlHostCount++] = key;
            }
            return this;
        }

        private void add(EntryKind kind, long key) {
            int i = kind.ordinal();
            long[] a = keys.get(kind);
            if (counts[i] == a.length) {
                a = Arrays.copyOf(a, Math.max(16, a.length + (a.length >> 1)));
                keys.put(kind, a);
            }
            a[counts[i]++] = key;
        }

        /** The content: keys sorted (unsigned) and de-duplicated. The builder can be used on after this. */
        public ListContent build() {
            EnumMap<EntryKind, long[]> out = new EnumMap<>(EntryKind.class);
            for (EntryKind k : EntryKind.values()) {
                out.put(k, sortedUnique(keys.get(k), counts[k.ordinal()]));
            }
            return new ListContent(out, sortedUnique(urlHosts, urlHostCount));
        }

        private static long[] sortedUnique(long[] a, int n) {
            if (n == 0) {
                return NONE;
            }
            long[] s = new long[n];
            for (int i = 0; i < n; i++) {
                s[i] = a[i] ^ Long.MIN_VALUE;
            }
            Arrays.sort(s);
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (m == 0 || s[i] != s[m - 1]) {
                    s[m++] = s[i];
                }
            }
            for (int i = 0; i < m; i++) {
                s[i] ^= Long.MIN_VALUE;
            }
            return m == n ? s : Arrays.copyOf(s, m);
        }
    }
}
