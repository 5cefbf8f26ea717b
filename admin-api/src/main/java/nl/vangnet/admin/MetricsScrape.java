package nl.vangnet.admin;

/**
 * Renders this node's metrics for Prometheus, served at {@code GET /metrics}. Implementations are thread-safe.
 */
@FunctionalInterface
public interface MetricsScrape {

    /** No metrics: an empty exposition. */
    MetricsScrape NONE = accept -> "";

    /**
     * The exposition text for the request's {@code Accept} header (Prometheus text format 0.0.4 by default,
     * OpenMetrics when asked for).
     */
    String scrape(String accept);

    /** The content type of {@link #scrape(String)}'s answer for this {@code Accept} header. */
    default String contentType(String accept) {
        return accept != null && accept.contains("application/openmetrics-text")
                ? "application/openmetrics-text; version=1.0.0; charset=utf-8"
                : "text/plain; version=0.0.4; charset=utf-8";
    }
}
