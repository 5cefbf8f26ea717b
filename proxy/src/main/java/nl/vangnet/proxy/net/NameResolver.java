package nl.vangnet.proxy.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Resolves a host name to its addresses, for the {@link DestinationGuard}. Production uses {@link #SYSTEM}; tests use
 * a {@link HostTable} so that they never resolve real names. Implementations are thread-safe; they may block (DNS).
 */
@FunctionalInterface
public interface NameResolver {

    /** The operating system's resolver ({@link InetAddress#getAllByName}), with the JVM's DNS cache. */
    NameResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    /**
     * All addresses of {@code host}, in preference order; never empty.
     *
     * @throws UnknownHostException when the name does not resolve
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** This resolver, and {@code next} for names this one does not know. */
    default NameResolver orElse(NameResolver next) {
        java.util.Objects.requireNonNull(next, "next");
        return host -> {
            try {
                return resolve(host);
            } catch (UnknownHostException e) {
                return next.resolve(host);
            }
        };
    }
}
