package nl.vangnet.config.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import nl.vangnet.config.audit.AuditAction;
import nl.vangnet.config.model.Evaluation;
import nl.vangnet.config.model.EvaluationOutcome;
import nl.vangnet.config.model.PhaseOutStep;
import nl.vangnet.config.model.Registration;
import nl.vangnet.config.policy.EffectiveReason;
import nl.vangnet.config.policy.RegistrationState;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.store.EntityRows.AppliedState;

/**
 * How a change in a registration's applied state (as decided by
 * {@link nl.vangnet.config.policy.EffectivePolicy#stateOf}) is audited: which {@link AuditAction}, and the reason
 * text that explains it in plain words. Withdrawals are not transitions here: {@code recordWithdrawal} audits them.
 *
 * <p>Stateless and thread-safe.
 */
final class Transitions {
    private static final String ACTIVE = EffectiveReason.ACTIVE.name();

    private Transitions() {
    }

    /** The applied state stored for {@code state}: its reason, and its step index when active (else -1). */
    static AppliedState of(RegistrationState state) {
        boolean active = state.reason() == EffectiveReason.ACTIVE;
        return new AppliedState(state.reason().name(), active ? state.stepIndex() : -1);
    }

    /**
     * The action that audits the move from {@code from} to {@code to}, or empty when there is nothing to audit
     * here (no change, or a withdrawal, which {@code recordWithdrawal} audits itself).
     */
    static Optional<AuditAction> action(AppliedState from, AppliedState to) {
        String withdrawn = EffectiveReason.WITHDRAWN.name();
        if (from.equals(to) || from.reason().equals(withdrawn) || to.reason().equals(withdrawn)) {
            return Optional.empty();
        }
        EffectiveReason target = EffectiveReason.valueOf(to.reason());
        return switch (target) {
            case ACTIVE -> Optional.of(from.reason().equals(ACTIVE) ? AuditAction.PHASE_OUT_STEP_APPLIED
                    : from.reason().equals(EffectiveReason.NOT_STARTED.name()) ? AuditAction.REGISTRATION_STARTED
                    : AuditAction.REGISTRATION_RESUMED);
            case EVALUATION_OVERDUE -> Optional.of(AuditAction.REGISTRATION_LAPSED);
            case ENDED -> Optional.of(AuditAction.REGISTRATION_ENDED);
            case NOT_STARTED -> Optional.of(AuditAction.REGISTRATION_POSTPONED);
            case WITHDRAWN, NO_REGISTRATION -> Optional.empty();
        };
    }

    /** The reason text of the audit event for the move to {@code to} of {@code r} at {@code now}. */
    static String reason(Registration r, AppliedState from, AppliedState to, Instant now, Limits limits) {
        LocalDate today = LocalDate.ofInstant(now, limits.zone());
        return switch (EffectiveReason.valueOf(to.reason())) {
            case ACTIVE -> activeReason(r, from, to.stepIndex());
            case EVALUATION_OVERDUE -> "evaluation date " + r.evaluationDueOn(today)
                    + " passed without a recorded evaluation"
                    + (limits.lapseGraceDays() > 0 ? " (grace period " + limits.lapseGraceDays() + " days)" : "")
                    + ": the restriction is no longer applied until an evaluation is recorded";
            case ENDED -> stoppedBy(r, today)
                    .map(e -> "the evaluation of " + e.date() + " stopped the registration: no longer applied")
                    .orElse("end date " + r.end() + " passed: the registration is no longer applied");
            case NOT_STARTED -> "the start date is now " + r.start() + ": not applied until then";
            case WITHDRAWN, NO_REGISTRATION -> to.reason();
        };
    }

    private static String activeReason(Registration r, AppliedState from, int step) {
        String applies = step == 0 ? "profile " + r.profileId() + " applies" : stepText(r, step);
        if (from.reason().equals(EffectiveReason.NOT_STARTED.name())) {
            return "start date " + r.start() + " reached: " + applies;
        }
        if (from.reason().equals(ACTIVE)) {
            return step == 0 ? "the schedule changed: the registered " + applies + " again"
                    : stepText(r, step) + " (was step " + from.stepIndex() + ")";
        }
        if (from.reason().equals(EffectiveReason.EVALUATION_OVERDUE.name())) {
            return "an evaluation was recorded (next evaluation " + r.currentEvaluationDate()
                    + "): applied again, " + applies;
        }
        return "the registration was changed (end date " + r.end() + "): applied again, " + applies;
    }

    private static String stepText(Registration r, int step) {
        if (step < 1 || step > r.phaseOut().size()) {
            return "phase-out step " + step + " applies";
        }
        PhaseOutStep s = r.phaseOut().get(step - 1);
        return "phase-out step " + step + " from " + s.from() + " applies: "
                + (s.isUnrestricted() ? "no restriction" : "profile " + s.profileId());
    }

    private static Optional<Evaluation> stoppedBy(Registration r, LocalDate today) {
        return r.evaluations().stream()
                .filter(e -> e.outcome() == EvaluationOutcome.STOP && e.date() != null && !e.date().isAfter(today))
                .findFirst();
    }
}
