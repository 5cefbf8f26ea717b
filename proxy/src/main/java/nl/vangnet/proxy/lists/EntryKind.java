package nl.vangnet.proxy.lists;

/**
 * What one list entry covers. Every entry is stored as a 64-bit key (see {@link CompactListIndex}); the kind says
 * how a lookup uses it.
 */
public enum EntryKind {
    /** A domain and all its subdomains (squidGuard {@code domains}, Adblock {@code ||domain^}). */
    DOMAIN,
    /** Exactly one host name, no subdomains (hosts files, Adblock {@code |host^}). */
    HOST,
    /**
     * An exception for a domain and all its subdomains (Adblock {@code @@||domain^}): a host covered by it is not
     * matched by any entry of the same list.
     */
    EXCEPTION,
    /** A {@code host/path} prefix (squidGuard {@code urls}); matched only when a request path is known. */
    URL
}
