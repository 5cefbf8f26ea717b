package nl.vangnet.config.policy;

import java.time.Instant;
import nl.vangnet.config.model.Registration;
import nl.vangnet.config.rules.Limits;

/** CONTRACT SKELETON — being implemented by the policy helper. */
public final class EffectivePolicy {
    private EffectivePolicy() {
    }

    public static RegistrationState stateOf(Registration r, Instant at, Limits limits) {
        throw new IllegalStateException("not yet implemented");
    }
}
