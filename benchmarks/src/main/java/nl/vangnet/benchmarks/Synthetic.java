package nl.vangnet.benchmarks;

import java.util.List;
import nl.vangnet.proxy.lists.CompactListIndex;
import nl.vangnet.proxy.lists.EntryKind;
import nl.vangnet.proxy.lists.ListContent;

/**
 * A synthetic index of made-up names spread over several lists, for sizes the real data does not reach.
 * Stateless.
 */
final class Synthetic {
    /** Lists the synthetic names are spread over. */
    static final int LISTS = 10;

    private Synthetic() {
    }

    /** The names of a synthetic index of {@code n} names (seeded, so the same every time). */
    static List<String> names(int n) {
        return HostMix.syntheticNames(n, 1_000_003L + n);
    }

    /** An index of {@code names}, name {@code i} in list {@code synthetic-(i % 10)} as a domain entry. */
    static CompactListIndex index(List<String> names) {
        ListContent.Builder[] b = new ListContent.Builder[LISTS];
        for (int l = 0; l < LISTS; l++) {
            b[l] = ListContent.builder();
        }
        for (int i = 0; i < names.size(); i++) {
            b[i % LISTS].addName(EntryKind.DOMAIN, names.get(i));
        }
        CompactListIndex.Builder ib = CompactListIndex.builder(1);
        for (int l = 0; l < LISTS; l++) {
            ib.put("synthetic-" + l, b[l].build());
        }
        return ib.build();
    }
}
