package nl.vangnet.proxy.identify;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of reading a lease file: the lease of every address (the last entry for an address wins; addresses
 * whose last entry is not an active lease with an Ethernet MAC address are left out), and what could not be read.
 * Leases that have already ended are kept: a {@link LeaseTable} ignores them at lookup time. Immutable;
 * {@link #toString()} shows counts only.
 *
 * @param format    the format the file was read in (the detected one when {@link LeaseFormat#AUTO} was asked;
 *                  {@code AUTO} itself only for an empty file)
 * @param leases    lease by canonical address
 * @param malformed how many lines (dnsmasq, Kea) or blocks (ISC) were skipped because they could not be read
 * @param problems  the first few of those, one line each, with the file name and line number, never with client
 *                  data (no addresses, no host names)
 */
public record ParsedLeases(LeaseFormat format, Map<InetAddress, Lease> leases, int malformed,
        List<String> problems) {
    public ParsedLeases {
        Objects.requireNonNull(format, "format");
        leases = Map.copyOf(leases);
        problems = List.copyOf(problems);
        if (malformed < problems.size()) {
            throw new IllegalArgumentException("malformed count " + malformed + " is below the "
                    + problems.size() + " problems reported");
        }
    }

    /** Counts only: the leases are client data. */
    @Override
    public String toString() {
        return "ParsedLeases[format=" + format.configName() + ", leases=" + leases.size() + ", malformed="
                + malformed + "]";
    }

    /** No leases, nothing malformed. */
    public static ParsedLeases empty(LeaseFormat format) {
        return new ParsedLeases(format, Map.of(), 0, List.of());
    }
}
