package nl.vangnet.proxy.identify;

import java.util.Objects;
import nl.vangnet.config.policy.DeviceEntry;

/**
 * An identified device and how it was identified. Immutable.
 *
 * @param device the device with its client's entry
 * @param via    how it was identified
 */
public record ClientMatch(DeviceEntry device, Via via) {
    public ClientMatch {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(via, "via");
    }

    /** How a device was identified. */
    public enum Via {
        /** Proxy credentials (Basic auth) that verified against the device's password hash. */
        PROXY_AUTH("proxy-auth"),
        /** The source address is one of the device's fixed IP addresses. */
        IP("ip"),
        /** The DHCP lease table maps the source address to one of the device's MAC addresses. */
        MAC("mac");

        private final String label;

        Via(String label) {
            this.label = label;
        }

        /** Short lower-case label used in traces and metrics. */
        public String label() {
            return label;
        }
    }
}
