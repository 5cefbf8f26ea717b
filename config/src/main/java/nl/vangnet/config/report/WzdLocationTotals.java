package nl.vangnet.config.report;

import java.util.Objects;

/**
 * The totals of the Wzd overview for one location (or, from {@link WzdReport#total()}, for all). Immutable.
 *
 * @param location                    the location; {@code null} for the total over all locations
 * @param registrations               Wzd registrations in effect in the period
 * @param unforeseen                  of which unforeseen-situation measures (art. 15 Wzd)
 * @param evaluationsHeld             evaluations held in the period
 * @param registrationsWithOverdueEvaluation registrations whose evaluation was overdue at some moment of the period
 */
public record WzdLocationTotals(String location, int registrations, int unforeseen, int evaluationsHeld,
        int registrationsWithOverdueEvaluation) {
    public WzdLocationTotals {
        if (registrations < 0 || unforeseen < 0 || unforeseen > registrations || evaluationsHeld < 0
                || registrationsWithOverdueEvaluation < 0 || registrationsWithOverdueEvaluation > registrations) {
            throw new IllegalArgumentException("inconsistent totals for " + Objects.toString(location, "all")
                    + ": " + registrations + "/" + unforeseen + "/" + evaluationsHeld + "/"
                    + registrationsWithOverdueEvaluation);
        }
    }

    /** The totals over {@code rows}, for {@code location} ({@code null}: all). */
    static WzdLocationTotals of(String location, Iterable<WzdReportRow> rows) {
        int registrations = 0;
        int unforeseen = 0;
        int evaluations = 0;
        int overdue = 0;
        for (WzdReportRow row : rows) {
            registrations++;
            unforeseen += row.unforeseen() ? 1 : 0;
            evaluations += row.evaluationsHeld();
            overdue += row.evaluationOverdue() ? 1 : 0;
        }
        return new WzdLocationTotals(location, registrations, unforeseen, evaluations, overdue);
    }
}
