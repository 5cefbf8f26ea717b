package nl.vangnet.config.policy;

import java.util.Objects;
import nl.vangnet.config.model.Device;

/**
 * One device in a {@link PolicySnapshot}, with the entry of the client it belongs to. Immutable and thread-safe.
 *
 * @param device the device
 * @param client the owning client's entry (its policy and applied profile)
 */
public record DeviceEntry(Device device, ClientEntry client) {
    public DeviceEntry {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(client, "client");
    }

    /** Whether the proxy restricts traffic from this device. */
    public boolean restricted() {
        return client.restricted();
    }

    /**
     * The stored hash of the device's proxy password, to check Basic-auth credentials against; {@code null} when
     * the device has no password (then no credentials match).
     */
    public String proxyPasswordHash() {
        return device.proxyPasswordHash();
    }
}
