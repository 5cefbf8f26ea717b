package nl.vangnet.app.admintls;

import java.io.IOException;
import java.net.IDN;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names and addresses in the self-signed certificate's subjectAltName ({@code admin.tls-hostnames}): parsing,
 * normalising (lower case, IDN as punycode, IP addresses in their canonical form) and the defaults. Never resolves a
 * name. Stateless and thread-safe.
 */
public final class HostNames {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Path PROC_HOSTNAME = Path.of("/proc/sys/kernel/hostname");

    private HostNames() {
    }

    /**
     * Parses a comma-separated list of DNS names and IP addresses, normalised, without duplicates, in the given order.
     *
     * @throws IllegalArgumentException naming the first entry that is neither
     */
    public static List<String> parse(String commaSeparated) {
        Set<String> out = new LinkedHashSet<>();
        for (String part : commaSeparated.split(",")) {
            String entry = part.strip();
            if (!entry.isEmpty()) {
                out.add(normalise(entry));
            }
        }
        return List.copyOf(out);
    }

    /**
     * One DNS name or IP address, normalised.
     *
     * @throws IllegalArgumentException when it is neither (wildcards are not accepted)
     */
    public static String normalise(String entry) {
        String e = entry.strip();
        if (e.startsWith("[") && e.endsWith("]")) {
            e = e.substring(1, e.length() - 1);
        }
        if (isIpLiteral(e)) {
            boolean badOctet = !e.contains(":")
                    && Arrays.stream(e.split("\\.")).anyMatch(octet -> Integer.parseInt(octet) > 255);
            if (badOctet) {
                throw new IllegalArgumentException("'" + entry + "' is not a valid IP address");
            }
            try {
                return InetAddress.getByName(e).getHostAddress(); // a literal: never looked up
            } catch (UnknownHostException ex) {
                throw new IllegalArgumentException("'" + entry + "' is not a valid IP address");
            }
        }
        String ascii;
        try {
            ascii = IDN.toASCII(e, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("'" + entry + "' is not a valid host name");
        }
        if (ascii.endsWith(".")) {
            ascii = ascii.substring(0, ascii.length() - 1);
        }
        if (ascii.isEmpty() || ascii.length() > 253) {
            throw new IllegalArgumentException("'" + entry + "' is not a valid host name");
        }
        for (String label : ascii.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("'" + entry + "' is not a host name or IP address (letters,"
                        + " digits and '-' between dots; no wildcards)");
            }
        }
        return ascii;
    }

    /** Whether a normalised entry is an IP address (else a DNS name). */
    public static boolean isIpLiteral(String entry) {
        return IPV4.matcher(entry).matches() || (entry.contains(":") && IPV6.matcher(entry).matches());
    }

    /**
     * The default names: the bind address (for a wildcard bind: the given interface addresses instead),
     * {@code localhost}, and the machine's name when known.
     *
     * @param bind               the admin API's bind address
     * @param machineName        the machine's host name, if known (see {@link #machineName()})
     * @param interfaceAddresses the machine's addresses (see {@link #interfaceAddresses()}), used for a wildcard bind
     */
    public static List<String> defaults(InetAddress bind, Optional<String> machineName,
            List<InetAddress> interfaceAddresses) {
        Set<String> out = new LinkedHashSet<>();
        if (bind.isAnyLocalAddress()) {
            for (InetAddress a : interfaceAddresses) {
                out.add(a.getHostAddress());
            }
        } else {
            out.add(bind.getHostAddress());
        }
        out.add("localhost");
        machineName.ifPresent(out::add);
        List<String> normalised = new ArrayList<>();
        for (String name : out) {
            normalised.add(normalise(stripScope(name)));
        }
        return List.copyOf(new LinkedHashSet<>(normalised));
    }

    /**
     * This machine's host name as the kernel knows it (Linux {@code /proc/sys/kernel/hostname}, else the
     * {@code HOSTNAME} or {@code COMPUTERNAME} environment variable), when it is a valid DNS name; never resolved.
     */
    public static Optional<String> machineName() {
        List<String> candidates = new ArrayList<>();
        try {
            if (Files.isReadable(PROC_HOSTNAME)) {
                candidates.add(Files.readString(PROC_HOSTNAME, StandardCharsets.US_ASCII).strip());
            }
        } catch (IOException e) {
            // fall back to the environment
        }
        Map<String, String> env = System.getenv();
        candidates.add(env.getOrDefault("HOSTNAME", ""));
        candidates.add(env.getOrDefault("COMPUTERNAME", ""));
        for (String c : candidates) {
            if (!c.isBlank() && !isIpLiteral(c)) {
                try {
                    return Optional.of(normalise(c));
                } catch (IllegalArgumentException e) {
                    // not a DNS name: try the next
                }
            }
        }
        return Optional.empty();
    }

    /** The addresses of this machine's interfaces that are up, without link-local addresses; loopback first. */
    public static List<InetAddress> interfaceAddresses() {
        List<InetAddress> loopback = new ArrayList<>();
        List<InetAddress> others = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp()) {
                    continue;
                }
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (a.isLinkLocalAddress()) {
                        continue;
                    }
                    (a.isLoopbackAddress() ? loopback : others).add(a);
                }
            }
        } catch (SocketException e) {
            // no interface list: the names alone remain
        }
        loopback.addAll(others);
        return loopback;
    }

    private static String stripScope(String address) {
        int percent = address.indexOf('%');
        return percent < 0 ? address : address.substring(0, percent);
    }
}
