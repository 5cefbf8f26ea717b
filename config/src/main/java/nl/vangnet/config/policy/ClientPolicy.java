package nl.vangnet.config.policy;

import java.time.Instant;
import java.time.LocalDate;
import nl.vangnet.config.model.Registration;

/**
 * The effective policy of one client at one instant, as decided by {@link EffectivePolicy#forClient}. Immutable
 * and thread-safe.
 *
 * @param clientId          the client
 * @param reason            {@link EffectiveReason#NO_REGISTRATION} when the client has no registration at all,
 *                          else the deciding registration's reason
 * @param registration      the deciding registration; {@code null} for {@code NO_REGISTRATION}
 * @param state             the deciding registration's state; {@code null} for {@code NO_REGISTRATION}
 * @param evaluationDue     the evaluation date in force for the deciding registration on the local date of the
 *                          instant; {@code null} for {@code NO_REGISTRATION} or when an evaluation stopped it
 * @param evaluationWarning {@code true} when the deciding registration is active and {@code evaluationDue} is at
 *                          most {@code warningDays} days ahead (or passed, within the grace period)
 * @param nextChange        the earliest instant after the evaluated one at which this policy may change by the
 *                          clock alone (a state change of any of the client's registrations, or the warning
 *                          switching), {@code null} if never
 */
public record ClientPolicy(long clientId, EffectiveReason reason, Registration registration,
        RegistrationState state, LocalDate evaluationDue, boolean evaluationWarning, Instant nextChange) {

    /** Whether a restriction applies: a registration is active at a step with a profile. */
    public boolean restricted() {
        return state != null && state.restricts();
    }

    /** The applied profile's id when {@link #restricted()}, else {@code null}. */
    public Long profileId() {
        return restricted() ? state.profileId() : null;
    }

    /** The deciding registration's id, or {@code null} for {@code NO_REGISTRATION}. */
    public Long registrationId() {
        return registration == null ? null : registration.id();
    }
}
