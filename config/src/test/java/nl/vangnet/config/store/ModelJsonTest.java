package nl.vangnet.config.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import nl.vangnet.config.model.Device;
import nl.vangnet.config.model.EvaluationOutcome;
import nl.vangnet.config.model.HostEvents;
import nl.vangnet.config.model.Profile;
import nl.vangnet.config.model.Registration;
import nl.vangnet.config.model.Risk;
import nl.vangnet.config.model.TimeWindow;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ModelJsonTest {
    private final ModelJson json = ModelJson.instance();

    static Stream<Object> records() {
        Registration withHistory = Fixtures.voluntary(1, 2, 3, Fixtures.TODAY)
                .withEvaluations(List.of(Fixtures.evaluation(Fixtures.TODAY.plusDays(10), EvaluationOutcome.CONTINUE,
                        Fixtures.TODAY.plusMonths(2))))
                .withWithdrawal(Fixtures.withdrawal(Instant.parse("2026-02-01T10:15:30.123456Z")))
                .withIdAndVersion(7, 3);
        return Stream.of(Fixtures.client("C-1").withIdAndVersion(4, 2),
                new Device(5, 4, "tablet", List.of("aa:bb:cc:dd:ee:ff"), List.of("10.0.0.5", "fd00::5"), "tab",
                        "$argon$hash", 1),
                Fixtures.strictProfile("strict").withIdAndVersion(9, 1), Fixtures.lightProfile("light"),
                Fixtures.wzd(1, 2, Fixtures.TODAY), withHistory,
                withHistory.withHostEvents(new HostEvents("evaluatie", 0)),
                Fixtures.wzd(1, 2, Fixtures.TODAY).withHostEvents(new HostEvents("evaluatie", 7)));
    }

    @ParameterizedTest
    @MethodSource("records")
    void roundTripsEveryModelRecord(Object record) {
        String text = json.write(record);

        assertThat(json.read(text, record.getClass())).isEqualTo(record);
        assertThat(text).doesNotContain("\n").doesNotContain(": ");
    }

    @Test
    void writesOnlyRecordComponentsSortedAlphabetically() {
        String text = json.write(nl.vangnet.config.model.PhaseOutStep.unrestricted(Fixtures.TODAY));

        assertThat(text).isEqualTo("{\"from\":\"2026-01-15\",\"profileId\":null}");
    }

    @Test
    void setsAreWrittenInAStableOrderWhateverTheirIterationOrder() {
        Set<DayOfWeek> reversed = new LinkedHashSet<>(List.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY));
        TimeWindow a = new TimeWindow(reversed, LocalTime.of(7, 0), LocalTime.of(22, 0));
        TimeWindow b = new TimeWindow(EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.SUNDAY), LocalTime.of(7, 0),
                LocalTime.of(22, 0));

        assertThat(json.write(a)).isEqualTo(json.write(b)).contains("[\"MONDAY\",\"SUNDAY\"]");
        assertThat(json.write(Set.of(Risk.SCAMS, Risk.DATING, Risk.GAMBLING)))
                .isEqualTo("[\"DATING\",\"GAMBLING\",\"SCAMS\"]");
    }

    @Test
    void hostEventsAreWrittenWithTheRetentionThatAppliesAndOldBodiesWithoutThemReadAsNone() {
        Registration r = Fixtures.wzd(1, 2, Fixtures.TODAY);
        String with = json.write(r.withHostEvents(new HostEvents(" evaluatie ", 0)));
        String without = json.write(r).replace(",\"hostEvents\":null", "");

        assertThat(with).contains("\"hostEvents\":{\"reason\":\"evaluatie\",\"retentionDays\":30}");
        assertThat(without).doesNotContain("hostEvents");
        assertThat(json.read(without, Registration.class)).isEqualTo(r);
        assertThat(json.read(with.replace("\"retentionDays\":30", "\"retentionDays\":0"), Registration.class)
                .hostEvents().retentionDays()).isEqualTo(30);
    }

    @Test
    void opaqueConnectionsAreWrittenAndOldProfileBodiesWithoutThemReadAsRefused() {
        nl.vangnet.config.model.Profile strict = nl.vangnet.config.rules.Fixtures.strict();
        nl.vangnet.config.model.Profile allowing = nl.vangnet.config.rules.Fixtures.profile(strict)
                .allowOpaqueConnections(true).build();
        String old = json.write(strict).replace(",\"allowOpaqueConnections\":false", "")
                .replace("\"allowOpaqueConnections\":false,", "");

        assertThat(json.write(allowing)).contains("\"allowOpaqueConnections\":true");
        assertThat(old).doesNotContain("allowOpaqueConnections");
        assertThat(json.read(old, nl.vangnet.config.model.Profile.class)).isEqualTo(strict);
        assertThat(json.read(json.write(allowing), nl.vangnet.config.model.Profile.class)).isEqualTo(allowing);
    }

    @Test
    void instantsAreIsoTextNotNumbers() {
        assertThat(json.write(Fixtures.withdrawal(Instant.parse("2026-02-01T10:15:30Z"))))
                .contains("\"at\":\"2026-02-01T10:15:30Z\"");
    }

    @Test
    void auditJsonRedactsTheProxyPasswordHashButShowsWhetherOneIsSet() {
        Device withPassword = new Device(5, 4, "tablet", List.of(), List.of("10.0.0.5"), "tab", "$argon$secret", 1);
        Device without = new Device(5, 4, "tablet", List.of(), List.of("10.0.0.5"), null, null, 1);

        assertThat(json.audit(withPassword)).contains("\"proxyPasswordHash\":\"***\"").doesNotContain("secret");
        assertThat(json.audit(without)).contains("\"proxyPasswordHash\":null");
        assertThat(json.write(withPassword)).contains("$argon$secret");
    }

    @Test
    void auditJsonOfOtherEntitiesEqualsTheirJsonAndNullStaysNull() {
        Profile p = Fixtures.strictProfile("strict");

        assertThat(json.audit(p)).isEqualTo(json.write(p));
        assertThat(json.audit(null)).isNull();
    }
}
