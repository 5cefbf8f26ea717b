package nl.vangnet.proxy.page;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the outcome of every "Mijn afspraken" page served. Thread-safe. */
public final class RecordingAgreementsMetrics implements AgreementsMetrics {
    private final List<Outcome> served = new CopyOnWriteArrayList<>();

    @Override
    public void served(Outcome outcome) {
        served.add(outcome);
    }

    /** The outcomes so far, oldest first. */
    public List<Outcome> served() {
        return List.copyOf(served);
    }
}
