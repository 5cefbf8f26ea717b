package nl.vangnet.proxy.decision;

import nl.vangnet.config.policy.DeviceEntry;

/**
 * Observes decisions for metrics and block statistics; never influences them. Called on the request thread, so
 * implementations must be fast, thread-safe and must not block or throw.
 *
 * <p>Not called at all for {@link Reason#NO_REGISTRATION} and {@link Reason#NOT_IN_EFFECT} decisions beyond
 * {@link #unrestricted()} (which carries nothing about the request): nothing is recorded about clients without a
 * restriction in effect.
 */
public interface DecisionObserver {

    /** An observer that does nothing. */
    DecisionObserver NONE = new DecisionObserver() {
    };

    /** A request of a client without a restriction in effect was passed through. Carries no data on purpose. */
    default void unrestricted() {
    }

    /**
     * A decision for a restricted client (any outcome).
     *
     * @param decision the decision
     * @param device   the identified device with its client and registration
     * @param facts    the request
     */
    default void restricted(Decision decision, DeviceEntry device, RequestFacts facts) {
    }

    /** A cached decision was served ({@code hit}) or had to be computed. */
    default void cache(boolean hit) {
    }
}
