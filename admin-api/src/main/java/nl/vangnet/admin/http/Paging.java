package nl.vangnet.admin.http;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The paging parameters of a list request: {@code limit} (1 to {@value #MAX_LIMIT}, default
 * {@value #DEFAULT_LIMIT}) and {@code offset} (0 or more, default 0), plus the request's path and other query
 * parameters so that a {@link Page} can link to the next page. Immutable.
 */
public record Paging(int limit, int offset, String path, Map<String, List<String>> query) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public Paging {
        query = Map.copyOf(query);
    }

    /** The paging of this request; 400 naming {@code limit} or {@code offset} when out of range. */
    public static Paging of(Context ctx) {
        int limit = QueryParams.intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int offset = QueryParams.intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        return new Paging(limit, offset, ctx.path(), ctx.queryParamMap());
    }

    /** The path and query of this request with {@code name} set to {@code value} (and {@code limit} kept). */
    public String linkTo(String name, String value) {
        Map<String, List<String>> q = new TreeMap<>(query);
        q.put("limit", List.of(Integer.toString(limit)));
        q.put(name, List.of(value));
        StringJoiner j = new StringJoiner("&", path + "?", "");
        q.forEach((k, vs) -> vs.forEach(v -> j.add(enc(k) + "=" + enc(v))));
        return j.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
