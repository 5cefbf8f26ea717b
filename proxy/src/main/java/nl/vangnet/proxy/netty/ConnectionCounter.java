package nl.vangnet.proxy.netty;

import java.net.InetAddress;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts open client connections per client address and in total, and admits a new one only while both stay within
 * their limits. A refused connection is not counted. Keeps an address only while it has open connections; nothing is
 * logged. Thread-safe (lock-free).
 */
public final class ConnectionCounter {

    /** Whether a new connection may be served. */
    public enum Admission {
        ADMITTED,
        /** The client address has {@code maxPerClient} open connections already: answer 429. */
        CLIENT_LIMIT,
        /** The proxy has {@code maxTotal} open connections already: answer 503. */
        TOTAL_LIMIT
    }

    private final int maxPerClient;
    private final int maxTotal;
    private final ConcurrentHashMap<InetAddress, Integer> perClient = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();

    public ConnectionCounter(int maxPerClient, int maxTotal) {
        if (maxPerClient < 1 || maxTotal < 1) {
            throw new IllegalArgumentException("connection limits must be positive");
        }
        this.maxPerClient = maxPerClient;
        this.maxTotal = maxTotal;
    }

    /** Counts a new connection from {@code client} if it is within the limits; call {@link #release} when it closes. */
    public Admission acquire(InetAddress client) {
        Objects.requireNonNull(client, "client");
        if (total.incrementAndGet() > maxTotal) {
            total.decrementAndGet();
            return Admission.TOTAL_LIMIT;
        }
        boolean[] admitted = {false};
        perClient.compute(client, (k, n) -> {
            int open = n == null ? 0 : n;
            if (open >= maxPerClient) {
                return n;
            }
            admitted[0] = true;
            return open + 1;
        });
        if (!admitted[0]) {
            total.decrementAndGet();
            return Admission.CLIENT_LIMIT;
        }
        return Admission.ADMITTED;
    }

    /** Forgets an admitted connection of {@code client}. */
    public void release(InetAddress client) {
        perClient.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
        total.decrementAndGet();
    }

    /** Open admitted connections in total. */
    public int open() {
        return total.get();
    }

    /** Open admitted connections of {@code client}. */
    public int open(InetAddress client) {
        return perClient.getOrDefault(client, 0);
    }

    /** How many client addresses have open connections. */
    public int clients() {
        return perClient.size();
    }
}
