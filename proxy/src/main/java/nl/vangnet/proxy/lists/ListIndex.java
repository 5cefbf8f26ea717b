package nl.vangnet.proxy.lists;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * All block lists loaded at one moment (categories such as {@code gambling}, and AdGuard blocked services with
 * ids {@code service:<id>} such as {@code service:tiktok}), compact in memory. Made by the list catalog; a reload
 * publishes a new index with a higher {@link #version()}, the old one keeps serving until then.
 *
 * <p>Matching: a host matches a list when the list names the host itself or, for entries that cover
 * subdomains (squidGuard {@code domains}, Adblock {@code ||domain^}), any parent domain; hosts-file entries and
 * Adblock {@code |host^} entries match only the exact host. An Adblock exception ({@code @@||domain^}) for a
 * domain removes that list's match for the domain and its subdomains. IP-literal hosts match only entries with
 * the same canonical IP literal. URL entries (squidGuard {@code urls}: {@code host/path} prefixes) match only
 * when a request path is given.
 *
 * <p>Immutable and thread-safe. Lookups never touch the disk or the network and do not allocate on a miss.
 */
public interface ListIndex {

    /** Increases with every published index; 0 for {@link #empty()}. */
    long version();

    /** The ids of every list in this index, in no particular order. */
    Set<String> listIds();

    /**
     * A query for these list ids, bound to this index (using it with another index throws
     * {@link IllegalArgumentException}). Ids this index does not hold are left out (see
     * {@link ListQuery#missing()}). The order of {@code listIds} is the order in which a hit is reported when a
     * host is listed in several of them.
     */
    ListQuery query(List<String> listIds);

    /**
     * The first hit for {@code host} among the lists of {@code query}: the host itself first, then each parent
     * domain nearest first; at equal distance, lists in the query's order. With a non-null {@code path}
     * (origin-form path of a plain HTTP request, starting with {@code /}), URL entries are matched too.
     *
     * @param host  normalised host: lower-case ASCII (IDN already punycode), no trailing dot, or a canonical IP
     *              literal (IPv6 without brackets)
     * @param path  request path for plain HTTP, {@code null} for CONNECT/TLS
     * @param query a query made by this index
     * @return the hit, or empty when no list of the query lists the host
     */
    Optional<ListHit> find(String host, String path, ListQuery query);

    /** The index with no lists: every query is empty, nothing matches. */
    static ListIndex empty() {
        return EmptyListIndex.INSTANCE;
    }
}
