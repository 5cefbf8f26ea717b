package nl.vangnet.proxy.identify;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The DHCP server whose lease file is read, chosen by configuration with {@link #fromName(String)}:
 * {@code dnsmasq}, {@code isc}, {@code kea} or {@code auto}.
 *
 * <p>{@code auto} looks at the first line that is not blank: a line starting with {@code address,} is a Kea header;
 * a number followed by a space, or {@code duid }, is dnsmasq; a comment ({@code #}), {@code lease },
 * {@code authoring-byte-order}, {@code server-duid}, {@code failover} or a line with a brace is ISC dhcpd. An empty
 * file has no leases yet; anything else is refused with a {@link LeaseFileException} (name the format then).
 * Detection runs at every read, so a file that is still empty at start is recognised once it has leases.
 */
public enum LeaseFormat {
    /** dnsmasq's {@code dnsmasq.leases}. */
    DNSMASQ("dnsmasq"),
    /** ISC dhcpd's {@code dhcpd.leases}. */
    ISC("isc"),
    /**
     * Kea's memfile CSV ({@code kea-leases4.csv} or {@code kea-leases6.csv}), together with the files Kea's lease
     * file cleanup leaves beside it, read in the order Kea itself loads them: {@code <file>.completed} then the file
     * when the first exists, otherwise {@code <file>.1}, {@code <file>.2} (those present) then the file.
     */
    KEA("kea"),
    /** Detect dnsmasq, ISC or Kea from the file's first line. */
    AUTO("auto");

    private static final Pattern DNSMASQ_LINE = Pattern.compile("([0-9]+ |duid ).*");
    private static final Pattern KEA_HEADER = Pattern.compile("address\\s*,.*");
    private static final Pattern ISC_LINE =
            Pattern.compile("(#|lease |authoring-byte-order|server-duid|failover |ia-na |ia-ta |ia-pd ).*|.*[{}].*");

    private final String configName;

    LeaseFormat(String configName) {
        this.configName = configName;
    }

    /** The name used in configuration. */
    public String configName() {
        return configName;
    }

    /**
     * The format with this configuration name, in any case.
     *
     * @throws IllegalArgumentException naming the valid names, for anything else
     */
    public static LeaseFormat fromName(String name) {
        String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (LeaseFormat f : values()) {
            if (f.configName.equals(wanted)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown lease file format '" + name + "'; use one of "
                + Arrays.stream(values()).map(LeaseFormat::configName).collect(Collectors.joining(", ")));
    }

    /**
     * The files that together hold the leases for a lease file at {@code file}, in reading order, the ones that
     * exist now (for Kea also the lease file cleanup's files); {@code file} itself is always last, even if missing.
     */
    List<Path> files(Path file) {
        if (this != KEA) {
            return List.of(file);
        }
        List<Path> files = new ArrayList<>();
        Path completed = sibling(file, ".completed");
        if (Files.exists(completed)) {
            files.add(completed);
        } else {
            for (String suffix : List.of(".1", ".2")) {
                Path p = sibling(file, suffix);
                if (Files.exists(p)) {
                    files.add(p);
                }
            }
        }
        files.add(file);
        return files;
    }

    /** Every file whose change can change the leases of a lease file at {@code file}. */
    List<Path> watchedFiles(Path file) {
        if (this == DNSMASQ || this == ISC) {
            return List.of(file);
        }
        return List.of(sibling(file, ".completed"), sibling(file, ".1"), sibling(file, ".2"), file);
    }

    /** The parser of this format; {@code AUTO} has none. */
    LeaseParser parser() {
        return switch (this) {
            case DNSMASQ -> new DnsmasqLeaseParser();
            case ISC -> new IscLeaseParser();
            case KEA -> new KeaLeaseParser();
            case AUTO -> throw new IllegalStateException("detect the format first");
        };
    }

    /**
     * The format of a file whose first non-blank line is {@code firstLine}; {@code AUTO} for {@code null} (an empty
     * file).
     *
     * @throws LeaseFileException if the line fits none of the formats
     */
    static LeaseFormat detect(String firstLine, String file) throws LeaseFileException {
        if (firstLine == null) {
            return AUTO;
        }
        String s = firstLine.strip();
        if (KEA_HEADER.matcher(s).matches()) {
            return KEA;
        }
        if (DNSMASQ_LINE.matcher(s).matches()) {
            return DNSMASQ;
        }
        if (ISC_LINE.matcher(s).matches()) {
            return ISC;
        }
        throw new LeaseFileException("the format of " + file + " cannot be detected from its first line; "
                + "configure it as dnsmasq, isc or kea");
    }

    private static Path sibling(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }
}
