package nl.vangnet.config.policy;

import java.time.Instant;

/**
 * The state of one registration at one instant, as decided by {@link EffectivePolicy#stateOf}.
 *
 * @param reason     {@link EffectiveReason#ACTIVE} or why not; never {@link EffectiveReason#NO_REGISTRATION}
 * @param stepIndex  when {@code ACTIVE}: 0 while the registered profile applies, {@code k} once phase-out step
 *                   {@code k} (1-based, {@code phaseOut().get(k-1)}) applies; -1 otherwise
 * @param profileId  when {@code ACTIVE}: the applied profile's id, or {@code null} at an unrestricted step;
 *                   always {@code null} otherwise
 * @param nextChange the earliest instant after the evaluated one at which this state can change by the clock
 *                   alone (start, step date, lapse, end), or {@code null} if it never will
 */
public record RegistrationState(EffectiveReason reason, int stepIndex, Long profileId, Instant nextChange) {
    /** Whether a restriction applies: active and at a step with a profile. */
    public boolean restricts() {
        return reason == EffectiveReason.ACTIVE && profileId != null;
    }
}
