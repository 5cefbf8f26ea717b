package nl.vangnet.proxy.lists;

import net.openhft.hashing.LongHashFunction;

/**
 * The 64-bit keys under which names and URL prefixes are stored: XXH3 of the UTF-16 chars of the normalised
 * name, hashed straight from the host string with an offset (no substrings), so that a lookup of a host and each
 * of its parent domains allocates nothing. Key {@code 0} marks an empty slot in the index, so a hash of 0 is
 * stored as 1. Stateless and thread-safe.
 */
final class ListKeys {
    private static final LongHashFunction XX3 = LongHashFunction.xx3();
    /** Odd 64-bit constant (2^64 / golden ratio) that spreads the path key before it is mixed with the host key. */
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private ListKeys() {
    }

    /** The key of the whole normalised name. */
    static long name(String name) {
        return name(name, 0, name.length());
    }

    /** The key of {@code len} chars of {@code s} from {@code off}: the same as {@link #name(String)} of them. */
    static long name(String s, int off, int len) {
        return nonZero(XX3.hashChars(s, off, len));
    }

    /**
     * The key of a URL entry: host key (as {@link #name(String, int, int)}) combined with the path prefix
     * ({@code len} chars of {@code path} from 0; empty for an entry that names only a host).
     */
    static long url(long hostKey, String path, int len) {
        long pathKey = XX3.hashChars(path, 0, len);
        return nonZero(XX3.hashLong(hostKey ^ (pathKey * GOLDEN)));
    }

    private static long nonZero(long h) {
        return h == 0 ? 1 : h;
    }
}
