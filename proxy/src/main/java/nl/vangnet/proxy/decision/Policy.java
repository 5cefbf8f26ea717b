package nl.vangnet.proxy.decision;

/**
 * The proxy's one decision point. Knows nothing about sockets; the listener adapters build {@link RequestFacts}
 * and carry out the returned {@link Decision}.
 *
 * <p>Implementations are thread-safe, never return {@code null} and never throw for any well-formed facts;
 * they never touch the database or the disk.
 */
@FunctionalInterface
public interface Policy {

    /** The decision for this request. */
    Decision decide(RequestFacts facts);
}
