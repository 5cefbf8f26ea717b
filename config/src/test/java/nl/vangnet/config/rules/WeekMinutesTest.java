package nl.vangnet.config.rules;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import nl.vangnet.config.model.TimeWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WeekMinutesTest {

    private static TimeWindow w(Set<DayOfWeek> days, String from, String to) {
        return new TimeWindow(days, LocalTime.parse(from), LocalTime.parse(to));
    }

    private static TimeWindow daily(String from, String to) {
        return TimeWindow.daily(LocalTime.parse(from), LocalTime.parse(to));
    }

    private static int m(DayOfWeek day, String time) {
        return WeekMinutes.minuteOfWeek(day, LocalTime.parse(time));
    }

    static Stream<Arguments> windows() {
        return Stream.of(
                // windows, size, minutes inside, minutes outside
                Arguments.of("daily 07:00-22:00", List.of(daily("07:00", "22:00")), 7 * 900,
                        List.of(m(MONDAY, "07:00"), m(SUNDAY, "21:59")),
                        List.of(m(MONDAY, "06:59"), m(MONDAY, "22:00"))),
                Arguments.of("wraps past midnight into the next day", List.of(w(Set.of(MONDAY), "22:00", "07:00")),
                        120 + 420, List.of(m(MONDAY, "22:00"), m(TUESDAY, "00:00"), m(TUESDAY, "06:59")),
                        List.of(m(MONDAY, "21:59"), m(TUESDAY, "07:00"), m(MONDAY, "06:00"))),
                Arguments.of("wraps from Sunday into Monday", List.of(w(Set.of(SUNDAY), "22:00", "02:00")), 240,
                        List.of(m(SUNDAY, "23:59"), m(MONDAY, "00:00"), m(MONDAY, "01:59")),
                        List.of(m(MONDAY, "02:00"), m(SUNDAY, "01:00"), m(SUNDAY, "21:59"))),
                Arguments.of("to 00:00 is the end of the day", List.of(w(Set.of(MONDAY), "10:00", "00:00")), 840,
                        List.of(m(MONDAY, "23:59")), List.of(m(TUESDAY, "00:00"), m(MONDAY, "09:59"))),
                Arguments.of("00:00-00:00 is the whole day", List.of(w(Set.of(FRIDAY), "00:00", "00:00")), 1440,
                        List.of(m(FRIDAY, "00:00"), m(FRIDAY, "23:59")), List.of(m(DayOfWeek.SATURDAY, "00:00"))),
                Arguments.of("from equal to to covers nothing", List.of(w(Set.of(MONDAY), "10:00", "10:00")), 0,
                        List.of(), List.of(m(MONDAY, "10:00"))),
                Arguments.of("no days covers nothing", List.of(w(Set.of(), "10:00", "11:00")), 0, List.of(),
                        List.of(m(MONDAY, "10:00"))),
                Arguments.of("missing time adds nothing", List.of(new TimeWindow(Set.of(MONDAY), null,
                        LocalTime.NOON)), 0, List.of(), List.of(m(MONDAY, "11:00"))),
                Arguments.of("seconds are ignored", List.of(w(Set.of(MONDAY), "10:00:30", "10:01:45")), 1,
                        List.of(m(MONDAY, "10:00")), List.of(m(MONDAY, "10:01"))),
                Arguments.of("overlapping windows unite", List.of(daily("07:00", "12:00"), daily("10:00", "14:00")),
                        7 * 420, List.of(m(WEDNESDAY, "13:59")), List.of(m(WEDNESDAY, "14:00"))),
                Arguments.of("empty list is nothing", List.of(), 0, List.of(), List.of(0, 10079)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("windows")
    void minutesOfWindows(String name, List<TimeWindow> windows, int size, List<Integer> in, List<Integer> out) {
        WeekMinutes minutes = WeekMinutes.of(windows);
        assertThat(minutes.size()).isEqualTo(size);
        assertThat(in).allSatisfy(i -> assertThat(minutes.contains(i)).as("minute %d", i).isTrue());
        assertThat(out).allSatisfy(i -> assertThat(minutes.contains(i)).as("minute %d", i).isFalse());
    }

    @Test
    void emptyListMeansWholeWeekOnlyWhereAsked() {
        assertThat(WeekMinutes.ofOrWholeWeek(List.of()).isWholeWeek()).isTrue();
        assertThat(WeekMinutes.of(List.of()).isEmpty()).isTrue();
        assertThat(WeekMinutes.ofOrWholeWeek(List.of(daily("07:00", "22:00"))).size()).isEqualTo(7 * 900);
    }

    @Test
    void setOperations() {
        WeekMinutes day = WeekMinutes.of(daily("07:00", "22:00"));
        WeekMinutes evening = WeekMinutes.of(daily("21:00", "23:00"));
        assertThat(day.union(evening).size()).isEqualTo(7 * 960);
        assertThat(evening.minus(day).size()).isEqualTo(7 * 60);
        assertThat(day.containsAll(WeekMinutes.of(daily("08:00", "09:00")))).isTrue();
        assertThat(day.containsAll(evening)).isFalse();
        assertThat(WeekMinutes.wholeWeek().containsAll(day)).isTrue();
        assertThat(day.contains(TUESDAY, LocalTime.of(7, 0))).isTrue();
        assertThat(day).isEqualTo(WeekMinutes.of(List.of(daily("07:00", "22:00"))));
    }

    static Stream<Arguments> descriptions() {
        return Stream.of(
                Arguments.of(List.of(), "nothing"),
                Arguments.of(List.of(daily("00:00", "00:00")), "the whole week"),
                Arguments.of(List.of(daily("21:00", "22:00")), "every day 21:00–22:00"),
                Arguments.of(List.of(w(Set.of(MONDAY, FRIDAY), "09:00", "17:00")), "Monday and Friday 09:00–17:00"),
                Arguments.of(List.of(w(Set.of(MONDAY, TUESDAY, FRIDAY), "09:00", "17:00")),
                        "Monday, Tuesday and Friday 09:00–17:00"),
                Arguments.of(List.of(w(Set.of(MONDAY), "21:00", "00:00")), "Monday 21:00–24:00"),
                Arguments.of(List.of(w(Set.of(MONDAY), "22:00", "07:00")), "Monday 22:00–07:00 the next day"),
                Arguments.of(List.of(w(Set.of(SUNDAY), "22:00", "02:00")), "Sunday 22:00–02:00 the next day"),
                Arguments.of(List.of(w(Set.of(MONDAY), "09:00", "00:00"), w(Set.of(TUESDAY), "00:00", "00:00"),
                        w(Set.of(WEDNESDAY), "00:00", "17:00")), "Monday 09:00–Wednesday 17:00"),
                Arguments.of(List.of(w(Set.of(MONDAY), "08:00", "09:00"), w(Set.of(MONDAY), "20:00", "21:00")),
                        "Monday 08:00–09:00, Monday 20:00–21:00"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("descriptions")
    void describesInPlainWords(List<TimeWindow> windows, String expected) {
        assertThat(WeekMinutes.of(windows).describe()).isEqualTo(expected);
    }
}
