package nl.vangnet.proxy.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import nl.vangnet.config.model.TimeWindow;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.rules.WeekMinutes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LocalWeekTest {
    private final LocalWeek week = new LocalWeek(Limits.AMSTERDAM);

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        // Monday 2 March 2026 00:00 CET is 1 March 23:00Z.
        "2026-03-01T23:00:00Z, 0",
        "2026-03-01T23:00:59.999Z, 0",
        "2026-03-01T23:01:00Z, 1",
        "2026-03-01T22:59:59Z, 10079",
        "2026-03-02T09:00:00Z, 600",
        // Sunday 29 March 2026: 01:59 CET, then 03:00 CEST.
        "2026-03-29T00:59:00Z, 8759",
        "2026-03-29T01:00:00Z, 8820",
        // Sunday 25 October 2026: 02:59 CEST, then 02:00 CET again.
        "2026-10-25T00:59:00Z, 8819",
        "2026-10-25T01:00:00Z, 8760",
        // Summer, Friday 3 July 2026 12:00 CEST.
        "2026-07-03T10:00:00Z, 6480",
        // Before the epoch: Monday 1 January 1968 00:00 CET.
        "1967-12-31T23:00:00Z, 0",
    })
    void readsTheLocalMinuteOfTheWeek(String instant, int minute) {
        assertThat(week.minuteOfWeek(Instant.parse(instant))).isEqualTo(minute);
        assertThat(minute).isEqualTo(WeekMinutes.minuteOfWeek(
                Instant.parse(instant).atZone(Limits.AMSTERDAM).getDayOfWeek(),
                Instant.parse(instant).atZone(Limits.AMSTERDAM).toLocalTime()));
    }

    @Test
    void findsBoundariesOfASet() {
        WeekMinutes set = WeekMinutes.of(List.of(
                new TimeWindow(Set.of(DayOfWeek.MONDAY), LocalTime.of(9, 0), LocalTime.of(17, 0)),
                new TimeWindow(Set.of(DayOfWeek.SUNDAY), LocalTime.of(22, 0), LocalTime.of(1, 0))));
        assertThat(LocalWeek.boundaries(set)).containsExactly(60, 540, 1020, 6 * 1440 + 1320);
        assertThat(LocalWeek.boundaries(WeekMinutes.wholeWeek())).isEmpty();
        assertThat(LocalWeek.boundaries(WeekMinutes.none())).isEmpty();
    }

    @ParameterizedTest(name = "{0}: [{1}, {2})")
    @CsvSource({
        // Boundaries Mon 09:00 (540) and Mon 17:00 (1020), CET (UTC+1).
        "2026-03-02T09:30:00Z, 2026-03-02T16:00:00Z, 2026-03-02T08:00:00Z",
        "2026-03-02T08:00:00Z, 2026-03-02T16:00:00Z, 2026-03-02T08:00:00Z",
        "2026-03-02T07:59:59.5Z, 2026-03-02T08:00:00Z, 2026-02-23T16:00:00Z",
        // After Monday 17:00 the next boundary is next Monday 09:00 (wraps the week).
        "2026-03-04T12:00:00Z, 2026-03-09T08:00:00Z, 2026-03-02T16:00:00Z",
        // Across spring forward (29 March 01:00Z) the interval is cut at the transition.
        "2026-03-27T12:00:00Z, 2026-03-29T01:00:00Z, 2026-03-23T16:00:00Z",
        "2026-03-29T01:00:00Z, 2026-03-30T07:00:00Z, 2026-03-29T01:00:00Z",
        // In summer time (UTC+2) the same local boundaries are an hour earlier in UTC.
        "2026-07-06T10:00:00Z, 2026-07-06T15:00:00Z, 2026-07-06T07:00:00Z",
    })
    void intervalsEndAtBoundariesAndTransitions(String instant, String next, String previous) {
        int[] boundaries = {540, 1020};
        Instant at = Instant.parse(instant);
        int minute = week.minuteOfWeek(at);
        assertThat(week.nextBoundary(at, minute, boundaries)).isEqualTo(Instant.parse(next));
        assertThat(week.previousBoundary(at, minute, boundaries)).isEqualTo(Instant.parse(previous));
    }

    @Test
    void withoutBoundariesTheIntervalIsOpen() {
        Instant at = Instant.parse("2026-03-29T01:00:00Z");
        assertThat(week.nextBoundary(at, week.minuteOfWeek(at), new int[0])).isEqualTo(Instant.MAX);
        assertThat(week.previousBoundary(at, week.minuteOfWeek(at), new int[0])).isEqualTo(Instant.MIN);
    }
}
