package nl.vangnet.proxy.netty;

import io.netty.channel.Channel;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import nl.vangnet.proxy.decision.Decision;
import nl.vangnet.proxy.decision.Policy;
import nl.vangnet.proxy.decision.RequestFacts;

/**
 * The open tunnels ({@code CONNECT} in explicit mode, spliced TLS in transparent mode) of restricted clients (never those of unrestricted clients), each with the facts
 * it was allowed on, so that they can be decided again when the policy or the time changes. An entry disappears when
 * its client channel closes. Thread-safe.
 */
public final class TunnelRegistry {
    private final Map<Channel, RequestFacts> tunnels = new ConcurrentHashMap<>();

    /** Registers the tunnel on the client channel {@code client}, allowed on {@code facts}. */
    public void register(Channel client, RequestFacts facts) {
        Objects.requireNonNull(facts, "facts");
        tunnels.put(client, facts);
        client.closeFuture().addListener(f -> tunnels.remove(client));
    }

    /** Forgets the tunnel on {@code client} if it is still the one allowed on {@code facts} (it did not open). */
    public void unregister(Channel client, RequestFacts facts) {
        tunnels.remove(client, facts);
    }

    /**
     * Decides every registered tunnel again at {@code now} and closes those that are now blocked. A policy failure
     * keeps the tunnel open (default open).
     *
     * @return how many tunnels were closed
     */
    public int recheck(Policy policy, Instant now) {
        int closed = 0;
        for (Map.Entry<Channel, RequestFacts> e : tunnels.entrySet()) {
            RequestFacts was = e.getValue();
            RequestFacts facts = new RequestFacts(was.client(), was.credentials(), was.host(), was.port(), was.kind(),
                    was.path(), now);
            Decision decision;
            try {
                decision = policy.decide(facts);
            } catch (RuntimeException ex) {
                continue;
            }
            if (decision instanceof Decision.Block) {
                tunnels.remove(e.getKey());
                e.getKey().close();
                closed++;
            }
        }
        return closed;
    }

    /** How many tunnels are registered. */
    public int size() {
        return tunnels.size();
    }
}
