package nl.vangnet.config.rules;

import java.time.Period;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The organisation's configurable limits on registrations. Immutable and thread-safe.
 *
 * @param maxEvaluationIntervalWzd       longest time from start (or from an evaluation) to the next evaluation for
 *                                       {@code WZD}; default 3 months
 * @param maxEvaluationIntervalVoluntary the same for {@code VOLUNTARY}; default 6 months
 * @param maxUnforeseenDays              longest duration in days of a {@code WZD_UNFORESEEN} registration
 *                                       (end − start); default 14
 * @param lapseGraceDays                 days after a passed evaluation date before the registration lapses;
 *                                       default 0 (lapses at the start of the day after the evaluation date)
 * @param warningDays                    days ahead of the evaluation date that warnings start; default 14
 * @param zone                           the zone in which dates and time windows are read; Europe/Amsterdam
 * @param maxHostEventRetentionDays      the longest retention, in days, a registration may record for per-host block
 *                                       events ({@code HostEvents.retentionDays}); default 90
 */
public record Limits(Period maxEvaluationIntervalWzd, Period maxEvaluationIntervalVoluntary, int maxUnforeseenDays,
        int lapseGraceDays, int warningDays, ZoneId zone, int maxHostEventRetentionDays) {
    /** Europe/Amsterdam. */
    public static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    /** The default of {@link #maxHostEventRetentionDays()}: 90 days. */
    public static final int DEFAULT_MAX_HOST_EVENT_RETENTION_DAYS = 90;

    /**
     * The defaults of the design: 3 months, 6 months, 14 days, 0 days grace, warn 14 days ahead, host events kept
     * at most 90 days.
     */
    public static final Limits DEFAULTS = new Limits(Period.ofMonths(3), Period.ofMonths(6), 14, 0, 14, AMSTERDAM);

    public Limits {
        Objects.requireNonNull(maxEvaluationIntervalWzd, "maxEvaluationIntervalWzd");
        Objects.requireNonNull(maxEvaluationIntervalVoluntary, "maxEvaluationIntervalVoluntary");
        Objects.requireNonNull(zone, "zone");
        if (maxEvaluationIntervalWzd.isNegative() || maxEvaluationIntervalWzd.isZero()
                || maxEvaluationIntervalVoluntary.isNegative() || maxEvaluationIntervalVoluntary.isZero()) {
            throw new IllegalArgumentException("evaluation intervals must be positive");
        }
        if (maxUnforeseenDays < 1 || lapseGraceDays < 0 || warningDays < 0) {
            throw new IllegalArgumentException(
                    "maxUnforeseenDays must be >= 1, lapseGraceDays and warningDays >= 0");
        }
        if (maxHostEventRetentionDays < 1) {
            throw new IllegalArgumentException("maxHostEventRetentionDays must be >= 1, not "
                    + maxHostEventRetentionDays);
        }
    }

    /** Limits with the default maximum host-event retention ({@value #DEFAULT_MAX_HOST_EVENT_RETENTION_DAYS} days). */
    public Limits(Period maxEvaluationIntervalWzd, Period maxEvaluationIntervalVoluntary, int maxUnforeseenDays,
            int lapseGraceDays, int warningDays, ZoneId zone) {
        this(maxEvaluationIntervalWzd, maxEvaluationIntervalVoluntary, maxUnforeseenDays, lapseGraceDays, warningDays,
                zone, DEFAULT_MAX_HOST_EVENT_RETENTION_DAYS);
    }

    /** These limits with {@code days} as the maximum host-event retention. */
    public Limits withMaxHostEventRetentionDays(int days) {
        return new Limits(maxEvaluationIntervalWzd, maxEvaluationIntervalVoluntary, maxUnforeseenDays, lapseGraceDays,
                warningDays, zone, days);
    }
}
