package nl.vangnet.proxy.decision;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import nl.vangnet.proxy.lists.ListHit;
import nl.vangnet.proxy.lists.ListIndex;
import nl.vangnet.proxy.lists.ListQuery;

/**
 * A small set-based {@link ListIndex} for the engine tests (the real compact index lives in the lists package):
 * domain entries cover their subdomains, IP entries match exactly, entries with a {@code /} are URL entries
 * ({@code host/path-prefix}, the host or a parent domain) that match only with a path. Counts lookups.
 */
final class FakeListIndex implements ListIndex {
    private final long version;
    private final Map<String, Set<String>> lists;
    final AtomicInteger finds = new AtomicInteger();
    final AtomicInteger queries = new AtomicInteger();

    private record Query(FakeListIndex owner, List<String> listIds, List<String> missing) implements ListQuery {
    }

    FakeListIndex(long version, Map<String, Set<String>> lists) {
        this.version = version;
        this.lists = new LinkedHashMap<>(lists);
    }

    @Override
    public long version() {
        return version;
    }

    @Override
    public Set<String> listIds() {
        return lists.keySet();
    }

    @Override
    public ListQuery query(List<String> listIds) {
        queries.incrementAndGet();
        List<String> held = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String id : listIds) {
            (lists.containsKey(id) ? held : missing).add(id);
        }
        return new Query(this, List.copyOf(held), List.copyOf(missing));
    }

    @Override
    public Optional<ListHit> find(String host, String path, ListQuery query) {
        if (!(query instanceof Query q) || q.owner() != this) {
            throw new IllegalArgumentException("query was made by another index");
        }
        finds.incrementAndGet();
        for (String d = host; d != null; d = HostName.parent(d)) {
            for (String id : q.listIds()) {
                Set<String> entries = lists.get(id);
                if (entries.contains(d)) {
                    return Optional.of(new ListHit(id, d));
                }
                if (path != null) {
                    for (String e : entries) {
                        int slash = e.indexOf('/');
                        if (slash > 0 && e.substring(0, slash).equals(d) && path.startsWith(e.substring(slash))) {
                            return Optional.of(new ListHit(id, e));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** An index that fails the test if anything at all is asked of it. */
    static ListIndex untouchable() {
        return new ListIndex() {
            @Override
            public long version() {
                throw new AssertionError("the list index was consulted");
            }

            @Override
            public Set<String> listIds() {
                throw new AssertionError("the list index was consulted");
            }

            @Override
            public ListQuery query(List<String> listIds) {
                throw new AssertionError("the list index was consulted");
            }

            @Override
            public Optional<ListHit> find(String host, String path, ListQuery query) {
                throw new AssertionError("the list index was consulted");
            }
        };
    }
}
