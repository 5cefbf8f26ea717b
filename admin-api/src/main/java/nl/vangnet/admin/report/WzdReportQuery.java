package nl.vangnet.admin.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import nl.vangnet.config.report.ReportPeriod;
import nl.vangnet.config.rules.Problem;
import nl.vangnet.config.rules.ValidationException;

/**
 * The query of {@code GET /api/v1/reports/wzd}, parsed and checked. Immutable.
 *
 * <p>Parameters: either {@code period} (a half-year: {@code 2026H1}, {@code 2026H2}) or {@code from} and {@code to}
 * (ISO dates, both inclusive, at most one year); {@code format} {@code json} (default) or {@code csv}; for CSV,
 * {@code separator} {@code ,} (default; also {@code comma}) or {@code ;} (also {@code semicolon}), and
 * {@code table} {@code registrations} (default) or {@code locations}. JSON always holds both tables, so
 * {@code separator} and {@code table} are checked but play no part there. An empty parameter counts as absent.
 *
 * @param period    the period
 * @param format    {@code json} or {@code csv}
 * @param separator {@code ,} or {@code ;}
 * @param table     the table a CSV file holds
 */
public record WzdReportQuery(ReportPeriod period, Format format, char separator, ReportTable table) {

    /** The response format. */
    public enum Format {
        JSON,
        CSV
    }

    /**
     * Parses the query parameters read through {@code param} (the first value of a parameter, or {@code null}).
     *
     * @throws ValidationException with one problem per bad parameter, each named by its query parameter
     */
    public static WzdReportQuery parse(Function<String, String> param) {
        List<Problem> problems = new ArrayList<>();
        ReportPeriod period = period(param, problems);
        Format format = Format.JSON;
        String f = value(param, "format");
        if (f != null) {
            try {
                format = Format.valueOf(f.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(new Problem("format", "expected json or csv, not '" + f + "'"));
            }
        }
        char separator = ',';
        String s = param.apply("separator");
        if (s != null && !s.isEmpty()) {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case ",", "comma" -> separator = ',';
                case ";", "semicolon" -> separator = ';';
                default -> problems.add(new Problem("separator",
                        "expected ',' (comma) or ';' (semicolon, URL-encoded %3B), not '" + s + "'"));
            }
        }
        ReportTable table = ReportTable.REGISTRATIONS;
        String t = value(param, "table");
        if (t != null) {
            try {
                table = ReportTable.parse(t.toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(new Problem("table", e.getMessage()));
            }
        }
        ValidationException.throwIfAny(problems);
        return new WzdReportQuery(period, format, separator, table);
    }

    private static ReportPeriod period(Function<String, String> param, List<Problem> problems) {
        String period = value(param, "period");
        String from = value(param, "from");
        String to = value(param, "to");
        try {
            if (period != null && (from != null || to != null)) {
                problems.add(new Problem("period", "give either period (e.g. 2026H1) or from and to, not both"));
            } else if (period != null) {
                return ReportPeriod.parseHalfYear(period);
            } else if (from == null && to == null) {
                problems.add(new Problem("period",
                        "give period (2026H1: January–June, 2026H2: July–December) or from and to (yyyy-mm-dd)"));
            } else {
                return ReportPeriod.parse(from, to);
            }
        } catch (ValidationException e) {
            problems.addAll(e.problems());
        }
        return null;
    }

    private static String value(Function<String, String> param, String name) {
        String v = param.apply(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** The download's file name, e.g. {@code vangnet-wzd-2026H1.csv} or {@code vangnet-wzd-2026H1-locations.csv}. */
    public String fileName() {
        String base = "vangnet-wzd-" + period.label();
        if (format == Format.JSON) {
            return base + ".json";
        }
        return base + (table == ReportTable.LOCATIONS ? "-locations" : "") + ".csv";
    }
}
