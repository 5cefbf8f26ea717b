package nl.vangnet.admin.http;

import io.javalin.http.Context;

/**
 * Optimistic concurrency over HTTP: a single resource's version is its strong entity tag ({@code ETag: "7"}); a write
 * of an existing resource must send it back in {@code If-Match}. A stale tag surfaces as the store's
 * {@link nl.vangnet.config.store.StaleVersionException} (412). Stateless and thread-safe.
 */
public final class ETags {
    private ETags() {
    }

    /** Sets {@code ETag: "<version>"}. */
    public static void set(Context ctx, long version) {
        ctx.header("ETag", "\"" + version + "\"");
    }

    /**
     * The version the client read, from {@code If-Match: "<version>"}.
     *
     * @throws ApiException 428 when the header is missing, 400 when it is not one strong tag of this API
     */
    public static long ifMatch(Context ctx) {
        String raw = ctx.header("If-Match");
        if (raw == null || raw.isBlank()) {
            throw ApiException.preconditionRequired("this write changes an existing resource: send If-Match with "
                    + "the ETag of the version you read (GET it first)");
        }
        String v = raw.strip();
        if (v.length() >= 3 && v.startsWith("\"") && v.endsWith("\"")) {
            try {
                long version = Long.parseLong(v.substring(1, v.length() - 1));
                if (version >= 0) {
                    return version;
                }
            } catch (NumberFormatException e) {
                // falls through to the problem below
            }
        }
        throw ApiException.badParameter("If-Match", "'" + v + "' is not an ETag of this API: send the ETag header "
                + "of the resource exactly as received, e.g. \"3\"");
    }
}
