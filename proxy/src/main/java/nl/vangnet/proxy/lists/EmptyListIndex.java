package nl.vangnet.proxy.lists;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@link ListIndex#empty()}. */
enum EmptyListIndex implements ListIndex {
    INSTANCE;

    private record EmptyQuery(List<String> missing) implements ListQuery {
        @Override
        public List<String> listIds() {
            return List.of();
        }
    }

    @Override
    public long version() {
        return 0;
    }

    @Override
    public Set<String> listIds() {
        return Set.of();
    }

    @Override
    public ListQuery query(List<String> listIds) {
        return new EmptyQuery(List.copyOf(listIds));
    }

    @Override
    public Optional<ListHit> find(String host, String path, ListQuery query) {
        if (!(query instanceof EmptyQuery)) {
            throw new IllegalArgumentException("query was made by another index");
        }
        return Optional.empty();
    }
}
