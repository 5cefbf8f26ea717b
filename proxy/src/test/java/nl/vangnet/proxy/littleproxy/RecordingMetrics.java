package nl.vangnet.proxy.littleproxy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import nl.vangnet.proxy.decision.Kind;
import nl.vangnet.proxy.net.Refusal;

/** Counts every metrics call by a readable key, e.g. {@code blocked:HTTP}. Thread-safe. */
final class RecordingMetrics implements ListenerMetrics {
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    int count(String key) {
        AtomicInteger c = counts.get(key);
        return c == null ? 0 : c.get();
    }

    private void add(String key, int n) {
        counts.computeIfAbsent(key, k -> new AtomicInteger()).addAndGet(n);
    }

    @Override
    public void forwarded(Kind kind, boolean rerouted) {
        add("forwarded:" + kind + (rerouted ? ":rerouted" : ""), 1);
    }

    @Override
    public void blocked(Kind kind) {
        add("blocked:" + kind, 1);
    }

    @Override
    public void destinationRefused(Refusal refusal) {
        add("refused:" + refusal, 1);
    }

    @Override
    public void rejected(Rejection rejection) {
        add("rejected:" + rejection, 1);
    }

    @Override
    public void pacServed() {
        add("pac", 1);
    }

    @Override
    public void tunnelsClosed(int count) {
        add("tunnelsClosed", count);
    }

    @Override
    public void policyFailed() {
        add("policyFailed", 1);
    }
}
