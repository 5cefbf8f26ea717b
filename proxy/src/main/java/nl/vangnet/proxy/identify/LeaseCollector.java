package nl.vangnet.proxy.identify;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Accumulates the entries of one or more lease files in file order: a later entry for an address replaces an
 * earlier one, and an entry that is not an active Ethernet lease removes it. Counts malformed lines or blocks and
 * keeps the first {@value #MAX_PROBLEMS} descriptions. Not thread-safe: one per read.
 */
final class LeaseCollector {
    /** How many problem descriptions are kept; the count goes on beyond it. */
    static final int MAX_PROBLEMS = 10;

    private final Map<InetAddress, Lease> leases = new HashMap<>();
    private final List<String> problems = new ArrayList<>();
    private int malformed;

    /** An active lease for its address, replacing any earlier entry. */
    void lease(Lease lease) {
        leases.put(lease.address(), lease);
    }

    /** The last entry for {@code address} is not an active lease with an Ethernet MAC address. */
    void noLease(InetAddress address) {
        leases.remove(address);
    }

    /**
     * A line or block that could not be read.
     *
     * @param file   the file name
     * @param line   the 1-based line number (of the block's first line for a block)
     * @param reason what is wrong, without any of the line's content
     */
    void malformed(String file, long line, String reason) {
        malformed++;
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(file + " line " + line + ": " + reason);
        }
    }

    ParsedLeases result(LeaseFormat format) {
        return new ParsedLeases(format, leases, malformed, problems);
    }
}
