package nl.vangnet.admin.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import nl.vangnet.config.model.Basis;
import nl.vangnet.config.report.EndReason;
import nl.vangnet.config.report.PhaseOutStepTaken;
import nl.vangnet.config.report.WzdLocationTotals;
import nl.vangnet.config.report.WzdReport;
import nl.vangnet.config.report.WzdReportRow;

/**
 * The JSON body of {@code GET /api/v1/reports/wzd?format=json}: the period, when it was generated, one row per Wzd
 * registration, the totals per location and over all. Immutable. The fields mean what the CSV columns of the same
 * name mean (see {@code docs/igj-export.md}).
 *
 * @param period      the period reported on
 * @param zone        the zone the period's days are read in (Europe/Amsterdam)
 * @param generatedAt when it was computed; days after it are not counted
 * @param rows        one per Wzd registration in effect in the period
 * @param locations   totals per location
 * @param total       totals over all locations
 */
public record WzdReportResponse(Period period, String zone, Instant generatedAt, List<Row> rows,
        List<LocationTotals> locations, Totals total) {

    /** The period: first and last day (both inclusive) and its label ({@code 2026H1}, or {@code from_to}). */
    public record Period(LocalDate from, LocalDate to, String label) {
    }

    /** One Wzd registration. */
    public record Row(String clientCode, String location, long registrationId, Basis basis, String wzdCategory,
            String measure, LocalDate start, LocalDate end, EndReason endReason, int evaluationsHeld,
            List<LocalDate> evaluationDates, int phaseOutStepsTaken, List<Step> phaseOutSteps,
            int phaseOutStepsPlanned, boolean evaluationOverdue, int overdueDays) {
    }

    /** A phase-out step taken in the period: its number (1-based), its day, whether it lifted every restriction. */
    public record Step(int step, LocalDate from, boolean unrestricted) {
    }

    /** The totals of one location. */
    public record LocationTotals(String location, int registrations, int unforeseen, int evaluationsHeld,
            int registrationsWithOverdueEvaluation) {
    }

    /** The totals over all locations. */
    public record Totals(int registrations, int unforeseen, int evaluationsHeld,
            int registrationsWithOverdueEvaluation) {
    }

    /** The response for {@code report}, computed in zone {@code zone}. */
    public static WzdReportResponse of(WzdReport report, String zone) {
        WzdLocationTotals all = report.total();
        return new WzdReportResponse(
                new Period(report.period().from(), report.period().to(), report.period().label()), zone,
                report.generatedAt(), report.rows().stream().map(WzdReportResponse::row).toList(),
                report.locations().stream().map(t -> new LocationTotals(t.location(), t.registrations(),
                        t.unforeseen(), t.evaluationsHeld(), t.registrationsWithOverdueEvaluation())).toList(),
                new Totals(all.registrations(), all.unforeseen(), all.evaluationsHeld(),
                        all.registrationsWithOverdueEvaluation()));
    }

    private static Row row(WzdReportRow r) {
        List<Step> steps = r.phaseOutSteps().stream()
                .map((PhaseOutStepTaken s) -> new Step(s.step(), s.from(), s.unrestricted())).toList();
        return new Row(r.clientCode(), r.location(), r.registrationId(), r.basis(), WzdReportRow.WZD_CATEGORY,
                WzdReportRow.MEASURE, r.start(), r.end(), r.endReason(), r.evaluationsHeld(), r.evaluationDates(),
                steps.size(), steps, r.phaseOutStepsPlanned(), r.evaluationOverdue(), r.overdueDays());
    }
}
