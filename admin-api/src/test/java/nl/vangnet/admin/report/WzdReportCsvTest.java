package nl.vangnet.admin.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import nl.vangnet.config.report.ReportPeriod;
import nl.vangnet.config.report.WzdReport;
import nl.vangnet.config.report.WzdReportCompiler;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.store.PolicyData;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link WzdReportCsv}: BOM, header, separators, quoting, and formula injection neutralised, as matrices. */
final class WzdReportCsvTest {

    private static WzdReport report(boolean hostile) {
        PolicyData d = ReportData.data(hostile);
        return WzdReportCompiler.compile(ReportPeriod.parseHalfYear("2026H1"), d.clients(), d.registrations(),
                Limits.DEFAULTS, ReportData.NOW);
    }

    /** Parses {@code bytes} back as a spreadsheet would: BOM first, then RFC 4180 with {@code separator}. */
    static List<CSVRecord> parse(byte[] bytes, char separator) throws IOException {
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text.charAt(0)).isEqualTo(WzdReportCsv.BOM);
        return CSVFormat.RFC4180.builder().setDelimiter(separator).get()
                .parse(new StringReader(text.substring(1))).getRecords();
    }

    @ParameterizedTest(name = "''{0}'' -> ''{1}''")
    @CsvSource(value = {
            "=HYPERLINK(\"http://127.0.0.1\")|'=HYPERLINK(\"http://127.0.0.1\")",
            "=1+2|'=1+2",
            "+31|'+31",
            "-2+3|'-2+3",
            "@SUM(A1)|'@SUM(A1)",
            "C-0001|C-0001",
            "De Linde|De Linde",
            "2026-01-05|2026-01-05",
            "a=b|a=b",
            "'=x|'=x",
    }, delimiter = '|', quoteCharacter = '\0')
    void neutralise(String cell, String expected) {
        assertThat(WzdReportCsv.neutralise(cell)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\t=1+1", "\r=1+1", "\tC-1", "\rC-1"})
    void neutraliseTabAndCarriageReturn(String cell) {
        assertThat(WzdReportCsv.neutralise(cell)).isEqualTo("'" + cell);
        assertThat(WzdReportCsv.neutralise("")).isEmpty();
    }

    @ParameterizedTest(name = "separator {0}")
    @ValueSource(chars = {',', ';'})
    void registrations(char separator) throws IOException {
        byte[] csv = WzdReportCsv.render(report(false), ReportTable.REGISTRATIONS, separator);
        String text = new String(csv, StandardCharsets.UTF_8);

        assertThat(text).startsWith("\uFEFFclient_code" + separator + "location" + separator).contains("\r\n");
        List<CSVRecord> records = parse(csv, separator);
        assertThat(records.get(0).values()).containsExactlyElementsOf(WzdReportCsv.REGISTRATION_COLUMNS);
        assertThat(records.subList(1, records.size())).extracting(CSVRecord::values).containsExactly(
                new String[] {"C-0001", "De Linde", "10", "WZD",
                        "beperken van de vrijheid het eigen leven in te richten",
                        "beperking van het gebruik van communicatiemiddelen (internet)", "2026-01-05", "2026-12-31",
                        "REGISTERED_END", "1", "2026-04-01", "1", "2026-03-01", "2", "no", "0"},
                new String[] {"C-0003", "De Linde", "12", "WZD",
                        "beperken van de vrijheid het eigen leven in te richten",
                        "beperking van het gebruik van communicatiemiddelen (internet)", "2025-12-01", "2026-12-31",
                        "REGISTERED_END", "0", "", "0", "", "0", "yes", "122"},
                new String[] {"C-0002", "Het Anker", "11", "WZD_UNFORESEEN",
                        "beperken van de vrijheid het eigen leven in te richten",
                        "beperking van het gebruik van communicatiemiddelen (internet)", "2026-05-01", "2026-05-14",
                        "REGISTERED_END", "0", "", "0", "", "0", "yes", "4"});
    }

    @Test
    void locations() throws IOException {
        List<CSVRecord> records = parse(WzdReportCsv.render(report(false), ReportTable.LOCATIONS, ';'), ';');

        assertThat(records).extracting(CSVRecord::values).containsExactly(
                WzdReportCsv.LOCATION_COLUMNS.toArray(String[]::new),
                new String[] {"De Linde", "2", "0", "1", "1"},
                new String[] {"Het Anker", "1", "1", "0", "1"});
    }

    @ParameterizedTest(name = "separator {0}")
    @ValueSource(chars = {',', ';'})
    void hostileClientCodesAndLocations(char separator) throws IOException {
        WzdReport report = report(true);
        List<CSVRecord> registrations = parse(WzdReportCsv.render(report, ReportTable.REGISTRATIONS, separator),
                separator);
        List<CSVRecord> locations = parse(WzdReportCsv.render(report, ReportTable.LOCATIONS, separator),
                separator);

        assertThat(registrations).hasSize(4).allSatisfy(r -> assertThat(r.size()).isEqualTo(16));
        assertThat(registrations.subList(1, 4)).extracting(r -> r.get(0) + " | " + r.get(1)).containsExactly(
                "'+31-6 | '-Het Anker,\nachterhuis",
                "'=HYPERLINK(\"http://127.0.0.1/x\",\"klik\") | '@Huis; \"De Linde\"",
                "C-0003 | De Linde");
        assertThat(locations).extracting(r -> r.get(0)).containsExactly("location",
                "'-Het Anker,\nachterhuis", "'@Huis; \"De Linde\"", "De Linde");
        // No cell of either table starts with a formula character.
        assertThat(registrations).flatExtracting(CSVRecord::toList).noneMatch(WzdReportCsvTest::formulaLike);
        assertThat(locations).flatExtracting(CSVRecord::toList).noneMatch(WzdReportCsvTest::formulaLike);
    }

    private static boolean formulaLike(String cell) {
        return !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0;
    }

    @Test
    void anEmptyReportHasTheHeaderOnly() throws IOException {
        WzdReport empty = WzdReportCompiler.compile(ReportPeriod.parseHalfYear("2025H1"), List.of(), List.of(),
                Limits.DEFAULTS, ReportData.NOW);

        assertThat(parse(WzdReportCsv.render(empty, ReportTable.REGISTRATIONS, ','), ',')).hasSize(1);
        assertThat(new String(WzdReportCsv.render(empty, ReportTable.LOCATIONS, ','), StandardCharsets.UTF_8))
                .isEqualTo("\uFEFFlocation,registrations,unforeseen,evaluations_held,"
                        + "registrations_with_overdue_evaluation\r\n");
    }

    @Test
    void otherSeparatorsAreRefused() {
        assertThatThrownBy(() -> WzdReportCsv.render(report(false), ReportTable.LOCATIONS, '\t'))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("',' or ';'");
    }
}
