package nl.vangnet.admin.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import nl.vangnet.config.rules.Problem;
import nl.vangnet.config.rules.ValidationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link WzdReportQuery}: accepted queries and refused ones, each refusal naming the query parameter. */
final class WzdReportQueryTest {

    /** {@code "a=1&b=2"} as a parameter lookup (no URL decoding: the values are given as Javalin hands them over). */
    private static Map<String, String> query(String query) {
        Map<String, String> out = new HashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                out.putIfAbsent(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "period=2026H1                                   | 2026-01-01 | 2026-06-30 | JSON | , | REGISTRATIONS | vangnet-wzd-2026H1.json",
            "period=2026H1&format=csv                        | 2026-01-01 | 2026-06-30 | CSV  | , | REGISTRATIONS | vangnet-wzd-2026H1.csv",
            "period=2026H2&format=CSV&separator=;            | 2026-07-01 | 2026-12-31 | CSV  | ; | REGISTRATIONS | vangnet-wzd-2026H2.csv",
            "period=2026H2&format=csv&separator=semicolon    | 2026-07-01 | 2026-12-31 | CSV  | ; | REGISTRATIONS | vangnet-wzd-2026H2.csv",
            "period=2026H2&format=csv&separator=comma        | 2026-07-01 | 2026-12-31 | CSV  | , | REGISTRATIONS | vangnet-wzd-2026H2.csv",
            "period=2026H1&format=csv&table=locations        | 2026-01-01 | 2026-06-30 | CSV  | , | LOCATIONS     | vangnet-wzd-2026H1-locations.csv",
            "period=2026H1&format=json&table=locations       | 2026-01-01 | 2026-06-30 | JSON | , | LOCATIONS     | vangnet-wzd-2026H1.json",
            "from=2026-02-01&to=2026-04-30&format=csv        | 2026-02-01 | 2026-04-30 | CSV  | , | REGISTRATIONS | vangnet-wzd-2026-02-01_2026-04-30.csv",
            "from=2026-07-01&to=2026-12-31&period=&format=   | 2026-07-01 | 2026-12-31 | JSON | , | REGISTRATIONS | vangnet-wzd-2026H2.json",
    })
    void accepted(String q, String from, String to, WzdReportQuery.Format format, char separator,
            ReportTable table, String fileName) {
        WzdReportQuery query = WzdReportQuery.parse(query(q.trim())::get);

        assertThat(query.period().from()).isEqualTo(from);
        assertThat(query.period().to()).isEqualTo(to);
        assertThat(query.format()).isEqualTo(format);
        assertThat(query.separator()).isEqualTo(separator);
        assertThat(query.table()).isEqualTo(table);
        assertThat(query.fileName()).isEqualTo(fileName);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "format=csv                                  | period    | give period",
            "period=                                     | period    | give period",
            "period=2026H3                               | period    | not '2026H3'",
            "period=2026H1&from=2026-01-01               | period    | not both",
            "from=2026-01-01                             | to        | required",
            "to=2026-01-01                               | from      | required",
            "from=2026-13-01&to=2026-12-31               | from      | not '2026-13-01'",
            "from=2026-03-01&to=2026-02-28               | to        | before it starts",
            "from=2026-01-01&to=2027-06-30               | to        | at most one year",
            "period=2026H1&format=xlsx                   | format    | not 'xlsx'",
            "period=2026H1&separator=%09                 | separator | not '%09'",
            "period=2026H1&separator=tab                 | separator | not 'tab'",
            "period=2026H1&table=clients                 | table     | not 'clients'",
    })
    void refused(String q, String field, String message) {
        assertThatThrownBy(() -> WzdReportQuery.parse(query(q.trim())::get)).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems()).singleElement()
                        .satisfies(p -> {
                            assertThat(p.field()).isEqualTo(field);
                            assertThat(p.message()).contains(message);
                        }));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "format=pdf&separator=x&table=y | period,format,separator,table",
            "period=2026H1&format=pdf&table=y | format,table",
    })
    void everyBadParameterIsNamed(String q, String fields) {
        assertThatThrownBy(() -> WzdReportQuery.parse(query(q.trim())::get)).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems()).extracting(Problem::field)
                        .containsExactly(fields.split(",")));
    }
}
