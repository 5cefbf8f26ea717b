package nl.vangnet.config.policy;

import java.util.Objects;
import nl.vangnet.config.model.Client;
import nl.vangnet.config.model.Profile;

/**
 * One client in a {@link PolicySnapshot}: the client, its effective policy at the snapshot's instant, and the
 * profile the proxy applies. Immutable and thread-safe.
 *
 * @param client  the client
 * @param policy  the effective policy at {@link PolicySnapshot#compiledAt()}
 * @param profile the applied profile, {@code null} when nothing is restricted. Normally present exactly when
 *                {@code policy.restricted()}; if the data names a profile that does not exist, it is {@code null}
 *                and the client is left unrestricted (default open), with a problem in
 *                {@link PolicySnapshot#problems()}
 */
public record ClientEntry(Client client, ClientPolicy policy, Profile profile) {
    public ClientEntry {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(policy, "policy");
    }

    /** Whether the proxy restricts this client: a profile applies. */
    public boolean restricted() {
        return profile != null;
    }
}
