package nl.vangnet.config.policy;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The compiled policy the proxy reads: every client's effective policy at one instant, with every device lookup
 * precomputed (fixed IP address, MAC address, proxy user name, device id → device → client → applied profile).
 * Made by {@link SnapshotCompiler}, published by {@link SnapshotPublisher}.
 *
 * <p>Unknown addresses, MACs and user names give {@link Optional#empty()}: the proxy treats such traffic as
 * unrestricted (default open). A snapshot is correct for instants in {@code [compiledAt, validUntil)}; from
 * {@link #validUntil()} on (or if the clock goes back before {@link #compiledAt()}) it must be recompiled
 * ({@link #isValidAt(Instant)}).
 *
 * <p>Immutable and thread-safe; lookups are hash-map reads and never touch a database or the disk.
 */
public final class PolicySnapshot {
    private final long version;
    private final long dataVersion;
    private final Instant compiledAt;
    private final Instant validUntil;
    private final Map<Long, ClientEntry> clientsById;
    private final Map<Long, DeviceEntry> devicesById;
    private final Map<InetAddress, DeviceEntry> byAddress;
    private final Map<String, DeviceEntry> byMac;
    private final Map<String, DeviceEntry> byProxyUser;
    private final List<ClientEntry> clients;
    private final List<DeviceEntry> entries;
    private final List<String> problems;
    private final int restrictedClients;

    PolicySnapshot(long version, long dataVersion, Instant compiledAt, Instant validUntil,
            Map<Long, ClientEntry> clientsById, Map<Long, DeviceEntry> devicesById,
            Map<InetAddress, DeviceEntry> byAddress, Map<String, DeviceEntry> byMac,
            Map<String, DeviceEntry> byProxyUser, List<ClientEntry> clients, List<DeviceEntry> entries,
            List<String> problems) {
        this.version = version;
        this.dataVersion = dataVersion;
        this.compiledAt = Objects.requireNonNull(compiledAt, "compiledAt");
        this.validUntil = Objects.requireNonNull(validUntil, "validUntil");
        this.clientsById = Map.copyOf(clientsById);
        this.devicesById = Map.copyOf(devicesById);
        this.byAddress = Map.copyOf(byAddress);
        this.byMac = Map.copyOf(byMac);
        this.byProxyUser = Map.copyOf(byProxyUser);
        this.clients = List.copyOf(clients);
        this.entries = List.copyOf(entries);
        this.problems = List.copyOf(problems);
        this.restrictedClients = (int) this.clients.stream().filter(ClientEntry::restricted).count();
    }

    /** The publisher's version of this snapshot: 0 for the initial empty one, increasing with every publication. */
    public long version() {
        return version;
    }

    /** The version of the data it was compiled from ({@code PolicyData.dataVersion()}). */
    public long dataVersion() {
        return dataVersion;
    }

    /** The instant the policies were evaluated at. */
    public Instant compiledAt() {
        return compiledAt;
    }

    /**
     * The earliest instant after {@link #compiledAt()} at which any client's policy can change by the clock alone
     * (a start, step, lapse, end, stop, withdrawal or evaluation-warning boundary); {@link Instant#MAX} if none.
     */
    public Instant validUntil() {
        return validUntil;
    }

    /** Whether this snapshot is correct at {@code now}: {@code compiledAt <= now < validUntil}. */
    public boolean isValidAt(Instant now) {
        return !now.isBefore(compiledAt) && now.isBefore(validUntil);
    }

    /**
     * The device with this fixed IP address. IPv4-mapped IPv6 addresses ({@code ::ffff:a.b.c.d}) match the IPv4
     * address; host names and IPv6 scopes are ignored.
     */
    public Optional<DeviceEntry> forAddress(InetAddress address) {
        if (address == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(byAddress.get(Addresses.canonical(address)));
    }

    /** The device with this MAC address, in any case and with {@code :}, {@code -}, {@code .} or no separators. */
    public Optional<DeviceEntry> forMac(String mac) {
        return Addresses.normaliseMac(mac).map(byMac::get);
    }

    /** The device with this proxy user name (exact, case-sensitive match), for Basic auth. */
    public Optional<DeviceEntry> forProxyUser(String username) {
        return username == null ? Optional.empty() : Optional.ofNullable(byProxyUser.get(username.strip()));
    }

    /** The device with this id. */
    public Optional<DeviceEntry> forDevice(long deviceId) {
        return Optional.ofNullable(devicesById.get(deviceId));
    }

    /** The client with this id. */
    public Optional<ClientEntry> forClient(long clientId) {
        return Optional.ofNullable(clientsById.get(clientId));
    }

    /** Every client, by ascending id. */
    public List<ClientEntry> clients() {
        return clients;
    }

    /** Every device that could be attached to its client, by ascending id. */
    public List<DeviceEntry> entries() {
        return entries;
    }

    /** How many clients are restricted (for the metrics and the review page). */
    public int restrictedCount() {
        return restrictedClients;
    }

    /**
     * Inconsistencies in the input that the compiler worked around, default open (an unknown client, a duplicate or
     * unparsable address, a missing profile, ...); empty for data the store wrote. One plain-English line each.
     */
    public List<String> problems() {
        return problems;
    }

    @Override
    public String toString() {
        return "PolicySnapshot[version=" + version + ", dataVersion=" + dataVersion + ", compiledAt=" + compiledAt
                + ", validUntil=" + validUntil + ", clients=" + clients.size() + ", devices=" + entries.size()
                + ", restricted=" + restrictedClients + ", problems=" + problems.size() + "]";
    }
}
