package nl.vangnet.proxy.decision;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import nl.vangnet.config.policy.DeviceEntry;

/** A {@link DecisionObserver} that remembers every call. Thread-safe. */
final class RecordingObserver implements DecisionObserver {
    record Restricted(Decision decision, DeviceEntry device, RequestFacts facts) {
    }

    final AtomicInteger unrestricted = new AtomicInteger();
    final List<Restricted> restricted = new CopyOnWriteArrayList<>();
    final List<Boolean> cache = new CopyOnWriteArrayList<>();

    @Override
    public void unrestricted() {
        unrestricted.incrementAndGet();
    }

    @Override
    public void restricted(Decision decision, DeviceEntry device, RequestFacts facts) {
        restricted.add(new Restricted(decision, device, facts));
    }

    @Override
    public void cache(boolean hit) {
        cache.add(hit);
    }

    /** The cache outcomes so far, then forgets them. */
    List<Boolean> takeCache() {
        List<Boolean> out = List.copyOf(cache);
        cache.clear();
        return out;
    }
}
