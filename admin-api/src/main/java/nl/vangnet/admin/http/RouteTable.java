package nl.vangnet.admin.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A group of {@link Endpoint}s with the query parameters each reads (a side table of the endpoint records, for the
 * OpenAPI document). The app's route table is the concatenation of its groups: the core API's, the pages', the
 * reports'. Immutable.
 */
public final class RouteTable {
    private final List<Endpoint> endpoints;
    private final Map<String, List<ApiParam>> params;

    private RouteTable(List<Endpoint> endpoints, Map<String, List<ApiParam>> params) {
        this.endpoints = List.copyOf(endpoints);
        this.params = Map.copyOf(params);
    }

    /** A group of endpoints that read no documented query parameters (e.g. the pages). */
    public static RouteTable of(List<Endpoint> endpoints) {
        return new RouteTable(endpoints, Map.of());
    }

    /** A builder. Not thread-safe. */
    public static Builder builder() {
        return new Builder();
    }

    /** The key of a route: {@code GET /api/v1/clients}. */
    public static String key(Endpoint e) {
        return e.method().name() + " " + e.path();
    }

    /** The routes, in declaration order. */
    public List<Endpoint> endpoints() {
        return endpoints;
    }

    /** The query parameters of {@code e}, empty when it reads none (or none were declared). */
    public List<ApiParam> params(Endpoint e) {
        return params.getOrDefault(key(e), List.of());
    }

    /** This table followed by {@code other}; refuses a route declared twice. */
    public RouteTable plus(RouteTable other) {
        Builder b = builder();
        for (RouteTable t : List.of(this, other)) {
            for (Endpoint e : t.endpoints) {
                b.add(e, t.params(e).toArray(ApiParam[]::new));
            }
        }
        return b.build();
    }

    /** Collects endpoints; refuses the same method and path twice. */
    public static final class Builder {
        private final List<Endpoint> endpoints = new ArrayList<>();
        private final Map<String, List<ApiParam>> params = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder add(Endpoint e, ApiParam... query) {
            String key = key(e);
            if (endpoints.stream().anyMatch(x -> key(x).equals(key))) {
                throw new IllegalArgumentException("route declared twice: " + key);
            }
            endpoints.add(e);
            if (query.length > 0) {
                params.put(key, List.copyOf(Arrays.asList(query)));
            }
            return this;
        }

        public RouteTable build() {
            return new RouteTable(endpoints, params);
        }
    }
}
