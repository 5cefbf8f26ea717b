package nl.vangnet.config.report;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.vangnet.config.rules.ValidationException;

/**
 * A reporting period of calendar days in the organisation's zone (Europe/Amsterdam), {@code from} and {@code to}
 * both inclusive. The inspectorate's periods are the half-years January–June ({@code 2026H1}) and July–December
 * ({@code 2026H2}); any other period of at most one year is allowed too. Immutable and thread-safe.
 *
 * @param from first day of the period
 * @param to   last day of the period; not before {@code from}, and before {@code from} plus one year
 */
public record ReportPeriod(LocalDate from, LocalDate to) {
    private static final Pattern HALF_YEAR = Pattern.compile("(\\d{4})H([12])");

    /**
     * @throws ValidationException (field {@code to}) when {@code to} is before {@code from} or a year or more
     *                             after it
     */
    public ReportPeriod {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw ValidationException.of("to", "the period ends (" + to + ") before it starts (" + from + ")");
        }
        if (!to.isBefore(from.plusYears(1))) {
            throw ValidationException.of("to", "a period is at most one year: from " + from + " the last day is "
                    + from.plusYears(1).minusDays(1) + ", not " + to);
        }
    }

    /** The half-year {@code half} (1: January–June, 2: July–December) of {@code year}. */
    public static ReportPeriod halfYear(int year, int half) {
        if (half != 1 && half != 2) {
            throw new IllegalArgumentException("half must be 1 or 2, not " + half);
        }
        LocalDate from = LocalDate.of(year, half == 1 ? 1 : 7, 1);
        return new ReportPeriod(from, from.plusMonths(6).minusDays(1));
    }

    /**
     * The half-year named {@code label}, e.g. {@code 2026H1} (2026-01-01 to 2026-06-30) or {@code 2026H2}
     * (2026-07-01 to 2026-12-31).
     *
     * @throws ValidationException (field {@code period}) for anything else
     */
    public static ReportPeriod parseHalfYear(String label) {
        Matcher m = HALF_YEAR.matcher(label == null ? "" : label.trim());
        if (!m.matches()) {
            throw ValidationException.of("period", "expected a half-year such as 2026H1 (January–June) or 2026H2 "
                    + "(July–December), not '" + label + "'");
        }
        return halfYear(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /**
     * The period from {@code from} to {@code to}, both ISO dates ({@code 2026-01-01}).
     *
     * @throws ValidationException naming {@code from} or {@code to} when a date is missing or not an ISO date, or
     *                             the period is not valid
     */
    public static ReportPeriod parse(String from, String to) {
        return new ReportPeriod(date("from", from), date("to", to));
    }

    private static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ValidationException.of(field, "a date (yyyy-mm-dd) is required");
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ValidationException.of(field, "expected a date as yyyy-mm-dd, not '" + value + "'");
        }
    }

    /**
     * A short name for file names: {@code 2026H1} for a half-year, else {@code 2026-02-01_2026-04-30}.
     */
    public String label() {
        if (from.getDayOfMonth() == 1 && (from.getMonthValue() == 1 || from.getMonthValue() == 7)
                && to.equals(from.plusMonths(6).minusDays(1))) {
            return from.getYear() + "H" + (from.getMonthValue() == 1 ? 1 : 2);
        }
        return from + "_" + to;
    }

    /** Whether {@code day} lies in the period. */
    public boolean contains(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }
}
