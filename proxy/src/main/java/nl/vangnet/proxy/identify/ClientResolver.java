package nl.vangnet.proxy.identify;

import java.net.InetAddress;
import java.util.Optional;
import nl.vangnet.config.policy.PolicySnapshot;
import nl.vangnet.proxy.decision.ProxyCredentials;

/**
 * Finds the registered device behind a request, in this order: valid proxy credentials (Basic auth, the
 * device's user name and password), the source IP address (a device's fixed address), the MAC address that the
 * DHCP lease table gives for the source address. Credentials that do not verify are ignored (identification
 * falls back to the address), so a wrong password never widens or narrows anything by itself.
 *
 * <p>Implementations are thread-safe and fast (password hashes are verified once per credentials and snapshot,
 * then cached); they never touch the database.
 */
@FunctionalInterface
public interface ClientResolver {

    /**
     * The device, or empty for an unknown client (who is then unrestricted).
     *
     * @param snapshot    the policy snapshot to look devices up in
     * @param address     the client's source address
     * @param credentials credentials as sent, or {@code null}
     */
    Optional<ClientMatch> resolve(PolicySnapshot snapshot, InetAddress address, ProxyCredentials credentials);
}
