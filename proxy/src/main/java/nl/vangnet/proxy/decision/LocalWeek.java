package nl.vangnet.proxy.decision;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.Objects;
import nl.vangnet.config.rules.WeekMinutes;

/**
 * Instants read as minutes of the local week in one zone (Europe/Amsterdam), as {@link WeekMinutes} and
 * {@code TimeWindow} count them: Monday 00:00 is minute 0, Sunday 23:59 minute 10079, seconds ignored.
 *
 * <p>DST-safe: the minute of the week is that of the instant's local wall-clock time under the zone's rules at that
 * instant. Interval ends are computed by minute arithmetic only between two zone transitions (where the offset is
 * constant, so local minutes and instants advance together) and are cut at every transition, where local time
 * jumps forwards or backwards and a window may be entered or left without reaching its boundary minute.
 *
 * <p>Thread-safe; {@link #minuteOfWeek(Instant)} does not allocate once the current period between zone
 * transitions is known. The offset and the transitions around the last instant asked about are kept, so that the
 * zone rules are only asked again when an instant falls outside that period.
 */
final class LocalWeek {
    private static final int SECONDS_PER_DAY = 86_400;
    /** Instants this close to the ends of the time line have no boundaries we can represent: the interval is open. */
    private static final Instant LAST_SAFE = Instant.MAX.minusSeconds(8L * SECONDS_PER_DAY);
    private static final Instant FIRST_SAFE = Instant.MIN.plusSeconds(8L * SECONDS_PER_DAY);

    private final ZoneId zone;
    private final ZoneRules rules;
    /** The last period between two zone transitions asked about; replaced (racily, it is immutable) on a miss. */
    private volatile Period period;

    /**
     * The time between two zone transitions, in which the offset is constant: {@code [from, until)} in epoch
     * seconds (transitions fall on whole seconds, {@link ZoneOffsetTransition#of} insists), with the transitions
     * that bound it ({@code null}: none).
     */
    private record Period(long from, long until, int offsetSeconds, ZoneOffsetTransition previous,
            ZoneOffsetTransition next) {
        boolean covers(long epochSecond) {
            return epochSecond >= from && epochSecond < until;
        }
    }

    LocalWeek(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.rules = zone.getRules();
    }

    ZoneId zone() {
        return zone;
    }

    /** The local minute of the week (0..10079) of {@code at}. */
    int minuteOfWeek(Instant at) {
        long local = localEpochSecond(at);
        long day = Math.floorDiv(local, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(local, SECONDS_PER_DAY);
        // 1970-01-01 was a Thursday: index 3 counting Monday as 0.
        int dayOfWeek = (int) Math.floorMod(day + 3, 7L);
        return dayOfWeek * WeekMinutes.MINUTES_PER_DAY + secondOfDay / 60;
    }

    /**
     * The first instant after {@code at} at which the local minute of the week reaches one of the sorted
     * {@code boundaries} (minutes of the week), or a zone transition happens, whichever is first;
     * {@link Instant#MAX} without boundaries.
     *
     * @param minuteOfWeek {@link #minuteOfWeek(Instant) minuteOfWeek(at)}
     */
    Instant nextBoundary(Instant at, int minuteOfWeek, int[] boundaries) {
        if (boundaries.length == 0 || at.isAfter(LAST_SAFE)) {
            return Instant.MAX;
        }
        int i = Arrays.binarySearch(boundaries, minuteOfWeek + 1);
        int index = i >= 0 ? i : -i - 1;
        int next = index < boundaries.length ? boundaries[index]
                : boundaries[0] + WeekMinutes.MINUTES_PER_WEEK;
        long candidate = startOfMinute(at) + (next - minuteOfWeek) * 60L;
        ZoneOffsetTransition transition = period(at).next();
        // transitions and the candidate fall on whole seconds: comparing seconds compares the instants
        if (transition != null && transition.getInstant().getEpochSecond() < candidate) {
            return transition.getInstant();
        }
        return Instant.ofEpochSecond(candidate);
    }

    /**
     * The start of the interval around {@code at} without boundaries: the last instant at or before {@code at} at
     * which the local minute of the week was one of the sorted {@code boundaries}, or the last zone transition at
     * or before {@code at}, whichever is later; {@link Instant#MIN} without boundaries.
     *
     * @param minuteOfWeek {@link #minuteOfWeek(Instant) minuteOfWeek(at)}
     */
    Instant previousBoundary(Instant at, int minuteOfWeek, int[] boundaries) {
        if (boundaries.length == 0 || at.isBefore(FIRST_SAFE)) {
            return Instant.MIN;
        }
        int i = Arrays.binarySearch(boundaries, minuteOfWeek);
        int index = i >= 0 ? i : -i - 2;
        int previous = index >= 0 ? boundaries[index]
                : boundaries[boundaries.length - 1] - WeekMinutes.MINUTES_PER_WEEK;
        long candidate = startOfMinute(at) - (minuteOfWeek - previous) * 60L;
        ZoneOffsetTransition transition = period(at).previous();
        if (transition != null && transition.getInstant().getEpochSecond() > candidate) {
            return transition.getInstant();
        }
        return Instant.ofEpochSecond(candidate);
    }

    /** The epoch second at which the local minute containing {@code at} began. */
    private long startOfMinute(Instant at) {
        int secondOfMinute = (int) Math.floorMod(localEpochSecond(at), 60L);
        return at.getEpochSecond() - secondOfMinute;
    }

    private long localEpochSecond(Instant at) {
        return at.getEpochSecond() + period(at).offsetSeconds();
    }

    /**
     * The period between zone transitions that holds {@code at}: its offset is {@code rules.getOffset(at)}, its
     * next transition {@code rules.nextTransition(at)} and its previous one
     * {@code rules.previousTransition(at.plusNanos(1))} (the last at or before {@code at}).
     */
    private Period period(Instant at) {
        long second = at.getEpochSecond();
        Period p = period;
        if (p != null && p.covers(second)) {
            return p;
        }
        int offset = rules.getOffset(at).getTotalSeconds();
        ZoneOffsetTransition next = rules.nextTransition(at);
        ZoneOffsetTransition previous = at.equals(Instant.MAX) ? rules.previousTransition(at)
                : rules.previousTransition(at.plusNanos(1));
        p = new Period(previous == null ? Long.MIN_VALUE : previous.getInstant().getEpochSecond(),
                next == null ? Long.MAX_VALUE : next.getInstant().getEpochSecond(), offset, previous, next);
        period = p;
        return p;
    }

    /**
     * The sorted minutes of the week at which membership of {@code set} changes: minute {@code m} is a boundary
     * when {@code m} and the minute before it (cyclically) differ. Empty for the empty set and the whole week.
     */
    static int[] boundaries(WeekMinutes set) {
        int[] out = new int[16];
        int n = 0;
        boolean before = set.contains(WeekMinutes.MINUTES_PER_WEEK - 1);
        for (int m = 0; m < WeekMinutes.MINUTES_PER_WEEK; m++) {
            boolean now = set.contains(m);
            if (now != before) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = m;
            }
            before = now;
        }
        return Arrays.copyOf(out, n);
    }
}
