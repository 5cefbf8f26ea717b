package nl.vangnet.proxy.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether the proxy may connect to a destination, so that it is never a relay into the inside network.
 * The host is resolved through a {@link NameResolver} (IP literals are parsed, never looked up), and <em>every</em>
 * resolved address is checked: if any one is loopback, unspecified, link-local, private (RFC 1918, {@code fc00::/7}),
 * CGNAT ({@code 100.64/10}), multicast, broadcast, reserved ({@code 240/4}) or one of the machine's own addresses,
 * the destination is refused — a name that mixes public and inside addresses is suspect (DNS rebinding). IPv6
 * addresses that embed an IPv4 address (IPv4-compatible {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::/96}, 6to4
 * {@code 2002::/16}) are checked by the embedded address too. Addresses inside one of the allowed ranges pass these
 * checks (test and lab setups), but the proxy's own listener port on a local address is refused always.
 *
 * <p>A permitted destination comes with the address to connect to (the first resolved one), so that the proxy
 * connects exactly to the address that was checked, and with every resolved (and checked) address, so that transparent
 * mode can tell whether a connection's original destination belongs to the name it claims. Thread-safe; {@link #check} may block on DNS.
 */
public final class DestinationGuard {
    private static final Map<Cidr, Refusal> RANGES = ranges();
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

    private final NameResolver resolver;
    private final List<Cidr> allowed;
    private final Set<InetAddress> ownAddresses;

    /**
     * @param resolver     resolves names ({@link NameResolver#SYSTEM} in production)
     * @param allowed      ranges exempt from the inside-network checks (not from the own-listener check)
     * @param ownAddresses this machine's addresses (see {@link #interfaceAddresses()})
     */
    public DestinationGuard(NameResolver resolver, List<Cidr> allowed, Set<InetAddress> ownAddresses) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.allowed = List.copyOf(allowed);
        this.ownAddresses = Set.copyOf(ownAddresses);
    }

    /** The addresses of all network interfaces of this machine (empty when they cannot be listed). */
    public static Set<InetAddress> interfaceAddresses() {
        Set<InetAddress> result = new HashSet<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    result.add(withoutScope(a));
                }
            }
        } catch (SocketException e) {
            return Set.of();
        }
        return result;
    }

    /**
     * Checks the destination {@code host:port}.
     *
     * @param host     a name or IP literal (IPv6 with or without brackets)
     * @param port     the destination port
     * @param listener the proxy listener's local endpoint the request arrived on (its port is refused on every local
     *                 address)
     * @return where to connect, or why not
     */
    public Verdict check(String host, int port, InetSocketAddress listener) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(listener, "listener");
        List<InetAddress> addresses;
        Optional<InetAddress> literal = IpLiterals.parse(host);
        if (literal.isPresent()) {
            addresses = List.of(literal.get());
        } else if (host.isEmpty()) {
            return new Verdict.Refused(Refusal.UNRESOLVABLE);
        } else {
            try {
                addresses = resolver.resolve(host);
            } catch (UnknownHostException | RuntimeException e) {
                return new Verdict.Refused(Refusal.UNRESOLVABLE);
            }
            if (addresses == null || addresses.isEmpty()) {
                return new Verdict.Refused(Refusal.UNRESOLVABLE);
            }
        }
        for (InetAddress raw : addresses) {
            InetAddress address = withoutScope(raw);
            Optional<Refusal> refusal = refusal(address, port, listener);
            if (refusal.isPresent()) {
                return new Verdict.Refused(refusal.get());
            }
        }
        return new Verdict.Permitted(new InetSocketAddress(addresses.get(0), port), addresses);
    }

    private Optional<Refusal> refusal(InetAddress address, int port, InetSocketAddress listener) {
        if (port == listener.getPort() && isLocal(address, listener)) {
            return Optional.of(Refusal.OWN_LISTENER);
        }
        for (Cidr range : allowed) {
            if (range.contains(address)) {
                return Optional.empty();
            }
        }
        Optional<Refusal> special = classify(address);
        if (special.isPresent()) {
            return special;
        }
        return ownAddresses.contains(address) ? Optional.of(Refusal.OWN_ADDRESS) : Optional.empty();
    }

    private boolean isLocal(InetAddress address, InetSocketAddress listener) {
        return address.isLoopbackAddress() || address.isAnyLocalAddress() || ownAddresses.contains(address)
                || address.equals(listener.getAddress());
    }

    /** The inside-network class of {@code address}, or empty for an ordinary public address. */
    public static Optional<Refusal> classify(InetAddress address) {
        for (Map.Entry<Cidr, Refusal> e : RANGES.entrySet()) {
            if (e.getKey().contains(address)) {
                return Optional.of(e.getValue());
            }
        }
        return embeddedIpv4(address).flatMap(DestinationGuard::classify);
    }

    private static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address v6)) {
            return Optional.empty();
        }
        byte[] b = v6.getAddress();
        byte[] v4;
        if (v6.isIPv4CompatibleAddress() || NAT64.contains(v6)) {
            v4 = new byte[] {b[12], b[13], b[14], b[15]};
        } else if (SIX_TO_FOUR.contains(v6)) {
            v4 = new byte[] {b[2], b[3], b[4], b[5]};
        } else {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(v4));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes are always a valid IPv4 address", e);
        }
    }

    private static InetAddress withoutScope(InetAddress a) {
        if (a instanceof Inet6Address v6 && (v6.getScopeId() != 0 || v6.getScopedInterface() != null)) {
            try {
                return InetAddress.getByAddress(v6.getAddress());
            } catch (UnknownHostException e) {
                throw new IllegalStateException("16 bytes are always a valid IPv6 address", e);
            }
        }
        return a;
    }

    private static Map<Cidr, Refusal> ranges() {
        Map<Cidr, Refusal> m = new LinkedHashMap<>();
        m.put(Cidr.parse("0.0.0.0/8"), Refusal.UNSPECIFIED);
        m.put(Cidr.parse("127.0.0.0/8"), Refusal.LOOPBACK);
        m.put(Cidr.parse("169.254.0.0/16"), Refusal.LINK_LOCAL);
        m.put(Cidr.parse("10.0.0.0/8"), Refusal.PRIVATE);
        m.put(Cidr.parse("172.16.0.0/12"), Refusal.PRIVATE);
        m.put(Cidr.parse("192.168.0.0/16"), Refusal.PRIVATE);
        m.put(Cidr.parse("100.64.0.0/10"), Refusal.CGNAT);
        m.put(Cidr.parse("224.0.0.0/4"), Refusal.MULTICAST);
        m.put(Cidr.parse("255.255.255.255/32"), Refusal.BROADCAST);
        m.put(Cidr.parse("240.0.0.0/4"), Refusal.RESERVED);
        m.put(Cidr.parse("::/128"), Refusal.UNSPECIFIED);
        m.put(Cidr.parse("::1/128"), Refusal.LOOPBACK);
        m.put(Cidr.parse("fe80::/10"), Refusal.LINK_LOCAL);
        m.put(Cidr.parse("fc00::/7"), Refusal.PRIVATE);
        m.put(Cidr.parse("fec0::/10"), Refusal.PRIVATE);
        m.put(Cidr.parse("ff00::/8"), Refusal.MULTICAST);
        return Collections.unmodifiableMap(m);
    }

    /** The outcome of {@link #check}. */
    public sealed interface Verdict permits Verdict.Permitted, Verdict.Refused {

        /**
         * Connect to {@code address} (resolved, checked).
         *
         * @param address the address to connect to: the first resolved one, with the port
         * @param all     every address the host resolved to, all checked, in preference order (starts with
         *                {@code address}'s)
         */
        record Permitted(InetSocketAddress address, List<InetAddress> all) implements Verdict {
            public Permitted {
                Objects.requireNonNull(address, "address");
                if (address.isUnresolved()) {
                    throw new IllegalArgumentException("a permitted address must be resolved");
                }
                all = List.copyOf(all);
                if (all.isEmpty()) {
                    throw new IllegalArgumentException("a permitted destination has at least one address");
                }
            }

            /** A destination with one address. */
            public Permitted(InetSocketAddress address) {
                this(address, List.of(Objects.requireNonNull(address, "address").getAddress()));
            }
        }

        /** Do not connect. */
        record Refused(Refusal refusal) implements Verdict {
            public Refused {
                Objects.requireNonNull(refusal, "refusal");
            }
        }
    }
}
