package nl.vangnet.config.rules;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import nl.vangnet.config.model.TimeWindow;

/**
 * A set of minutes of the week, in local (wall-clock) time of the organisation's zone, Monday 00:00 being minute 0
 * and Sunday 23:59 minute 10079. Used to compare {@link TimeWindow} lists: the minutes in which internet is
 * available, or in which a block rule applies.
 *
 * <p>A window covers, on each of its days, {@code from} (inclusive) to {@code to} (exclusive), where {@code to} of
 * 00:00 means the end of the day (so 00:00–00:00 is the whole day) and a {@code to} before {@code from} runs past
 * midnight into the next day — from Sunday into Monday as well. A window with {@code from} equal to {@code to}
 * (other than 00:00–00:00) covers nothing; windows with a missing day set or time add nothing (the validator
 * reports those). Times are read at minute resolution: seconds are ignored.
 *
 * <p>Immutable and thread-safe.
 */
public final class WeekMinutes {
    /** Minutes in a day. */
    public static final int MINUTES_PER_DAY = 24 * 60;
    /** Minutes in a week: the size of the universe. */
    public static final int MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

    private static final WeekMinutes NONE = new WeekMinutes(new BitSet(MINUTES_PER_WEEK));
    private static final WeekMinutes WHOLE_WEEK;

    static {
        BitSet all = new BitSet(MINUTES_PER_WEEK);
        all.set(0, MINUTES_PER_WEEK);
        WHOLE_WEEK = new WeekMinutes(all);
    }

    private final BitSet bits;

    private WeekMinutes(BitSet bits) {
        this.bits = bits;
    }

    /** The empty set. */
    public static WeekMinutes none() {
        return NONE;
    }

    /** Every minute of the week. */
    public static WeekMinutes wholeWeek() {
        return WHOLE_WEEK;
    }

    /** The minutes covered by one window. */
    public static WeekMinutes of(TimeWindow window) {
        BitSet b = new BitSet(MINUTES_PER_WEEK);
        add(b, window);
        return new WeekMinutes(b);
    }

    /** The union of the windows; an empty (or {@code null}) list gives the empty set. */
    public static WeekMinutes of(Collection<TimeWindow> windows) {
        BitSet b = new BitSet(MINUTES_PER_WEEK);
        if (windows != null) {
            for (TimeWindow w : windows) {
                add(b, w);
            }
        }
        return new WeekMinutes(b);
    }

    /**
     * The union of the windows, where an empty (or {@code null}) list means the whole week — how
     * {@code Profile.internetHours} and {@code Rule.activeDuring} read.
     */
    public static WeekMinutes ofOrWholeWeek(Collection<TimeWindow> windows) {
        return windows == null || windows.isEmpty() ? WHOLE_WEEK : of(windows);
    }

    /** The minute of the week of {@code time} on {@code day} (seconds ignored). */
    public static int minuteOfWeek(DayOfWeek day, LocalTime time) {
        return (day.getValue() - 1) * MINUTES_PER_DAY + time.toSecondOfDay() / 60;
    }

    private static void add(BitSet b, TimeWindow w) {
        if (w == null || w.from() == null || w.to() == null) {
            return;
        }
        int from = w.from().toSecondOfDay() / 60;
        int to = w.to().toSecondOfDay() / 60;
        int end = to == 0 ? MINUTES_PER_DAY : to;
        for (DayOfWeek day : w.days()) {
            int base = (day.getValue() - 1) * MINUTES_PER_DAY;
            if (end > from) {
                b.set(base + from, base + end);
            } else if (end < from) {
                b.set(base + from, base + MINUTES_PER_DAY);
                int next = (base + MINUTES_PER_DAY) % MINUTES_PER_WEEK;
                b.set(next, next + end);
            }
        }
    }

    /** Whether minute {@code minuteOfWeek} (0..10079) is in the set. */
    public boolean contains(int minuteOfWeek) {
        if (minuteOfWeek < 0 || minuteOfWeek >= MINUTES_PER_WEEK) {
            throw new IllegalArgumentException("minute of week out of range: " + minuteOfWeek);
        }
        return bits.get(minuteOfWeek);
    }

    /** Whether the minute of {@code time} on {@code day} is in the set. */
    public boolean contains(DayOfWeek day, LocalTime time) {
        return bits.get(minuteOfWeek(day, time));
    }

    /** Whether every minute of {@code other} is in this set. */
    public boolean containsAll(WeekMinutes other) {
        return other.minus(this).isEmpty();
    }

    /** This set together with {@code other}. */
    public WeekMinutes union(WeekMinutes other) {
        BitSet b = (BitSet) bits.clone();
        b.or(other.bits);
        return new WeekMinutes(b);
    }

    /** The minutes of this set that are not in {@code other}. */
    public WeekMinutes minus(WeekMinutes other) {
        BitSet b = (BitSet) bits.clone();
        b.andNot(other.bits);
        return new WeekMinutes(b);
    }

    public boolean isEmpty() {
        return bits.isEmpty();
    }

    public boolean isWholeWeek() {
        return bits.cardinality() == MINUTES_PER_WEEK;
    }

    /** The number of minutes in the set. */
    public int size() {
        return bits.cardinality();
    }

    /**
     * Plain-English description of the set, for messages: {@code "the whole week"}, {@code "nothing"}, or ranges
     * grouped by time of day, e.g. {@code "every day 21:00–22:00"}, {@code "Monday and Friday 22:00–07:00 the next
     * day"}, {@code "Monday 09:00–Wednesday 17:00"}.
     */
    public String describe() {
        if (isEmpty()) {
            return "nothing";
        }
        if (isWholeWeek()) {
            return "the whole week";
        }
        List<int[]> ranges = ranges();
        Map<String, List<DayOfWeek>> grouped = new LinkedHashMap<>();
        List<String> singles = new ArrayList<>();
        for (int[] r : ranges) {
            int start = r[0];
            int end = r[1];
            int startDay = start / MINUTES_PER_DAY;
            int endDay = (end - 1) / MINUTES_PER_DAY;
            String from = clock(start - startDay * MINUTES_PER_DAY);
            String to = clock(end - endDay * MINUTES_PER_DAY);
            DayOfWeek day = DayOfWeek.of(startDay % 7 + 1);
            if (endDay == startDay) {
                grouped.computeIfAbsent(from + "–" + to, k -> new ArrayList<>()).add(day);
            } else if (endDay == startDay + 1 && end - endDay * MINUTES_PER_DAY < MINUTES_PER_DAY) {
                grouped.computeIfAbsent(from + "–" + to + " the next day", k -> new ArrayList<>()).add(day);
            } else {
                singles.add(name(day) + " " + from + "–" + name(DayOfWeek.of(endDay % 7 + 1)) + " " + to);
            }
        }
        List<String> parts = new ArrayList<>();
        grouped.forEach((times, days) -> parts.add(days(days) + " " + times));
        parts.addAll(singles);
        return String.join(", ", parts);
    }

    /** Maximal runs {@code [start, end)}; a run wrapping from Sunday into Monday has {@code end > 10080}. */
    private List<int[]> ranges() {
        List<int[]> out = new ArrayList<>();
        int i = bits.nextSetBit(0);
        while (i >= 0 && i < MINUTES_PER_WEEK) {
            int end = bits.nextClearBit(i);
            out.add(new int[] {i, Math.min(end, MINUTES_PER_WEEK)});
            i = end >= MINUTES_PER_WEEK ? -1 : bits.nextSetBit(end);
        }
        if (out.size() > 1 && out.get(0)[0] == 0 && out.get(out.size() - 1)[1] == MINUTES_PER_WEEK) {
            int[] first = out.remove(0);
            int[] last = out.get(out.size() - 1);
            last[1] = MINUTES_PER_WEEK + first[1];
        }
        return out;
    }

    private static String clock(int minuteOfDay) {
        return String.format("%02d:%02d", minuteOfDay / 60, minuteOfDay % 60);
    }

    private static String name(DayOfWeek d) {
        String s = d.name();
        return s.charAt(0) + s.substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    private static String days(List<DayOfWeek> days) {
        if (days.size() == 7) {
            return "every day";
        }
        List<String> names = days.stream().sorted().map(WeekMinutes::name).toList();
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeekMinutes other && bits.equals(other.bits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bits);
    }

    @Override
    public String toString() {
        return describe();
    }
}
