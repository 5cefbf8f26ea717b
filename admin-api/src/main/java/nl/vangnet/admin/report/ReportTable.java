package nl.vangnet.admin.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which table of the Wzd overview a CSV file holds (a CSV file holds one table; JSON holds both). */
public enum ReportTable {
    /** One row per Wzd registration (the default). */
    REGISTRATIONS,
    /** One row per location with the totals. */
    LOCATIONS;

    /** The query-parameter value, e.g. {@code registrations}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ReportTable parse(String value) {
        for (ReportTable t : values()) {
            if (t.value().equals(value)) {
                return t;
            }
        }
        throw new IllegalArgumentException("expected " + choices() + ", not '" + value + "'");
    }

    static String choices() {
        return Arrays.stream(values()).map(ReportTable::value).collect(Collectors.joining(" or "));
    }
}
