package nl.vangnet.config.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import nl.vangnet.config.model.Client;
import nl.vangnet.config.model.Evaluation;
import nl.vangnet.config.model.EvaluationOutcome;
import nl.vangnet.config.model.PhaseOutStep;
import nl.vangnet.config.model.Registration;
import nl.vangnet.config.model.Withdrawal;
import nl.vangnet.config.policy.EffectivePolicy;
import nl.vangnet.config.policy.EffectiveReason;
import nl.vangnet.config.policy.RegistrationState;
import nl.vangnet.config.rules.Limits;

/**
 * Computes the {@link WzdReport} of a period. Pure and stateless: thread-safe.
 *
 * <p><b>Observed window.</b> The period's days are read in {@link Limits#zone()}: the window runs from the start of
 * {@code from} to the start of the day after {@code to}, cut off at {@code now} — what has not happened yet is not
 * reported, so a period still running is reported up to {@code now}, and a period that has not begun has no rows.
 *
 * <p><b>Which registrations.</b> Every registration with basis {@code WZD} or {@code WZD_UNFORESEEN} that was in
 * effect at some instant of the window: its {@link EffectivePolicy#stateOf state} was {@link EffectiveReason#ACTIVE}
 * (also at an unrestricted phase-out step: the measure is still registered) or
 * {@link EffectiveReason#EVALUATION_OVERDUE} (lapsed: the proxy stopped applying it, but the measure was not ended,
 * and the overdue evaluation is exactly what the inspectorate must see). Voluntary registrations are not involuntary
 * care and never appear.
 *
 * <p><b>Per row.</b>
 * <ul>
 *   <li>{@code end}: the last day in effect — the registered end; or, when earlier, the day before the first
 *       evaluation with outcome {@code STOP} ({@link EndReason#STOPPED_BY_EVALUATION}: the registration ends at the
 *       start of that evaluation's day), or the day of the last moment before a recorded withdrawal
 *       ({@link EndReason#WITHDRAWN}). A lapse does not end a registration (a late evaluation resumes it); it shows
 *       in {@code evaluationOverdue} and {@code overdueDays} instead.</li>
 *   <li>evaluations held: evaluations dated in the period and not after the local day of {@code now}.</li>
 *   <li>phase-out steps taken: steps whose date falls in the period, not after the local day of {@code now} and
 *       not after {@code end} (a step scheduled after a stop was never taken).</li>
 *   <li>evaluation overdue: whether {@link EffectivePolicy#stateOf} reported {@code EVALUATION_OVERDUE} at any
 *       instant of the window (the lapse rule with its grace period is EffectivePolicy's, not re-derived here);
 *       {@code overdueDays} counts the local days of the period on which that was so at some moment.</li>
 * </ul>
 * The window is walked from state change to state change ({@link RegistrationState#nextChange()}), so the cost per
 * registration depends on its number of dates, not on the length of the period.
 */
public final class WzdReportCompiler {
    private static final Comparator<WzdReportRow> ROW_ORDER = Comparator.comparing(WzdReportRow::location)
            .thenComparing(WzdReportRow::clientCode).thenComparing(WzdReportRow::start)
            .thenComparingLong(WzdReportRow::registrationId);

    private WzdReportCompiler() {
    }

    /**
     * The Wzd overview of {@code period} as known at {@code now}.
     *
     * @param clients       the clients (at least those of the Wzd registrations)
     * @param registrations all registrations; non-Wzd ones are skipped
     * @throws IllegalArgumentException when a Wzd registration in effect refers to a client not in {@code clients},
     *                                  or lacks a start or end date
     */
    public static WzdReport compile(ReportPeriod period, List<Client> clients, List<Registration> registrations,
            Limits limits, Instant now) {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(clients, "clients");
        Objects.requireNonNull(registrations, "registrations");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(now, "now");
        ZoneId zone = limits.zone();
        Instant windowStart = startOfDay(period.from(), zone);
        Instant periodEnd = startOfDay(period.to().plusDays(1), zone);
        Instant windowEnd = now.isBefore(periodEnd) ? now : periodEnd;
        List<WzdReportRow> rows = new ArrayList<>();
        if (windowStart.isBefore(windowEnd)) {
            Map<Long, Client> clientsById = new HashMap<>();
            for (Client c : clients) {
                clientsById.put(c.id(), c);
            }
            LocalDate today = LocalDate.ofInstant(now, zone);
            for (Registration r : registrations) {
                if (r.basis() == null || !r.basis().isWzd()) {
                    continue;
                }
                Walk walk = walk(r, windowStart, windowEnd, limits);
                if (walk.inEffect) {
                    rows.add(row(r, clientsById.get(r.clientId()), period, today, walk, zone));
                }
            }
        }
        rows.sort(ROW_ORDER);
        Map<String, List<WzdReportRow>> byLocation = new TreeMap<>();
        for (WzdReportRow row : rows) {
            byLocation.computeIfAbsent(row.location(), l -> new ArrayList<>()).add(row);
        }
        List<WzdLocationTotals> totals = new ArrayList<>();
        byLocation.forEach((location, list) -> totals.add(WzdLocationTotals.of(location, list)));
        return new WzdReport(period, now, rows, totals);
    }

    /** What the walk over the window found. */
    private static final class Walk {
        boolean inEffect;
        int overdueDays;
        LocalDate lastOverdueDay;
    }

    private static Walk walk(Registration r, Instant windowStart, Instant windowEnd, Limits limits) {
        ZoneId zone = limits.zone();
        Walk walk = new Walk();
        Instant at = windowStart;
        while (at.isBefore(windowEnd)) {
            RegistrationState s = EffectivePolicy.stateOf(r, at, limits);
            Instant next = s.nextChange();
            Instant segmentEnd = next == null || next.isAfter(windowEnd) ? windowEnd : next;
            if (s.reason() == EffectiveReason.ACTIVE) {
                walk.inEffect = true;
            } else if (s.reason() == EffectiveReason.EVALUATION_OVERDUE) {
                walk.inEffect = true;
                LocalDate first = LocalDate.ofInstant(at, zone);
                LocalDate last = LocalDate.ofInstant(segmentEnd.minusNanos(1), zone);
                if (walk.lastOverdueDay != null && !first.isAfter(walk.lastOverdueDay)) {
                    first = walk.lastOverdueDay.plusDays(1);
                }
                if (!first.isAfter(last)) {
                    walk.overdueDays += (int) ChronoUnit.DAYS.between(first, last) + 1;
                    walk.lastOverdueDay = last;
                }
            }
            at = segmentEnd;
        }
        return walk;
    }

    private static WzdReportRow row(Registration r, Client client, ReportPeriod period, LocalDate today, Walk walk,
            ZoneId zone) {
        if (client == null) {
            throw new IllegalArgumentException("registration " + r.id() + " refers to client " + r.clientId()
                    + ", which is not among the clients given");
        }
        LocalDate end = r.end();
        EndReason endReason = EndReason.REGISTERED_END;
        for (Evaluation e : r.evaluations()) {
            if (e.outcome() == EvaluationOutcome.STOP && e.date() != null && e.date().minusDays(1).isBefore(end)) {
                end = e.date().minusDays(1);
                endReason = EndReason.STOPPED_BY_EVALUATION;
            }
        }
        Withdrawal w = r.withdrawal();
        if (w != null && w.at() != null) {
            LocalDate lastDay = LocalDate.ofInstant(w.at().minusNanos(1), zone);
            if (lastDay.isBefore(end)) {
                end = lastDay;
                endReason = EndReason.WITHDRAWN;
            }
        }
        List<LocalDate> evaluationDates = new ArrayList<>();
        for (Evaluation e : r.evaluations()) {
            if (e.date() != null && period.contains(e.date()) && !e.date().isAfter(today)) {
                evaluationDates.add(e.date());
            }
        }
        List<PhaseOutStepTaken> steps = new ArrayList<>();
        List<PhaseOutStep> schedule = r.phaseOut();
        for (int k = 1; k <= schedule.size(); k++) {
            PhaseOutStep step = schedule.get(k - 1);
            LocalDate from = step.from();
            if (from != null && period.contains(from) && !from.isAfter(today) && !from.isAfter(end)) {
                steps.add(new PhaseOutStepTaken(k, from, step.isUnrestricted()));
            }
        }
        return new WzdReportRow(client.code(), client.location(), r.id(), r.basis(), r.start(), end, endReason,
                evaluationDates, steps, schedule.size(), walk.overdueDays > 0, walk.overdueDays);
    }

    private static Instant startOfDay(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant();
    }
}
