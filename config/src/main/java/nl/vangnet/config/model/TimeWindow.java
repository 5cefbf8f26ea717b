package nl.vangnet.config.model;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Set;

/**
 * A weekly recurring window of local time in the organisation's zone (Europe/Amsterdam): on each of {@code days},
 * from {@code from} (inclusive) to {@code to} (exclusive). {@code to} of {@code 00:00} means the end of the day.
 * A window whose {@code to} is earlier than {@code from} runs past midnight into the next day (e.g. 22:00–07:00
 * on Friday covers Friday 22:00 to Saturday 07:00). Minute resolution.
 */
public record TimeWindow(Set<DayOfWeek> days, LocalTime from, LocalTime to) {
    public TimeWindow {
        days = Text.set(days);
    }

    /** Every day of the week from {@code from} to {@code to}. */
    public static TimeWindow daily(LocalTime from, LocalTime to) {
        return new TimeWindow(Set.of(DayOfWeek.values()), from, to);
    }
}
