package nl.vangnet.config.policy;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import nl.vangnet.config.model.Client;
import nl.vangnet.config.model.Device;
import nl.vangnet.config.model.Profile;
import nl.vangnet.config.model.Registration;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.store.PolicyData;

/**
 * Compiles {@link PolicyData} into a {@link PolicySnapshot} at one instant: every client's policy via
 * {@link EffectivePolicy#forClient}, every device lookup precomputed, and {@code validUntil} as the earliest
 * {@link ClientPolicy#nextChange()} of all clients ({@link Instant#MAX} if none).
 *
 * <p>Never fails because of one bad record, since a failed compile would keep an old snapshot and so keep applying
 * restrictions that have lapsed or were withdrawn. Inconsistent input is worked around <em>default open</em> and
 * reported in {@link PolicySnapshot#problems()}:
 * <ul>
 *   <li>a duplicate client, device or profile id: the first one is kept;</li>
 *   <li>a device or registration of an unknown client: left out;</li>
 *   <li>a registration without a start or end date: left out;</li>
 *   <li>an active registration whose profile does not exist: the client is left unrestricted;</li>
 *   <li>an IP address that is not a literal, or a MAC address that is not 12 hex digits: not indexed;</li>
 *   <li>an IP address, MAC address or proxy user name claimed by two devices: indexed for neither (traffic from
 *       it is unrestricted, since it cannot be told whose it is).</li>
 * </ul>
 * The store's validation and constraints prevent all of these; the list is empty for data it wrote.
 *
 * <p>Stateless and thread-safe.
 */
public final class SnapshotCompiler {
    private SnapshotCompiler() {
    }

    /**
     * Compiles {@code data} as the state at {@code at}.
     *
     * @param version the publisher's version for the snapshot
     */
    public static PolicySnapshot compile(PolicyData data, long version, Instant at, Limits limits) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(limits, "limits");
        List<String> problems = new ArrayList<>();

        Map<Long, Profile> profiles = new HashMap<>();
        for (Profile p : data.profiles()) {
            if (profiles.putIfAbsent(p.id(), p) != null) {
                problems.add("profile " + p.id() + " appears twice; the first is used");
            }
        }
        Map<Long, Client> clientsById = new LinkedHashMap<>();
        for (Client c : sorted(data.clients(), Comparator.comparingLong(Client::id))) {
            if (clientsById.putIfAbsent(c.id(), c) != null) {
                problems.add("client " + c.id() + " appears twice; the first is used");
            }
        }
        Map<Long, List<Registration>> registrationsByClient = new HashMap<>();
        for (Registration r : data.registrations()) {
            if (!clientsById.containsKey(r.clientId())) {
                problems.add("registration " + r.id() + " belongs to unknown client " + r.clientId()
                        + "; left out");
            } else if (r.start() == null || r.end() == null) {
                problems.add("registration " + r.id() + " has no start or end date; left out");
            } else {
                registrationsByClient.computeIfAbsent(r.clientId(), k -> new ArrayList<>()).add(r);
            }
        }

        Map<Long, ClientEntry> clientEntries = new LinkedHashMap<>();
        Instant validUntil = null;
        for (Client c : clientsById.values()) {
            ClientPolicy policy = EffectivePolicy.forClient(c.id(),
                    registrationsByClient.getOrDefault(c.id(), List.of()), at, limits);
            validUntil = EffectivePolicy.earliest(validUntil, policy.nextChange());
            Profile profile = null;
            if (policy.restricted()) {
                profile = profiles.get(policy.profileId());
                if (profile == null) {
                    problems.add("registration " + policy.registrationId() + " of client " + c.id()
                            + " applies unknown profile " + policy.profileId() + "; client left unrestricted");
                }
            }
            clientEntries.put(c.id(), new ClientEntry(c, policy, profile));
        }

        Map<Long, DeviceEntry> devicesById = new LinkedHashMap<>();
        for (Device d : sorted(data.devices(), Comparator.comparingLong(Device::id))) {
            ClientEntry owner = clientEntries.get(d.clientId());
            if (owner == null) {
                problems.add("device " + d.id() + " belongs to unknown client " + d.clientId() + "; left out");
            } else if (devicesById.putIfAbsent(d.id(), new DeviceEntry(d, owner)) != null) {
                problems.add("device " + d.id() + " appears twice; the first is used");
            }
        }
        Index<InetAddress> byAddress = new Index<>("IP address");
        Index<String> byMac = new Index<>("MAC address");
        Index<String> byUser = new Index<>("proxy user name");
        for (DeviceEntry e : devicesById.values()) {
            Device d = e.device();
            for (String ip : d.ipAddresses()) {
                Optional<InetAddress> address = Addresses.parseLiteral(ip);
                if (address.isPresent()) {
                    byAddress.add(address.get(), e);
                } else {
                    problems.add("device " + d.id() + ": '" + ip + "' is not an IP address literal; ignored");
                }
            }
            for (String mac : d.macAddresses()) {
                Optional<String> normalised = Addresses.normaliseMac(mac);
                if (normalised.isPresent()) {
                    byMac.add(normalised.get(), e);
                } else {
                    problems.add("device " + d.id() + ": '" + mac + "' is not a MAC address; ignored");
                }
            }
            if (d.proxyUsername() != null) {
                byUser.add(d.proxyUsername(), e);
            }
        }

        return new PolicySnapshot(version, data.dataVersion(), at, validUntil == null ? Instant.MAX : validUntil,
                clientEntries, devicesById, byAddress.unique(problems), byMac.unique(problems),
                byUser.unique(problems), new ArrayList<>(clientEntries.values()),
                new ArrayList<>(devicesById.values()), problems);
    }

    private static <T> List<T> sorted(List<T> in, Comparator<T> order) {
        List<T> out = new ArrayList<>(in);
        out.sort(order);
        return out;
    }

    /** Collects key → devices, then keeps only the keys claimed by exactly one device. */
    private static final class Index<K> {
        private final String what;
        private final Map<K, Set<DeviceEntry>> claims = new LinkedHashMap<>();

        Index(String what) {
            this.what = what;
        }

        void add(K key, DeviceEntry entry) {
            claims.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(entry);
        }

        Map<K, DeviceEntry> unique(List<String> problems) {
            Map<K, DeviceEntry> out = new HashMap<>();
            claims.forEach((key, entries) -> {
                if (entries.size() == 1) {
                    out.put(key, entries.iterator().next());
                } else {
                    problems.add(what + " " + display(key) + " is claimed by devices "
                            + entries.stream().map(e -> String.valueOf(e.device().id())).toList()
                            + "; matched for none");
                }
            });
            return out;
        }

        private static String display(Object key) {
            return key instanceof InetAddress a ? a.getHostAddress() : key.toString();
        }
    }
}
