package nl.vangnet.admin.http;

import java.util.Objects;

/**
 * A query parameter or request header that an {@link Endpoint} reads, declared beside it in its {@link RouteTable}
 * for the OpenAPI document (path parameters are taken from the path itself). Immutable.
 *
 * @param in          {@code query} or {@code header}
 * @param name        the parameter name
 * @param type        its JSON type: {@code string}, {@code integer}, {@code boolean}
 * @param format      an OpenAPI format ({@code date}, {@code date-time}, {@code int64}) or {@code null}
 * @param required    whether the route refuses a request without it
 * @param description one line
 */
public record ApiParam(String in, String name, String type, String format, boolean required, String description) {
    public ApiParam {
        if (!"query".equals(in) && !"header".equals(in)) {
            throw new IllegalArgumentException("in must be query or header, not " + in);
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
    }

    public static ApiParam string(String name, String description) {
        return new ApiParam("query", name, "string", null, false, description);
    }

    public static ApiParam integer(String name, String description) {
        return new ApiParam("query", name, "integer", "int64", false, description);
    }

    public static ApiParam date(String name, String description) {
        return new ApiParam("query", name, "string", "date", false, description);
    }

    public static ApiParam instant(String name, String description) {
        return new ApiParam("query", name, "string", "date-time", false, description);
    }

    /** The {@code If-Match} header of a write of an existing resource (428 without it, 412 when stale). */
    public static ApiParam ifMatch() {
        return new ApiParam("header", "If-Match", "string", null, true,
                "the ETag of the version you read, e.g. \"3\" (412 when stale, 428 when missing)");
    }

    /** The {@code limit} and {@code offset} parameters of every paged list. */
    public static ApiParam[] paging() {
        return new ApiParam[] {
            new ApiParam("query", "limit", "integer", "int32", false, "page size, 1 to " + Paging.MAX_LIMIT
                    + " (default " + Paging.DEFAULT_LIMIT + ")"),
            new ApiParam("query", "offset", "integer", "int32", false, "items to skip (default 0)")};
    }
}
