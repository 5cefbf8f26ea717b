package nl.vangnet.app.firewall;

import java.io.IOException;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nl.vangnet.proxy.net.Cidr;

/**
 * The addresses of known public DNS-over-HTTPS and DNS-over-TLS resolvers, which the nftables rules drop for
 * restricted devices (an encrypted resolver would let a device bypass name-based filtering of DNS). Read from a
 * list file ({@code firewall.doh-endpoints}, shipped as {@code config/firewall/doh-endpoints.txt}): one IPv4 or
 * IPv6 address or CIDR range a line, {@code #} starts a comment, blank lines are ignored. Immutable and
 * thread-safe.
 *
 * @param ranges the ranges in file order (single addresses as /32 or /128), duplicates kept
 */
public record DohEndpoints(List<Cidr> ranges) {
    /** No endpoints (no list configured). */
    public static final DohEndpoints NONE = new DohEndpoints(List.of());

    public DohEndpoints {
        ranges = List.copyOf(ranges);
    }

    /**
     * Reads a list file.
     *
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException for a line that is not an address or range, naming the file and line number
     */
    public static DohEndpoints read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Cidr> ranges = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String text = (hash < 0 ? line : line.substring(0, hash)).strip();
            if (text.isEmpty()) {
                continue;
            }
            try {
                ranges.add(Cidr.parse(text));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new DohEndpoints(ranges);
    }

    /** The IPv4 ranges, in file order. */
    public List<Cidr> v4() {
        return ranges.stream().filter(c -> c.network() instanceof Inet4Address).toList();
    }

    /** The IPv6 ranges, in file order. */
    public List<Cidr> v6() {
        return ranges.stream().filter(c -> !(c.network() instanceof Inet4Address)).toList();
    }
}
