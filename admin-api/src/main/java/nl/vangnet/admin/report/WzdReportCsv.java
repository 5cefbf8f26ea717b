package nl.vangnet.admin.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import nl.vangnet.config.report.PhaseOutStepTaken;
import nl.vangnet.config.report.WzdLocationTotals;
import nl.vangnet.config.report.WzdReport;
import nl.vangnet.config.report.WzdReportRow;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Renders one table of a {@link WzdReport} as CSV that opens cleanly in a spreadsheet: UTF-8 with a byte-order mark
 * (so Excel reads it as UTF-8), a header row, records ending in CRLF, fields quoted only where needed (RFC 4180),
 * the separator {@code ,} or {@code ;} (Excel with a Dutch locale expects {@code ;}), dates as ISO {@code yyyy-mm-dd},
 * booleans as {@code yes}/{@code no}. Every cell that starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab
 * or a carriage return gets a leading {@code '}, so a spreadsheet never evaluates it as a formula (CSV injection).
 * Stateless: thread-safe.
 */
public final class WzdReportCsv {
    /** The byte-order mark written first. */
    public static final char BOM = '\uFEFF';

    /** The columns of {@link ReportTable#REGISTRATIONS}, in order. */
    public static final List<String> REGISTRATION_COLUMNS = List.of("client_code", "location", "registration_id",
            "basis", "wzd_category", "measure", "start", "end", "end_reason", "evaluations_held", "evaluation_dates",
            "phase_out_steps_taken", "phase_out_step_dates", "phase_out_steps_planned", "evaluation_overdue",
            "overdue_days");

    /** The columns of {@link ReportTable#LOCATIONS}, in order. */
    public static final List<String> LOCATION_COLUMNS = List.of("location", "registrations", "unforeseen",
            "evaluations_held", "registrations_with_overdue_evaluation");

    private WzdReportCsv() {
    }

    /**
     * The table {@code table} of {@code report} as UTF-8 bytes with a BOM.
     *
     * @param separator {@code ,} or {@code ;}
     */
    public static byte[] render(WzdReport report, ReportTable table, char separator) {
        if (separator != ',' && separator != ';') {
            throw new IllegalArgumentException("the separator is ',' or ';', not '" + separator + "'");
        }
        List<String> columns = table == ReportTable.LOCATIONS ? LOCATION_COLUMNS : REGISTRATION_COLUMNS;
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(separator).setRecordSeparator("\r\n")
                .setHeader(columns.toArray(String[]::new)).get();
        StringBuilder out = new StringBuilder().append(BOM);
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            if (table == ReportTable.LOCATIONS) {
                for (WzdLocationTotals t : report.locations()) {
                    print(printer, t.location(), t.registrations(), t.unforeseen(), t.evaluationsHeld(),
                            t.registrationsWithOverdueEvaluation());
                }
            } else {
                for (WzdReportRow r : report.rows()) {
                    print(printer, r.clientCode(), r.location(), r.registrationId(), r.basis(),
                            WzdReportRow.WZD_CATEGORY, WzdReportRow.MEASURE, r.start(), r.end(), r.endReason(),
                            r.evaluationsHeld(), dates(r.evaluationDates()), r.phaseOutSteps().size(),
                            dates(r.phaseOutSteps().stream().map(PhaseOutStepTaken::from).toList()),
                            r.phaseOutStepsPlanned(), r.evaluationOverdue() ? "yes" : "no", r.overdueDays());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing CSV to memory failed", e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void print(CSVPrinter printer, Object... cells) throws IOException {
        for (Object cell : cells) {
            printer.print(neutralise(String.valueOf(cell)));
        }
        printer.println();
    }

    /** Several dates in one cell, separated by a space: {@code 2026-02-20 2026-05-15}. */
    private static String dates(List<LocalDate> dates) {
        return dates.stream().map(LocalDate::toString).collect(Collectors.joining(" "));
    }

    /**
     * {@code cell} with a leading {@code '} when it starts with a character that makes a spreadsheet read it as a
     * formula ({@code =}, {@code +}, {@code -}, {@code @}, tab, carriage return); otherwise unchanged.
     */
    public static String neutralise(String cell) {
        if (!cell.isEmpty()) {
            char c = cell.charAt(0);
            if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') {
                return "'" + cell;
            }
        }
        return cell;
    }
}
