package nl.vangnet.config.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The Wzd overview for one period: what the organisation feeds into its half-yearly submission to the inspectorate
 * (IGJ). Immutable and thread-safe.
 *
 * @param period      the period reported on
 * @param generatedAt the instant it was computed; days of the period after it are not counted (a period still
 *                    running is reported up to this instant)
 * @param rows        one row per Wzd registration in effect on at least one day of the period, ordered by
 *                    location, client code, start and registration id
 * @param locations   the totals per location, ordered by location
 */
public record WzdReport(ReportPeriod period, Instant generatedAt, List<WzdReportRow> rows,
        List<WzdLocationTotals> locations) {
    public WzdReport {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(generatedAt, "generatedAt");
        rows = List.copyOf(rows);
        locations = List.copyOf(locations);
    }

    /** The totals over all locations ({@link WzdLocationTotals#location()} is {@code null}). */
    public WzdLocationTotals total() {
        return WzdLocationTotals.of(null, rows);
    }
}
