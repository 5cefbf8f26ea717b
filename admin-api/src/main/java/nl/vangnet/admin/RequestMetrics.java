package nl.vangnet.admin;

/**
 * Observes the admin app's requests for the metrics: one call per request, after the response status is final
 * (also for refused, failed and unknown requests). Labels are bounded: the route is an endpoint's path template
 * (such as {@code /api/v1/clients/{id}}), never the requested path, so no id, client or address reaches a label.
 * It observes and never decides. Implementations must be thread-safe and quick (called on Jetty's request threads).
 */
@FunctionalInterface
public interface RequestMetrics {

    /** No metrics. */
    RequestMetrics NONE = (route, method, status, durationNanos) -> { };

    /** The route of a request that matched no endpoint (unknown paths, wrong methods). */
    String UNMATCHED = "unmatched";

    /**
     * One request was answered.
     *
     * @param route         the matched endpoint's path template, {@link AdminApp#DOCS_ASSETS_ROUTE} for the documentation's
     *                      static files, or {@link #UNMATCHED}
     * @param method        the HTTP method, upper case ({@code GET}, ...; {@code INVALID} for unknown methods)
     * @param status        the HTTP status code sent
     * @param durationNanos from the start of handling to the final status, in nanoseconds
     */
    void request(String route, String method, int status, long durationNanos);

    /** The status as a label of a bounded set: the three-digit code, or {@code other} outside 100–599. */
    static String statusLabel(int status) {
        return status >= 100 && status <= 599 ? Integer.toString(status) : "other";
    }
}
