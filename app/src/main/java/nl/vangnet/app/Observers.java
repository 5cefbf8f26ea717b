package nl.vangnet.app;

import nl.vangnet.config.policy.DeviceEntry;
import nl.vangnet.proxy.decision.Decision;
import nl.vangnet.proxy.decision.DecisionObserver;
import nl.vangnet.proxy.decision.RequestFacts;

/** Combines decision observers. Stateless; the combined observer is as thread-safe as its parts. */
final class Observers {
    private Observers() {
    }

    /** An observer that tells {@code first}, then {@code second}. */
    static DecisionObserver both(DecisionObserver first, DecisionObserver second) {
        return new DecisionObserver() {
            @Override
            public void unrestricted() {
                first.unrestricted();
                second.unrestricted();
            }

            @Override
            public void restricted(Decision decision, DeviceEntry device, RequestFacts facts) {
                first.restricted(decision, device, facts);
                second.restricted(decision, device, facts);
            }

            @Override
            public void cache(boolean hit) {
                first.cache(hit);
                second.cache(hit);
            }
        };
    }
}
