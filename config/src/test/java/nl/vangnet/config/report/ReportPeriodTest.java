package nl.vangnet.config.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import nl.vangnet.config.rules.Problem;
import nl.vangnet.config.rules.ValidationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link ReportPeriod}: half-year labels, from/to parsing and the limits, as matrices. */
final class ReportPeriodTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "2026H1, 2026-01-01, 2026-06-30",
            "2026H2, 2026-07-01, 2026-12-31",
            "2024H1, 2024-01-01, 2024-06-30",
            "' 2027H2 ', 2027-07-01, 2027-12-31",
    })
    void halfYears(String label, LocalDate from, LocalDate to) {
        ReportPeriod p = ReportPeriod.parseHalfYear(label);

        assertThat(p).isEqualTo(new ReportPeriod(from, to));
        assertThat(p.label()).isEqualTo(label.trim());
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(value = {"2026H3", "2026h1", "2026", "26H1", "2026-H1", "''", "NULL"}, nullValues = "NULL")
    void badHalfYears(String label) {
        assertThatThrownBy(() -> ReportPeriod.parseHalfYear(label)).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems()).extracting(Problem::field)
                        .containsExactly("period"))
                .hasMessageContaining("2026H1");
    }

    @ParameterizedTest(name = "{0}..{1}")
    @CsvSource({
            "2026-01-01, 2026-01-01, 2026-01-01_2026-01-01",
            "2026-02-01, 2026-04-30, 2026-02-01_2026-04-30",
            "2026-01-01, 2026-12-31, 2026-01-01_2026-12-31",
            "2024-03-01, 2025-02-28, 2024-03-01_2025-02-28",
            "2026-07-01, 2026-12-31, 2026H2",
            "2026-07-02, 2026-12-31, 2026-07-02_2026-12-31",
    })
    void fromTo(String from, String to, String label) {
        ReportPeriod p = ReportPeriod.parse(from, to);

        assertThat(p.from()).isEqualTo(from);
        assertThat(p.to()).isEqualTo(to);
        assertThat(p.label()).isEqualTo(label);
    }

    @ParameterizedTest(name = "{0}..{1} -> {2}")
    @CsvSource(value = {
            "NULL, 2026-01-01, from, required",
            "2026-01-01, '', to, required",
            "01-01-2026, 2026-01-31, from, not '01-01-2026'",
            "2026-01-01, 2026-02-30, to, not '2026-02-30'",
            "2026-02-01, 2026-01-31, to, ends (2026-01-31) before it starts (2026-02-01)",
            "2026-01-01, 2027-01-01, to, at most one year: from 2026-01-01 the last day is 2026-12-31",
    }, nullValues = "NULL")
    void badFromTo(String from, String to, String field, String message) {
        assertThatThrownBy(() -> ReportPeriod.parse(from, to)).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems()).extracting(Problem::field)
                        .containsExactly(field))
                .hasMessageContaining(message);
    }
}
