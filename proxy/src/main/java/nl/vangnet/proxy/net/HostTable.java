package nl.vangnet.proxy.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A fixed {@link NameResolver}: a table of names to addresses, like a hosts file. IP literals resolve to themselves;
 * every other name fails with {@link UnknownHostException}. Never touches DNS, so tests configured with it can never
 * reach a real host. Names are matched case-insensitively, a trailing dot ignored. Immutable and thread-safe.
 */
public final class HostTable implements NameResolver {
    private final Map<String, List<InetAddress>> entries;

    private HostTable(Map<String, List<InetAddress>> entries) {
        this.entries = Map.copyOf(entries);
    }

    /** A builder for a table. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        Objects.requireNonNull(host, "host");
        var literal = IpLiterals.parse(host);
        if (literal.isPresent()) {
            return List.of(literal.get());
        }
        List<InetAddress> addresses = entries.get(normalise(host));
        if (addresses == null) {
            throw new UnknownHostException("not in the host table: " + host);
        }
        return addresses;
    }

    private static String normalise(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    /** Collects entries; not thread-safe. */
    public static final class Builder {
        private final Map<String, List<InetAddress>> entries = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Maps {@code name} to {@code addresses} (IP literals, in preference order), replacing an earlier entry.
         *
         * @throws IllegalArgumentException when the name is blank or an address is not an IP literal
         */
        public Builder put(String name, String... addresses) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("host table name must not be blank");
            }
            if (addresses.length == 0) {
                throw new IllegalArgumentException("host table entry " + name + " needs at least one address");
            }
            List<InetAddress> list = new ArrayList<>();
            for (String a : addresses) {
                list.add(IpLiterals.parse(a).orElseThrow(() -> new IllegalArgumentException(
                        "host table entry " + name + ": not an IP address: '" + a + "'")));
            }
            entries.put(normalise(name), List.copyOf(list));
            return this;
        }

        public HostTable build() {
            return new HostTable(entries);
        }
    }
}
