package nl.vangnet.config.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import nl.vangnet.config.model.Evaluation;
import nl.vangnet.config.model.EvaluationOutcome;
import nl.vangnet.config.model.PhaseOutStep;
import nl.vangnet.config.model.Registration;
import nl.vangnet.config.model.Withdrawal;
import nl.vangnet.config.rules.Limits;

/**
 * The one place that decides whether a registration's restriction applies at an instant, and which registration
 * decides for a client. Everything else (the snapshot, the proxy, the API's check endpoint, the store's transition
 * audit) asks this class.
 *
 * <p><b>Boundaries.</b> All dates are calendar days in {@link Limits#zone()} (Europe/Amsterdam); a day starts at its
 * first instant, {@code LocalDate.atStartOfDay(zone)}, so a 23- or 25-hour day around a DST change is handled by the
 * zone rules, never by adding 24 hours. Writing {@code sod(d)} for the start of day {@code d}:
 * <ul>
 *   <li>{@link EffectiveReason#WITHDRAWN} when a withdrawal is recorded and {@code at >= withdrawal.at}
 *       (a withdrawal without an instant counts as withdrawn at every instant: the restriction must not apply);</li>
 *   <li>else {@link EffectiveReason#ENDED} when {@code at >= sod(end + 1)}, or when an evaluation with outcome
 *       {@link EvaluationOutcome#STOP} has {@code sod(evaluation.date) <= at};</li>
 *   <li>else {@link EffectiveReason#NOT_STARTED} when {@code at < sod(start)};</li>
 *   <li>else {@link EffectiveReason#EVALUATION_OVERDUE} (lapsed) when {@code at >= sod(due + 1 + lapseGraceDays)},
 *       where {@code due = r.evaluationDueOn(localDate(at))} is the evaluation date in force on that day; or when
 *       no evaluation date is in force at all (a registration without an evaluation date is never lawful).
 *       An evaluation is taken into account from the start of the day it is dated, so an evaluation held late,
 *       dated after the lapse, makes the registration {@link EffectiveReason#ACTIVE} again from {@code sod(its date)}
 *       with the next evaluation date it set. When an evaluation was <em>recorded</em> ({@code recordedAt}) plays
 *       no part: the state is a function of the dates alone;</li>
 *   <li>else {@link EffectiveReason#ACTIVE}: step {@code k} (1-based) applies from {@code sod(phaseOut[k-1].from)}
 *       (the last step whose day has started), the registered profile (step 0) before the first step; at an
 *       unrestricted step the profile is {@code null} and nothing is restricted.</li>
 * </ul>
 *
 * <p><b>Next change.</b> {@link RegistrationState#nextChange()} is the earliest instant strictly after {@code at}
 * at which {@code (reason, stepIndex, profileId)} differs by the clock alone. It is found among the boundaries
 * {@code sod(start)}, every {@code sod(step.from)}, every possible lapse instant {@code sod(d + 1 + grace)} (for the
 * registered evaluation date and every next date an evaluation set), every {@code sod(evaluation.date)},
 * {@code sod(end + 1)} and {@code withdrawal.at}; the state is constant between consecutive boundaries. A boundary
 * at which nothing changes (a step date while lapsed, say) is skipped. {@code null} when nothing will change any
 * more (withdrawn, or ended without a later withdrawal).
 *
 * <p>Pure and stateless: thread-safe.
 */
public final class EffectivePolicy {
    private EffectivePolicy() {
    }

    /**
     * The state of {@code r} at {@code at}.
     *
     * @throws IllegalArgumentException if {@code r} has no start or no end date (the validator never lets such a
     *                                  registration be stored)
     */
    public static RegistrationState stateOf(Registration r, Instant at, Limits limits) {
        Objects.requireNonNull(r, "registration");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(limits, "limits");
        if (r.start() == null || r.end() == null) {
            throw new IllegalArgumentException("registration " + r.id() + " has no start or end date");
        }
        Applied now = decide(r, at, limits);
        Instant next = null;
        if (now.reason() != EffectiveReason.WITHDRAWN) {
            for (Instant boundary : boundariesAfter(r, at, limits)) {
                if (!decide(r, boundary, limits).equals(now)) {
                    next = boundary;
                    break;
                }
            }
        }
        return new RegistrationState(now.reason(), now.stepIndex(), now.profileId(), next);
    }

    /**
     * The policy for one client at {@code at}, decided by one of {@code registrationsOfClient}:
     * <ol>
     *   <li>none: {@link EffectiveReason#NO_REGISTRATION};</li>
     *   <li>any {@link EffectiveReason#ACTIVE} registration wins; among several, the latest start, then the highest
     *       id;</li>
     *   <li>else the registration with the latest start on or before {@code at} (then the highest id) reports its
     *       reason (ended, lapsed, withdrawn);</li>
     *   <li>else (all start in the future) the earliest-starting one (then the lowest id) reports
     *       {@link EffectiveReason#NOT_STARTED}.</li>
     * </ol>
     * The evaluation warning is on when the deciding registration is active and the evaluation date in force is at
     * most {@link Limits#warningDays()} days after the local date of {@code at} (or has passed, within the grace
     * period). {@link ClientPolicy#nextChange()} is the earliest instant after {@code at} at which any of the
     * client's registrations changes state or the warning may switch.
     *
     * @throws IllegalArgumentException if a registration belongs to another client or lacks a start or end date
     */
    public static ClientPolicy forClient(long clientId, List<Registration> registrationsOfClient, Instant at,
            Limits limits) {
        Objects.requireNonNull(registrationsOfClient, "registrationsOfClient");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(limits, "limits");
        List<Registration> regs = List.copyOf(registrationsOfClient);
        List<RegistrationState> states = new ArrayList<>(regs.size());
        Instant next = null;
        for (Registration r : regs) {
            if (r.clientId() != clientId) {
                throw new IllegalArgumentException(
                        "registration " + r.id() + " belongs to client " + r.clientId() + ", not " + clientId);
            }
            RegistrationState s = stateOf(r, at, limits);
            states.add(s);
            next = earliest(next, s.nextChange());
        }
        if (regs.isEmpty()) {
            return new ClientPolicy(clientId, EffectiveReason.NO_REGISTRATION, null, null, null, false, null);
        }
        int chosen = choose(regs, states, at, limits.zone());
        Registration r = regs.get(chosen);
        RegistrationState state = states.get(chosen);
        LocalDate today = LocalDate.ofInstant(at, limits.zone());
        LocalDate due = r.evaluationDueOn(today);
        boolean warning = false;
        if (state.reason() == EffectiveReason.ACTIVE) {
            warning = due != null && ChronoUnit.DAYS.between(today, due) <= limits.warningDays();
            next = earliest(next, warningBoundaryAfter(r, at, limits));
        }
        return new ClientPolicy(clientId, state.reason(), r, state, due, warning, next);
    }

    private static int choose(List<Registration> regs, List<RegistrationState> states, Instant at, ZoneId zone) {
        Comparator<Integer> latestStartThenHighestId = Comparator
                .comparing((Integer i) -> regs.get(i).start())
                .thenComparingLong(i -> regs.get(i).id());
        Integer best = null;
        for (int i = 0; i < regs.size(); i++) {
            if (states.get(i).reason() == EffectiveReason.ACTIVE
                    && (best == null || latestStartThenHighestId.compare(i, best) > 0)) {
                best = i;
            }
        }
        if (best != null) {
            return best;
        }
        for (int i = 0; i < regs.size(); i++) {
            if (!at.isBefore(startOfDay(regs.get(i).start(), zone))
                    && (best == null || latestStartThenHighestId.compare(i, best) > 0)) {
                best = i;
            }
        }
        if (best != null) {
            return best;
        }
        best = 0;
        for (int i = 1; i < regs.size(); i++) {
            if (latestStartThenHighestId.compare(i, best) < 0) {
                best = i;
            }
        }
        return best;
    }

    /** The applied part of a state, without its next change; equal values mean "nothing changed". */
    private record Applied(EffectiveReason reason, int stepIndex, Long profileId) {
        static Applied not(EffectiveReason reason) {
            return new Applied(reason, -1, null);
        }
    }

    private static Applied decide(Registration r, Instant at, Limits limits) {
        ZoneId zone = limits.zone();
        Withdrawal w = r.withdrawal();
        if (w != null && (w.at() == null || !at.isBefore(w.at()))) {
            return Applied.not(EffectiveReason.WITHDRAWN);
        }
        if (!at.isBefore(startOfDay(r.end().plusDays(1), zone)) || stopped(r, at, zone)) {
            return Applied.not(EffectiveReason.ENDED);
        }
        if (at.isBefore(startOfDay(r.start(), zone))) {
            return Applied.not(EffectiveReason.NOT_STARTED);
        }
        LocalDate due = r.evaluationDueOn(LocalDate.ofInstant(at, zone));
        if (due == null || !at.isBefore(lapseInstant(due, limits))) {
            return Applied.not(EffectiveReason.EVALUATION_OVERDUE);
        }
        int stepIndex = 0;
        Long profileId = r.profileId();
        List<PhaseOutStep> steps = r.phaseOut();
        for (int k = 1; k <= steps.size(); k++) {
            PhaseOutStep step = steps.get(k - 1);
            if (step.from() != null && !at.isBefore(startOfDay(step.from(), zone))) {
                stepIndex = k;
                profileId = step.profileId();
            }
        }
        return new Applied(EffectiveReason.ACTIVE, stepIndex, profileId);
    }

    private static boolean stopped(Registration r, Instant at, ZoneId zone) {
        for (Evaluation e : r.evaluations()) {
            if (e.outcome() == EvaluationOutcome.STOP && e.date() != null
                    && !at.isBefore(startOfDay(e.date(), zone))) {
                return true;
            }
        }
        return false;
    }

    /** Every instant strictly after {@code at} at which the state may change, ascending. */
    private static TreeSet<Instant> boundariesAfter(Registration r, Instant at, Limits limits) {
        ZoneId zone = limits.zone();
        TreeSet<Instant> out = new TreeSet<>();
        addAfter(out, at, startOfDay(r.start(), zone));
        addAfter(out, at, startOfDay(r.end().plusDays(1), zone));
        for (PhaseOutStep step : r.phaseOut()) {
            if (step.from() != null) {
                addAfter(out, at, startOfDay(step.from(), zone));
            }
        }
        if (r.evaluationDate() != null) {
            addAfter(out, at, lapseInstant(r.evaluationDate(), limits));
        }
        for (Evaluation e : r.evaluations()) {
            if (e.date() != null) {
                addAfter(out, at, startOfDay(e.date(), zone));
            }
            if (e.nextEvaluationDate() != null) {
                addAfter(out, at, lapseInstant(e.nextEvaluationDate(), limits));
            }
        }
        if (r.withdrawal() != null && r.withdrawal().at() != null) {
            addAfter(out, at, r.withdrawal().at());
        }
        return out;
    }

    /**
     * The earliest instant after {@code at} at which the evaluation warning of an active registration may switch:
     * the start of a warning period ({@code sod(d - warningDays)} for every possible evaluation date {@code d}) or
     * the day an evaluation moves the date in force.
     */
    private static Instant warningBoundaryAfter(Registration r, Instant at, Limits limits) {
        ZoneId zone = limits.zone();
        TreeSet<Instant> out = new TreeSet<>();
        if (r.evaluationDate() != null) {
            addAfter(out, at, startOfDay(r.evaluationDate().minusDays(limits.warningDays()), zone));
        }
        for (Evaluation e : r.evaluations()) {
            if (e.date() != null) {
                addAfter(out, at, startOfDay(e.date(), zone));
            }
            if (e.nextEvaluationDate() != null) {
                addAfter(out, at, startOfDay(e.nextEvaluationDate().minusDays(limits.warningDays()), zone));
            }
        }
        return out.isEmpty() ? null : out.first();
    }

    private static void addAfter(TreeSet<Instant> out, Instant at, Instant candidate) {
        if (candidate.isAfter(at)) {
            out.add(candidate);
        }
    }

    private static Instant lapseInstant(LocalDate due, Limits limits) {
        return startOfDay(due.plusDays(1L + limits.lapseGraceDays()), limits.zone());
    }

    static Instant startOfDay(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant();
    }

    static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isBefore(b) ? a : b;
    }
}
