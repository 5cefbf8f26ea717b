package nl.vangnet.proxy.net;

/** Why the {@link DestinationGuard} refused a destination. */
public enum Refusal {
    /** The name does not resolve (or resolves to nothing). Answered with 502, not a safety refusal. */
    UNRESOLVABLE,
    /** {@code 0.0.0.0/8} or {@code ::}. */
    UNSPECIFIED,
    /** {@code 127.0.0.0/8} or {@code ::1}. */
    LOOPBACK,
    /** {@code 169.254.0.0/16} or {@code fe80::/10}. */
    LINK_LOCAL,
    /** RFC 1918 ({@code 10/8}, {@code 172.16/12}, {@code 192.168/16}), {@code fc00::/7} or {@code fec0::/10}. */
    PRIVATE,
    /** Shared address space for carrier-grade NAT, {@code 100.64.0.0/10}. */
    CGNAT,
    /** {@code 224.0.0.0/4} or {@code ff00::/8}. */
    MULTICAST,
    /** The limited broadcast address {@code 255.255.255.255}. */
    BROADCAST,
    /** Reserved for future use, {@code 240.0.0.0/4} (without the broadcast address). */
    RESERVED,
    /** One of this machine's own interface addresses. */
    OWN_ADDRESS,
    /** The proxy's own listener (its port on one of its addresses): refused even inside the allow list. */
    OWN_LISTENER;

    /** Whether this is a safety refusal (403) rather than a name that does not resolve (502). */
    public boolean isSafety() {
        return this != UNRESOLVABLE;
    }
}
